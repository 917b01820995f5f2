"""The tables of one workbook, ronde.xlsx: one sheet per table of the contract.

Staff edit workbooks: they hide sheets, keep a copy ('projecten (2)'), merge cells, type
formulas. Only the visible sheets named as the contract says are read; every other sheet
is named in a warning, a hidden contract sheet is an error (it may be stale), and a cell
that holds no value a person meant is named as what it is (see raw.CellIssue).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from mededeling.core.problems import Collector
from mededeling.input import raw
from mededeling.input.raw import TABLES, CellIssue, RawTable, looks_like, make_table

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls, or an .xlsx locked with a password
ERRORS = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA",
          "#SPILL!", "#CALC!", "#WAARDE!", "#DEEL/0!", "#VERW!", "#NAAM?", "#GETAL!", "#LEEG!")
MERGE_RE = re.compile(rb'<mergeCell ref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')
ROW_RE = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
COL_RE = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
ATTR_RE = re.compile(rb'\b(r|min|max|hidden)="([^"]*)"')
HIDDEN_ROW = ("een zichtbare rij (verborgen of weggefilterd in Excel is niet verwijderd): "
              "maak ze zichtbaar, en verwijder ze als ze niet mag meetellen")
HIDDEN_COLUMN = ("een zichtbare kolom (verborgen in Excel is niet verwijderd): maak ze "
                 "zichtbaar, en verwijder ze als ze niet mag meetellen")


def _column_index(letters: bytes) -> int:
    n = 0
    for c in letters.decode():
        n = n * 26 + ord(c) - 64
    return n - 1


def _merged(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, column index) -> 'A2:A4' for every cell a merge covers, but its first."""
    try:
        xml = archive.read(part)
    except KeyError:
        return {}
    covered: dict[tuple[int, int], str] = {}
    for m in MERGE_RE.finditer(xml):
        if not m[3]:
            continue
        c1, r1, c2, r2 = _column_index(m[1]), int(m[2]), _column_index(m[3]), int(m[4])
        ref = f"{m[1].decode()}{m[2].decode()}:{m[3].decode()}{m[4].decode()}"
        for r in range(r1, min(r2, r1 + raw.MAX_SHEET_ROWS) + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = ref
    return covered


def _hidden(xml: bytes) -> tuple[list[int], list[tuple[int, int]]]:
    """The rows (numbers) and column ranges (first, last: 1-based, inclusive) a sheet
    hides: hidden by hand, or rows a filter leaves out (Excel marks both alike). Their
    cells are read all the same, so they count: the user is told (see _warn_hidden)."""
    rows, columns = [], []
    for m in ROW_RE.finditer(xml):
        attributes = dict(ATTR_RE.findall(m[1]))
        if attributes.get(b"hidden") in (b"1", b"true") and attributes.get(b"r", b"").isdigit():
            rows.append(int(attributes[b"r"]))
    for m in COL_RE.finditer(xml):
        attributes = dict(ATTR_RE.findall(m[1]))
        if attributes.get(b"hidden") in (b"1", b"true"):
            try:
                columns.append((int(attributes[b"min"]), int(attributes[b"max"])))
            except (KeyError, ValueError):
                continue
    return sorted(rows), columns


def _warn_hidden(xml: bytes, rows: list[list[Any]], table: str, label: str, title: str,
                 problems: Collector) -> None:
    """A hidden row or column that holds values is read and counts, which its user may
    not expect (a project hidden to leave it out still adds its euros): say so, with
    the row or the column's name (a column the contract does not know is not read, and
    has its own warning)."""
    from mededeling.input.raw import normalise_header
    from mededeling.input.schemas import SCHEMAS

    known = {c.name for c in SCHEMAS[table]}
    hidden_rows, hidden_columns = _hidden(xml)
    header = rows[0] if rows else []
    for first, last in hidden_columns:
        for c in range(first - 1, min(last, len(header))):
            name = header[c]
            if isinstance(name, str) and normalise_header(name) in known:
                problems.warn(label, "verborgen kolom: ze wordt gelezen en telt mee",
                              sheet=title, line=1, column=name.strip(),
                              expected=HIDDEN_COLUMN)
    for r in hidden_rows:
        if r <= len(rows) and any(v is not None for v in rows[r - 1]):
            problems.warn(label, "verborgen rij: ze wordt gelezen en telt mee", sheet=title,
                          line=r, expected=HIDDEN_ROW)


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):  # Excel's TRUE/FALSE, in the words Dutch Excel shows
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell
            return None
        if value.is_integer() and abs(value) < 2 ** 53:
            return int(value)
    if isinstance(value, str) and value.strip().upper() in ERRORS:
        return CellIssue("foutwaarde in de cel", value.strip(),
                         "een waarde: verbeter de formule of typ de waarde in")
    if isinstance(value, (dt.datetime, dt.date, dt.time, int, float, str)):
        return value
    return str(value)


