"""kerncijfers.xlsx: the covernota's tables as a workbook staff can sort and filter.

Numbers stay numbers (shares as fractions shown as percentages), so Excel can
compute with them; the text cells are the same words as in the documents.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from mededeling.note.figures import RoundFigures
from mededeling.core.model import Round, code_number
from mededeling.render.style import HEADER_GREY, hex_of
from mededeling.render.zips import fixed_zip
from mededeling.core.statuses import MILESTONE_STATUSES, PROJECT_STATUSES, STATUSES

PERCENT = "0.00%"
EURO = '#,##0 "euro"'


@dataclass(frozen=True)
class Sheet:
    """One sheet as plain data: what `write` puts in the workbook, and (its repr) the
    cache key of the file, so that a rebuild with the same figures neither imports
    openpyxl nor writes the workbook again."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple, ...]
    formats: tuple[tuple[int, str], ...]  # (column, number format)
    widths: tuple[int, ...]


def _sheet(title: str, header: list[str], rows: list[list], formats: dict[int, str],
           widths: list[int]) -> Sheet:
    return Sheet(title, tuple(header), tuple(tuple(r) for r in rows),
                 tuple(sorted(formats.items())), tuple(widths))


def _write_sheet(wb, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    title, header, rows, formats, widths = (sheet.title, sheet.header, sheet.rows,
                                            dict(sheet.formats), sheet.widths)
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=hex_of(HEADER_GREY))
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                as_text(cell)
    for col, fmt in formats.items():
        for cells in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            for cell in cells:
                cell.number_format = fmt
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


# what a spreadsheet may read as the start of a formula (OWASP, CSV injection), also in
# the full-width forms Excel accepts
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def as_text(cell) -> None:
    """A text cell stays text: openpyxl writes a string starting with '=' as a formula, and
    Excel turns a cell starting with '+', '-' or '@' into one as soon as it is edited.
    Stored as a string with Excel's quote prefix (the "'" it shows in the formula bar),
    the title reads as typed and is never run."""
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_START):
        cell.quotePrefix = True


def _share(part, whole):
    return float(part) / float(whole) if whole else 0.0


def build(fig: RoundFigures, round_: Round) -> bytes:
    return write(sheets(fig, round_), fig.meetmoment)


def sheets(fig: RoundFigures, round_: Round) -> tuple[Sheet, ...]:
    prev = fig.previous
    pf, ms = fig.projects, fig.milestones
    prev_p = (prev.projects_by_status if prev else None) or {}
    prev_m = (prev.milestones_by_status if prev else None) or {}
    projects = sorted(round_.projects, key=lambda p: code_number(p.code))
    return (
        _sheet("Projectstatussen",
               ["Status", "Betekenis", "Aantal", "Aandeel", "Aantal vorige meting"],
               [[s, STATUSES[s].project_label, pf.by_status[s],
                 _share(pf.by_status[s], pf.total), prev_p.get(s)] for s in PROJECT_STATUSES],
               {4: PERCENT}, [14, 34, 10, 10, 20]),
        _sheet("Mijlpaalstatussen",
               ["Status", "Betekenis", "Aantal", "Aandeel", "Aantal vorige meting",
                "Aandeel vorige meting"],
               [[s, STATUSES[s].milestone_label, ms.by_status[s],
                 _share(ms.by_status[s], ms.total), prev_m.get(s),
                 _share(prev_m[s], prev.milestones_total) if prev and s in prev_m
                 and prev.milestones_total else None] for s in MILESTONE_STATUSES],
               {4: PERCENT, 6: PERCENT}, [14, 20, 10, 10, 20, 20]),
        _sheet("Financiering per speerpunt",
               ["Speerpunt", "Naam", "Beleidsruimte", "Vastgelegd", "Aandeel vastgelegd",
                "Vereffend", "Aandeel vereffend"],
               [[s.nummer, s.naam, float(s.beleidsruimte), float(s.vastgelegd),
                 _share(s.vastgelegd, s.beleidsruimte), float(s.vereffend),
                 _share(s.vereffend, s.beleidsruimte)] for s in fig.finance.per_speerpunt],
               {3: EURO, 4: EURO, 5: PERCENT, 6: EURO, 7: PERCENT},
               [10, 40, 18, 18, 12, 18, 12]),
        _sheet("Projecten",
               ["Code", "Titel", "Speerpunt", "Cluster", "Status", "Betekenis", "Herstelplan"],
               [[p.code, p.titel, p.speerpunt, p.cluster, p.status,
                 STATUSES[p.status].project_label, "ja" if p.herstelplan else "nee"]
                for p in projects],
               {}, [9, 60, 10, 9, 13, 28, 11]),
    )


def write(data: tuple[Sheet, ...], meetmoment: dt.date) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in data:
        _write_sheet(wb, sheet)
    moment = dt.datetime.combine(meetmoment, dt.time(12))
    wb.properties.created = wb.properties.modified = moment
    wb.properties.creator = "mededeling"
    wb.properties.title = f"Kerncijfers meetmoment {meetmoment.isoformat()}"
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fixed_modified(name: str, content: bytes) -> bytes:
        # openpyxl always writes the current time as 'modified'
        if name != "docProps/core.xml":
            return content
        return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                      rb"\g<1>" + stamp + rb"\g<2>", content)

    return fixed_zip(buffer.getvalue(), moment, fixed_modified)
