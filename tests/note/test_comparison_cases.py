"""Every case of the comparison with the previous round (issue 22), read back from the
built documents: better, worse, mixed, unchanged, a first round, `[vorige]` with only
some figures, red rising, projects back to grey, a realised project going back, and
milestones going back (from geel to grijs or oranje, from blauw to open again).

Each test builds a small round (and the round before it) with roundkit through the CLI,
as staff would, and reads the Word file back; one test reads the PDF back too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mededeling.cli import main
from readback import docx_text, normalise, pdf_text
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

BEFORE, NOW = "2021-09-30", "2021-12-31"


def finance(projects):
    return [(p[0], 100_000_000, 1_000_000, 100_000) for p in projects]


def on_schedule(projects):
    return [(p[0], "donkergroen", "2022-Q1") for p in projects]


def build(tmp_path: Path, now: RoundSpec, before: RoundSpec | None = None,
          formats: str = "docx") -> Path:
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    if before is not None:
        write_round(inputs, before)
    folder = write_round(inputs, now)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", formats]) == 0
    return out / now.meetmoment


def section(text: str, number: str, heading: str, next_heading: str) -> str:
    """One section of the read-back text, from its heading to the next."""
    start = text.index(f"{number}. {heading}")
    return text[start:text.index(next_heading, start)]


def read(tmp_path: Path, now: RoundSpec, before: RoundSpec | None = None) -> dict[str, str]:
    """3.1 and 3.2 as the built Word file says them, and controle.html as text."""
    folder = build(tmp_path, now, before)
    text = docx_text(folder / "mededeling.docx")
    page = (folder / "controle.html").read_text(encoding="utf-8")
    return {"3.1": section(text, "3.1", "GLOBALE VOORTGANG", "3.2. MIJLPALEN"),
            "3.2": section(text, "3.2", "MIJLPALEN", "3.3. VASTLEGGINGEN"),
            "controle": page_text(page), "html": page}


def page_text(page: str) -> str:
    import html

    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def rounds(before: dict[str, int], now: dict[str, int], titles: bool = False):
    """A round before and after with these project statuses, VV001 onwards in the order
    given; every project has one milestone on schedule in both rounds."""
    b = projects_with(*statuses(**before))
    n = projects_with(*statuses(**now))
    return (RoundSpec(BEFORE, 2, b, on_schedule(b), finance(b)),
            RoundSpec(NOW, 3, n, on_schedule(n), finance(n)))


def comparison(tmp_path: Path, before: dict[str, int], now: dict[str, int]) -> str:
    prev, cur = rounds(before, now)
    return read(tmp_path, cur, prev)["3.1"]


# --- better, worse, unchanged ------------------------------------------------------------

def test_better_on_the_whole_is_called_positive(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=5, oranje=3, grijs=2),
                   dict(donkergroen=7, oranje=2, grijs=1))
    assert ("In vergelijking met de meting in september 2021 is duidelijk vooruitgang geboekt. "
            "Nog slechts 1 project moet formeel van start gaan. Positief is dat het aantal "
            "projecten waarvoor bijkomende aandacht nodig is afneemt, nl. van 3 naar 2 "
            "projecten.") in s


def test_fewer_orange_and_red_and_fewer_red_is_positive_on_both(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=5, oranje=3, rood=2),
                   dict(donkergroen=7, oranje=2, rood=1))
    assert ("Positief is dat het aantal projecten waarvoor bijkomende aandacht of actie nodig "
            "is (oranje en rood samen) afneemt, nl. van 5 naar 3 projecten, en dat ook het "
            "aantal projecten waarvoor bijkomende actie noodzakelijk is (rood) afneemt, nl. van "
            "2 naar 1 project.") in s


def test_worse_with_red_rising_names_red(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=8, oranje=1, rood=1),
                   dict(donkergroen=5, oranje=3, rood=2))
    assert ("Kanttekening is wel dat het aantal projecten waarvoor bijkomende aandacht of actie "
            "nodig is (oranje en rood samen) toeneemt, nl. van 2 naar 5 projecten, en dat ook het "
            "aantal projecten waarvoor bijkomende actie noodzakelijk is (rood) toeneemt, nl. van "
            "1 naar 2 projecten.") in s
    assert "Positief" not in s


def test_worse_on_orange_only_keeps_the_real_notes_sentence(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=9, oranje=1), dict(donkergroen=3, oranje=7))
    assert ("Kanttekening is wel dat het aantal projecten waarvoor bijkomende aandacht nodig is "
            "toeneemt, nl. van 1 naar 7 projecten.") in s


def test_unchanged(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=8, oranje=1, grijs=1),
                   dict(donkergroen=8, oranje=1, grijs=1))
    assert ("Sinds september 2021 werden geen projecten bijkomend opgestart of geagendeerd op de "
            "Vlaamse Regering. In vergelijking met de meting in september 2021 moeten nog "
            "evenveel projecten formeel van start gaan: 1. Het aantal projecten waarvoor "
            "bijkomende aandacht nodig is, bleef gelijk, nl. 1 project.") in s
    assert "Positief" not in s and "Kanttekening" not in s


def test_unchanged_with_red(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=7, oranje=2, rood=1),
                   dict(donkergroen=7, oranje=2, rood=1))
    assert ("Het aantal projecten waarvoor bijkomende aandacht of actie nodig is (oranje en rood "
            "samen), bleef gelijk, nl. 3 projecten.") in s


# --- mixed: both plainly, never 'Positief' ----------------------------------------------

def test_fewer_orange_but_red_rising_is_not_positive(tmp_path):
    """The issue's round: orange 7 -> 4, red 0 -> 1 (orange and red 7 -> 5)."""
    s = comparison(tmp_path, dict(donkergroen=3, oranje=7), dict(donkergroen=5, oranje=4, rood=1))
    assert ("In vergelijking met de meting in september 2021 zijn alle projecten formeel van "
            "start gegaan. Het aantal projecten waarvoor bijkomende aandacht of actie nodig is "
            "(oranje en rood samen) daalde van 7 naar 5 projecten, maar het aantal projecten "
            "waarvoor bijkomende actie noodzakelijk is (rood) steeg van 0 naar 1 project.") in s
    assert "Positief" not in s


