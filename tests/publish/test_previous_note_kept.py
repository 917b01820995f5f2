"""The previous round's note is kept between builds into one output folder (issue 14:
a rebuild after a correction skips phrasing it again), and only while the files it was
made from stay as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mededeling import pipeline
from mededeling.cli import main

CHANGES = "mededeling-wijzigingen.docx"


@pytest.mark.slow  # four builds of the small sample: CI runs it (pytest --slow)
def test_the_previous_note_comes_from_the_store_until_its_round_changes(
        small_sample, tmp_path, capsys, monkeypatch):
    inputs = tmp_path / "inputs"
    shutil.copytree(small_sample, inputs)
    current, previous = inputs / "2021-12-31", inputs / "2021-09-30"
    out = tmp_path / "uit"
    made = pipeline._previous_note
    calls: list[str] = []

    def counted(*args, **kwargs):
        calls.append("gemaakt")
        return made(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_previous_note", counted)
    assert main(["build", str(current), "--out", str(out)]) == 0
    first = (out / "2021-12-31" / CHANGES).read_bytes()
    assert calls == ["gemaakt"]
    assert list((out / ".cache" / "2021-12-31" / "vorige").rglob("*.*")) == []  # no temp files
    assert len([p for p in (out / ".cache" / "2021-12-31" / "vorige").rglob("*")
                if p.is_file()]) == 1

    # a correction to this round: the previous note from the store, the same changes file
    projects = current / "projecten.csv"
    data = projects.read_bytes()
    assert b"vooropgestelde planning." in data
    projects.write_bytes(data.replace(b"vooropgestelde planning.", b"planning, zoals gepland.", 1))
    assert main(["build", str(current), "--out", str(out)]) == 0
    assert calls == ["gemaakt"]
    assert (out / "2021-12-31" / CHANGES).read_bytes() == first

    # a correction to the previous round: made again, and as a cold build makes it
    text = previous / "teksten" / "communicatie.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    assert main(["build", str(current), "--out", str(out)]) == 0
    assert calls == ["gemaakt", "gemaakt"]
    assert (out / "2021-12-31" / CHANGES).read_bytes() != first
    assert main(["build", str(current), "--out", str(tmp_path / "koud")]) == 0
    assert ((tmp_path / "koud" / "2021-12-31" / CHANGES).read_bytes()
            == (out / "2021-12-31" / CHANGES).read_bytes())
    # the store keeps one previous note: the one made from the files as they are now
    assert len([p for p in (out / ".cache" / "2021-12-31" / "vorige").rglob("*")
                if p.is_file()]) == 1


def test_nothing_is_kept_among_the_inputs(small_sample, tmp_path, capsys):
    from mededeling.render.cache import round_store

    inputs = tmp_path / "inputs"
    shutil.copytree(small_sample, inputs)
    current = inputs / "2021-12-31"
    assert round_store(inputs / "uit", current) is None
    assert round_store(inputs, current) is None
    assert round_store(tmp_path / "uit", current) is not None
