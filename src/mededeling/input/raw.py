"""A round as it lies on disk, before any meaning is given to it: raw tables whose
cells keep where they came from.

Every cell keeps its place (file, line or sheet and row, column), because validation
must point the user at the exact place to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def decode_text(data: bytes, label: str, problems: Collector) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(label, "het bestand is geen UTF-8-tekst: onleesbare byte",
                       line=line, value=f"0x{data[exc.start]:02X}",
                       expected="UTF-8 (in Excel: 'CSV UTF-8' bij Opslaan als)")
        return None


def normalise_header(cell: Any) -> str:
    return str(cell).strip().lstrip("\ufeff").strip().lower() if cell is not None else ""


def make_table(name: str, label: str, sheet: str | None, header: list[str], rows: list[list[Any]],
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