def test_red_rising_with_orange_and_red_unchanged_is_a_caveat(tmp_path):
    """The issue's other round: red 1 -> 2 with orange and red together 6 in both."""
    s = comparison(tmp_path, dict(donkergroen=4, oranje=5, rood=1),
                   dict(donkergroen=4, oranje=4, rood=2))
    assert ("Kanttekening is wel dat het aantal projecten waarvoor bijkomende actie noodzakelijk "
            "is (rood) toeneemt, nl. van 1 naar 2 projecten; oranje en rood samen bleef het "
            "aantal gelijk, nl. 6 projecten.") in s
    assert "Positief" not in s


def test_more_orange_and_red_but_fewer_red_says_both(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=5, oranje=3, rood=2),
                   dict(donkergroen=3, oranje=6, rood=1))
    assert ("Het aantal projecten waarvoor bijkomende aandacht of actie nodig is (oranje en rood "
            "samen) steeg van 5 naar 7 projecten, maar het aantal projecten waarvoor bijkomende "
            "actie noodzakelijk is (rood) daalde van 2 naar 1 project.") in s
    assert "Positief" not in s


def test_fewer_orange_while_more_projects_are_to_start_is_not_positive(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=6, oranje=3, grijs=1),
                   dict(donkergroen=6, oranje=1, grijs=3))
    assert ("In vergelijking met de meting in september 2021 moeten meer projecten formeel van "
            "start gaan: 3 in plaats van 1.") in s
    assert ("Het aantal projecten waarvoor bijkomende aandacht nodig is daalde wel, nl. van 3 "
            "naar 1 project.") in s
    assert "Positief" not in s


# --- projects that went back, and realised ones ----------------------------------------

