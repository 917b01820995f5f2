"""The annexes as a reader turns their pages (issue 13): no word cut without a hyphen, no
heading alone at the foot of a page, small tables on one page, a long table's project
named atop the page it runs on to, and a milestone chart where a single milestone shows.

The PDFs are read back page by page with pdftotext; what is expected comes from the
annexes' blocks of the same round (pipeline.prepare), so the tests hold for any data.
"""

from __future__ import annotations

import bisect
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from mededeling.core.blocks import Heading, Section, Table
from mededeling.core.model import Quarter
from mededeling.note.figures import MilestoneFigures, QuarterCount
from mededeling.pipeline import prepare
from mededeling.render import charts
from mededeling.render.style import (
    CELL_PADDING_PT, TEXT_WIDTH_PT, column_widths, longest_word_pt,
)
from readback import normalise

ROUND = "2021-12-31"
NOISE = re.compile(r"^\s*(Pagina \d+ van \d+|ONTWERP)\s*$")
# where a renderer may break a line without cutting a word: spaces, after a hyphen
PIECES = re.compile(r"\s+|(?<=-)")


@pytest.fixture(scope="module")
def prep(small_sample):
    return prepare(small_sample / ROUND)


def tables(sections: tuple[Section, ...], under: str = ""):
    """(the heading a table stands under, the table) of every table, in order."""
    for s in sections:
        for b in s.blocks:
            if isinstance(b, Table):
                yield s.heading, b
        yield from tables(s.subsections)


def headings(sections: tuple[Section, ...]):
    for s in sections:
        yield s.heading
        yield from (b.text for b in s.blocks if isinstance(b, Heading))
        yield from headings(s.subsections)


def pages(path: Path, labels: set[str] = frozenset()) -> list[list[str]]:
    """The lines of every page as pdftotext reads them in content order, without the
    footer, the draft mark and the running labels of continued tables (a list's bullets
    stay: drawn after their item, they tell a link to a project from its heading)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    return [[line for line in page.splitlines()
             if line.strip() and not NOISE.match(line) and line.strip() not in labels]
            for page in out.split("\f")[:-1]]


def document(prep, name: str):
    return next(d for d in prep.annexes if d.name == name)


def labels_of(doc) -> set[str]:
    return {t.continued for _, t in tables(doc.sections) if t.continued}


# --- words ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["bijlage-3-impactindicatoren", "bijlage-4-outputindicatoren",
                                  "bijlage-2-covernota"])
def test_no_word_of_a_table_is_cut_in_the_pdf(small_sample_build, prep, name):
    """Every word of every table cell stands whole in the text read from the PDF (a word
    cut at the column edge, 'Klimaatagentsch' + 'ap', does not)."""
    doc = document(prep, name)
    words_read = set()
    for page in pages(small_sample_build / f"{name}.pdf", labels_of(doc)):
        for line in page:
            words_read.update(w for w in PIECES.split(line) if w)
    cut = []
    for _, table in tables(doc.sections):
        texts = list(table.columns) + [r.text for row in table.rows + (table.total or (),)
                                       for c in row for r in c.runs]
        cut += [w for t in texts for w in PIECES.split(t) if w and w not in words_read]
    assert cut == []


def test_the_columns_of_annex_3_are_as_wide_as_their_longest_word(prep):
    """The source words that were cut before ('Klimaatagentschap', 'Verandering') fit
    their column, at the font size of the templates, in both formats."""
    doc = document(prep, "bijlage-3-impactindicatoren")
    for _, table in tables(doc.sections):
        widths = column_widths(table)
        for i, share in enumerate(widths):
            words = [table.columns[i]] + [r.text for row in table.rows for r in row[i].runs]
            longest = max(longest_word_pt(w, bold=w == table.columns[i]) for w in words)
            assert share / sum(widths) * TEXT_WIDTH_PT >= longest + CELL_PADDING_PT - 0.01


def test_the_word_columns_of_annex_3_fit_their_words(small_sample_build, prep):
    """In Word the cell widths (w:gridCol) are the PDF's proportions of the text width."""
    with zipfile.ZipFile(small_sample_build / "bijlage-3-impactindicatoren.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    grids = [[int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', g)]
             for g in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", xml)]
    doc = document(prep, "bijlage-3-impactindicatoren")
    expected = [column_widths(t) for _, t in tables(doc.sections)]
    assert len(grids) == len(expected)
    for grid, shares in zip(grids, expected):
        for twips, share in zip(grid, shares):
            assert abs(twips / sum(grid) - share / sum(shares)) < 0.002


@pytest.mark.slow  # LibreOffice takes its time to start: CI runs it (pytest --slow)
def test_no_word_is_cut_in_the_word_file_as_libreoffice_lays_it_out(small_sample_build, prep,
                                                                    tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice ontbreekt: ./scripts/setup --tests installeert het")
    name = "bijlage-3-impactindicatoren"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(small_sample_build / f"{name}.docx")],
                   check=True, capture_output=True, timeout=180)
    words_read = {w for page in pages(tmp_path / f"{name}.pdf") for line in page
                  for w in PIECES.split(line) if w}
    doc = document(prep, name)
    cut = [w for _, t in tables(doc.sections) for row in t.rows for c in row for r in c.runs
           for w in PIECES.split(r.text) if w and w not in words_read]
    assert cut == []


