"""Reading a round folder as it lies on disk, before any meaning is given to it.

Every cell keeps where it came from (file, line or sheet and row, column), because
validation must point the user at the exact place to fix. CSV is read with the csv
module rather than pandas' parser: only it tells the line a record starts on when a
quoted cell spans several lines, which is what a text editor shows.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from mededeling.problems import Collector

TABLES = (
    "projecten", "mijlpalen", "financiering",
    "outputindicatoren", "impactindicatoren", "dashboard", "agenderingen",
)
REQUIRED_TABLES = ("projecten", "mijlpalen", "financiering")
TEXTS = ("communicatie", "feedback", "impactindicatoren")
WORKBOOK = "ronde.xlsx"
ROUND_DIR_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_SHEET_ROWS = 200_000  # far above any real round (1.800 projects, 13.000 milestones)


@dataclass
class RawTable:
    """One table of a round: the header and the rows, every cell still a raw value."""

    name: str
    file: str  # label shown to the user: '2021-12-31/projecten.csv'
    sheet: str | None  # set for a workbook
    columns: list[str]
    frame: pd.DataFrame  # object columns named as the header; '_line' is the row's line
    comma_decimals: bool  # nl-BE export: '1.234,5'

    def where(self, line: int, column: str | None = None) -> dict[str, Any]:
        return {"line": line, "column": column, "sheet": self.sheet}


@dataclass
class RawRound:
    folder: Path
    label: str
    ronde: dict[str, Any] | None
    tables: dict[str, RawTable | None]
    teksten: dict[str, str]
    files: list[Path] = field(default_factory=list)


def read_toml(path: Path, label: str, problems: Collector) -> dict[str, Any] | None:
    if not path.is_file():
        problems.error(label, "bestand ontbreekt")
        return None
    try:
        return tomllib.loads(_decode(path.read_bytes(), label, problems) or "")
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+), column (\d+)", str(exc))
        msg = _toml_message(str(exc).split(" (at line")[0])
        problems.error(label, "geen geldige TOML" + (f": {msg}" if msg else ""),
                       line=int(line[1]) if line else None,
                       column=line[2] if line else None)
        return None


# tomllib's messages, in the words of the staff who edit ronde.toml and plan.toml
_TOML_NL = (
    ("Invalid date or datetime", "ongeldige datum (bestaat die dag wel?); schrijf JJJJ-MM-DD"),
    ("Cannot declare", "deze sleutel of dit blok staat er twee keer"),
    ("Cannot overwrite a value", "deze sleutel staat er twee keer"),
    ("Cannot redefine", "dit blok staat er twee keer"),
    ("Cannot mutate", "dit blok staat er twee keer"),
    ("Duplicate inline table key", "deze sleutel staat er twee keer"),
    ("Expected '=' after a key", "na de naam van een sleutel moet '=' en een waarde komen"),
    ("Expected ']' at the end of a table", "']' ontbreekt na de naam van het blok"),
    ("Expected ']]' at the end of an array", "']]' ontbreekt na de naam van het blok"),
    ("Expected newline or end of document", "na een waarde mag op dezelfde regel niets meer "
                                            "staan (tekst tussen aanhalingstekens?)"),
    ("Unterminated string", "een tekst zonder sluitend aanhalingsteken"),
    ("Unescaped '\\' in a string", "een \\ in een tekst: schrijf \\\\ of gebruik enkele "
                                     "aanhalingstekens"),
    ("Unclosed array", "een lijst zonder sluitend ']'"),
    ("Unclosed inline table", "een blok zonder sluitend '}'"),
    ("Invalid value", "ongeldige waarde (tekst moet tussen aanhalingstekens)"),
    ("Invalid initial character for a key part", "ongeldig teken aan het begin van een sleutel"),
    ("Invalid statement", "deze regel is geen 'sleutel = waarde' en geen [blok]"),
    ("Found invalid character", "ongeldig teken"),
    ("Illegal character", "ongeldig teken"),
)


def _toml_message(message: str) -> str:
    return next((nl for en, nl in _TOML_NL if message.startswith(en)), "")


def load_round(folder: Path, problems: Collector) -> RawRound:
    label = folder.name
    ronde = read_toml(folder / "ronde.toml", f"{label}/ronde.toml", problems)
    csvs = {name: folder / f"{name}.csv" for name in TABLES if (folder / f"{name}.csv").is_file()}
    workbook = folder / WORKBOOK
    files: list[Path] = [folder / "ronde.toml"] if ronde is not None else []
    tables: dict[str, RawTable | None] = dict.fromkeys(TABLES)
    if workbook.is_file() and csvs:
        problems.error(
            f"{label}/{WORKBOOK}",
            "de map bevat zowel ronde.xlsx als CSV-bestanden ("
            + ", ".join(sorted(p.name for p in csvs.values()))
            + "); welke is juist?",
            expected="ofwel één ronde.xlsx, ofwel de CSV-bestanden")
    elif workbook.is_file():
        files.append(workbook)
        read = _read_workbook(workbook, f"{label}/{WORKBOOK}", problems)
        tables.update(read)
        for name in REQUIRED_TABLES:
            if name not in read:
                problems.error(f"{label}/{WORKBOOK}", "verplicht blad ontbreekt",
                               sheet=name, expected=f"een blad met de naam '{name}'")
    else:
        for name, path in csvs.items():
            files.append(path)
            tables[name] = _read_csv(path, f"{label}/{path.name}", name, problems)
        for name in REQUIRED_TABLES:
            if name not in csvs:
                problems.error(f"{label}/{name}.csv", "verplicht bestand ontbreekt",
                               expected=f"{name}.csv, of alle tabellen als bladen in {WORKBOOK}")
    teksten = {}
    for name in TEXTS:
        path = folder / "teksten" / f"{name}.md"
        if path.is_file():
            text = _decode(path.read_bytes(), f"{label}/teksten/{path.name}", problems)
            if text is not None:
                teksten[name] = text
                files.append(path)
    return RawRound(folder, label, ronde, tables, teksten, files)


def round_folders(inputs: Path) -> list[Path]:
    """Round folders of an inputs folder, oldest first (their names are their dates)."""
    if not inputs.is_dir():
        return []
    return sorted(p for p in inputs.iterdir()
                  if p.is_dir() and ROUND_DIR_RE.match(p.name) and (p / "ronde.toml").is_file())


def _decode(data: bytes, label: str, problems: Collector) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(label, "het bestand is geen UTF-8-tekst: onleesbare byte",
                       line=line, value=f"0x{data[exc.start]:02X}",
                       expected="UTF-8 (in Excel: 'CSV UTF-8' bij Opslaan als)")
        return None


def _normalise_header(cell: Any) -> str:
    return str(cell).strip().lstrip("\ufeff").strip().lower() if cell is not None else ""


def _read_csv(path: Path, label: str, name: str, problems: Collector) -> RawTable | None:
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.error(label, "het bestand is te groot",
                       expected=f"hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return None
    text = _decode(path.read_bytes(), label, problems)
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
            if len(rows) >= MAX_SHEET_ROWS:
                problems.error(label, "het bestand heeft te veel rijen", line=start,
                               expected=f"hoogstens {MAX_SHEET_ROWS} rijen")
                return None
            if header is None:
                header = [_normalise_header(c) for c in record]
            elif any(cell.strip() for cell in record):
                rows.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.error(label, f"de CSV-opmaak klopt niet ({exc})", line=start)
        return None
    assert header is not None
    return _table(name, label, None, header, rows, lines, sep == ";", problems)


def _table(name: str, label: str, sheet: str | None, header: list[str], rows: list[list[Any]],
           lines: list[int], comma_decimals: bool, problems: Collector) -> RawTable:
    width = len(header)
    seen: set[str] = set()
    for i, col in enumerate(header):
        if col and col in seen:
            problems.error(label, "kolom komt twee keer voor", line=1, sheet=sheet,
                           column=col)
        seen.add(col)
    cells: list[list[Any]] = []
    for row, line in zip(rows, lines):
        extra = [c for c in row[width:] if c not in (None, "") and str(c).strip()]
        if extra:
            problems.error(label, "waarde in een kolom zonder kolomnaam", line=line,
                           sheet=sheet, value=str(extra[0]),
                           expected=f"hoogstens {width} kolommen, zoals de kopregel")
        padded = list(row[:width]) + [None] * (width - len(row))
        cells.append([None if (c is None or (isinstance(c, str) and not c.strip())) else c
                      for c in padded])
    columns, used = [], set()
    for i, c in enumerate(header):  # empty and repeated names must not clash in the frame
        column = c if c and c not in used else f"_kolom{i}"
        used.add(column)
        columns.append(column)
    frame = pd.DataFrame(cells, columns=columns, dtype=object)
    frame["_line"] = lines
    return RawTable(name, label, sheet, [c for c in header if c], frame, comma_decimals)


def _read_workbook(path: Path, label: str, problems: Collector) -> dict[str, RawTable | None]:
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.error(label, "de werkmap is te groot",
                       expected=f"hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return {}
    try:
        # look at the sheets' sizes before loading any of them whole
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        # a sheet's stated size (its <dimension>) may lie: count the rows themselves
        too_big = [ws.title for ws in book.worksheets
                   if (ws.max_row or 0) > MAX_SHEET_ROWS or _more_rows_than(ws, MAX_SHEET_ROWS)]
        book.close()
        if too_big:
            for title in too_big:
                problems.error(label, "het blad is te groot", sheet=title,
                               expected=f"hoogstens {MAX_SHEET_ROWS} rijen")
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
        header = [_normalise_header(c) for c in values[0]]
        while header and not header[-1]:
            header.pop()
        body, lines = [], []
        for i, row in enumerate(values[1:], start=2):
            if any(v is not None for v in row):
                body.append(row)
                lines.append(i)
        found[name] = _table(name, label, name, header, body, lines, True, problems)
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