def test_projects_back_to_grey_are_named_and_progress_is_not_claimed(tmp_path):
    before = [("VV001", "grijs"), ("VV002", "grijs"), ("VV003", "grijs"),
              ("VV004", "donkergroen", "Renovatie van sportinfrastructuur"),
              ("VV005", "lichtgroen", "Digitaal loket"), ("VV006", "donkergroen")]
    now = [("VV001", "donkergroen"), ("VV002", "lichtgroen"), ("VV003", "donkergroen"),
           ("VV004", "grijs", "Renovatie van sportinfrastructuur"),
           ("VV005", "grijs", "Digitaal loket"), ("VV006", "donkergroen")]
    s = read(tmp_path, RoundSpec(NOW, 3, now, on_schedule(now), finance(now)),
             RoundSpec(BEFORE, 2, before, on_schedule(before), finance(before)))
    assert ("In vergelijking met de meting in september 2021 moeten minder projecten formeel van "
            "start gaan: 2 in plaats van 3. Daarbij staan 2 projecten die al gestart waren, "
            "opnieuw op grijs: VV004 ‘Renovatie van sportinfrastructuur’ en VV005 ‘Digitaal loket’.") \
        in s["3.1"]
    assert "duidelijk vooruitgang" not in s["3.1"]
    for code, was in (("VV004", "donkergroen (opgestart na agendering VR)"),
                      ("VV005", "lichtgroen (opgestart)")):
        assert re.search(rf"Projecten die teruggingen \(2\).*{code} \S.*? {re.escape(was)} "
                         r"grijs \(nog niet gestart\)", s["controle"])


def test_a_realised_project_going_back_and_new_realised_ones(tmp_path):
    before = [("VV001", "geel", "Compensatiebesluit KO"), ("VV002", "donkergroen"),
              ("VV003", "donkergroen"), ("VV004", "blauw"), ("VV005", "donkergroen")]
    now = [("VV001", "oranje", "Compensatiebesluit KO"), ("VV002", "geel"), ("VV003", "geel"),
           ("VV004", "lichtgroen"), ("VV005", "donkergroen")]
    s = read(tmp_path, RoundSpec(NOW, 3, now, on_schedule(now), finance(now)),
             RoundSpec(BEFORE, 2, before, on_schedule(before), finance(before)))
    assert ("Sinds september 2021 werden 2 projecten bijkomend gerealiseerd: VV002 ‘Project "
            "VV002’ en VV003 ‘Project VV003’. 1 project dat gerealiseerd was, is dat niet langer: "
            "VV001 ‘Compensatiebesluit KO’ (nu oranje). 1 project dat definitief stopgezet was, "
            "staat opnieuw open: VV004 ‘Project VV004’ (nu lichtgroen).") in s["3.1"]
    # orange rose, and a realised project went back: a caveat, not progress
    assert ("Kanttekening is wel dat het aantal projecten waarvoor bijkomende aandacht nodig is "
            "toeneemt, nl. van 0 naar 1 project.") in s["3.1"]
    assert "VV001 Compensatiebesluit KO geel (gerealiseerd) oranje (bijkomende aandacht nodig)" \
        in s["controle"]
    assert "VV004 Project VV004 blauw (stopgezet) lichtgroen (opgestart)" in s["controle"]
    assert "Geen vaststellingen" not in s["controle"]


def test_a_realised_project_alone_is_news(tmp_path):
    s = comparison(tmp_path, dict(donkergroen=10), dict(donkergroen=9, geel=1))
    assert ("Sinds september 2021 werd 1 project bijkomend gerealiseerd: VV010 ‘Project "
            "VV010’.") in s


# --- milestones that went back ---------------------------------------------------------

