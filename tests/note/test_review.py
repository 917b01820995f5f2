"""The review file (controle.html) and the comparison per project with the previous round."""

from __future__ import annotations

import html
import re
from pathlib import Path

from mededeling.pipeline import prepare
from mededeling.cli import main
from mededeling.note.keyfigures import sentences
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

ROOT = Path(__file__).resolve().parents[2]


def test_september_note_says_how_many_started_and_reached_the_agenda():
    s = sentences(prepare(ROOT / "inputs" / "2021-09-30").note.sections)
    assert ("Er werden 7 projecten bijkomend opgestart en 72 projecten bijkomend geagendeerd op "
            "de Vlaamse Regering sinds april 2021.") in s["3.1"]


def test_review_file_names_changed_and_added_projects_and_quality_findings(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    before = projects_with(*statuses(donkergroen=4, lichtgroen=3, grijs=2))
    now = projects_with(*statuses(donkergroen=5, lichtgroen=1, oranje=1, grijs=1, rood=1))
    now.append(("VV181", "lichtgroen", "Een <nieuw> project"))
    ms_before = [(c, "donkergroen", "2022-Q1") for c, *_ in before]
    ms_now = [(c, "donkergroen", "2022-Q2") for c, *_ in now] + [("VV001", "grijs", "2021-Q1")]
    write_round(inputs, RoundSpec("2021-09-30", 2, before, ms_before, []))
    folder = write_round(inputs, RoundSpec("2021-12-31", 3, now, ms_now, []))
    extra = "project,indicator,eenheid,streefwaarde,realisatie\nVV002,Laadpalen,stuks,0,5\n" \
            "VV003,Fietspaden,km,10,25\n"
    (folder / "outputindicatoren.csv").write_text(extra, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    page = html.unescape(re.sub(r"<[^>]+>", " ", (out / "2021-12-31" / "controle.html")
                                .read_text(encoding="utf-8")))
    page = re.sub(r"\s+", " ", page)
    before_status = dict((c, s) for c, s, *_ in before)
    changed = [(c, s) for c, s, *_ in now if c in before_status and before_status[c] != s]
    assert changed
    for code, status in changed:
        assert f"{code} Project {code} {before_status[code]} {status}" in page
    assert "Nieuwe projecten (1) VV181 Een <nieuw> project" in page
    assert "VV001 mijlpaal 2 nog niet gestart, maar gepland in 2021-Q1" in page
    assert "VV002 indicator ‘Laadpalen’ geen streefwaarde" in page
    assert "VV003 indicator ‘Fietspaden’ realisatie meer dan het dubbele" in page
    assert "relanceproject VV001 heeft geen rij" in page  # the validation warnings
