"""The house style shared by every format, as data: one place for each colour and rule.

The status colours come from `core.statuses` (the one table of them); the rest of the
palette, the draft mark and the Word text width are here, and the PDF/HTML, Word,
Excel and chart renderers all read them, so a change is made once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from mededeling.core.statuses import STATUSES

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
        f"table.tabel {{ border-top: 0.5pt solid {RULE_GREY}; border-left: 0.5pt solid {RULE_GREY}; }}",
        f"table.tabel th, table.tabel td {{ border-right: 0.5pt solid {RULE_GREY}; "
        f"border-bottom: 0.5pt solid {RULE_GREY}; }}",
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