def test_milestones_going_back_are_explained_in_3_2_and_listed_for_review(tmp_path):
    projects = projects_with(*statuses(donkergroen=4))
    before = [("VV001", "geel", "2021-Q2"), ("VV001", "geel", "2021-Q2"),
              ("VV002", "geel", "2021-Q3"), ("VV003", "blauw", "2021-Q3"),
              ("VV004", "geel", "2021-Q3"), ("VV004", "donkergroen", "2022-Q1")]
    now = [("VV001", "grijs", "2022-Q2"), ("VV001", "oranje", "2021-Q2"),
           ("VV002", "geel", "2021-Q3"), ("VV003", "donkergroen", "2021-Q3"),
           ("VV004", "geel", "2021-Q3"), ("VV004", "donkergroen", "2022-Q1")]
    s = read(tmp_path, RoundSpec(NOW, 3, projects, now, finance(projects)),
             RoundSpec(BEFORE, 2, projects, before, finance(projects)))
    assert ("het aantal gerealiseerde mijlpalen daalde van 4 (66,67%) naar 2 (33,33%). "
            "2 mijlpalen die bij de vorige meting gerealiseerd waren, zijn dat niet langer: "
            "1 is nu vertraagd en 1 nog niet gestart (in project VV001 ‘Project VV001’). "
            "1 mijlpaal die bij de vorige meting definitief stopgezet was, is nu op schema "
            "(in project VV003 ‘Project VV003’).") in s["3.2"]
    c = s["controle"]
    assert ("Sinds de meting van 30 september 2021 gingen 3 mijlpalen terug; de nota noemt ze "
            "in 3.2.") in c
    top = c[c.index("Wat eerst een blik vraagt"):c.index("Wijzigingen sinds de vorige meting")]
    assert "VV001 1 Mijlpaal 1 geel (gerealiseerd) grijs (nog niet gestart)" in top
    assert "VV001 2 Mijlpaal 2 geel (gerealiseerd) oranje (vertraagd)" in top
    assert "VV003 1 Mijlpaal 1 blauw (stopgezet) donkergroen (op schema)" in top
    # the quality checks never say there is nothing when something went back
    assert "Geen vaststellingen" not in c
    assert ("VV001 mijlpaal 1 ging terug van ‘gerealiseerd’ (geel) naar ‘nog niet gestart’ "
            "(grijs)") in c
    # the change list: a summary by kind, the full list folded below it
    summary = c[c.index("Mijlpalen: wat veranderde"):]
    assert "geel (gerealiseerd) grijs (nog niet gestart) 1 ja, zie bovenaan" in summary
    assert "Verschoven naar een later kwartaal: 1; naar een vroeger kwartaal: 0." in summary
    assert re.search(r"<details><summary>Alle 3 mijlpalen die van status veranderden of "
                     r"verschoven</summary>", s["html"])


def test_realised_milestones_removed_are_said(tmp_path):
    projects = projects_with(*statuses(donkergroen=2))
    before = [("VV001", "geel", "2021-Q2"), ("VV001", "geel", "2021-Q2"),
              ("VV002", "donkergroen", "2022-Q1")]
    now = [("VV001", "geel", "2021-Q2"), ("VV002", "donkergroen", "2022-Q1")]
    s = read(tmp_path, RoundSpec(NOW, 3, projects, now, finance(projects)),
             RoundSpec(BEFORE, 2, projects, before, finance(projects)))
    assert ("het aantal gerealiseerde mijlpalen daalde van 2 (66,67%) naar 1 (50,00%). 1 mijlpaal "
            "die bij de vorige meting gerealiseerd was, staat niet meer in de monitoring.") \
        in s["3.2"]


# --- no previous round, and [vorige] with only some figures ----------------------------

def test_a_first_round_compares_nothing(tmp_path):
    projects = projects_with(*statuses(donkergroen=3, oranje=1, rood=1, grijs=1))
    s = read(tmp_path, RoundSpec("2021-04-30", 1, projects, on_schedule(projects),
                                 finance(projects)))
    for word in ("In vergelijking", "Sinds", "Positief", "Kanttekening", "vorige meting",
                 "opnieuw"):
        assert word not in s["3.1"] + s["3.2"], word
    assert "Op 30 april 2021 zijn 6 gestarte mijlpalen (100%) op schema" in s["3.2"]
    assert ("Zonder de map van de vorige meting is niet na te gaan welke projecten of mijlpalen "
            "teruggingen.") in s["controle"]


def test_vorige_with_orange_only(tmp_path):
    projects = projects_with(*statuses(donkergroen=7, oranje=3))
    s = read(tmp_path, RoundSpec(NOW, 3, projects, on_schedule(projects), finance(projects),
                                 vorige=dict(meetmoment=BEFORE, projecten_oranje=1,
                                             vastgelegd=5_000_000)))
    assert ("In vergelijking met de meting in september 2021: kanttekening is wel dat het aantal "
            "projecten waarvoor bijkomende aandacht nodig is toeneemt, nl. van 1 naar 3 "
            "projecten.") in s["3.1"]
    # no milestone figures in [vorige]: 3.2 states this round without a comparison
    assert "Op 31 december 2021 zijn 10 gestarte mijlpalen (100%) op schema" in s["3.2"]
    assert "vorige meting" not in s["3.2"]
    assert "Sinds" not in s["3.1"]  # no folder: nothing per project


def test_vorige_with_orange_and_red(tmp_path):
    projects = projects_with(*statuses(donkergroen=7, oranje=2, rood=1))
    s = read(tmp_path, RoundSpec(NOW, 3, projects, on_schedule(projects), finance(projects),
                                 vorige=dict(meetmoment=BEFORE, projecten_oranje=4,
                                             projecten_rood=0)))
    assert ("In vergelijking met de meting in september 2021: het aantal projecten waarvoor "
            "bijkomende aandacht of actie nodig is (oranje en rood samen) daalde van 4 naar 3 "
            "projecten, maar het aantal projecten waarvoor bijkomende actie noodzakelijk is "
            "(rood) steeg van 0 naar 1 project.") in s["3.1"]


