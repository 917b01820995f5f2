"""A failing or interrupted build leaves the previous output as it was."""

from __future__ import annotations

import fcntl
import signal
import subprocess
import sys
import time
from pathlib import Path

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


def test_an_exception_in_a_worker_changes_nothing(tmp_path, capsys, monkeypatch):
    from mededeling.render import pdf

    original = pdf.render

    def failing(html, templates, options=None):
        if "VV003" in html:
            raise MemoryError("te weinig geheugen")
        return original(html, templates, options)

    monkeypatch.setattr(pdf, "render", failing)  # the workers are forked with it
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    before = previous_output(out)
    assert main(["build", str(folder), "--out", str(out)]) == 1
    assert "Onverwachte fout" in capsys.readouterr().err
    assert snapshot(out) == before and leftovers(out) == []


def test_sigterm_during_a_build_leaves_the_previous_output(tmp_path):
    folder = make_round(tmp_path / "inputs", n=80)  # long enough to be caught mid-way
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


def test_an_oversized_workbook_is_refused_before_loading(tmp_path, capsys, monkeypatch):
    import openpyxl

    from mededeling import load

    folder = make_round(tmp_path / "inputs")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("projecten", "mijlpalen", "financiering"):
        ws = wb.create_sheet(name)
        ws.append(["code"])
        for i in range(30):
            ws.append([f"VV{i:03d}"])
        (folder / f"{name}.csv").unlink()
    wb.save(folder / "ronde.xlsx")
    monkeypatch.setattr(load, "MAX_SHEET_ROWS", 20)
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "2022-04-30/ronde.xlsx, blad projecten: het blad is te groot" in err