# --- pages ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["bijlage-1-globaal-rapport", "bijlage-2-covernota",
                                  "bijlage-3-impactindicatoren", "bijlage-4-outputindicatoren"])
def test_no_heading_is_the_last_text_on_a_page(small_sample_build, prep, name):
    doc = document(prep, name)
    names = {normalise(h) for h in headings(doc.sections)}
    stranded = []
    for number, page in enumerate(pages(small_sample_build / f"{name}.pdf", labels_of(doc)), 1):
        text = normalise(" ".join(page))
        stranded += [(number, h) for h in names if text.endswith(h)]
    assert stranded == []


def _bookmark_pages(path: Path) -> dict[str, int]:
    """The page (from 0) each top-level bookmark points at."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            return {item.title: index[item.destination[0].objgen] for item in outline.root
                    if item.destination is not None}


def _page_of(page_texts: list[str], text: str, start: int) -> int | None:
    return next((i for i in range(start, len(page_texts)) if text in page_texts[i]), None)


def _heading_page(read: list[list[str]], heading: str) -> int:
    """The page a section's heading stands on: a line of its own (in the contents a page
    number follows it), not an item of a list of links (a bullet follows that)."""
    for i, lines in enumerate(read):
        for j in range(len(lines)):
            for k in (1, 2, 3):  # a long title wraps
                after = lines[j + k] if j + k < len(lines) else ""
                if normalise(" ".join(lines[j:j + k])) == heading and after.strip() not in "•◦▪":
                    return i
    raise AssertionError(f"kop niet gevonden: {heading}")


@pytest.mark.parametrize("name", ["bijlage-1-globaal-rapport", "bijlage-2-covernota",
                                  "bijlage-4-outputindicatoren"])
def test_a_small_table_stands_on_one_page(small_sample_build, prep, name):
    """Each row of a table of a few rows is found on the page of its first row, looking
    from the page of the heading the table stands under."""
    doc = document(prep, name)
    read = pages(small_sample_build / f"{name}.pdf", labels_of(doc))
    # whole rows, spaces left out (a cell's text wraps): a first cell alone ('1', a
    # milestone's number) is found on the page before, now that projects share pages
    page_texts = [re.sub(r"\s+", "", "".join(p)) for p in read]
    marks = _bookmark_pages(small_sample_build / f"{name}.pdf")
    checked = split = 0
    for heading, table in tables(doc.sections):
        if not table.keep_together:
            continue
        # a project's heading: where its bookmark points (a link to it, the last item of
        # the project before, reads the same)
        start = marks.get(heading)
        start = _heading_page(read, normalise(heading)) if start is None else start
        rows = [_row_text(row) for row in table.rows + ((table.total,) if table.total else ())]
        first = _page_of(page_texts, rows[0], start)
        assert first is not None, (heading, rows[0])
        split += any(row not in page_texts[first] for row in rows)
        checked += 1
    assert checked and split == 0


def test_only_tables_of_a_few_rows_are_kept_together(prep):
    kept = [len(t.rows) + (t.total is not None)
            for d in prep.annexes for _, t in tables(d.sections) if t.keep_together]
    long = [t for d in prep.annexes for _, t in tables(d.sections) if not t.keep_together]
    assert kept and max(kept) <= 8
    assert long and all(len(t.rows) + (t.total is not None) > 8 for t in long)


def test_a_long_table_names_its_project_atop_the_page_it_runs_on_to(small_sample_build, prep):
    """Annex 2's table of every project: a page it runs on to says whose rows these
    are, the first (where its heading stands) does not. (In the small sample it now
    starts atop a page and fits it; tests/render/test_page_flow has a round where it
    runs on.)"""
    doc = document(prep, "bijlage-2-covernota")
    table = next(t for _, t in tables(doc.sections) if not t.keep_together)
    label = table.continued
    assert label == "4. PROJECTSTATUS PER PROJECT (vervolg)"
    read = pages(small_sample_build / "bijlage-2-covernota.pdf")
    with_label = [i for i, page in enumerate(read) if label in page]
    heading = next(i for i, page in enumerate(read) if "4. PROJECTSTATUS PER PROJECT" in page)
    code = table.rows[-1][0].runs[0].text
    last = next(i for i, page in enumerate(read) if code in " ".join(page))
    assert with_label == list(range(heading + 1, last + 1))


def test_small_tables_keep_together_in_word_and_headers_repeat(small_sample_build):
    """Word: every row but the last of a small table keeps with the next (w:keepNext on
    its paragraphs), rows never split, header rows repeat on a new page."""
    with zipfile.ZipFile(small_sample_build / "bijlage-2-covernota.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    first = re.search(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S).group(0)  # projects by status
    rows = re.findall(r"<w:tr>.*?</w:tr>", first, flags=re.S)
    assert "<w:tblHeader/>" in rows[0]
    assert all("<w:cantSplit/>" in r for r in rows)
    assert all("<w:keepNext/>" in r for r in rows[:-1])
    assert "<w:keepNext/>" not in rows[-1]


# --- the milestone chart --------------------------------------------------------------------

def _bars(svg: bytes) -> list[tuple[str, float, float]]:
    """(fill, top, height) in points of every bar drawn: matplotlib writes each as a closed
    path clipped to the axes (the legend's keys are not clipped); zero heights left out."""
    bars = []
    for d, style in re.findall(r'<path d="([^"]+)" clip-path="[^"]+" style="([^"]*)"',
                               svg.decode()):
        ys = [float(y) for y in re.findall(r"[ML] [-\d.]+ ([-\d.]+)", d)]
        fill = re.search(r"fill: (#[0-9a-f]{6})", style)
        if fill and len(ys) >= 4 and max(ys) > min(ys):
            bars.append((fill.group(1), min(ys), max(ys) - min(ys)))
    return bars


def test_a_single_milestone_bij_te_sturen_is_visible_among_many():
    from mededeling.core.statuses import STATUSES

    def counts(**kw):
        return {s: kw.get(s, 0) for s in STATUSES}

    quarters = (QuarterCount(Quarter(2021, 3), counts(geel=300, donkergroen=100)),
                QuarterCount(Quarter(2021, 4), counts(donkergroen=800, oranje=55, rood=1)),
                QuarterCount(Quarter(2022, 1), counts(grijs=1)))
    ms = MilestoneFigures(1257, counts(geel=300, donkergroen=900, oranje=55, rood=1, grijs=1),
                          1256, 1200, Quarter(2021, 3), Quarter(2022, 1), quarters, ())
    svg = charts.milestone_chart(ms, "alt", "mijlpalen").svg
    bars = _bars(svg)
    red = [h for fill, _, h in bars if fill == STATUSES["rood"].colour.lower()]
    grey = [h for fill, _, h in bars if fill == STATUSES["grijs"].colour.lower()]
    # at least 2 pt: over 5 pixels in the Word file's 200 dpi PNG, plain in the PDF's SVG
    assert len(red) == 1 and red[0] >= 2.0
    assert len(grey) == 1 and grey[0] >= 2.0
    # headroom: the tallest stack (the red milestone on top) ends well below the axes' top
    axes = re.search(r'<g id="patch_2">\s*<path d="([^"]+)"', svg.decode()).group(1)
    axes_top = min(float(y) for y in re.findall(r"[ML] [-\d.]+ ([-\d.]+)", axes))
    assert min(top for _, top, _ in bars) > axes_top + 10


# --- second round (issue 13): rows, lead-ins, whole amounts, shared widths, legend ------------

def _row_text(row) -> str:
    """A row's words with no space at all: a title may wrap after a hyphen ('Boven-' /
    'Schelde'), which the text read back joins with a space."""
    return re.sub(r"\s+", "", "".join("".join(r.text for r in c.runs) for c in row))


def _lone_rows(build: Path, prep, name: str) -> list[tuple[str, int]]:
    """The long tables (not kept on one page) whose last row stands on another page than
    the row above it, or whose first row on another page than the second, as read from
    the PDF: each row's cells, in order, are found in the text of one page."""
    doc = document(prep, name)
    read = pages(build / f"{name}.pdf", labels_of(doc))
    page_texts = [re.sub(r"\s+", "", "".join(p)) for p in read]
    # the rows are looked for in order, from the table's heading on: projects share
    # pages now, and two projects' milestone rows can read the same
    text = "".join(page_texts)
    ends = list(itertools.accumulate(len(t) for t in page_texts))
    marks = _bookmark_pages(build / f"{name}.pdf")
    lone, checked = [], 0
    position = 0
    for heading, table in tables(doc.sections):
        body = table.rows + ((table.total,) if table.total else ())
        if table.keep_together or len(body) < 3:
            continue
        if table.continued:
            page = marks.get(heading)
            page = _heading_page(read, normalise(heading)) if page is None else page
            first = ends[page - 1] if page else 0
            at = text.find(re.sub(r"\s+", "", heading), first)
            position = at if 0 <= at < ends[page] else first
        found = []
        for row in body:
            at = text.find(_row_text(row), position)
            assert at >= 0, (heading, _row_text(row))
            found.append(bisect.bisect_right(ends, at))
            position = at + len(_row_text(row))
        if found[-1] != found[-2]:
            lone.append((heading, found[-1] + 1))
        if found[0] != found[1]:
            lone.append((heading, found[0] + 1))
        checked += 1
    return lone, checked


@pytest.mark.parametrize("name", ["bijlage-1-globaal-rapport", "bijlage-2-covernota"])
def test_no_table_row_stands_alone_on_a_page(small_sample_build, prep, name):
    """A long table keeps its last two rows together (no total or last milestone alone
    atop a page) and its first two with the header."""
    lone, checked = _lone_rows(small_sample_build, prep, name)
    assert checked and lone == []


@pytest.fixture(scope="module")
def full_prep():
    from conftest import ROOT

    return prepare(ROOT / "inputs" / ROUND)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["bijlage-1-globaal-rapport", "bijlage-2-covernota",
                                  "bijlage-4-outputindicatoren"])
