"""The tables of one workbook, ronde.xlsx: one sheet per table of the contract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from mededeling.core.problems import Collector
from mededeling.input import raw
from mededeling.input.raw import TABLES, RawTable, make_table, normalise_header


def read_workbook(path: Path, label: str, problems: Collector) -> dict[str, RawTable | None]:
    if path.stat().st_size > raw.MAX_FILE_BYTES:
        problems.error(label, "de werkmap is te groot",
                       expected=f"hoogstens {raw.MAX_FILE_BYTES // (1024 * 1024)} MB")
        return {}
    try:
        # look at the sheets' sizes before loading any of them whole
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        # a sheet's stated size (its <dimension>) may lie: count the rows themselves
        too_big = [ws.title for ws in book.worksheets
                   if (ws.max_row or 0) > raw.MAX_SHEET_ROWS or _more_rows_than(ws, raw.MAX_SHEET_ROWS)]
        book.close()
        if too_big:
            for title in too_big:
                problems.error(label, "het blad is te groot", sheet=title,
                               expected=f"hoogstens {raw.MAX_SHEET_ROWS} rijen")
            return {}
        # values only: formulas give their last computed value, macros are never run
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object,
                               engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.error(label, f"de werkmap kan niet gelezen worden ({type(exc).__name__})",
                       expected="een .xlsx-bestand opgeslagen door Excel of LibreOffice")
        return {}
    found: dict[str, RawTable | None] = {}
    by_name = {str(k).strip().lower(): v for k, v in sheets.items()}
    for name in TABLES:
        frame = by_name.get(name)
        if frame is None:
            continue
        values = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
        if not values or not any(v is not None for v in values[0]):
            problems.error(label, "het blad is leeg", sheet=name, line=1,
                           expected="een kopregel met kolomnamen")
            found[name] = None
            continue
        header = [normalise_header(c) for c in values[0]]
        while header and not header[-1]:
            header.pop()
        body, lines = [], []
        for i, row in enumerate(values[1:], start=2):
            if any(v is not None for v in row):
                body.append(row)
                lines.append(i)
        found[name] = make_table(name, label, name, header, body, lines, True, problems)
    return found


def _more_rows_than(sheet: Any, limit: int) -> bool:
    sheet.reset_dimensions()  # else openpyxl stops where the stated size ends
    for n, _ in enumerate(sheet.iter_rows(values_only=True), start=1):
        if n > limit:
            return True
    return False


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell
            return None
        if value.is_integer():
            return int(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
