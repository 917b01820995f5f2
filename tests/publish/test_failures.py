"""A failing or interrupted build leaves the previous output as it was."""

from __future__ import annotations

import fcntl
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mededeling.cli import main
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

MEETMOMENT = "2022-04-30"


def make_round(inputs: Path, n: int = 6) -> Path:
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=n))
    return write_round(inputs, RoundSpec(
        MEETMOMENT, 4, projects, [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects]))


def previous_output(out: Path) -> dict[str, bytes]:
    folder = out / MEETMOMENT
    folder.mkdir(parents=True)
    (folder / "mededeling.pdf").write_bytes(b"de vorige, goede versie")
    return snapshot(out)


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and not p.name.endswith(".lock")}


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if ".nieuw-" in p.name or ".oud-" in p.name]


def test_an_exception_during_layout_changes_nothing(tmp_path, capsys, monkeypatch):
    from mededeling.render import pdf

    original = pdf.render

    def failing(html, options=None):
        if "VV003" in html:
            raise MemoryError("te weinig geheugen")
        return original(html, options)

    from mededeling.render import workers

    monkeypatch.setattr(pdf, "render", failing)
    # layout in this process, where the failing layout is: a worker process started by a
    # fork server would not have it
    monkeypatch.setattr(workers, "shared_pool", lambda **_: None)
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    before = previous_output(out)
    assert main(["build", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Onverwachte fout (MemoryError): te weinig geheugen" in err
    assert snapshot(out) == before and leftovers(out) == []
    # the next build lays out again, with the good layout
    monkeypatch.undo()
    assert main(["build", str(folder), "--out", str(tmp_path / "daarna"), "--formaten", "pdf"]) == 0


@pytest.mark.slow  # a build of 80 projects in a process of its own: CI runs it (pytest --slow)
def test_sigterm_during_a_build_leaves_the_previous_output(tmp_path):
    folder = make_round(tmp_path / "inputs", n=150)  # long enough to be caught mid-way
    out = tmp_path / "out"
    before = previous_output(out)
    exe = Path(sys.executable).parent / "mededeling"
    proc = subprocess.Popen([str(exe), "build", str(folder), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2.5)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "Onderbroken; er werd niets geschreven of overschreven." in err.decode()
    assert snapshot(out) == before and leftovers(out) == []


def test_a_second_build_of_the_same_round_waits_its_turn(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / f".{MEETMOMENT}.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 1
    assert "er loopt al een opbouw van deze meetronde" in capsys.readouterr().err
    assert not (out / MEETMOMENT).exists()
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0


def workbook_of_30_rows(folder: Path):
    """The round's three required tables as sheets of 30 rows, its CSV files removed."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("projecten", "mijlpalen", "financiering"):
        ws = wb.create_sheet(name)
        ws.append(["code"])
        for i in range(30):
            ws.append([f"VV{i:03d}"])
        (folder / f"{name}.csv").unlink()
    return wb


def test_an_oversized_workbook_is_refused_before_loading(tmp_path, capsys, monkeypatch):
    from mededeling.input import raw as load
    folder = make_round(tmp_path / "inputs")
    workbook_of_30_rows(folder).save(folder / "ronde.xlsx")
    monkeypatch.setattr(load, "MAX_SHEET_ROWS", 20)
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "2022-04-30/ronde.xlsx, blad projecten: het blad is te groot" in err


def test_a_workbook_that_understates_its_size_is_still_refused(tmp_path, capsys, monkeypatch):
    """The <dimension> a sheet states is the file's word, not a count: rows are counted."""
    import io
    import re
    import zipfile

    from mededeling.input import raw as load
    folder = make_round(tmp_path / "inputs")
    buffer = io.BytesIO()
    workbook_of_30_rows(folder).save(buffer)
    lying = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(lying, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A1"/>', data)
            dst.writestr(info, data)
    (folder / "ronde.xlsx").write_bytes(lying.getvalue())
    monkeypatch.setattr(load, "MAX_SHEET_ROWS", 20)
    assert main(["check", str(folder)]) == 2
    assert "2022-04-30/ronde.xlsx, blad projecten: het blad is te groot" in capsys.readouterr().err


def test_a_csv_with_too_many_rows_is_refused(tmp_path, capsys, monkeypatch):
    from mededeling.input import raw as load
    folder = make_round(tmp_path / "inputs", n=30)
    monkeypatch.setattr(load, "MAX_SHEET_ROWS", 20)
    assert main(["check", str(folder)]) == 2
    assert ("2022-04-30/projecten.csv, regel 22: het bestand heeft te veel rijen; verwacht: "
            "hoogstens 20 rijen") in capsys.readouterr().err


def test_a_file_wrong_on_every_row_lists_a_hundred_problems_and_counts_the_rest(
        tmp_path, capsys):
    folder = make_round(tmp_path / "inputs", n=150)
    path = folder / "mijlpalen.csv"
    path.write_text(path.read_text().replace(",donkergroen,", ",paars,"))
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("2022-04-30/mijlpalen.csv, regel") == 100
    assert ("2022-04-30/mijlpalen.csv: en nog 50 fouten in dit bestand; alleen de eerste 100 "
            "staan hier.") in err
    assert "De meetronde kan niet verwerkt worden: 150 fouten." in err


def test_the_output_folder_is_never_the_input_folder(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    before = snapshot(tmp_path / "inputs")
    assert main(["build", str(folder), "--out", str(tmp_path / "inputs"),
                 "--formaten", "docx"]) == 1
    assert "Geweigerd: de documenten zouden in de map van de invoer komen" in \
        capsys.readouterr().err
    assert snapshot(tmp_path / "inputs") == before
    assert main(["serve", "--inputs", str(tmp_path / "inputs"), "--out",
                 str(tmp_path / "inputs"), "--geen-browser"]) == 2
    assert "ze zouden de invoer vervangen" in capsys.readouterr().err


def test_files_placed_in_a_build_folder_are_never_removed(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    (out / MEETMOMENT / "getekend-exemplaar.pdf").write_bytes(b"handtekening")
    before = snapshot(out)
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 1
    assert ("staan bestanden die mededeling niet maakte (getekend-exemplaar.pdf)"
            in capsys.readouterr().err)
    assert snapshot(out) == before

    (out / MEETMOMENT / "getekend-exemplaar.pdf").unlink()
    (out / MEETMOMENT / "manifest.json").write_text("{kapot")
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 1
    assert "is geen map die mededeling maakte" in capsys.readouterr().err


def test_an_output_folder_that_is_a_file_is_said_in_dutch(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    (tmp_path / "out").write_text("een bestand, geen map")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"),
                 "--formaten", "docx"]) == 1
    err = capsys.readouterr().err
    assert "er staat een bestand waar een map moet komen" in err
    assert "Errno" not in err and "exists" not in err


def test_a_toml_error_is_said_in_dutch(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    toml = folder / "ronde.toml"
    toml.write_text(toml.read_text().replace("meetmoment = 2022-04-30", "meetmoment = 2022-02-30"))
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert ("2022-04-30/ronde.toml, regel 1, teken 14: geen geldige TOML: ongeldige datum "
            "(bestaat die dag wel?); schrijf JJJJ-MM-DD.") in err
    assert "Invalid" not in err
