"""Issue 22, 'one figure, one form' and 'nothing the round does not have': small rounds
built through the CLI and read back from their Word and PDF files.

- a bare round (no optional file at all, measured in June, titles with quotes,
  four-digit amounts): two annexes, a note that names only those, no file name or
  placeholder anywhere, annex 1 that does not deny the agendering of donkergroen projects;
- a round with a previous folder, agenderingen.csv lacking one donkergroen project,
  outputindicatoren.csv and dashboard.csv but no impactindicatoren.csv: its annexes are
  numbered 1 to 4 (the outputindicatoren are bijlage 3, in title and file name);
- a round with impactindicatoren.csv only: a change of a percentage in procentpunt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mededeling.cli import main
from mededeling.render.readback import docx_text, pdf_text
from roundkit import RoundSpec, write_plan, write_round

MONITORING = ('monitoring = "drie keer per jaar (maart/april, augustus/september en '
              'november/december)"\n'
              'monitoring_besluit = "Mededeling aan de Vlaamse Regering van 5 februari 2021"\n')
SAMPLE_SENTENCE = ("Het Vlaams Relanceplan wordt drie keer per jaar gemonitord (maart/april, "
                   "augustus/september en november/december), zoals gestipuleerd in de "
                   "Mededeling aan de Vlaamse Regering van 5 februari 2021.")
BARE_PROJECTS = [
    ("VV001", "donkergroen", "Renovatiegolf"),
    ("VV002", "donkergroen", "Laadpalen"),
    ("VV003", "lichtgroen", "Fietsbruggen"),
    ("VV004", "geel", 'Fietsbrug "Noord"'),
    ("VV005", "grijs", "Digitale 'één-loket'-werking"),
    ("VV006", "grijs", "Bibliotheek “De Krook”"),
]


def _texts(folder: Path, stem: str) -> dict[str, str]:
    return {"pdf": pdf_text(folder / f"{stem}.pdf"), "docx": docx_text(folder / f"{stem}.docx")}


def _stems(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.pdf"))


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("kaal")
    inputs = root / "inputs"
    write_plan(inputs)
    milestones = [(code, "donkergroen", "2022-Q3") for code, *_ in BARE_PROJECTS]
    finance = [("VV001", 4250, 1200, 0)] + [(code, 100_000_000, 30_000_000, 5_000_000)
                                           for code, *_ in BARE_PROJECTS[1:]]
    folder = write_round(inputs, RoundSpec("2022-06-30", 4, BARE_PROJECTS, milestones, finance))
    assert main(["build", str(folder), "--out", str(root / "out")]) == 0
    return folder, root / "out" / "2022-06-30"


@pytest.fixture(scope="module")
def partial(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("deels")
    inputs = root / "inputs"
    write_plan(inputs, extra=MONITORING)
    projects = [("VV001", "donkergroen"), ("VV002", "donkergroen"), ("VV003", "donkergroen"),
                ("VV004", "lichtgroen")]
    finance = [(code, 100_000_000, 30_000_000, 5_000_000) for code, _ in projects]
    # the previous round: 23 of 25 milestones on track, 92%, written '92,0%' beside 92,9%
    before = [("VV001", "donkergroen", "2022-Q3")] * 23 + [("VV002", "oranje", "2022-Q3")] * 2
    write_round(inputs, RoundSpec("2022-03-31", 1, projects, before, finance))
    # now 13 of 14: 92,857...% -> 92,9%
    now = [("VV001", "donkergroen", "2022-Q3")] * 13 + [("VV002", "oranje", "2022-Q3")]
    extra = {
        "agenderingen.csv": "project;datum;titel;url\n"
                            "VV001;2022-05-06;Conceptnota renovatie;\n"
                            "VV002;2022-05-13;Principiële goedkeuring laadpalen;\n",
        "outputindicatoren.csv": "project;indicator;eenheid;streefwaarde;realisatie\n"
                                 "VV001;Gerenoveerde gebouwen;gebouwen;1.200;600\n"
                                 "VV002;Laadpalen;stuks;400;100\n"
                                 "VV003;Fietsbruggen;bruggen;8;2\n"
                                 "VV004;Aanvragen;aanvragen;12.500;5.000\n",
        "dashboard.csv": "indicator;categorie;periode;waarde;eenheid;bron\n"
                         "Werkzaamheidsgraad;economisch;2021;74,7;%;Statbel\n"
                         "Werkzaamheidsgraad;economisch;2022;75,2;%;Statbel\n",
    }
    folder = write_round(inputs, RoundSpec("2022-06-30", 2, projects, now, finance,
                                           extra_csv=extra))
    assert main(["build", str(folder), "--out", str(root / "out")]) == 0
    return folder, root / "out" / "2022-06-30"


@pytest.fixture(scope="module")
def impact_only(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("impact")
    inputs = root / "inputs"
    write_plan(inputs, extra=MONITORING)
    projects = [("VV001", "donkergroen"), ("VV002", "lichtgroen")]
    impact = ("speerpunt;indicator;eenheid;basiswaarde;basisjaar;waarde;jaar;bron\n"
              "1;Aandeel hernieuwbare energie;%;6,9;2019;7,4;2020;VEKA\n"
              "2;Aandeel van de fiets;%;16,5;2019;15,5;2021;MOW\n"
              "2;Faillissementen;ondernemingen;5.912;2019;4.102;2020;Statbel\n")
    folder = write_round(inputs, RoundSpec(
        "2022-06-30", 4, projects, [(c, "donkergroen", "2022-Q3") for c, _ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, _ in projects],
        extra_csv={"impactindicatoren.csv": impact}))
    assert main(["build", str(folder), "--out", str(root / "out")]) == 0
    return root / "out" / "2022-06-30"


# --- nothing the round does not have ------------------------------------------------------

def test_a_round_without_optional_files_has_two_annexes_and_says_so(bare):
    _, built = bare
    assert _stems(built) == ["bijlage-1-globaal-rapport", "bijlage-2-covernota", "mededeling"]
    assert sorted(p.stem for p in built.glob("*.docx")) == _stems(built)
    for ext, note in _texts(built, "mededeling").items():
        assert ("BIJLAGE 1: Monitoring Relanceplan Vlaamse Veerkracht: voortgangsrapport "
                "meetmoment 30 juni 2022 BIJLAGE 2: Monitoring Relanceplan Vlaamse Veerkracht: "
                "covernota meetmoment 30 juni 2022 Jan JAMBON") in note, ext
        assert "In bijlage 2 kan men de covernota bij het globaal rapport vinden." in note
        for word in ("BIJLAGE 3", "bijlage 3", "6.3", "impactindicatoren", "outputindicatoren",
                     "dashboard"):
            assert word not in note, (ext, word)


def test_no_document_shows_a_file_name_or_a_placeholder(bare, partial):
    for _, built in (bare, partial):
        for stem in _stems(built):
            for ext, text in _texts(built, stem).items():
                for word in (".csv", "ontbreekt", "aangeleverd ("):
                    assert word not in text, (built.name, stem, ext, word)


def test_annexes_are_numbered_without_a_gap_in_titles_files_and_the_note(partial):
    _, built = partial
    assert _stems(built) == ["bijlage-1-globaal-rapport", "bijlage-2-covernota",
                             "bijlage-3-outputindicatoren", "bijlage-4-dashboardindicatoren",
                             "mededeling"]
    for ext, note in _texts(built, "mededeling").items():
        assert ("covernota meetmoment 30 juni 2022 BIJLAGE 3: Overzicht outputindicatoren "
                "BIJLAGE 4: Overzicht dashboardindicatoren Jan JAMBON") in note, ext
        assert ("OVERZICHT OUTPUTINDICATOREN In bijlage 3 kan een overzicht worden gevonden "
                "van de outputindicatoren per project en de realisatiegraad ervan.") in note, ext
        assert ("OVERZICHT DASHBOARDINDICATOREN In bijlage 4 steekt een overzicht van het "
                "dashboard van indicatoren") in note, ext
        assert "impactindicatoren" not in note and "BIJLAGE 5" not in note
    for ext, text in _texts(built, "bijlage-3-outputindicatoren").items():
        assert text.startswith("Bijlage 3: Overzicht outputindicatoren"), ext
    for ext, text in _texts(built, "bijlage-4-dashboardindicatoren").items():
        assert text.startswith("Bijlage 4: Overzicht dashboardindicatoren"), ext


def test_the_web_page_labels_the_annexes_the_build_has(partial):
    from mededeling.web.pages import document_labels

    _, built = partial
    assert document_labels(p.name for p in built.iterdir()) == {
        "mededeling": "Mededeling aan de Vlaamse Regering",
        "bijlage-1-globaal-rapport": "Bijlage 1: globaal rapport per project",
        "bijlage-2-covernota": "Bijlage 2: covernota met de kerncijfers",
        "bijlage-3-outputindicatoren": "Bijlage 3: overzicht outputindicatoren",
        "bijlage-4-dashboardindicatoren": "Bijlage 4: overzicht dashboardindicatoren",
    }


def test_the_check_says_which_annexes_and_warns_of_missing_agenderingen(bare, partial, capsys):
    folder, _ = bare
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0
    err = capsys.readouterr().err
    # the realised VV004 too: the note counts a realised project as put on the agenda
    assert ("projecten.csv, kolom status: 3 projecten hebben de status donkergroen (opgestart "
            "na agendering VR) of geel (gerealiseerd) maar agenderingen.csv ontbreekt: VV001, "
            "VV002 en VV004; bijlage 1 zegt bij deze projecten dat er geen agendering werd "
            "aangeleverd.") in err
    assert ("De mededeling krijgt 2 bijlagen:\n"
            "  Bijlage 1: globaal rapport per project (bijlage-1-globaal-rapport)\n"
            "  Bijlage 2: covernota met de kerncijfers (bijlage-2-covernota)\n"
            "Zonder impactindicatoren.csv valt de bijlage ‘Nota impactindicatoren’ weg; "
            "de nota noemt ze niet en nummert de andere door.\n"
            "Zonder outputindicatoren.csv valt de bijlage ‘Overzicht outputindicatoren’ weg; "
            "de nota noemt ze niet en nummert de andere door.\n"
            "Zonder dashboard.csv valt de bijlage ‘Overzicht dashboardindicatoren’ weg; "
            "de nota noemt ze niet en nummert de andere door.\n") in err
    folder, _ = partial
    assert main(["check", str(folder)]) == 0
    err = capsys.readouterr().err
    assert ("1 project heeft de status donkergroen (opgestart na agendering VR) maar geen rij "
            "in agenderingen.csv: VV003; bijlage 1 zegt bij dit project dat er geen "
            "agendering werd aangeleverd.") in err
    assert ("  Bijlage 3: overzicht outputindicatoren (bijlage-3-outputindicatoren)\n"
            "  Bijlage 4: overzicht dashboardindicatoren (bijlage-4-dashboardindicatoren)\n"
            "Zonder impactindicatoren.csv valt de bijlage ‘Nota impactindicatoren’ weg") in err


def test_annex_1_does_not_deny_an_agendering_the_status_implies(bare, partial):
    _, built = bare
    for ext, text in _texts(built, "bijlage-1-globaal-rapport").items():
        # no agenderingen.csv: only the lichtgroen project (its status says it) was not yet
        assert text.count("Er werd voor dit project geen agendering aangeleverd.") == 5, ext
        assert text.count("Dit project werd nog niet geagendeerd op de Vlaamse Regering "
                          "t.e.m. 30 juni 2022.") == 1, ext
    _, built = partial
    for ext, text in _texts(built, "bijlage-1-globaal-rapport").items():
        vv003 = text[text.index("VV003 Project VV003 Projectstatus"):
                     text.index("VV004 Project VV004 Projectstatus")]
        assert "Er werd voor dit project geen agendering aangeleverd." in vv003, ext
        assert "nog niet geagendeerd" not in vv003, ext
        vv004 = text[text.index("VV004 Project VV004 Projectstatus"):]
        assert ("Dit project werd nog niet geagendeerd op de Vlaamse Regering t.e.m. "
                "30 juni 2022.") in vv004, ext
        assert "Conceptnota renovatie" in text


def test_section_1_takes_the_monitoring_from_the_plan(bare, partial):
    _, built = bare
    for ext, note in _texts(built, "mededeling").items():
        assert ("op het meetmoment 30 juni 2022. Het Vlaams Relanceplan wordt op geregelde "
                "tijdstippen gemonitord.") in note, ext
        assert "maart/april" not in note and "drie keer per jaar" not in note
    _, built = partial
    for ext, note in _texts(built, "mededeling").items():
        assert SAMPLE_SENTENCE in note, ext


# --- one figure, one form -----------------------------------------------------------------

def test_a_share_has_one_form_in_the_note_the_covernota_and_annex_1(bare):
    _, built = bare
    notes, cover = _texts(built, "mededeling"), _texts(built, "bijlage-2-covernota")
    report = _texts(built, "bijlage-1-globaal-rapport")
    for ext in ("pdf", "docx"):
        assert "2 projecten of 33,33% hebben de status ‘opgestart na agendering VR’" in notes[ext]
        assert "Donkergroen opgestart na agendering VR 2 33,33%" in cover[ext], ext
        assert "Geel gerealiseerd 1 16,67%" in cover[ext], ext
        assert "Totaal 6 100%" in cover[ext], ext
        # four digits without a separator, a share in the note's form
        assert "4250 euro 1200 euro (28,24%) 0 euro (0%)" in report[ext], ext
        for text in (notes[ext], cover[ext], report[ext]):
            assert ",00%" not in text and ",0%" not in text


def test_titles_with_quotes_nest_in_the_note(bare):
    _, built = bare
    for ext, note in _texts(built, "mededeling").items():
        assert "Het gaat over VV004 ‘Fietsbrug “Noord”’." in note, ext
        assert ("Het gaat over: VV005 ‘Digitale “één-loket”-werking’ en VV006 ‘Bibliotheek "
                "“De Krook”’.") in note, ext


def test_compared_shares_have_the_same_decimals(partial):
    _, built = partial
    for ext, note in _texts(built, "mededeling").items():
        assert ("13 van de 14, of 92,9% van de gestarte mijlpalen op schema of reeds "
                "gerealiseerd, ten opzichte van 92,0% bij de vorige meting.") in note, ext


def test_annex_4_counts_read_as_a_person_writes_them(partial):
    _, built = partial
    for ext, text in _texts(built, "bijlage-3-outputindicatoren").items():
        assert ("De 4 projecten hebben elk één outputindicator, alle met een streefwaarde. "
                "De realisatiegraad is de realisatie gedeeld door de streefwaarde.") in text, ext
        # the input's 1.200 and 12.500: no separator up to four digits, a dot from five
        assert "Gerenoveerde gebouwen gebouwen 1200 600 50%" in text, ext
        assert "Aanvragen aanvragen 12.500 5000 40%" in text, ext


def test_a_change_of_a_percentage_is_in_procentpunt(impact_only):
    assert _stems(impact_only) == ["bijlage-1-globaal-rapport", "bijlage-2-covernota",
                                   "bijlage-3-impactindicatoren", "mededeling"]
    for ext, text in _texts(impact_only, "bijlage-3-impactindicatoren").items():
        assert "Aandeel hernieuwbare energie % 6,9 (2019) 7,4 (2020) +0,5 procentpunt" in text, ext
        assert "Aandeel van de fiets % 16,5 (2019) 15,5 (2021) -1 procentpunt" in text, ext
        assert "Faillissementen ondernemingen 5912 (2019) 4102 (2020) -1810 Statbel" in text, ext
    for ext, note in _texts(impact_only, "mededeling").items():
        assert "In bijlage 3 kan men een nota vinden m.b.t. de impactindicatoren." in note
        assert "outputindicatoren" not in note and "BIJLAGE 4" not in note


def test_an_optional_file_with_only_its_header_leaves_its_annex_out(tmp_path, capsys):
    # an empty sheet or a CSV with only its header row: no annex that says nothing
    inputs = tmp_path / "inputs"
    write_plan(inputs, extra=MONITORING)
    projects = [("VV001", "lichtgroen"), ("VV002", "lichtgroen")]
    empty = {"impactindicatoren.csv": "speerpunt;indicator;eenheid;basiswaarde;basisjaar;"
                                      "waarde;jaar;bron\n",
             "outputindicatoren.csv": "project;indicator;eenheid;streefwaarde;realisatie\n",
             "dashboard.csv": "indicator;categorie;periode;waarde;eenheid;bron\n"}
    folder = write_round(inputs, RoundSpec(
        "2022-06-30", 4, projects, [(c, "donkergroen", "2022-Q3") for c, _ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, _ in projects], extra_csv=empty))
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "De mededeling krijgt 2 bijlagen:" in err
    assert "Zonder rijen in outputindicatoren.csv valt de bijlage" in err
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    built = sorted(p.name for p in (out / "2022-06-30").glob("bijlage-*.docx"))
    assert built == ["bijlage-1-globaal-rapport.docx", "bijlage-2-covernota.docx"]
    text = docx_text(out / "2022-06-30" / "mededeling.docx")
    assert "BIJLAGE 3" not in text and "outputindicatoren" not in text.lower()


def test_a_workbook_round_is_told_of_its_sheets_not_of_csv_files(tmp_path, capsys):
    from roundkit import workbook_of

    inputs = tmp_path / "inputs"
    write_plan(inputs, extra=MONITORING)
    projects = [("VV001", "lichtgroen"), ("VV002", "lichtgroen")]
    folder = write_round(inputs, RoundSpec(
        "2022-06-30", 4, projects, [(c, "donkergroen", "2022-Q3") for c, _ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, _ in projects],
        extra_csv={"outputindicatoren.csv": "project;indicator;eenheid;streefwaarde;"
                                            "realisatie\n"}))
    data = workbook_of(folder)
    for csv_file in folder.glob("*.csv"):
        csv_file.unlink()
    (folder / "ronde.xlsx").write_bytes(data)
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "Zonder rijen in het blad outputindicatoren valt de bijlage" in err
    assert "Zonder het blad dashboard valt de bijlage" in err
    assert ".csv" not in err.split("De mededeling krijgt")[1]