def test_vorige_without_red_while_red_now_is_not_positive(tmp_path):
    projects = projects_with(*statuses(donkergroen=7, oranje=2, rood=1))
    s = read(tmp_path, RoundSpec(NOW, 3, projects, on_schedule(projects), finance(projects),
                                 vorige=dict(meetmoment=BEFORE, projecten_oranje=4)))
    assert ("In vergelijking met de meting in september 2021: het aantal projecten waarvoor "
            "bijkomende aandacht nodig is (oranje) daalde van 4 naar 2 projecten.") in s["3.1"]
    assert "Positief" not in s["3.1"]
    assert "[vorige] in ronde.toml geeft geen projecten_rood" in s["controle"]


def test_vorige_with_fewer_realised_milestones_asks_for_a_look(tmp_path):
    projects = projects_with(*statuses(donkergroen=4))
    s = read(tmp_path, RoundSpec(NOW, 3, projects, on_schedule(projects), finance(projects),
                                 vorige=dict(meetmoment=BEFORE, mijlpalen_totaal=4,
                                             mijlpalen_op_schema=1, mijlpalen_gerealiseerd=3)))
    assert ("Het aantal gestarte mijlpalen dat op schema is steeg tussen september 2021 en "
            "december 2021 van 1 (25%) naar 4 (100%), maar het aantal gerealiseerde mijlpalen "
            "daalde van 3 (75%) naar 0 (0%).") in s["3.2"]
    assert ("Het aantal gerealiseerde mijlpalen daalde van 3 naar 0, maar van de vorige meting "
            "zijn alleen de kerncijfers van [vorige] in ronde.toml bekend") in s["controle"]


# --- the PDF says the same -------------------------------------------------------------

def test_the_pdf_says_the_mixed_comparison_and_the_backward_moves(tmp_path):
    before = [("VV001", "donkergroen"), ("VV002", "geel"), ("VV003", "oranje"),
              ("VV004", "oranje"), ("VV005", "donkergroen")]
    now = [("VV001", "grijs"), ("VV002", "donkergroen"), ("VV003", "rood"),
           ("VV004", "donkergroen"), ("VV005", "donkergroen")]
    ms_before = [("VV002", "geel", "2021-Q2"), ("VV005", "donkergroen", "2022-Q1")]
    ms_now = [("VV002", "oranje", "2021-Q2"), ("VV005", "donkergroen", "2022-Q1")]
    folder = build(tmp_path, RoundSpec(NOW, 3, now, ms_now, finance(now)),
                   RoundSpec(BEFORE, 2, before, ms_before, finance(before)),
                   formats="docx,pdf")
    wanted = [
        "1 project dat gerealiseerd was, is dat niet langer: VV002 ‘Project VV002’ (nu "
        "donkergroen).",
        "Daarbij staat 1 project dat al gestart was, opnieuw op grijs: VV001 ‘Project VV001’.",
        "Het aantal projecten waarvoor bijkomende aandacht of actie nodig is (oranje en rood "
        "samen) daalde van 2 naar 1 project, maar het aantal projecten waarvoor bijkomende "
        "actie noodzakelijk is (rood) steeg van 0 naar 1 project.",
        "1 mijlpaal die bij de vorige meting gerealiseerd was, is nu vertraagd (in project "
        "VV002 ‘Project VV002’).",
    ]
    for path in (folder / "mededeling.pdf", folder / "mededeling.docx"):
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        missing = [w for w in wanted if normalise(w) not in text]
        assert missing == [], (path.name, missing)
        assert "Positief" not in text


