"""Whole builds through the CLI: same bytes twice, markup shown as text, Dutch help."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mededeling.cli import main
from readback import docx_text, pdf_text
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

MARKUP_TITLE = 'Fietsbrug <b>"Noord"</b> & co\'s {{ titel }}'


@pytest.fixture(scope="module")
def round_dir(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("r") / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=6, rood=1, geel=1, grijs=1))
    projects[6] = ("VV007", "rood", MARKUP_TITLE)
    milestones = [(c, "geel" if s == "geel" else "donkergroen", "2021-Q4") for c, s, *_ in projects]
    milestones += [("VV001", "rood", "2022-Q2"), ("VV002", "oranje", "2023-Q1")]
    return write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, milestones,
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects],
        vorige=dict(meetmoment="2021-12-31", projecten_oranje=2, vastgelegd=120_000_000,
                    vereffend=20_000_000),
        teksten={"communicatie": "Zie <a href='http://127.0.0.1:9/x'>hier</a> & **daar**.\n",
                 "feedback": "Het comité vond *alles* in orde.\n"}))


def test_build_twice_gives_the_same_bytes(tmp_path, round_dir, capsys):
    assert main(["build", str(round_dir), "--out", str(tmp_path / "a")]) == 0
    assert main(["build", str(round_dir), "--out", str(tmp_path / "b")]) == 0
    a, b = tmp_path / "a" / "2022-04-30", tmp_path / "b" / "2022-04-30"
    names = sorted(p.name for p in a.iterdir())
    # no optional file in this round: no annex of its own (note/annex_list)
    assert names == sorted(
        [f"{n}.{ext}" for n in ("mededeling", "bijlage-1-globaal-rapport", "bijlage-2-covernota")
         for ext in ("docx", "pdf")]
        + ["controle.html", "kerncijfers.json", "kerncijfers.xlsx", "manifest.json",
           "mededeling.html"])
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    for name in ("mededeling.docx", "bijlage-1-globaal-rapport.docx", "kerncijfers.xlsx"):
        with zipfile.ZipFile(a / name) as z:
            assert {i.date_time for i in z.infolist()} == {(2022, 4, 30, 12, 0, 0)}


def test_markup_in_data_is_shown_as_typed(tmp_path, round_dir, capsys):
    assert main(["build", str(round_dir), "--out", str(tmp_path)]) == 0
    folder = tmp_path / "2022-04-30"
    # the quotes inside a title nest as typographic double quotes (core/dutch.quoted)
    expected_title = f"VV007 ‘{MARKUP_TITLE}’".replace('"Noord"', "“Noord”")
    for text in (docx_text(folder / "mededeling.docx"), pdf_text(folder / "mededeling.pdf")):
        assert expected_title in text
        assert "Zie <a href='http://127.0.0.1:9/x'>hier</a> & daar." in text
        assert "Het comité vond alles in orde." in text
    html = (folder / "mededeling.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;“Noord”&lt;/b&gt; &amp; co&#39;s {{ titel }}" in html
    assert "<a href='http" not in html


def test_help_is_in_dutch(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "gebruik: mededeling" in out and "toon deze hulp en stop" in out
    assert "controleer een meetronde" in out
    with pytest.raises(SystemExit) as exit_:
        main(["bouw"])
    assert exit_.value.code == 2
    assert "ongeldige keuze" in capsys.readouterr().err


def test_a_round_that_does_not_exist(capsys, tmp_path):
    assert main(["build", str(tmp_path / "nergens")]) == 2
    assert "deze map bestaat niet" in capsys.readouterr().err


@pytest.mark.slow  # three builds: CI runs it (pytest --slow)
def test_a_warm_rebuild_after_a_correction_equals_a_cold_build(tmp_path, capsys):
    """The cache may only save time: what it reuses must be what a cold build makes."""
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=26, oranje=2))  # three chunks
    spec = RoundSpec("2022-04-30", 4, projects,
                     [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
                     [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects])
    folder = write_round(inputs, spec)
    warm = tmp_path / "warm"
    assert main(["build", str(folder), "--out", str(warm)]) == 0
    cached = sorted(p.name for p in (warm / ".cache").rglob("*") if p.is_file())
    text = (folder / "projecten.csv").read_text().replace("Loopt.", "Loopt goed.", 1)
    (folder / "projecten.csv").write_text(text)
    assert main(["build", str(folder), "--out", str(warm)]) == 0
    after = sorted(p.name for p in (warm / ".cache").rglob("*") if p.is_file())
    assert len(set(after) - set(cached)) <= 6  # the edited chunk, its merge, two Word files
    # the figures did not change: the control workbook came from the cache, not openpyxl
    workbooks = sorted((warm / ".cache" / "2022-04-30" / "xlsx").rglob("*"))
    assert [p for p in workbooks if p.is_file()]
    assert {p.name for p in workbooks if p.is_file()} <= set(cached)
    cold = tmp_path / "cold"
    assert main(["build", str(folder), "--out", str(cold)]) == 0
    for path in sorted((cold / "2022-04-30").iterdir()):
        assert (warm / "2022-04-30" / path.name).read_bytes() == path.read_bytes(), path.name