def test_no_table_row_stands_alone_on_a_page_of_the_full_sample(sample_build, full_prep, name):
    """The full sample had a 10-row milestone table split 9 + 1 (annex 1, p. 5-6)."""
    assert _lone_rows(sample_build, full_prep, name)[0] == []


def _lead_ins(doc):
    """(text as read, block) of every paragraph and field block that introduces a table."""
    from mededeling.core.blocks import Fields, Paragraph

    def walk(sections):
        for s in sections:
            for b in s.blocks:
                if isinstance(b, Paragraph) and b.keep_with_next:
                    yield normalise("".join(r.text for r in b.runs)), b
                elif isinstance(b, Fields) and b.keep_with_next:
                    # the values, as read back: the floated labels come elsewhere
                    yield normalise(" ".join("".join(r.text for r in value)
                                             for _, value in b.rows)), b
            yield from walk(s.subsections)
    return list(walk(doc.sections))


def test_every_block_before_a_table_is_its_lead_in(prep):
    """note.annexes marks the paragraph or field block right before a table, and nothing
    else, as the table's lead-in."""
    from mededeling.core.blocks import Fields, Paragraph

    def walk(sections):
        for s in sections:
            for b, after in zip(s.blocks, s.blocks[1:] + (None,)):
                if isinstance(b, (Paragraph, Fields)):
                    yield b.keep_with_next, isinstance(after, Table)
            yield from walk(s.subsections)
    marks = [pair for d in prep.annexes for pair in walk(d.sections)]
    assert (True, True) in marks and all(marked == before for marked, before in marks)


