"""A table from a CSV file, as staff export it (`,` or `;` with decimal commas).

Read with the csv module rather than pandas' parser: only it tells the line a record
starts on when a quoted cell spans several lines, which is what a text editor shows.
When the file as a whole cannot be read as a table (not text, no separator, a title row
above the header, tabs), that one cause is reported, not a problem on every row.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from mededeling.core.problems import Collector
from mededeling.input import raw
from mededeling.input.raw import RawTable, decode_text, make_table, normalise_header

SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
# csv's own messages, as the cause a person can act on
CSV_ERRORS = (
    ("field larger than field limit", "een cel is langer dan 131.072 tekens: staat er ergens "
                                      "een aanhalingsteken (\") dat niet gesloten wordt?"),
    ("line contains NUL", "het bestand bevat een NUL-teken: is het wel een CSV-bestand?"),
    ("new-line character seen in unquoted field", "een regeleinde midden in een cel zonder "
                                                  "aanhalingstekens"),
)


def _csv_message(exc: csv.Error) -> str:
    """csv's English message as the cause in Dutch (its limit and class name never shown)."""
    return next((nl for en, nl in CSV_ERRORS if str(exc).startswith(en)),
                "de CSV-opmaak klopt niet (aanhalingstekens?)")


def _cells(line: str, sep: str) -> list[str] | None:
    """One line's cells, or None when csv cannot read it (a cell past its size limit)."""
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return None


def _separator(line: str) -> str | None:
    counts = {sep: line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: (counts[s], s == ";"))
    return best if counts[best] else None


def _title_rows(lines: list[str], name: str) -> int:
    """How many lines above the header, when the header is not on the first line: a row
    holding the known columns within the first six lines."""
    from mededeling.input.schemas import SCHEMAS

    known = {c.name for c in SCHEMAS[name]}
    for i, line in enumerate(lines[:6]):
        for sep in (";", ","):
            cells = {normalise_header(c) for c in _cells(line, sep) or ()}
            if len(cells & known) >= 2:
                return i
    return 0


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
    lines = text.splitlines()
    skip = 0
    hint = SEP_LINE.match(lines[0])
    if hint:  # Excel's 'sep=;' line names the separator: the header is on the next line
        sep, skip = hint[1], 1
        if len(lines) < 2 or not lines[1].strip():
            problems.error(label, "het bestand is leeg", line=2,
                           expected="een kopregel met kolomnamen na de regel ‘sep=’")
            return None
        if sep not in ";,":
            problems.error(label, "scheidingsteken niet toegestaan", line=1, value=hint[0].strip(),
                           expected="komma's (,) of puntkomma's (;)")
            return None
    else:
        sep = _separator(lines[0]) or ","
    if sep == "\t":
        problems.error(label, "de kolommen zijn gescheiden door tabs (tekst met tabs), niet "
                       "door komma's of puntkomma's", line=1 + skip,
                       expected="een CSV-bestand: in Excel Opslaan als > 'CSV UTF-8'")
        return None
    titles = _title_rows(lines[skip:], name)
    if titles:
        problems.error(label, f"boven de kopregel {'staat' if titles == 1 else 'staan'} "
                       f"{titles} {'regel' if titles == 1 else 'regels'} (een titel?): de "
                       f"kopregel met de kolomnamen staat pas op regel {titles + skip + 1}",
                       line=1 + skip, value=lines[skip][:80],
                       expected="de kolomnamen op de eerste regel: verwijder de regels erboven")
        return None
    header = _cells(lines[skip], sep)
    if header is None:  # the header line itself: the file and line, in Dutch
        try:
            next(csv.reader([lines[skip]], delimiter=sep))
        except csv.Error as exc:
            problems.error(label, _csv_message(exc), line=1 + skip)
        return None
    if len(header) < 2:
        problems.error(label, "de kopregel heeft maar één kolom: het scheidingsteken werd niet "
                       "herkend", line=1 + skip, value=lines[skip][:80],
                       expected="kolomnamen gescheiden door komma's (,) of puntkomma's (;)")
        return None
    # the lines after a 'sep=' line, whatever ends the lines
    body = re.split(r"\r\n|\r|\n", text, maxsplit=1)[1] if skip else text
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep)
    rows: list[list[str]] = []
    row_lines: list[int] = []
    original: list[str] | None = None
    start = 1 + skip
    try:
        for record in reader:
            if len(rows) >= raw.MAX_SHEET_ROWS:
                problems.error(label, "het bestand heeft te veel rijen", line=start,
                               expected=f"hoogstens {raw.MAX_SHEET_ROWS} rijen")
                return None
            if original is None:
                original = record
            elif any(cell.strip() for cell in record):
                rows.append(record)
                row_lines.append(start)
            start = reader.line_num + 1 + skip
    except csv.Error as exc:
        problems.error(label, _csv_message(exc), line=start)
        return None
    assert original is not None
    return make_table(name, label, None, original, rows, row_lines, sep == ";", problems,
                      header_line=1 + skip)
