"""The charts speak the notes' number style (issue 13): nl-BE tick labels, '2,5' not
'2.5', '250.000' not '250000'. The charts' text is drawn as glyph outlines; the SVG names
each glyph by its index in the font, so the characters can be read back through the
font's character map."""

from __future__ import annotations

import re
from decimal import Decimal

from mededeling.note.figures import DashboardSeries
from mededeling.render.charts import dashboard_series


def glyphs(svg: bytes) -> set[str]:
    from fontTools.ttLib import TTFont

    from mededeling.resources import font_path

    font = TTFont(font_path())
    char_of = {font.getGlyphID(name): chr(code) for code, name in font.getBestCmap().items()}
    return {char_of.get(int(index, 16), "?")
            for index in re.findall(r'xlink:href="#Carlito-([0-9a-f]+)"', svg.decode())}


def test_tick_labels_have_a_decimal_comma_and_a_thousands_dot():
    small = DashboardSeries("Groei", "economisch", "", "", (("2021-Q1", Decimal("2.5")),
                                                            ("2021-Q2", Decimal("3.5"))))
    used = glyphs(dashboard_series(small, "alt", "klein").svg)
    assert "," in used and "." not in used
    large = DashboardSeries("Werkzoekenden", "economisch", "", "", (
        ("2021-Q1", Decimal("250000")), ("2021-Q2", Decimal("310000"))))
    used = glyphs(dashboard_series(large, "alt", "groot").svg)
    assert "." in used and "," not in used


def test_the_last_value_reads_as_a_sentence():
    from mededeling.note.annexes import measured

    assert measured(Decimal("444"), "aantal") == "444"
    assert measured(Decimal("0.8"), "saldo") == "0,8 (saldo)"
    assert measured(Decimal("28.1"), "%") == "28,1%"
    assert measured(Decimal("2.5"), "miljard euro") == "2,5 miljard euro"