def _rows(book_values: Any, book_formulas: Any, title: str,
          merged: dict[tuple[int, int], str]) -> list[list[Any]]:
    values = book_values[title]
    values.reset_dimensions()  # the size a sheet states may lie: read what is there
    formulas = None
    if book_formulas is not None:
        formulas = book_formulas[title]
        formulas.reset_dimensions()
    formula_rows = formulas.iter_rows(values_only=True) if formulas is not None else None
    out = []
    for r, row in enumerate(values.iter_rows(values_only=True), start=1):
        written = next(formula_rows, ()) if formula_rows is not None else ()
        cells = [_cell(v) for v in row]
        for c, value in enumerate(cells):
            if value is None and c < len(written) and isinstance(written[c], str) \
                    and written[c].startswith("="):
                cells[c] = CellIssue("formule zonder berekende waarde", written[c][:60],
                                     "een waarde: open de werkmap in Excel en sla ze opnieuw "
                                     "op (dan bewaart Excel de uitkomst), of typ de waarde in")
            elif value is None and (r, c) in merged:
                cells[c] = CellIssue(f"samengevoegde cel ({merged[(r, c)]}): alleen de eerste "
                                     "cel heeft een waarde", None,
                                     "één waarde per cel: maak de samenvoeging ongedaan en vul "
                                     "elke cel")
        out.append(cells)
    return out


def _too_big(book: Any) -> list[str]:
    """Sheets with more rows of values than a round can have (a formatted but empty cell
    far down does not count)."""
    too_big = []
    for ws in book.worksheets:
        ws.reset_dimensions()  # else openpyxl stops where the stated size ends
        n = 0
        for row in ws.iter_rows(values_only=True):
            if any(v is not None for v in row):
                n += 1
                if n > raw.MAX_SHEET_ROWS:
                    too_big.append(ws.title)
                    break
    return too_big


def _open(path: Path, label: str, problems: Collector) -> tuple[Any, Any] | None:
    import openpyxl

    if path.read_bytes()[:8] == OLE:
        problems.error(label, "de werkmap is beveiligd met een wachtwoord (of is een oud "
                       ".xls-bestand)", expected="een .xlsx-werkmap zonder wachtwoord: in Excel "
                       "Bestand > Info > Werkmap beveiligen > wachtwoord wissen")
        return None
    try:
        # values only: formulas give their last computed value, macros are never run
        return openpyxl.load_workbook(path, read_only=True, data_only=True), zipfile.ZipFile(path)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        problems.error(label, "de werkmap kan niet gelezen worden (beschadigd, of geen "
                       "Excel-werkmap)", expected="een .xlsx-bestand opgeslagen door Excel of "
                       "LibreOffice")
        return None


def read_workbook(path: Path, label: str,
                  problems: Collector) -> dict[str, RawTable | None] | None:
    """The contract's tables in the workbook by name (None for a sheet that is there but
    cannot be used); None when the workbook itself cannot be read (said why)."""
    if path.stat().st_size > raw.MAX_FILE_BYTES:
        problems.error(label, "de werkmap is te groot",
                       expected=f"hoogstens {raw.MAX_FILE_BYTES // (1024 * 1024)} MB")
        return None
    opened = _open(path, label, problems)
    if opened is None:
        return None
    book, archive = opened
    try:
        return _read(path, book, archive, label, problems)
    except Exception:  # noqa: BLE001 - a damaged sheet inside a readable workbook
        problems.error(label, "de werkmap kan niet gelezen worden (een blad is beschadigd)",
                       expected="een .xlsx-bestand opgeslagen door Excel of LibreOffice")
        return None
    finally:
        book.close()
        archive.close()