def _stranded_lead_ins(build: Path, prep, name: str) -> list[tuple[int, str]]:
    doc = document(prep, name)
    texts = [normalise(" ".join(p)) for p in pages(build / f"{name}.pdf", labels_of(doc))]
    return [(number, lead) for lead, _ in _lead_ins(doc)
            for number, text in enumerate(texts, 1) if text.endswith(lead)]


@pytest.mark.parametrize("name", ["bijlage-1-globaal-rapport", "bijlage-2-covernota"])
def test_no_lead_in_is_the_last_text_on_a_page(small_sample_build, prep, name):
    """A sentence or field block that introduces a table never ends a page with the table
    on the next ('3. VASTLEGGINGEN ...' and its intro alone at the foot of annex 2, p. 2)."""
    assert _lead_ins(document(prep, name))
    assert _stranded_lead_ins(small_sample_build, prep, name) == []


@pytest.mark.slow
def test_no_lead_in_or_heading_ends_a_page_of_the_full_sample(sample_build, full_prep):
    for name in ("bijlage-1-globaal-rapport", "bijlage-2-covernota"):
        assert _stranded_lead_ins(sample_build, full_prep, name) == []
        doc = document(full_prep, name)
        names = {normalise(h) for h in headings(doc.sections)}
        read = pages(sample_build / f"{name}.pdf", labels_of(doc))
        assert [(i, h) for i, p in enumerate(read, 1) for h in names
                if normalise(" ".join(p)).endswith(h)] == []


