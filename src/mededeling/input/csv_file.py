"""A table from a CSV file, as staff export it (`,` or `;` with decimal commas).

Read with the csv module rather than pandas' parser: only it tells the line a record
starts on when a quoted cell spans several lines, which is what a text editor shows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mededeling.core.problems import Collector
from mededeling.input import raw
from mededeling.input.raw import RawTable, decode_text, make_table, normalise_header


def read_csv(path: Path, label: str, name: str, problems: Collector) -> RawTable | None:
    if path.stat().st_size > raw.MAX_FILE_BYTES:
        problems.error(label, "het bestand is te groot",
                       expected=f"hoogstens {raw.MAX_FILE_BYTES // (1024 * 1024)} MB")
        return None
    text = decode_text(path.read_bytes(), label, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(label, "het bestand is leeg", line=1, expected="een kopregel met kolomnamen")
        return None
    first = text.splitlines()[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            if len(rows) >= raw.MAX_SHEET_ROWS:
                problems.error(label, "het bestand heeft te veel rijen", line=start,
                               expected=f"hoogstens {raw.MAX_SHEET_ROWS} rijen")
                return None
            if header is None:
                header = [normalise_header(c) for c in record]
            elif any(cell.strip() for cell in record):
                rows.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.error(label, f"de CSV-opmaak klopt niet ({exc})", line=start)
        return None
    assert header is not None
    return make_table(name, label, None, header, rows, lines, sep == ";", problems)