def _read(path: Path, book: Any, archive: zipfile.ZipFile, label: str,
          problems: Collector) -> dict[str, RawTable | None] | None:
    too_big = _too_big(book)
    if too_big:
        for title in too_big:
            problems.error(label, "het blad is te groot", sheet=title,
                           expected=f"hoogstens {raw.MAX_SHEET_ROWS} rijen")
        return None
    sheets = book.worksheets
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    contract: dict[str, Any] = {}
    for name in TABLES:
        exact = [ws for ws in sheets if ws.title.strip().lower() == name]
        copies = [ws for ws in visible if ws not in exact
                  and looks_like(ws.title, TABLES) == name]
        if exact and exact[0].sheet_state != "visible":
            also = (f"; het zichtbare blad ‘{copies[0].title}’ lijkt een kopie" if copies else "")
            problems.error(label, f"het blad ‘{exact[0].title}’ is verborgen{also}: welke is "
                           "juist?", sheet=exact[0].title, expected=f"één zichtbaar blad met "
                           f"de naam {name}; maak het zichtbaar of verwijder het")
            contract[name] = None
        elif exact:
            contract[name] = exact[0]
        elif copies:
            problems.error(label, f"geen blad met de naam {name}, wel een blad dat er op lijkt",
                           sheet=copies[0].title, expected=f"de naam {name} (hernoem het blad)")
            contract[name] = None
    used = {id(ws) for ws in contract.values() if ws is not None}
    claimed = {id(ws) for ws in sheets if ws.title.strip().lower() in TABLES}
    for ws in sheets:
        if id(ws) in used or id(ws) in claimed:
            continue
        hidden = ws.sheet_state != "visible"
        problems.warn(label, ("verborgen blad" if hidden else "blad") + " hoort niet bij het "
                      "invoerformaat en wordt niet gelezen", sheet=ws.title,
                      expected="de bladen " + ", ".join(TABLES))
    book_formulas = None
    found: dict[str, RawTable | None] = {}
    for name, ws in contract.items():
        if ws is None:
            found[name] = None
            continue
        part = ws._worksheet_path  # noqa: SLF001 - openpyxl keeps no public name for it
        xml = archive.read(part) if part in archive.namelist() else b""
        xml_has_formulas = b"<f" in xml
        if xml_has_formulas and book_formulas is None:
            import openpyxl

            book_formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
        rows = _rows(book, book_formulas if xml_has_formulas else None, ws.title,
                     _merged(archive, part))
        found[name] = _table(name, label, ws.title, rows, problems)
        if found[name] is not None:
            _warn_hidden(xml, rows, name, label, ws.title, problems)
    if book_formulas is not None:
        book_formulas.close()
    return found


def _table(name: str, label: str, title: str, values: list[list[Any]],
           problems: Collector) -> RawTable | None:
    if not values or not any(v is not None for v in values[0]):
        problems.error(label, "het blad is leeg" if not any(
            any(v is not None for v in row) for row in values) else
            "de eerste rij van het blad is leeg", sheet=title, line=1,
            expected="een kopregel met kolomnamen in de eerste rij")
        return None
    from mededeling.input.raw import normalise_header
    from mededeling.input.schemas import SCHEMAS

    known = {c.name for c in SCHEMAS[name]}

    def names(row: list[Any]) -> set[str]:
        return {normalise_header(v) for v in row if isinstance(v, str)}

    if len(names(values[0]) & known) < 2:
        at = next((i for i, row in enumerate(values[1:6], start=2)
                   if len(names(row) & known) >= 2), None)
        if at is not None:  # a title above the header: one cause, not a row of follow-ons
            problems.error(label, f"boven de kopregel {'staat' if at == 2 else 'staan'} "
                           f"{at - 1} {'rij' if at == 2 else 'rijen'} (een titel?): de "
                           f"kopregel met de kolomnamen staat pas op rij {at}", sheet=title,
                           line=1, value=next((str(v) for v in values[0] if v is not None), None),
                           expected="de kolomnamen in de eerste rij: verwijder de rijen erboven")
            return None
    header = list(values[0])
    while header and header[-1] is None:
        header.pop()
    if any(isinstance(h, CellIssue) for h in header) or sum(h is not None for h in header) < 2:
        problems.error(label, "de eerste rij is geen kopregel met kolomnamen (een titel of "
                       "samengevoegde cellen?)", sheet=title, line=1,
                       value=next((str(h) for h in header if isinstance(h, str)), None),
                       expected="de kolomnamen in de eerste rij: verwijder de rijen erboven")
        return None
    body, lines = [], []
    for i, row in enumerate(values[1:], start=2):
        if any(v is not None for v in row):
            body.append(row)
            lines.append(i)
    return make_table(name, label, title, header, body, lines, True, problems)