def _finance_table(doc) -> Table:
    return next(t for _, t in tables(doc.sections) if t.columns[0] == "Speerpunt")


def test_an_amount_and_its_share_stand_on_one_line(small_sample_build, prep):
    """Annex 2's finance table: '486 miljoen euro (36,78%)' on one line of the PDF, not
    '(36,78%)' wrapped below it; the columns are fitted to the whole cells."""
    doc = document(prep, "bijlage-2-covernota")
    table = _finance_table(doc)
    lines = [normalise(line) for page in pages(small_sample_build / "bijlage-2-covernota.pdf")
             for line in page]
    cells = [normalise(c.runs[0].text) for row in table.rows + (table.total,) for c in row[1:]]
    assert any("%)" in c for c in cells)
    assert [c for c in cells if not any(c in line for line in lines)] == []


def test_amounts_do_not_split_in_word(small_sample_build, prep):
    """In Word the amounts hold together with no-break spaces ('1,323 miljard euro', never
    '1,323 miljard | euro'), and so do annex 3's values and their years ('44.100 (2005)')."""
    def xml(name):
        with zipfile.ZipFile(small_sample_build / f"{name}.docx") as z:
            return z.read("word/document.xml").decode("utf-8")

    cover = xml("bijlage-2-covernota")
    table = _finance_table(document(prep, "bijlage-2-covernota"))
    for row in table.rows + (table.total,):
        for c in row[1:]:
            text = c.runs[0].text
            assert " " not in text and "\u00a0euro" in text
            assert f'<w:t xml:space="preserve">{text}</w:t>' in cover
    impact = xml("bijlage-3-impactindicatoren")
    assert re.search(r"\d\u00a0\(\d{4}\)", impact)
    assert not re.search(r"\d \(\d{4}\)", impact)


def test_the_tables_of_annex_3_share_their_column_widths(small_sample_build, prep):
    """One set of widths for every speerpunt's table, fitted to all of them, in the model
    and in the Word file's grids."""
    doc = document(prep, "bijlage-3-impactindicatoren")
    widths = {column_widths(t) for _, t in tables(doc.sections)}
    assert len(list(tables(doc.sections))) > 1 and len(widths) == 1
    with zipfile.ZipFile(small_sample_build / "bijlage-3-impactindicatoren.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    grids = set(re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", xml))
    assert len(grids) == 1
    # the source's longest word fits (it was cut over five lines in a narrow column)
    (shares,) = widths
    bron = max(longest_word_pt(c.runs[0].text) for _, t in tables(doc.sections)
               for row in t.rows for c in row[-1:])
    assert shares[-1] / sum(shares) * TEXT_WIDTH_PT >= bron + CELL_PADDING_PT - 0.01


