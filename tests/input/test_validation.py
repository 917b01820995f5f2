"""Bad input: every problem located (file, line or sheet and row, column), exit 2, nothing written."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from mededeling.pipeline import prepare
from mededeling.cli import main
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round


def good_round(inputs: Path, nl: bool = False, meetmoment: str = "2021-12-31",
               meting: int = 3) -> Path:
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=3, lichtgroen=1))
    return write_round(inputs, RoundSpec(
        meetmoment, meting, projects, [(c, "donkergroen", "2022-Q1") for c, _ in projects],
        [(c, 100_000_000, Decimal("1234567.50"), 1_000_000) for c, _ in projects]), nl_dialect=nl)


def run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_several_faults_across_files_are_all_reported_and_nothing_is_written(tmp_path, capsys):
    folder = good_round(tmp_path / "inputs")
    projecten = (folder / "projecten.csv").read_text().splitlines()
    projecten[2] = projecten[2].replace("donkergroen", "groen")      # line 3
    projecten[4] = projecten[4].replace("VV004", "VV001")            # line 5: duplicate code
    (folder / "projecten.csv").write_text("\n".join(projecten) + "\n")
    mijlpalen = (folder / "mijlpalen.csv").read_text().splitlines()
    mijlpalen[1] = mijlpalen[1].replace("2022-Q1", "2022-Q5")       # line 2
    mijlpalen.append("VV999,1,Onbekend,2023-Q1,grijs,")               # line 6
    (folder / "mijlpalen.csv").write_text("\n".join(mijlpalen) + "\n")
    financiering = (folder / "financiering.csv").read_text().splitlines()
    financiering[3] = financiering[3].replace("1000000", "veel")     # line 4
    (folder / "financiering.csv").write_text("\n".join(financiering) + "\n")
    out = tmp_path / "out"
    (out / "2021-12-31").mkdir(parents=True)
    (out / "2021-12-31" / "mededeling.pdf").write_bytes(b"previous good output")

    code, err = run(["build", str(folder), "--out", str(out)], capsys)

    assert code == 2
    expected = [
        "2021-12-31/projecten.csv, regel 3, kolom status: ongeldige waarde ‘groen’; verwacht: "
        "een projectstatus: donkergroen, lichtgroen, oranje, rood, geel, grijs of blauw.",
        "2021-12-31/projecten.csv, regel 5, kolom code: dubbele projectcode (ook op regel 2) "
        "‘VV001’",
        "2021-12-31/mijlpalen.csv, regel 2, kolom kwartaal: ongeldige waarde ‘2022-Q5’; "
        "verwacht: een kwartaal zoals 2022-Q3.",
        "2021-12-31/mijlpalen.csv, regel 6, kolom project: onbekend project ‘VV999’",
        "2021-12-31/financiering.csv, regel 4, kolom vereffend: ongeldige waarde ‘veel’",
    ]
    for line in expected:
        assert line in err
    assert "‘VV002’" not in err  # a bad cell in a project's row does not cascade
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["2021-12-31"]
    assert [p.name for p in (out / "2021-12-31").iterdir()] == ["mededeling.pdf"]
    assert (out / "2021-12-31" / "mededeling.pdf").read_bytes() == b"previous good output"


def test_missing_column_and_missing_file(tmp_path, capsys):
    folder = good_round(tmp_path / "inputs")
    lines = (folder / "projecten.csv").read_text().splitlines()
    lines[0] = lines[0].replace("status", "kleur")
    (folder / "projecten.csv").write_text("\n".join(lines) + "\n")
    (folder / "financiering.csv").unlink()
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert ("2021-12-31/projecten.csv, regel 1: verplichte kolom ontbreekt in de kopregel "
            "‘status’") in err
    assert "2021-12-31/financiering.csv: verplicht bestand ontbreekt" in err


def test_line_numbers_are_those_an_editor_shows_with_multiline_cells(tmp_path, capsys):
    folder = good_round(tmp_path / "inputs")
    lines = (folder / "projecten.csv").read_text().splitlines()
    lines[1] = lines[1].replace("Loopt.", '"Loopt,\nover twee regels."')  # record 2 spans 2-3
    lines[2] = lines[2].replace("donkergroen", "paars")                      # now on line 4
    (folder / "projecten.csv").write_text("\n".join(lines) + "\n")
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert "2021-12-31/projecten.csv, regel 4, kolom status: ongeldige waarde ‘paars’" in err


def test_a_windows_1252_csv_is_read_with_a_warning_and_other_bytes_are_located(
        tmp_path, capsys):
    """Excel in the Belgian locale saves 'CSV' as Windows-1252: read it, say so."""
    folder = good_round(tmp_path / "inputs")
    data = (folder / "projecten.csv").read_bytes().replace(b"Loopt.", "Loopt één".encode("cp1252"), 1)
    (folder / "projecten.csv").write_bytes(data)
    code, err = run(["check", str(folder)], capsys)
    assert code == 0, err
    assert ("2021-12-31/projecten.csv, regel 2: het bestand is geen UTF-8 maar Windows-1252"
            in err)
    assert "Loopt één" in [p.voortgang for p in prepare(folder).round.projects]
    # a byte no encoding of Excel makes, on the third line of a file with CR line ends
    lines = (folder / "mijlpalen.csv").read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Mijlpaal", b"Mijlpaal \x81")
    (folder / "mijlpalen.csv").write_bytes(b"\r".join(lines))
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert ("2021-12-31/mijlpalen.csv, regel 3: het bestand is geen UTF-8-tekst: onleesbare "
            "byte ‘0x81’") in err


def test_nl_be_dialect_with_bom_reads_amounts_exactly(tmp_path):
    folder = good_round(tmp_path / "inputs", nl=True)
    raw = (folder / "financiering.csv").read_text()
    assert "1.234.567,50" in raw and ";" in raw
    (folder / "financiering.csv").write_text("\ufeff" + raw)
    prep = prepare(folder)
    assert prep.figures.finance.vastgelegd == Decimal("4938270.00")


def test_workbook_round_builds_and_its_errors_name_sheet_and_row(tmp_path, capsys):
    folder = good_round(tmp_path / "inputs")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    import csv
    for name in ("projecten", "mijlpalen", "financiering"):
        sheet = wb.create_sheet(name)
        with open(folder / f"{name}.csv", newline="") as fh:
            for row in csv.reader(fh):
                sheet.append([float(v) if v.replace(".", "").isdigit() and name == "financiering"
                              else v for v in row])
        (folder / f"{name}.csv").unlink()
    wb.save(folder / "ronde.xlsx")
    prep = prepare(folder)
    assert prep.figures.projects.total == 4
    assert prep.figures.finance.vastgelegd == Decimal("4938270.0")

    wb["mijlpalen"]["E3"] = "paars"
    wb.save(folder / "ronde.xlsx")
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert "2021-12-31/ronde.xlsx, blad mijlpalen, rij 3, kolom status: ongeldige waarde ‘paars’" in err


def test_csv_and_workbook_together_is_an_error(tmp_path, capsys):
    folder = good_round(tmp_path / "inputs")
    openpyxl.Workbook().save(folder / "ronde.xlsx")
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert "zowel ronde.xlsx als CSV-bestanden" in err


def test_warnings_are_printed_and_the_build_goes_on(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [("VV001", "geel"), ("VV002", "donkergroen"), ("VV200", "lichtgroen")]
    folder = write_round(inputs, RoundSpec(
        "2021-12-31", 3, projects,
        [("VV001", "donkergroen", "2022-Q1"), ("VV002", "geel", "2019-Q4"),
         ("VV200", "grijs", "2023-Q1")],
        [("VV001", 10_000_000, 1_000_000, 2_000_000)]))
    code, err = run(["check", str(folder)], capsys)
    assert code == 0
    assert ("mijlpalen.csv, regel 2, kolom status: project VV001 is gerealiseerd (geel) maar "
            "heeft nog lopende mijlpaal: 1 (regel 2)") in err
    assert "regel 2, kolom vereffend: vereffend is hoger dan vastgelegd" in err
    assert "regel 3, kolom kwartaal: mijlpaal gepland vóór 2020" in err
    assert "relanceproject VV002 heeft geen rij" in err
    assert "regel 4, kolom code: project staat niet in relance_projecten" in err


def test_round_folder_must_match_meetmoment_and_plan_must_parse(tmp_path, capsys):
    folder = good_round(tmp_path / "inputs")
    (folder / "ronde.toml").write_text((folder / "ronde.toml").read_text().replace(
        "meetmoment = 2021-12-31", "meetmoment = 2021-12-30"))
    (tmp_path / "inputs" / "plan.toml").write_text('naam = "x"\nrelancebudget = \n')
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert "inputs/plan.toml, regel 2" in err and "geen geldige TOML" in err


@pytest.mark.parametrize("amount, message", [
    ("-5", "negatief bedrag ‘-5’"),
    ("1e400", "getal in wetenschappelijke notatie ‘1e400’"),
    ("NaN", "ongeldige waarde ‘NaN’"),
    ("99999999999999", "onwaarschijnlijk groot bedrag"),
])
def test_impossible_amounts_are_refused(tmp_path, capsys, amount, message):
    folder = good_round(tmp_path / "inputs")
    lines = (folder / "financiering.csv").read_text().splitlines()
    lines[1] = lines[1].replace("100000000", amount, 1)
    (folder / "financiering.csv").write_text("\n".join(lines) + "\n")
    code, err = run(["check", str(folder)], capsys)
    assert code == 2
    assert f"2021-12-31/financiering.csv, regel 2, kolom beleidsruimte: {message}" in err


def test_default_round_is_the_latest_in_inputs(tmp_path, capsys, monkeypatch):
    good_round(tmp_path / "inputs", meetmoment="2021-09-30", meting=2)
    good_round(tmp_path / "inputs", meetmoment="2021-12-31")
    monkeypatch.chdir(tmp_path)
    code, err = run(["check"], capsys)
    assert code == 0
    assert "De meetronde 2021-12-31 is in orde" in err
    monkeypatch.chdir(tmp_path / "inputs")
    code, err = run(["check"], capsys)
    assert code == 2 and "geen meetronde gevonden" in err
    assert not any(p.name == "output" for p in tmp_path.iterdir())
    assert os.listdir(tmp_path) == ["inputs"]


def test_a_round_without_projects_is_refused_and_without_milestones_builds(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    empty = write_round(inputs, RoundSpec("2021-04-30", 1, [], [], []))
    code, err = run(["check", str(empty)], capsys)
    assert code == 2
    assert "2021-04-30/projecten.csv, regel 2: het bestand bevat geen enkel project" in err
    folder = write_round(inputs, RoundSpec("2021-04-30", 1, [("VV001", "grijs")], [], []))
    code, err = run(["build", str(folder), "--out", str(tmp_path / "out")], capsys)
    assert code == 0
    assert "Warning" not in err  # no English library warnings reach the user
    assert (tmp_path / "out" / "2021-04-30" / "mededeling.pdf").read_bytes().startswith(b"%PDF")


def test_a_newer_folder_without_ronde_toml_is_named_when_the_latest_round_is_taken(
        tmp_path, capsys, monkeypatch):
    good_round(tmp_path / "inputs", meetmoment="2021-12-31")
    (tmp_path / "inputs" / "2022-04-30").mkdir()
    monkeypatch.chdir(tmp_path)
    code, err = run(["check"], capsys)
    assert code == 0
    assert ("Let op: de map inputs/2022-04-30 heeft geen ronde.toml en telt niet als "
            "meetronde; de laatste meetronde is 2021-12-31.") in err
