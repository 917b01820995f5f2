"""The documents as a signer turns their pages (issue 22): annex 1's projects follow one
another instead of taking a page each, a table never starts with a row or two at the foot
of a page, the contents never end with one line on a page, the charts' legends never
cover a bar, and annex 3 starts its tables on its first page.

Every check reads the built PDF back page by page (pdftotext) or the Word file's XML;
the rounds are made by tests/layoutrounds.py, small where they can be.
"""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from layoutrounds import MEETMOMENT, many_speerpunten, near_a_page, short_projects
from mededeling.cli import main
from mededeling.core.blocks import Section, Table
from mededeling.pipeline import prepare
from mededeling.render.docx import LEAD_ROWS
from readback import normalise

REPORT = "bijlage-1-globaal-rapport"
LAST_FIELD = "Koppeling met andere projecten"
SHORT = 60  # projects of the quick round of short projects


def pages(path: Path) -> list[list[str]]:
    """The lines of every page as a reader sees them, top to bottom, of the text area
    only: not the draft mark, the running line atop a page ('... (vervolg)') or the
    footer, which stand in the margins. (pdftotext's content order puts a field's
    floated label before its heading.)"""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    read = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, flags=re.S):
        words = [(float(y0), float(x0), html.unescape(w)) for x0, y0, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
            page)]
        words = sorted(w for w in words if TOP <= w[0] <= BOTTOM)
        lines: list[list[tuple[float, float, str]]] = []
        for word in words:
            if lines and word[0] - lines[-1][0][0] < 3:  # the same line: label and value
                lines[-1].append(word)
            else:
                lines.append([word])
        read.append([" ".join(w for _, _, w in sorted(line, key=lambda w: w[1]))
                     for line in lines])
    return read


# the text area of an A4 page with the annexes' margins (templates/mededeling.css), in
# points from the top: what stands outside it is a margin box
TOP, BOTTOM = 2.5 / 2.54 * 72 - 1, 841.89 - 2.2 / 2.54 * 72


def build(folder: Path, out: Path) -> Path:
    assert main(["build", str(folder), "--out", str(out)]) == 0
    return out / MEETMOMENT


@pytest.fixture(scope="module")
def short_round(tmp_path_factory) -> tuple[Path, Path]:
    """60 short projects (ten of the report's chunks of six), built through the CLI."""
    base = tmp_path_factory.mktemp("kort")
    folder = short_projects(base / "inputs", count=SHORT)
    return folder, build(folder, base / "out")


