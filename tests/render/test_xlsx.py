"""kerncijfers.xlsx, the one workbook the product writes: its text cells stay text."""

from __future__ import annotations

import zipfile

import openpyxl

from mededeling.cli import main
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

TITLES = ["=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3", "@import", "\uff1d1+1", "gewoon"]


def test_titles_that_look_like_formulas_stay_text(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [(code, status, title) for (code, status), title
                in zip(projects_with(*statuses(donkergroen=6)), TITLES)]
    folder = write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
        [(c, 1_000_000, 100_000, 10_000) for c, *_ in projects]))
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    path = out / "2022-04-30" / "kerncijfers.xlsx"
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in s or b"<f " in s for s in sheets)  # no formula
    wb = openpyxl.load_workbook(path)
    ws = wb["Projecten"]
    column = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2)
              for r in range(2, ws.max_row + 1)}
    for (code, _, title) in projects:
        cell = column[code]
        assert cell.value == title and cell.data_type == "s"
        assert cell.quotePrefix == (title != "gewoon")
