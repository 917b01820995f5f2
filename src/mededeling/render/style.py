"""The house style shared by every format, as data: one place for each colour and rule.

The status colours come from `core.statuses` (the one table of them); the rest of the
palette, the draft mark and the Word text width are here, and the PDF/HTML, Word,
Excel and chart renderers all read them, so a change is made once.
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from mededeling.core.blocks import Table
from mededeling.core.statuses import STATUSES
from mededeling.resources import font_path

FONT_STACK = 'Carlito, Calibri, "Liberation Sans", sans-serif'
HEADER_GREY = "#E6E6E6"  # the header row of a table
TOTAL_GREY = "#F2F2F2"  # its total row
RULE_GREY = "#8C8C8C"  # table rules
GRID_GREY = "#DDDDDD"  # chart grid lines
DRAFT_RED = "#C81E1E"  # ONTWERP on every page of a draft
LINK_BLUE = "#0563C1"
BUDGET_BLUE = "#B9C7D6"  # beleidsruimte in the finance chart
# the finance chart: committed in the colour of 'stopgezet'-blue, paid in the green of
# 'op schema'; the rate classes run from red (far from the target) to dark green
COMMITTED = STATUSES["blauw"].colour
PAID = STATUSES["donkergroen"].colour
SERIES = STATUSES["blauw"].colour  # a dashboard indicator's line
RATE_CLASS_COLOURS = tuple(STATUSES[s].colour
                           for s in ("rood", "oranje", "geel", "lichtgroen", "donkergroen"))


def hex_of(colour: str) -> str:
    """'#E6E6E6' as Word and Excel want it: 'E6E6E6'."""
    return colour.lstrip("#")


def status_css(element: str = "td") -> Markup:
    """The status colours as CSS classes (of table cells in the documents; of any
    element on the web page, with element="")."""
    return Markup("\n".join(
        f"{element}.s-{s.code} {{ background: {s.colour}; color: {s.text_colour}; }}"
        for s in STATUSES.values()))


def document_css(draft_mark: str = "") -> Markup:
    """What the HTML/PDF documents take from the house style: status colours, table
    greys, and on a draft the mark at the top of every page."""
    rules = [
        str(status_css()),
        # on screen, rules of 0,5 pt: the right and bottom of each cell, the top and left
        # of the table
        f"@media screen {{ table.tabel {{ border-top: 0.5pt solid {RULE_GREY}; "
        f"border-left: 0.5pt solid {RULE_GREY}; }}",
        f"table.tabel th, table.tabel td {{ border-right: 0.5pt solid {RULE_GREY}; "
        f"border-bottom: 0.5pt solid {RULE_GREY}; }} }}",
        # in the PDF the same 0,5 pt, as two abutting rules of 0,25 pt: one round all four
        # sides of each cell. WeasyPrint draws a border of four equal sides as one
        # rectangle, and two or three sides each on its own with a clip path: this took a
        # tenth of the global report's calls. A browser rounds a 0,25 pt rule up to a
        # pixel, so the screen keeps the rules above
        f"@media print {{ table.tabel, table.tabel th, table.tabel td "
        f"{{ border: 0.25pt solid {RULE_GREY}; }} }}",
        f"table.tabel thead th {{ background: {HEADER_GREY}; }}",
        f"table.tabel tr.totaal td {{ background: {TOTAL_GREY}; }}",
        f"a {{ color: {LINK_BLUE}; }}",
    ]
    if draft_mark:
        # the mark is our own constant word, never data; quotes are escaped all the same
        mark = draft_mark.replace("\\", "\\\\").replace('"', '\\"')
        rules.append(f'@page {{ @top-center {{ content: "{mark}"; font-family: {FONT_STACK}; '
                     f"font-size: 14pt; font-weight: bold; color: {DRAFT_RED}; }} }}")
    return Markup("\n".join(rules))


@lru_cache(maxsize=4)
def word_text_width(template: Path) -> int:
    """The width between the margins of a Word template's first section, in twips: tables
    fill it exactly, and restyling the page in Word changes it in one place."""
    from docx import Document

    section = Document(str(template)).sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    return int(width) // 635  # EMU to twips


# --- table columns --------------------------------------------------------------------------
# A column narrower than its longest word makes Word and WeasyPrint cut the word anywhere,
# without a hyphen ('Klimaatagentsch|ap'). The note gives each table's proportions; here
# they are widened where a word would not fit, in both formats alike. The figures are those
# of the templates: 9,5 pt Carlito in a text width of 16 cm, cells padded 4 pt a side in the
# PDF (bijlage.css) and in Word (render.docx sets the cell margins of its tables), plus slack
# for a bold face drawn wider by a renderer.
TABLE_FONT_PT = 9.5
TEXT_WIDTH_PT = 16 / 2.54 * 72
CELL_MARGIN_PT = 4.0  # left and right of a cell's text, in both formats
CELL_PADDING_PT = 2 * CELL_MARGIN_PT + 1.5
MAX_COLUMN_SHARE = 0.6  # a column never takes more than this for one word (a long URL)
# where a line may break: spaces, but not a no-break space (U+00A0, which holds an amount
# together: '1,323 miljard euro'); after a hyphen between letters
_BREAK = re.compile(r"[^\S\u00a0]+|(?<=[^\W\d_]-)(?=[^\W\d_])")


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Carlito's advance width per character, in points at 1 pt; and a wide default
    for a character the font lacks."""
    from fontTools.ttLib import TTFont

    quiet = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")  # Carlito's 'created' date
    level, quiet.level = quiet.level, logging.ERROR
    try:
        font = TTFont(str(font_path("bold" if bold else "normal")), lazy=True)
        scale = 1 / font["head"].unitsPerEm
    finally:
        quiet.setLevel(level)
    hmtx = font["hmtx"]
    widths = {code: hmtx[name][0] * scale for code, name in font.getBestCmap().items()}
    return widths, widths[ord("W")]


