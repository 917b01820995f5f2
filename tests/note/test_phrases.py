"""Sentences for the cases the seed note lacks, through the compute layer (build.prepare)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mededeling.pipeline import prepare
from mededeling.note.keyfigures import sentences
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

VORIGE = dict(meetmoment="2021-09-30", projecten_oranje=1, mijlpalen_totaal=10,
              mijlpalen_op_schema=4, mijlpalen_gerealiseerd=2, mijlpalen_vertraagd=1,
              mijlpalen_bij_te_sturen=0, mijlpalen_stopgezet=0, mijlpalen_niet_gestart=3,
              vastgelegd=100_000_000, vereffend=10_000_000)


def text(tmp_path: Path, spec: RoundSpec, previous: RoundSpec | None = None) -> dict[str, str]:
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    if previous:
        write_round(inputs, previous)
    prep = prepare(write_round(inputs, spec))
    return sentences(prep.note.sections)


def milestones_for(projects, status="donkergroen", quarter="2022-Q1"):
    return [(code, status, quarter) for code, _ in projects]


def finance_for(projects, committed=1_000_000, paid=100_000):
    return [(code, 100_000_000, committed, paid) for code, _ in projects if int(code[2:]) <= 158]


def test_red_projects_are_counted_and_named(tmp_path):
    projects = projects_with(*statuses(donkergroen=8, rood=2))
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones_for(projects),
                                 finance_for(projects)))
    assert ("Voor 2 van de 10 relanceprojecten (20%) is op meetmoment 30 juni 2022 bijkomende "
            "actie noodzakelijk (rood). Dit betreft de projecten VV009 ‘Project VV009’ en "
            "VV010 ‘Project VV010’.") in s["3.1"]
    assert "Geen enkel relanceproject krijgt de projectstatus ‘rood’" not in s["3.1"]


def test_one_red_project_is_singular(tmp_path):
    projects = projects_with(*statuses(donkergroen=9, rood=1))
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones_for(projects),
                                 finance_for(projects)))
    assert "Dit betreft het project VV010 ‘Project VV010’." in s["3.1"]


def test_no_grey_project(tmp_path):
    projects = projects_with(*statuses(donkergroen=5, lichtgroen=5))
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones_for(projects),
                                 finance_for(projects)))
    assert ("Geen enkel relanceproject heeft nog de status ‘nog niet gestart’ (grijs) op "
            "30 juni 2022.") in s["3.1"]
    assert "zijn nog niet gestart" not in s["3.1"]


def test_one_grey_project_agrees_in_number(tmp_path):
    projects = projects_with(*statuses(donkergroen=9, grijs=1))
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones_for(projects),
                                 finance_for(projects)))
    assert ("1 relanceproject (10%) is nog niet gestart (grijs) op 30 juni 2022. Het gaat over: "
            "VV010 ‘Project VV010’.") in s["3.1"]


def test_several_realised_projects_are_listed_with_plural_verb(tmp_path):
    projects = projects_with(*statuses(donkergroen=7, geel=3))
    milestones = [(c, "geel", "2021-Q1") for c, _ in projects]
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones, finance_for(projects)))
    assert ("3 projecten krijgen de status ‘gerealiseerd’. Het gaat over VV008 ‘Project VV008’, "
            "VV009 ‘Project VV009’ en VV010 ‘Project VV010’.") in s["3.1"]
    assert "10 van de 10 relanceprojecten (100%) zijn opgestart" in s["3.1"]


def test_stopped_projects_and_milestones(tmp_path):
    projects = projects_with(*statuses(donkergroen=8, blauw=2))
    milestones = milestones_for(projects) + [("VV009", "blauw", "2022-Q2"),
                                             ("VV010", "blauw", "2022-Q3")]
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones, finance_for(projects)))
    assert ("2 relanceprojecten (20%) werden definitief stopgezet (blauw). Het gaat over: "
            "VV009 ‘Project VV009’ en VV010 ‘Project VV010’.") in s["3.1"]
    assert "2 mijlpalen werden definitief stopgezet." in s["3.2"]


def test_more_than_180_projects_and_an_added_one(tmp_path):
    projects = projects_with(*statuses(donkergroen=150, lichtgroen=31))  # VV001..VV181
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones_for(projects),
                                 finance_for(projects) + [("VV181", 5_000_000, 0, 0)]))
    assert "181 van de 181 relanceprojecten (100%) zijn opgestart" in s["3.1"]
    assert "150 projecten of 82,87% hebben de status ‘opgestart na agendering VR’" in s["3.1"]
    assert "de voortgang van deze 181 relanceprojecten" in s["3"]


def test_first_measurement_has_no_comparison(tmp_path):
    projects = projects_with(*statuses(donkergroen=4, lichtgroen=4, oranje=1, grijs=1))
    s = text(tmp_path, RoundSpec("2021-04-30", 1, projects, milestones_for(projects),
                                 finance_for(projects)))
    assert "In vergelijking met" not in s["3.1"]
    assert "ten opzichte van" not in s["3.2"]
    assert "daalde" not in s["3.2"] and "steeg" not in s["3.2"]
    assert "Dat is" not in s["3.3"]
    assert "Bij deze eerste meting zijn 10 van de 10, of 100% van de gestarte mijlpalen" in s["3.2"]


def test_no_doubling_gives_the_difference_in_euro(tmp_path):
    projects = projects_with(*statuses(donkergroen=10))
    s = text(tmp_path, RoundSpec("2021-12-31", 3, projects, milestones_for(projects),
                                 finance_for(projects, committed=15_000_000, paid=1_500_000),
                                 vorige=VORIGE))
    # 150 million against 100 million: a ratio of 1,5, so no 'dubbele'
    assert ("150 miljoen euro of 15% van de 4,3 miljard euro aan relancemiddelen was vastgelegd "
            "op meetmoment 31 december 2021. Dat is 50 miljoen euro meer dan in september 2021 "
            "(100 miljoen euro).") in s["3.3"]
    assert "het dubbele" not in s["3.3"]
    assert "Dat is 5 miljoen euro meer dan in september 2021." in s["3.3"]


@pytest.mark.parametrize("committed, expected", [
    (21_000_000, "Dat is het dubbele van het bedrag in september 2021 (100 miljoen euro)."),
    (19_000_000, "Dat is het dubbele van het bedrag in september 2021 (100 miljoen euro)."),
    (18_900_000, "Dat is 89 miljoen euro meer dan in september 2021 (100 miljoen euro)."),
    (30_000_000, "Dat is het drievoudige van het bedrag in september 2021 (100 miljoen euro)."),
    (9_000_000, "Dat is 10 miljoen euro minder dan in september 2021 (100 miljoen euro)."),
])
def test_doubling_only_within_five_percent(tmp_path, committed, expected):
    projects = projects_with(*statuses(donkergroen=10))
    s = text(tmp_path, RoundSpec("2021-12-31", 3, projects, milestones_for(projects),
                                 finance_for(projects, committed=committed), vorige=VORIGE))
    assert expected in s["3.3"]


def test_direction_words_follow_the_data(tmp_path):
    projects = projects_with(*statuses(donkergroen=10))
    # previous: 4 on schedule of 10, 2 realised; now: 2 on schedule, 1 realised of 10
    milestones = ([(c, "donkergroen", "2022-Q1") for c, _ in projects[:2]]
                  + [(c, "geel", "2021-Q1") for c, _ in projects[2:3]]
                  + [(c, "grijs", "2023-Q1") for c, _ in projects[3:]])
    s = text(tmp_path, RoundSpec("2021-12-31", 3, projects, milestones, finance_for(projects),
                                 vorige=VORIGE))
    assert ("Het aantal gestarte mijlpalen dat op schema is daalde tussen september 2021 en "
            "december 2021 van 4 (40%) naar 2 (20%), en het aantal gerealiseerde mijlpalen "
            "daalde van 2 (20%) naar 1 (10%).") in s["3.2"]
    assert "Voor geen enkele mijlpaal wordt een vertraging vastgesteld, dat was er bij de vorige " \
           "meting 1 (10%)." in s["3.2"]
    assert "Geen enkele mijlpaal moet worden bijgestuurd." in s["3.2"]
    assert ("In vergelijking met de meting in september 2021: positief is dat het aantal "
            "projecten waarvoor bijkomende aandacht nodig is afneemt, nl. van 1 naar geen "
            "enkel project.") in s["3.1"]


def test_previous_folder_gives_progress_and_months(tmp_path):
    before = projects_with(*statuses(donkergroen=5, lichtgroen=2, oranje=1, grijs=2))
    now = projects_with(*statuses(donkergroen=6, lichtgroen=2, oranje=1, grijs=1))
    prev = RoundSpec("2021-09-30", 2, before, milestones_for(before), finance_for(before))
    s = text(tmp_path, RoundSpec("2021-12-31", 3, now, milestones_for(now), finance_for(now)),
             previous=prev)
    assert ("In vergelijking met de meting in september 2021 is duidelijk vooruitgang geboekt. "
            "Nog slechts 1 project moet formeel van start gaan. Het aantal projecten waarvoor "
            "bijkomende aandacht nodig is, bleef gelijk, nl. 1 project.") in s["3.1"]


def test_several_milestones_to_adjust_in_several_projects(tmp_path):
    projects = projects_with(*statuses(donkergroen=10))
    milestones = milestones_for(projects) + [("VV002", "rood", "2022-Q1"),
                                             ("VV002", "rood", "2022-Q2"),
                                             ("VV007", "rood", "2022-Q3")]
    s = text(tmp_path, RoundSpec("2021-12-31", 3, projects, milestones, finance_for(projects)))
    assert ("De 3 bij te sturen mijlpalen bevinden zich in de projecten VV002 ‘Project VV002’ en "
            "VV007 ‘Project VV007’.") in s["3.2"]


def test_long_lists_name_every_title(tmp_path):
    projects = projects_with(*statuses(oranje=7, donkergroen=3))
    s = text(tmp_path, RoundSpec("2021-12-31", 3, projects, milestones_for(projects),
                                 finance_for(projects)))
    assert ("Dit betreft de projecten "
            + ", ".join(f"VV00{i} ‘Project VV00{i}’" for i in range(1, 7))
            + " en VV007 ‘Project VV007’." in s["3.1"])


def test_markdown_narrative_keeps_structure_and_shows_markup_as_text(tmp_path):
    projects = projects_with(*statuses(donkergroen=2))
    spec = RoundSpec("2021-12-31", 3, projects, milestones_for(projects), finance_for(projects),
                     teksten={"communicatie": "Inleiding met <script>x</script>.\n\n"
                                              "## Campagne\n\n- **een**\n  - twee\n"})
    s = text(tmp_path, spec)
    assert s["5"] == "Inleiding met <script>x</script>."
    assert s["5.1"] == "een\ntwee"


@pytest.mark.parametrize("grey_before, grey_now, expected", [
    (2, 2, "In vergelijking met de meting in september 2021 moeten nog evenveel projecten "
           "formeel van start gaan: 2."),
    (1, 2, "In vergelijking met de meting in september 2021 moeten meer projecten formeel van "
           "start gaan: 2 in plaats van 1."),
    (0, 0, "In vergelijking met de meting in september 2021 zijn alle projecten formeel van "
           "start gegaan."),
    (2, 0, "In vergelijking met de meting in september 2021 is duidelijk vooruitgang geboekt. "
           "Alle projecten zijn nu formeel van start gegaan."),
])
def test_progress_is_read_from_the_projects_still_to_start(tmp_path, grey_before, grey_now,
                                                           expected):
    before = projects_with(*statuses(donkergroen=10 - grey_before, grijs=grey_before))
    now = projects_with(*statuses(donkergroen=10 - grey_now, grijs=grey_now))
    prev = RoundSpec("2021-09-30", 2, before, milestones_for(before), finance_for(before))
    s = text(tmp_path, RoundSpec("2021-12-31", 3, now, milestones_for(now), finance_for(now)),
             previous=prev)
    assert expected in s["3.1"]


def test_sample_round_alone_takes_its_comparison_from_vorige(tmp_path):
    """Without the September folder, [vorige] in ronde.toml gives the same comparisons."""
    import shutil

    root = Path(__file__).resolve().parents[2] / "inputs"
    shutil.copy(root / "plan.toml", tmp_path / "plan.toml")
    shutil.copytree(root / "2021-12-31", tmp_path / "2021-12-31")
    s = sentences(prepare(tmp_path / "2021-12-31").note.sections)
    assert ("daalde tussen september 2021 en december 2021 van 479 (47,61%) naar 465 (36,99%), "
            "maar het aantal gerealiseerde mijlpalen steeg van 165 (16,40%) naar 347 (27,61%)."
            in s["3.2"])
    assert "ten opzichte van 95,4% bij de vorige meting." in s["3.2"]
    assert "Dat is het dubbele van het bedrag in september 2021 (750 miljoen euro)." in s["3.3"]
    assert "Dat is 142 miljoen euro meer dan in september 2021." in s["3.3"]
    assert ("In vergelijking met de meting in september 2021: kanttekening is wel dat het aantal "
            "projecten waarvoor bijkomende aandacht nodig is toeneemt, nl. van 1 naar 7 "
            "projecten.") in s["3.1"]


def test_one_milestone_of_each_kind_is_singular_in_a_first_round(tmp_path):
    projects = projects_with(*statuses(donkergroen=2))
    milestones = [("VV001", "donkergroen", "2022-Q1"), ("VV002", "geel", "2021-Q4")]
    s = text(tmp_path, RoundSpec("2022-01-31", 1, projects, milestones, finance_for(projects)))
    assert ("Op 31 januari 2022 is 1 gestarte mijlpaal (50%) op schema en is 1 mijlpaal (50%) "
            "gerealiseerd.") in s["3.2"]


@pytest.mark.parametrize("late_now, expected", [
    (2, "Voor 2 mijlpalen (20%) wordt een vertraging vastgesteld, terwijl er bij de vorige "
        "meting geen enkele vertraagde mijlpaal was."),
    (0, "Voor geen enkele mijlpaal wordt een vertraging vastgesteld, net als bij de vorige "
        "meting."),
])
def test_delays_compared_with_a_previous_round_without_any(tmp_path, late_now, expected):
    """'net als bij de vorige meting' only when there is no delay now either."""
    projects = projects_with(*statuses(donkergroen=10))
    milestones = [(c, "oranje" if i < late_now else "donkergroen", "2022-Q1")
                  for i, (c, _) in enumerate(projects)]
    s = text(tmp_path, RoundSpec("2022-06-30", 4, projects, milestones, finance_for(projects),
                                 vorige={**VORIGE, "mijlpalen_vertraagd": 0}))
    assert expected in s["3.2"]


def test_the_note_names_the_projects_the_round_has_and_a_round_may_bring_its_own_plan(tmp_path):
    """The plan grew (VV181 added later, a 36th cluster): an older round rebuilt later
    still says what it said then."""
    inputs = tmp_path / "inputs"
    write_plan(inputs)  # relance VV001-VV158 and VV181, regular VV159-VV180
    before = projects_with(*statuses(donkergroen=4))
    june = write_round(inputs, RoundSpec("2022-06-30", 4, before, milestones_for(before),
                                         finance_for(before)))
    s = sentences(prepare(june).note.sections)
    assert "telt 4 eenmalige relanceprojecten (elk project kreeg een code van VV001 t.e.m. VV004)" in s["2"]
    assert "VV181" not in s["2"] + s["3.3"]
    assert "1 van de 2 clusters" in s["6.1"]

    after = before + [("VV159", "donkergroen"), ("VV181", "lichtgroen")]
    september = write_round(inputs, RoundSpec("2022-09-30", 5, after, milestones_for(after),
                                              finance_for(after) + [("VV181", 1_000_000, 0, 0)]))
    plan = (inputs / "plan.toml").read_text()
    (september / "plan.toml").write_text(plan + '\n[[clusters]]\nnummer = 3\nnaam = "Nieuw"\n'
                                         'speerpunt = 1\n', encoding="utf-8")
    s = sentences(prepare(september).note.sections)
    assert "telt 5 eenmalige relanceprojecten (elk project kreeg een code van VV001 t.e.m. VV004 en VV181)" in s["2"]
    assert "projecten VV159" in s["2"]
    assert "1 van de 3 clusters" in s["6.1"]
    # June, rebuilt after September's plan grew, still says what it said then
    assert "1 van de 2 clusters" in sentences(prepare(june).note.sections)["6.1"]