def test_a_realised_project_back_to_grey_claims_no_progress(tmp_path):
    before = [("VV001", "grijs"), ("VV002", "grijs"), ("VV003", "geel"), ("VV004", "donkergroen")]
    now = [("VV001", "donkergroen"), ("VV002", "donkergroen"), ("VV003", "grijs"),
           ("VV004", "donkergroen")]
    s = read(tmp_path, RoundSpec(NOW, 3, now, on_schedule(now), finance(now)),
             RoundSpec(BEFORE, 2, before, on_schedule(before), finance(before)))["3.1"]
    assert ("1 project dat gerealiseerd was, is dat niet langer: VV003 ‘Project VV003’ (nu "
            "grijs).") in s
    assert ("In vergelijking met de meting in september 2021 moeten minder projecten formeel van "
            "start gaan: 1 in plaats van 2.") in s
    assert "duidelijk vooruitgang" not in s


@pytest.mark.parametrize("before, now, expected", [
    # orange and red together unchanged, red down: both plainly
    (dict(donkergroen=4, oranje=4, rood=2), dict(donkergroen=4, oranje=5, rood=1),
     "Het aantal projecten waarvoor bijkomende aandacht of actie nodig is (oranje en rood "
     "samen), bleef gelijk, nl. 6 projecten, maar het aantal projecten waarvoor bijkomende "
     "actie noodzakelijk is (rood) daalde van 2 naar 1 project."),
    # fewer orange and red, fewer red, but more projects to start: no 'Positief'
    (dict(donkergroen=4, oranje=3, rood=2, grijs=1), dict(donkergroen=4, oranje=2, rood=1, grijs=3),
     "Het aantal projecten waarvoor bijkomende aandacht of actie nodig is (oranje en rood "
     "samen) daalde wel, nl. van 5 naar 3 projecten, en het aantal projecten waarvoor "
     "bijkomende actie noodzakelijk is (rood) daalde van 2 naar 1 project."),
])
def test_other_mixed_rounds_say_both_plainly(tmp_path, before, now, expected):
    s = comparison(tmp_path, before, now)
    assert expected in s
    assert "Positief" not in s


def test_kerncijfers_json_carries_the_backward_moves_and_their_sentences(tmp_path):
    import json

    prev, cur = rounds(dict(donkergroen=3, geel=1), dict(donkergroen=2, grijs=1, oranje=1))
    data = json.loads((build(tmp_path, cur, prev) / "kerncijfers.json").read_text("utf-8"))
    changes = data["cijfers"]["changes"]
    assert [(c["project"]["code"], c["before"], c["after"]) for c in changes["back_to_grey"]] \
        == [("VV003", "donkergroen", "grijs")]
    assert [(c["project"]["code"], c["after"]) for c in changes["unrealised"]] == [("VV004", "oranje")]
    assert ("Daarbij staat 1 project dat al gestart was, opnieuw op grijs: VV003 ‘Project VV003’."
            in data["tekst"]["3.1"])
    assert ("1 project dat gerealiseerd was, is dat niet langer: VV004 ‘Project VV004’ (nu "
            "oranje).") in data["tekst"]["3.1"]


def test_no_milestone_on_schedule_is_said_in_words(tmp_path):
    # '0 van de 2, of 0%' is not how a person writes it
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [("VV001", "donkergroen"), ("VV002", "oranje")]
    money = [(c, 1_000_000, 1_000, 10) for c, _ in projects]
    write_round(inputs, RoundSpec("2022-04-30", 1, projects,
                                  [(c, "geel", "2022-Q1") for c, _ in projects], money))
    folder = write_round(inputs, RoundSpec("2022-06-30", 2, projects,
                                           [(c, "oranje", "2022-Q2") for c, _ in projects],
                                           money))
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    text = docx_text(out / "2022-06-30" / "mededeling.docx")
    assert ("Bij deze tweede meting is geen enkele van de 2 gestarte mijlpalen op schema of "
            "reeds gerealiseerd, ten opzichte van 100% bij de vorige meting.") in text
    assert "0 van de 2" not in text


def test_no_orange_in_either_round_is_not_0_projecten(tmp_path):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [("VV001", "donkergroen"), ("VV002", "lichtgroen")]
    money = [(c, 1_000_000, 1_000, 10) for c, _ in projects]
    ms = [(c, "donkergroen", "2022-Q2") for c, _ in projects]
    write_round(inputs, RoundSpec("2022-04-30", 1, projects, ms, money))
    folder = write_round(inputs, RoundSpec("2022-06-30", 2, projects, ms, money))
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    text = docx_text(out / "2022-06-30" / "mededeling.docx")
    assert ("Zoals bij de vorige meting is voor geen enkel project bijkomende aandacht nodig "
            "(oranje).") in text
    assert "0 projecten" not in text
