"""The layout workers from the command line (issue 14): a worker that dies mid-build is
said in Dutch, the broken pool let go and the next build gets new workers; the steps a
build prints off a terminal are its stages, each once, the same on every run."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest
from roundkit import (
    OPTIONAL_FILES, RoundSpec, projects_with, statuses, write_plan, write_round,
)

from mededeling.cli import main
from mededeling.render import documents, workers


def small_round(inputs: Path) -> Path:
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=14, lichtgroen=2, grijs=1))
    return write_round(inputs, RoundSpec(
        "2022-01-31", 1, projects=projects, milestones=[("VV001", "geel", "2021-Q4")],
        finance=[(p[0], 1_000_000, 400_000, 100_000) for p in projects],
        extra_csv=OPTIONAL_FILES))  # all five annexes


def stages(err: str) -> list[str]:
    return [line[2:] for line in err.splitlines() if line.startswith("… ")]


@pytest.mark.slow  # two builds with layout workers: about 15 s
def test_a_worker_killed_during_a_cli_build_is_said_in_dutch_and_the_next_build_works(
        tmp_path, capsys, monkeypatch):
    folder = small_round(tmp_path / "invoer")
    draw = documents.draw_charts
    killed: list[int] = []

    def kill_then_draw(prep, store, step):
        killed.extend(workers.shared_pool().pids())
        os.kill(killed[0], signal.SIGKILL)
        return draw(prep, store, step)

    monkeypatch.setattr(documents, "draw_charts", kill_then_draw)
    assert main(["build", str(folder), "--out", str(tmp_path / "uit")]) == 1
    err = capsys.readouterr().err
    assert "Een hulpproces dat de PDF's opmaakt, is onverwacht gestopt" in err
    assert "Onverwachte fout" not in err
    assert not (tmp_path / "uit" / "2022-01-31").exists()

    monkeypatch.setattr(documents, "draw_charts", draw)
    assert main(["build", str(folder), "--out", str(tmp_path / "uit")]) == 0
    first = capsys.readouterr().err
    assert not set(killed) & set(workers.shared_pool().pids())
    assert main(["build", str(folder), "--out", str(tmp_path / "opnieuw")]) == 0
    second = capsys.readouterr().err
    # off a terminal: each stage once, no counts that depend on the workers' speed
    assert stages(first) == stages(second)
    assert stages(first) == [
        "Invoer lezen en controleren", "Cijfers berekenen", "Globaal rapport opmaken",
        "Grafieken tekenen", "PDF's van de mededeling en de bijlagen opmaken",
        "Word-bestanden maken", "Kerncijfers en controlebestand", "Globaal rapport opmaken",
        "Inhoudstafel", "Word-bestanden maken", "Inhoudstafel", "Samenvoegen en nummeren",
        "Word-bestanden maken", "Mededeling opmaken", "Covernota opmaken", "Impactindicatoren opmaken",
        "Outputindicatoren opmaken", "Dashboardindicatoren opmaken", "Bestanden wegschrijven"]
    assert not re.search(r"\d+ van \d+", first)


def test_a_pool_leaves_no_temporary_files_even_when_a_worker_is_killed(tmp_path, monkeypatch):
    """WeasyPrint copies the fonts into a temporary folder per worker (2,8 MB); a killed
    worker cannot remove its own. They live in the pool's folder, which the pool removes."""
    import tempfile
    import time

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    pool = workers.LayoutPool(size=2)
    try:
        pdf = pool.submit("<html lang='nl-BE'><p>Pagina <b>één</b></p></html>").result(120)
        assert pdf.startswith(b"%PDF")
        made = [p for p in temporary.rglob("*") if p.name.startswith("weasyprint-")]
        assert made  # the workers' font folders, inside the pool's
        os.kill(pool.pids()[0], signal.SIGKILL)
        for _ in range(100):  # the executor sees the worker gone
            if pool.broken:
                break
            time.sleep(0.05)
        assert pool.broken
    finally:
        pool.close()
    assert list(temporary.iterdir()) == []