def test_lead_ins_and_long_tables_keep_with_what_follows_in_word(small_sample_build):
    """Word: the paragraph right before a table (a heading, a lead-in sentence, the gap
    after a field block that introduces it) keeps with the table's first row; a long
    table's first rows keep together, its second-last with the last."""
    for name in ("bijlage-1-globaal-rapport", "bijlage-2-covernota"):
        with zipfile.ZipFile(small_sample_build / f"{name}.docx") as z:
            xml = z.read("word/document.xml").decode("utf-8")
        before = re.findall(r"(<w:p>(?:(?!<w:p>).)*?</w:p>)<w:tbl>", xml, flags=re.S)
        # a heading keeps with the next through its style (Heading 1, 2: w:keepNext)
        loose = [p for p in before if "<w:keepNext/>" not in p
                 and not re.search(r'<w:pStyle w:val="Heading\d"/>', p)]
        assert before and loose == []
    with zipfile.ZipFile(small_sample_build / "bijlage-2-covernota.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    last = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)[-1]  # every project's status
    rows = re.findall(r"<w:tr>.*?</w:tr>", last, flags=re.S)
    keeps = ["<w:keepNext/>" in r for r in rows]
    assert len(rows) > 10
    # its title row (a long table: whose rows these are) and header row, then the first row
    assert "<w:gridSpan" in rows[0] and "<w:tblHeader/>" in rows[0] + rows[1]
    # and the first LEAD_ROWS body rows together (issue 22: not two at a page's foot)
    from mededeling.render.docx import LEAD_ROWS

    lead = 2 + LEAD_ROWS - 1
    assert keeps[:lead] == [True] * lead and keeps[-2:] == [True, False]
    assert not any(keeps[lead:-2])


def test_the_finance_legend_runs_in_the_order_of_the_bars(prep):
    """The legend lists the series (in reading order: one row above the chart) as each
    speerpunt's bars stand top to bottom (Beleidsruimte, Vastgelegd, Vereffend), not the
    other way round."""
    svg = charts.finance_per_speerpunt(prep.figures, "alt", "financiering").svg.decode()
    bars = sorted(_bars(svg.encode()), key=lambda b: b[1])
    top = [fill for fill, _, _ in bars[:3]]  # the first speerpunt's three bars, top first
    legend = svg[svg.index('<g id="legend_1">'):]
    keys = []
    for d, style in re.findall(r'<path d="([^"]+)"\s*style="([^"]*)"', legend):
        fill = re.search(r"fill: (#[0-9a-f]{6})", style)
        x, y = (float(v) for v in re.findall(r"[ML] ([-\d.]+) ([-\d.]+)", d)[0])
        if fill and fill.group(1) in top:
            keys.append((y, x, fill.group(1)))  # a row of keys above the chart: by x
    assert len(top) == 3 and len(set(top)) == 3
    assert [fill for _, _, fill in sorted(keys)] == top


def test_a_long_word_table_repeats_whose_rows_they_are_atop_every_page(small_sample_build,
                                                                       prep):
    """Word repeats header rows only: a long table's first header row names its project
    (or section), a small one (kept on one page) has none."""
    report, cover = prep.annexes[0], prep.annexes[1]
    for doc in (report, cover):
        with zipfile.ZipFile(small_sample_build / f"{doc.name}.docx") as z:
            xml = z.read("word/document.xml").decode()
        tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
        titled = []
        for tbl in tables:
            first = re.search(r"<w:tr>.*?</w:tr>", tbl, flags=re.S).group(0)
            if "<w:gridSpan" in first:
                assert "<w:tblHeader/>" in first
                titled.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", first)))
        blocks = [b for s in doc.sections for b in _all_blocks(s) if b.kind == "table"]
        expected = [b.title for b in blocks if b.title]
        assert expected and titled == expected, doc.name
        assert all(not b.title for b in blocks if b.keep_together)


def _all_blocks(section):
    yield from section.blocks
    for sub in section.subsections:
        yield from _all_blocks(sub)
