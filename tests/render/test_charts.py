"""The charts speak the notes' number style (issue 13): nl-BE tick labels, '2,5' not
'2.5', '250.000' not '250000'. The charts' text is drawn as glyph outlines; the SVG names
each glyph by its index in the font, so the characters can be read back through the
font's character map."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

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


# --- annex 5: periods in Dutch, charts as large in Word as in the PDF ---------------------

def tick_texts(svg: bytes) -> list[str]:
    """The texts of a chart in drawing order: with text as paths matplotlib writes each
    text as a comment before its glyphs (the glyphs are checked by glyphs() above)."""
    return re.findall(r"<!-- (.*?) -->", svg.decode())


def test_the_axis_of_a_dashboard_chart_names_quarters_and_months_in_dutch():
    quarters = DashboardSeries("Uitvoer", "economisch", "miljard euro", "", tuple(
        (f"{y}-Q{q}", Decimal(80 + i)) for i, (y, q) in enumerate(
            [(2020, q) for q in (3, 4)] + [(2021, q) for q in (1, 2, 3)])))
    svg = dashboard_series(quarters, "alt", "kwartalen").svg
    texts = tick_texts(svg)
    assert texts[:5] == ["2020 K3", "2020 K4", "2021 K1", "2021 K2", "2021 K3"]
    assert not any("Q" in t for t in texts) and "Q" not in glyphs(svg)
    months = DashboardSeries("Faillissementen", "economisch", "aantal", "", tuple(
        (f"{y}-{m:02d}", Decimal(500 + m)) for y, m in [(2020, 12)] + [(2021, m) for m in
                                                                        range(1, 12)]))
    texts = tick_texts(dashboard_series(months, "alt", "maanden").svg)
    # twelve months, every second one labelled (at most six labels)
    assert texts[:6] == ["dec. 2020", "feb. 2021", "apr. 2021", "jun. 2021", "aug. 2021",
                         "okt. 2021"]
    years = DashboardSeries("Armoede", "maatschappelijk", "%", "", tuple(
        (str(y), Decimal(15)) for y in range(2018, 2021)))
    assert tick_texts(dashboard_series(years, "alt", "jaren").svg)[:3] == \
        ["2018", "2019", "2020"]


def test_a_dashboard_png_has_the_pixels_of_a_full_width_chart():
    """Word shows it 16 cm wide: drawn 12 cm wide, it gets the pixels of 16 cm at 200 dpi."""
    import struct

    from mededeling.render.charts import WIDTH_CM

    series = DashboardSeries("Groei", "economisch", "", "", (("2021-Q1", Decimal(1)),
                                                            ("2021-Q2", Decimal(2))))
    png = dashboard_series(series, "alt", "scherp").png
    width_px = struct.unpack(">I", png[16:20])[0]
    assert abs(width_px - WIDTH_CM / 2.54 * 200) <= 2


EMU_PER_CM = 360_000


def test_annex_5_reads_dutch_periods_and_its_charts_are_16_cm_wide_in_word(small_sample_build):
    import html
    import zipfile

    from readback import docx_text, pdf_text

    name = "bijlage-5-dashboardindicatoren"
    for text in (docx_text(small_sample_build / f"{name}.docx"),
                 pdf_text(small_sample_build / f"{name}.pdf")):
        assert "Laatste waarde (2021 K3): 95,1 miljard euro" in text
        assert "Laatste waarde (november 2021): 444" in text
        assert "-Q" not in text and "2021-11" not in text
    with zipfile.ZipFile(small_sample_build / f"{name}.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    extents = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', xml)
    assert len(extents) == xml.count("<w:drawing>") >= 8  # every indicator of the sample
    for cx, cy in extents:
        assert int(cx) == 16 * EMU_PER_CM  # as the PDF shows it (mededeling.css)
        assert int(cy) == pytest.approx(16 * EMU_PER_CM * 5 / 12, abs=1)  # drawn 12 x 5 cm
    alts = [html.unescape(a) for a in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)]
    assert any(" van 2019 K3 tot 2021 K3: " in a for a in alts)
    assert not any("-Q" in a for a in alts)


def test_the_milestone_chart_counts_in_whole_numbers_and_names_a_lone_quarter():
    # a round whose 20 milestones all fall in 2022 K2: before, ticks at 2,5 and 7,5 and no
    # label under the one bar
    from mededeling.core.model import Quarter
    from mededeling.note.figures import MilestoneFigures, QuarterCount
    from mededeling.render.charts import milestone_chart

    by = {"donkergroen": 0, "oranje": 10, "rood": 0, "geel": 0, "grijs": 10, "blauw": 0}
    q = Quarter(2022, 2)
    ms = MilestoneFigures(20, by, 10, 0, q, q, (QuarterCount(q, by),), ())
    used = glyphs(milestone_chart(ms, "alt", "mijlpalen").svg)
    assert "," not in used  # no '2,5'
    assert {"K", "2"} <= used  # '2022 K2' under the bar
