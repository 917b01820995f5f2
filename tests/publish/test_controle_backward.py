"""controle.html puts first what a reviewer must look at (issue 22): the projects and
milestones that went back, with old and new status, and the warnings; then the changes
since the previous round as a summary by kind, with the full list folded below it."""

from __future__ import annotations

import html
import re

from mededeling.cli import main
from roundkit import RoundSpec, write_plan, write_round


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_backward_moves_and_warnings_come_first_and_the_long_list_is_folded(tmp_path):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [(f"VV{i:03d}", "donkergroen") for i in range(1, 6)]
    before = [(c, "geel", "2021-Q2") for c, _ in projects] + \
             [(c, "grijs", "2022-Q4") for c, _ in projects]
    now = [("VV001", "rood", "2021-Q2")] + [(c, "geel", "2021-Q2") for c, _ in projects[1:]] + \
          [(c, "donkergroen", "2022-Q4") for c, _ in projects]
    # VV005 has no row in financiering.csv: a warning
    money = [(c, 1_000_000, 1_000, 10) for c, _ in projects[:4]]
    write_round(inputs, RoundSpec("2021-09-30", 2, projects, before, money))
    folder = write_round(inputs, RoundSpec("2021-12-31", 3, projects, now, money))
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    page = (out / "2021-12-31" / "controle.html").read_text(encoding="utf-8")
    text = text_of(page)

    first = text.index("Wat eerst een blik vraagt")
    changes = text.index("Wijzigingen sinds de vorige meting")
    assert first < changes
    top = text[first:changes]
    assert "Sinds de meting van 30 september 2021 ging 1 mijlpaal terug" in top
    assert ("Mijlpalen die teruggingen (1) Project Nr. Omschrijving Was Is nu VV001 1 "
            "Mijlpaal 1 geel (gerealiseerd) rood (bij te sturen)") in top
    assert "Projecten die teruggingen (0) Geen." in top
    assert "Waarschuwingen bij het inlezen (" in top and "VV005" in top

    rest = text[changes:]
    assert ("Mijlpalen: wat veranderde (6 gewijzigd; 0 nieuw, 0 verdwenen) Was Is nu Aantal "
            "mijlpalen Teruggang grijs (nog niet gestart) donkergroen (op schema) 5 geel "
            "(gerealiseerd) rood (bij te sturen) 1 ja, zie bovenaan") in rest
    # the full list stays, folded
    folded = re.search(r"<details>(.*?)</details>", page, flags=re.S)
    assert folded and text_of(folded.group(1)).count("grijs → donkergroen") == 5
    assert "Geen vaststellingen" not in text
    assert "VV001 mijlpaal 1 ging terug van ‘gerealiseerd’ (geel) naar ‘bij te sturen’ (rood)" \
        in text


def test_nothing_went_back_says_so_and_the_quality_checks_may_be_empty(tmp_path):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [("VV001", "grijs"), ("VV002", "donkergroen")]
    money = [(c, 1_000_000, 1_000, 10) for c, _ in projects]
    ms = [(c, "donkergroen", "2030-Q1") for c, _ in projects]
    write_round(inputs, RoundSpec("2021-09-30", 2, projects, ms, money))
    now = [("VV001", "lichtgroen"), ("VV002", "donkergroen")]
    # VV002's agendering reported, so that no warning stands either
    agenda = {"agenderingen.csv": "project,datum,titel,url\n"
                                  "VV002,2021-06-04,Conceptnota,\n"}
    folder = write_round(inputs, RoundSpec("2021-12-31", 3, now, ms, money, extra_csv=agenda))
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    text = text_of((out / "2021-12-31" / "controle.html").read_text(encoding="utf-8"))
    assert ("Niets: geen project of mijlpaal ging terug sinds de vorige meting en er zijn geen "
            "waarschuwingen.") in text
    assert "Geen mijlpaal veranderde van status." in text
    assert "ging terug van" not in text  # no backward move among the quality findings
