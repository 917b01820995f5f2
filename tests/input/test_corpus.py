"""The corpus of real-world cases (corpus.py), through the command line as staff run it.

Every case gives its expected exit code and the text its first problem holds; a refused
round writes nothing; a round read with a warning gives the right figure, not a silent
wrong one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import CASES, MEETMOMENT, make
from mededeling.cli import main
from mededeling.pipeline import prepare

ROOT = Path(__file__).resolve().parents[2]


def problems_of(err: str) -> list[str]:
    return [line[4:] for line in err.splitlines() if line.startswith("  - ")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_case_is_answered_with_its_cause_first(case, tmp_path, capsys):
    folder = make(case, tmp_path)
    out = tmp_path / "out"
    code = main(["check", str(folder)])
    err = capsys.readouterr().err
    assert code == case.exit, err
    listed = problems_of(err)
    assert "Traceback" not in err and "Error" not in err and "True" not in err, err
    if case.exit == 2:
        assert listed and case.first in listed[0], err
        if case.alone:  # a file that cannot be read: its cause, and nothing that follows
            assert len(listed) == 1, err
        assert "onbekend project" not in err or "onbekend project" in case.first, err
        # a build of the same folder is refused the same way and writes nothing
        assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 2
        capsys.readouterr()
        assert not out.exists() or not any(out.iterdir())
    elif case.first:
        assert any(case.first in line for line in listed), err


def test_a_windows_1252_file_gives_the_right_text_and_figures(tmp_path):
    folder = make(next(c for c in CASES if c.name == "windows-1252"), tmp_path)
    prep = prepare(folder)
    assert "Loopt één." in [p.voortgang for p in prep.round.projects]
    assert prep.figures.projects.total == 6


@pytest.mark.parametrize("name", ["sep-regel", "kolom-hoofdletters", "werkmap"])
def test_files_read_as_meant_give_the_figures_of_the_clean_round(name, tmp_path):
    clean = prepare(make(next(c for c in CASES if c.name == "windows-1252"), tmp_path / "a"))
    prep = prepare(make(next(c for c in CASES if c.name == name), tmp_path / "b"))
    assert prep.figures.finance == clean.figures.finance
    assert prep.figures.projects.by_status == clean.figures.projects.by_status
    assert prep.figures.projects.herstelplan == clean.figures.projects.herstelplan == 2


def test_a_header_only_milestone_file_says_so_in_the_note(tmp_path):
    prep = prepare(make(next(c for c in CASES if c.name == "mijlpalen-alleen-kopregel"), tmp_path))
    assert prep.figures.milestones.total == 0


def test_warnings_come_in_the_same_order_in_every_process(tmp_path):
    """Python orders a set of strings differently per process: nothing may depend on it."""
    from roundkit import RoundSpec, write_plan, write_round

    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [(f"VV{n:03d}", "geel") for n in range(1, 30)]
    folder = write_round(inputs, RoundSpec(
        MEETMOMENT, 4, projects, [(c, "donkergroen", "2022-Q1") for c, _ in projects],
        [(c, 1_000_000, 100_000, 10_000) for c, _ in projects]))
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-m", "mededeling", "check", str(folder)],
                             capture_output=True, text=True, env=env, cwd=tmp_path)
        outputs.append(run.stderr)
    # the same list controle.html shows, in the same order whatever the process
    assert outputs[0] == outputs[1]
    assert "project VV001 is gerealiseerd (geel) maar heeft nog lopende mijlpaal: 1 (regel 2)" \
        in outputs[0]


def test_a_folder_named_after_an_impossible_date_breaks_no_page(tmp_path):
    from mededeling.web.app import create_app
    from mededeling.web.builds import Builder

    folder = make(next(c for c in CASES if c.name == "map-onmogelijke-datum"), tmp_path)
    inputs = folder.parent
    app = create_app(inputs, tmp_path / "out", Builder(inputs, tmp_path / "out"))
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get(f"/ronde/{MEETMOMENT}").status_code == 200
    page = client.get("/ronde/2021-02-30")
    assert page.status_code in (200, 404)