@pytest.fixture(scope="module")
def many_round(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("speerpunten")
    folder = many_speerpunten(base / "inputs")
    return folder, build(folder, base / "out")


def front_pages(read: list[list[str]]) -> int:
    """The pages of the title block and contents: up to the first project's heading."""
    return next(i for i, lines in enumerate(read) if lines and lines[0].startswith("VV")
                and not re.search(r"\s\d+$", lines[0]))


# --- annex 1: projects follow one another -------------------------------------------------

def test_short_projects_share_their_pages(short_round):
    """60 short projects took 60 pages after the contents, one each (the issue's round:
    338 pages for 180); following one another, they take at most 0,9 page each."""
    _, out = short_round
    read = pages(out / f"{REPORT}.pdf")
    body = len(read) - front_pages(read)
    assert body <= 0.9 * SHORT, body


def test_a_project_just_over_a_page_no_longer_takes_two(tmp_path):
    """The issue's round: each fiche ran two lines over a page, so every second page held
    only its last field (12 projects: 24 pages after the contents). Now the fiche fits
    its page and no page starts with the last field."""
    folder = near_a_page(tmp_path / "inputs", count=12)
    assert main(["build", str(folder), "--out", str(tmp_path / "out"),
                 "--formaten", "pdf"]) == 0
    read = pages(tmp_path / "out" / MEETMOMENT / f"{REPORT}.pdf")
    assert len(read) - front_pages(read) <= 1.25 * 12  # not 2 * 12
    assert [i + 1 for i, lines in enumerate(read) if lines and lines[0] == LAST_FIELD] == []


@pytest.mark.slow
def test_180_short_projects_take_far_fewer_than_180_pages(tmp_path):
    folder = short_projects(tmp_path / "inputs", count=180)
    out = build(folder, tmp_path / "out")
    read = pages(out / f"{REPORT}.pdf")
    assert len(read) - front_pages(read) <= 0.9 * 180


def _report_checks(out: Path, folder: Path) -> None:
    read = pages(out / f"{REPORT}.pdf")
    prep = prepare(folder)
    report = prep.annexes[0]
    # no page holds only a project's last field, nor starts with it
    alone = [i + 1 for i, lines in enumerate(read) if lines and lines[0] == LAST_FIELD]
    assert alone == []
    # the contents and the bookmarks give the page each project's heading stands on
    texts = [normalise(" ".join(lines)) for lines in read]
    contents = " ".join(texts[:front_pages(read)])
    with pikepdf.open(out / f"{REPORT}.pdf") as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            marks = {item.title: index[item.destination[0].objgen] for item in outline.root}
    for section in report.sections:
        heading = normalise(section.heading)
        page = marks[section.heading]
        assert re.search(re.escape(heading) + rf" {page + 1}\b", contents), heading
        on_page = [normalise(line) for line in read[page]]
        assert any(heading.startswith(line) and len(line) > 8 for line in on_page), heading


def test_the_short_report_reads_right(short_round):
    folder, out = short_round
    _report_checks(out, folder)


def test_the_small_sample_report_reads_right(small_sample, small_sample_build):
    _report_checks(small_sample_build, small_sample / MEETMOMENT)


def test_a_project_continued_on_a_page_is_named_atop_it(short_round):
    """A page that starts within a project says whose it is; one that starts with a
    project does not."""
    folder, out = short_round
    raw = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(out / f"{REPORT}.pdf"), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8").split("\f")[:-1]
    read = pages(out / f"{REPORT}.pdf")
    checked = 0
    for i in range(front_pages(read), len(read)):
        labels = [line for line in raw[i].splitlines() if "(vervolg)" in line]
        starts_project = re.match(r"VV\d{3} ", read[i][0]) is not None
        assert (labels == []) == starts_project, (i + 1, labels, read[i][0])
        checked += not starts_project
    assert checked


def test_the_word_report_lets_projects_follow_one_another(short_round):
    """Word: no page break before a project; its heading keeps with its status; the
    contents' page numbers are PAGEREF fields to the project's bookmark, showing the
    PDF's page until Word or LibreOffice counts its own."""
    folder, out = short_round
    with zipfile.ZipFile(out / f"{REPORT}.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:pageBreakBefore/>" not in xml
    read = pages(out / f"{REPORT}.pdf")
    contents = normalise(" ".join(" ".join(p) for p in read[:front_pages(read)]))
    refs = re.findall(r"PAGEREF (VV\d{3}) \\h </w:instrText></w:r><w:r><w:fldChar "
                      r'w:fldCharType="separate"/></w:r><w:r><w:t>(\d+)</w:t>', xml)
    assert len(refs) == SHORT
    for code, page in refs:
        assert re.search(rf"{code} Project {code} {page}\b", contents)
        assert f'w:name="{code}"' in xml  # the bookmark the field points at


def test_the_word_report_keeps_the_last_field_with_the_one_before(short_round, small_sample_build):
    """Word: the paragraph before 'Koppeling met andere projecten' (a sentence, or the gap
    after the agenda table, whose last row keeps with it too) keeps with it, so that
    heading never starts a page alone (LibreOffice: 23 of 207 pages did)."""
    for out in (short_round[1], small_sample_build):
        with zipfile.ZipFile(out / f"{REPORT}.docx") as z:
            xml = z.read("word/document.xml").decode("utf-8")
        paragraphs = re.findall(r"<w:p>(?:(?!<w:p>).)*?</w:p>", xml, flags=re.S)
        last = [i for i, p in enumerate(paragraphs)
                if "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) == LAST_FIELD]
        assert last and all("<w:keepNext/>" in paragraphs[i - 1] for i in last)


# --- tables: never a heading or a row or two at the foot of a page ------------------------

def _tables(sections: tuple[Section, ...]):
    for s in sections:
        for b in s.blocks:
            if isinstance(b, Table):
                yield s.heading, b
        yield from _tables(s.subsections)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _table_starts(out: Path, prep, name: str) -> list[tuple[str, int, int]]:
    """(heading, page, rows on that page) of each table with more rows than LEAD_ROWS:
    the rows found, in order, on the page of the table's first row."""
    doc = next(d for d in prep.annexes if d.name == name)
    # in content order, where a row's cells follow one another (each cell's lines together)
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(out / f"{name}.pdf"), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    read = raw.split("\f")[:-1]
    squeezed = [_squeezed(p) for p in read]
    found, page = [], 0
    for heading, table in _tables(doc.sections):
        body = table.rows + ((table.total,) if table.total else ())
        texts = [_squeezed("".join("".join(r.text for r in c.runs) for c in row)) for row in body]
        first = next(i for i in range(page, len(read)) if texts[0] in squeezed[i])
        page = first
        on_first = 0
        position = 0
        for text in texts:
            at = squeezed[first].find(text, position)
            if at < 0:
                break
            on_first, position = on_first + 1, at + len(text)
        if len(body) > LEAD_ROWS:
            found.append((heading, first + 1, on_first))
    return found


def _headers_ending_a_page(out: Path, prep, name: str) -> list[tuple[int, str]]:
    doc = next(d for d in prep.annexes if d.name == name)
    heads = {_squeezed("".join(t.columns)) for _, t in _tables(doc.sections)}
    heads |= {_squeezed(h) for h, _ in _tables(doc.sections)}
    read = pages(out / f"{name}.pdf")
    # the page's last line, or lines (a long heading wraps), is that heading or header
    return [(i + 1, h) for i, p in enumerate(read) for h in heads
            if any(_squeezed("".join(p[-k:])) == h for k in (1, 2, 3))]


@pytest.mark.parametrize("name", ["bijlage-1-globaal-rapport", "bijlage-2-covernota",
                                  "bijlage-3-impactindicatoren"])
def test_a_table_starts_with_its_first_rows(many_round, small_sample, small_sample_build, name):
    """A table's header (or its heading) is never the last text on a page, and a long
    table starts with at least LEAD_ROWS rows on its first page (annex 2's finance table
    started with two rows at the foot of a page)."""
    for folder, out in (many_round, (small_sample / MEETMOMENT, small_sample_build)):
        prep = prepare(folder)
        assert _headers_ending_a_page(out, prep, name) == []
        starts = _table_starts(out, prep, name)
        assert [s for s in starts if s[2] < LEAD_ROWS] == []


def test_the_finance_table_of_many_speerpunten_starts_on_a_page_of_its_own(many_round):
    """Before: its heading, its lead-in and two rows at the foot of annex 2's page 2."""
    folder, out = many_round
    starts = _table_starts(out, prepare(folder), "bijlage-2-covernota")
    finance = [s for s in starts if s[0].startswith("3.")]
    assert finance and finance[0][2] >= LEAD_ROWS


def test_the_list_of_every_project_names_itself_atop_the_pages_it_runs_on_to(short_round):
    """Annex 2's last table (every project's status) runs over pages: each page after the
    first says whose rows these are, the first does not."""
    folder, out = short_round
    raw = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8",
                          str(out / "bijlage-2-covernota.pdf"), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8").split("\f")[:-1]
    label = "4. PROJECTSTATUS PER PROJECT (vervolg)"
    heading = next(i for i, p in enumerate(raw) if re.search(r"^4\. PROJECTSTATUS", p, re.M))
    last = next(i for i, p in enumerate(raw) if f"VV{SHORT:03d} " in p)
    assert last > heading
    assert [i for i, p in enumerate(raw) if label in p] == list(range(heading + 1, last + 1))


def test_long_word_tables_keep_their_first_rows_together(small_sample_build):
    """Word: a long table's title and header rows and its first LEAD_ROWS - 1 body rows
    keep with the next; the second-last with the last."""
    with zipfile.ZipFile(small_sample_build / "bijlage-2-covernota.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    last = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)[-1]
    rows = re.findall(r"<w:tr>.*?</w:tr>", last, flags=re.S)
    keeps = ["<w:keepNext/>" in r for r in rows]
    assert len(rows) > 10
    assert keeps[:2 + LEAD_ROWS - 1] == [True] * (2 + LEAD_ROWS - 1)
    assert not any(keeps[2 + LEAD_ROWS - 1:-2]) and keeps[-2:] == [True, False]


# --- annex 3: the first page holds what fits on it ------------------------------------------

def test_annex_3_starts_its_tables_on_its_first_page(many_round):
    """Twelve speerpunten of one indicator each: a table of one row kept with whatever
    followed it (its row's break-after became the table's), so all twelve tables and
    their headings went to page 2 and page 1 held only the toelichting."""
    _, out = many_round
    read = pages(out / "bijlage-3-impactindicatoren.pdf")
    first = normalise(" ".join(read[0]))
    assert "2.1. SPEERPUNT 1" in first and "Indicator 1 over" in first
    assert len(read) <= 3


# --- the contents -------------------------------------------------------------------------

def test_the_contents_never_end_with_one_entry_on_a_page(tmp_path):
    """181 projects: 8 lines' room for the title block and 47 entries a page leave one
    entry for the fifth page; the last entries now go with it. Only the title block and
    contents are laid out (as the build lays them out)."""
    from mededeling.render import html
    from mededeling.render.pdf import render

    folder = short_projects(tmp_path / "inputs", count=181)
    prep = prepare(folder)
    doc = prep.annexes[0]
    numbers = {s.anchor: 5 + i for i, s in enumerate(doc.sections)}
    text = html.render_document(doc, {}, prep.round.meetmoment, sections=(), front=True,
                                footer=False, toc_pages=numbers)
    (tmp_path / "inhoud.pdf").write_bytes(render(text))
    read = pages(tmp_path / "inhoud.pdf")
    entries = [[line for line in p if re.match(r"VV\d{3} .* \d+$", line)] for p in read]
    assert sum(map(len, entries)) == 181
    assert min(len(e) for e in entries) >= 3


# --- the charts -----------------------------------------------------------------------------

def _boxes(svg: str) -> tuple[tuple[float, float, float, float], list, list]:
    """The axes' box, the bars' boxes and the legend's box (x0, y0, x1, y1), in points."""
    def box(d: str):
        pts = [(float(x), float(y)) for x, y in re.findall(r"[ML] ([-\d.]+) ([-\d.]+)", d)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    axes = box(re.search(r'<g id="patch_2">\s*<path d="([^"]+)"', svg).group(1))
    bars = [box(d) for d in re.findall(r'<path d="([^"]+)" clip-path="[^"]+"', svg)]
    legend = svg[svg.index('<g id="legend_1">'):]
    # its keys (patches drawn in place) and the anchor of each text (a glyph's own path
    # is drawn in its font's units, inside the text's translate)
    keys = [box(d) for d in re.findall(r'<g id="patch_\d+">\s*<path d="([^"]+)"', legend)]
    texts = [(float(x), float(y) - 6, float(x) + 1, float(y)) for x, y in
             re.findall(r'<g transform="translate\(([-\d.]+) ([-\d.]+)\) scale', legend)]
    return axes, bars, keys + texts


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_legends_stand_outside_the_bars(many_round):
    """The milestone chart's legend stood in the axes' upper right (over the late
    quarters' bars), the finance chart's in the lower right (over the last speerpunt's
    bars): both stand outside the axes now, so they can cover no bar."""
    from mededeling.render import charts

    folder, _ = many_round
    prep = prepare(folder)
    for chart in (charts.milestone_chart(prep.figures.milestones, "alt", "mijlpalen"),
                  charts.finance_per_speerpunt(prep.figures, "alt", "financiering")):
        axes, bars, legend = _boxes(chart.svg.decode())
        assert bars and legend
        assert [part for part in legend if _overlaps(part, axes)] == []
        assert [b for b in bars for part in legend if _overlaps(b, part)] == []


def test_long_speerpunt_names_are_wrapped_beside_their_bars(many_round):
    from mededeling.render.charts import LABEL_CHARS, _label

    folder, _ = many_round
    prep = prepare(folder)
    for s in prep.figures.finance.per_speerpunt:
        label = _label(f"{s.nummer}. {s.naam}")
        assert all(len(line) <= LABEL_CHARS + 1 for line in label.splitlines())
        assert label.startswith(f"{s.nummer}. ")
