"""A round as it lies on disk, before any meaning is given to it: raw tables whose
cells keep where they came from.

Every cell keeps its place (file, line or sheet and row, column), because validation
must point the user at the exact place to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from mededeling.core.problems import Collector


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


@dataclass(frozen=True)
class CellIssue:
    """A workbook cell that holds no value a person meant: covered by a merge, a formula
    Excel never computed, an error value. Named as what it is, never as 'lege cel'."""

    message: str
    value: str | None
    expected: str


def canonical(name: str) -> str:
    """A name as a person might have meant it: no accents, lower case, no suffix in
    brackets, '_' for spaces and dashes ('Europese middelen (ja/nee)' -> 'europese_middelen')."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = re.sub(r"\s*[\(\[].*?[\)\]]\s*$", "", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def looks_like(name: str, known: "Iterable[str]") -> str | None:
    """The known name a name was probably meant to be (other case, accents, spaces, a
    suffix in brackets, a small typo), or None."""
    import difflib

    known = list(known)
    plain = canonical(name)
    if plain in known:
        return plain
    close = difflib.get_close_matches(plain, known, n=1, cutoff=0.85)
    return close[0] if close else None


@dataclass
class RawTable:
    """One table of a round: the header and the rows, every cell still a raw value."""

    name: str
    file: str  # label shown to the user: '2021-12-31/projecten.csv'
    sheet: str | None  # set for a workbook
    columns: list[str]
    frame: pd.DataFrame  # object columns named as the header; '_line' is the row's line
    comma_decimals: bool  # nl-BE export: '1.234,5'
    typed: dict[str, str] = field(default_factory=dict)  # column -> its header as typed
    header_line: int = 1

    def where(self, line: int, column: str | None = None) -> dict[str, Any]:
        return {"line": line, "column": column, "sheet": self.sheet}

    def place(self, line: int) -> str:
        """'regel 5' in a CSV file, 'rij 5' on a sheet: as the user looks it up."""
        return f"rij {line}" if self.sheet is not None else f"regel {line}"


@dataclass
class RawRound:
    folder: Path
    label: str
    ronde: dict[str, Any] | None
    tables: dict[str, RawTable | None]
    teksten: dict[str, str]
    files: list[Path] = field(default_factory=list)


ADVICE = {  # how to save the file as UTF-8, in the program staff use for it
    "csv": "UTF-8 (in Excel: Opslaan als > 'CSV UTF-8 (door komma's gescheiden)')",
    "toml": "UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8)",
    "md": "UTF-8 (in Kladblok of Word: Opslaan als tekst, codering UTF-8)",
}


def _line_at(data: bytes, position: int) -> int:
    """The line a byte is on, as an editor counts it (CR, LF and CR LF all end a line)."""
    return len(re.findall(rb"\r\n|\r|\n", data[:position])) + 1


def decode_text(data: bytes, label: str, problems: Collector, kind: str = "csv") -> str | None:
    """The text of a file: UTF-8, with or without BOM.

    A CSV that is not UTF-8 but reads as Windows-1252 (what Excel in the Belgian locale
    saves as 'CSV') is read as such, with a warning to check its accented letters:
    Windows-1252 gives every byte of a Dutch text a letter, and refusing the file would
    only send staff back to Excel for the same content. UTF-16 is named as UTF-16; ronde.toml
    and the texts are refused with advice that fits the program they are edited in."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) > 1 and data.count(b"\x00") * 4 > len(data))  # ASCII as UTF-16: every 2nd
    if utf16:
        problems.error(label, "het bestand is UTF-16-tekst (Unicode-tekst van Excel of "
                       "Kladblok), geen UTF-8", line=1, expected=ADVICE[kind])
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    mixed = data.startswith(b"\xef\xbb\xbf") or re.search(
        rb"[\xc2-\xf4][\x80-\xbf]", data) is not None  # UTF-8 letters beside the bad byte
    if kind == "csv" and mixed:
        problems.error(label, "het bestand is grotendeels UTF-8, maar niet overal: een "
                       "onleesbare byte (gemengde codering, bv. tekst geplakt uit een ander "
                       "programma)", line=_line_at(data, bad), value=f"0x{data[bad]:02X}",
                       expected=ADVICE[kind])
        return None
    if kind == "csv":
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            problems.warn(label, "het bestand is geen UTF-8 maar Windows-1252 (wat Excel "
                          "'CSV' noemt); het werd zo gelezen: kijk de letters met accenten "
                          "na in de documenten", line=_line_at(data, bad),
                          value=data[bad:bad + 1].decode("cp1252"), expected=ADVICE[kind])
            return text
    problems.error(label, "het bestand is geen UTF-8-tekst: onleesbare byte",
                   line=_line_at(data, bad), value=f"0x{data[bad]:02X}", expected=ADVICE[kind])
    return None


def normalise_header(cell: Any) -> str:
    return str(cell).strip().lstrip("\ufeff").strip().lower() if cell is not None else ""


def make_table(name: str, label: str, sheet: str | None, original: list[Any],
               rows: list[list[Any]], lines: list[int], comma_decimals: bool,
               problems: Collector, header_line: int = 1) -> RawTable:
    """A table from its header row as typed (`original`) and its rows with their lines."""
    header = [normalise_header(c) for c in original]
    width = len(header)
    seen: set[str] = set()
    for i, col in enumerate(header):
        if col and col in seen:
            problems.error(label, "kolom komt twee keer voor", line=header_line, sheet=sheet,
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
    named = {c: str(o).strip() for c, o in zip(header, original) if c}
    return RawTable(name, label, sheet, [c for c in header if c], frame, comma_decimals,
                    named, header_line)