def text_width_pt(text: str, bold: bool = False, size: float = TABLE_FONT_PT) -> float:
    """The width of a text on one line, in points (kerning left out: it only narrows)."""
    widths, default = _advances(bold)
    return sum(widths.get(ord(ch), default) for ch in text) * size


@lru_cache(maxsize=1 << 16)
def longest_word_pt(text: str, bold: bool = False) -> float:
    """The width of the widest piece of a text that no renderer may break (kept per text:
    the Word file and the PDF ask for the same cells, and statuses recur in every row)."""
    return max((text_width_pt(w, bold) for w in _BREAK.split(text) if w), default=0.0)


def column_widths(table: Table) -> tuple[float, ...]:
    """The table's relative column widths (percent), unchanged where every word fits its
    column, else the narrow columns widened to their longest word and the others
    narrowed in their proportions (never below their own longest word). Tables that share
    their widths (`fit_rows`: the rows of all of them) get the same widths, fitted to all."""
    n = len(table.widths)
    need = [longest_word_pt(c, bold=True) for c in table.columns]
    rows = table.rows if table.fit_rows is None else table.fit_rows
    bodies = [(row, False) for row in rows] + ([(table.total, True)] if table.total else [])
    for row, bold in bodies:
        for i, cell in enumerate(row[:n]):
            for run in cell.runs:
                need[i] = max(need[i], longest_word_pt(run.text, bold or run.bold))
    least = [min((w + CELL_PADDING_PT) / TEXT_WIDTH_PT, MAX_COLUMN_SHARE) for w in need]
    total = sum(table.widths)
    share = [w / total for w in table.widths]
    if all(s >= m for s, m in zip(share, least)):
        return tuple(table.widths)
    if sum(least) >= 1:  # cannot fit: each column its word's share of the page
        return tuple(round(100 * m / sum(least), 2) for m in least)
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(n) if i not in fixed]
        room = 1 - sum(fixed.values())
        weight = sum(table.widths[i] for i in free)
        grown = {i: least[i] for i in free if room * table.widths[i] / weight < least[i]}
        if not grown:
            break
        fixed.update(grown)
    # to hundredths of a percent: a widened column rounded up, so its word still fits
    return tuple(math.ceil(10000 * fixed[i]) / 100 if i in fixed
                 else math.floor(10000 * room * table.widths[i] / weight) / 100
                 for i in range(n))
