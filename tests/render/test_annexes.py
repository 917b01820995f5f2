"""The five annexes, read back from the built DOCX and PDF and checked against the figures.

The expected values come from the compute layer (pipeline.prepare) of the same round,
so the test asks: does what a reader sees in each file say what was computed? They run
on the small cut of the sample (every status, a previous folder, VV159-VV181) and, with
--slow, on the whole sample.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import openpyxl
import pikepdf
import pytest

from mededeling.core import dutch as nl
from mededeling.pipeline import prepare
from mededeling.cli import main
from mededeling.core.statuses import PROJECT_STATUSES, STATUSES
from readback import docx_text, normalise, pdf_text
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

ROOT = Path(__file__).resolve().parents[2]
ANNEXES = ("bijlage-1-globaal-rapport", "bijlage-2-covernota", "bijlage-3-impactindicatoren",
           "bijlage-4-outputindicatoren", "bijlage-5-dashboardindicatoren")


@pytest.fixture(scope="module", params=["klein", pytest.param("voorbeeld", marks=pytest.mark.slow)])
def built(request):
    """(the built folder, the prepared round) of the small cut or of the whole sample."""
    if request.param == "klein":
        folder = request.getfixturevalue("small_sample_build")
        return folder, prepare(request.getfixturevalue("small_sample") / "2021-12-31")
    return request.getfixturevalue("sample_build"), prepare(ROOT / "inputs" / "2021-12-31")


@pytest.fixture(scope="module")
def prep(built):
    return built[1]


@pytest.fixture(scope="module")
def folder(built):
    return built[0]


@pytest.fixture(scope="module", params=["docx", "pdf"])
def read(request, built):
    cache: dict[str, str] = {}

    def text(name: str) -> str:
        if name not in cache:
            path = built[0] / f"{name}.{request.param}"
            cache[name] = docx_text(path) if request.param == "docx" else pdf_text(path)
        return cache[name]

    return text


def test_global_report_has_every_project_with_its_details(read, prep):
    text = read(ANNEXES[0])
    for p in prep.round.projects:
        assert normalise(f"{p.code} {p.titel}") in text, p.code
    vv146 = next(p for p in prep.round.projects if p.code == "VV146")
    assert normalise(vv146.omschrijving) in text
    assert "Gerealiseerd" in text and "Geel: gerealiseerd" in text
    for ms in [ms for ms in prep.round.milestones if ms.project == "VV113"]:
        assert normalise(ms.omschrijving) in text
    pf = prep.annex_figures.finance_by_project["VV001"]
    assert (f"{nl.euro(pf.rows[0].vastgelegd)} "
            f"({nl.share(pf.rows[0].vastgelegd, pf.rows[0].beleidsruimte)})") in text
    for a in [a for a in prep.round.agenderingen if a.project == "VV001"]:
        assert normalise(a.titel) in text


def test_global_report_bookmarks_links_and_page_numbers(folder, prep):
    path = folder / f"{ANNEXES[0]}.pdf"
    with pikepdf.open(path) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        pages = len(pdf.pages)
        page_of = {p.objgen: i for i, p in enumerate(pdf.pages)}
        goto = []
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and action.get("/S") == "/GoTo":
                    goto.append(page_of[action.D[0].objgen])
                assert not str(annot.get("/A", {}).get("/URI", "")).startswith("mededeling:")
    projects = sorted(prep.round.projects, key=lambda p: int(p.code[2:]))
    assert titles == [f"{p.code} {p.titel}" for p in projects]
    links = sum(len(p.koppelingen) for p in projects)
    assert len(goto) == len(projects) + links  # contents + linked projects
    text = pdf_text(path)
    first = re.search(r"VV001 " + re.escape(projects[0].titel) + r" (\d+)", text)
    assert first, "the contents give the page of VV001"
    from pypdf import PdfReader

    reader = PdfReader(path)
    start = int(first[1])
    assert f"{projects[0].code} {projects[0].titel}" in normalise(reader.pages[start - 1].extract_text())
    assert f"Pagina {start} van {pages}" in reader.pages[start - 1].extract_text()
    assert f"Pagina {pages} van {pages}" in reader.pages[-1].extract_text()


def test_global_report_word_headings_and_bookmarks(folder, prep):
    with zipfile.ZipFile(folder / f"{ANNEXES[0]}.docx") as z:
        body = z.read("word/document.xml").decode()
    assert body.count('<w:pStyle w:val="Heading1"/>') == len(prep.round.projects)
    for p in prep.round.projects:
        assert f'w:name="{p.code}"' in body
    assert 'w:anchor="VV001"' in body and "TOC \\o" in body


def test_covernota_key_figures(read, prep):
    text = read(ANNEXES[1])
    pf, ms = prep.figures.projects, prep.figures.milestones
    for s in PROJECT_STATUSES:
        n = pf.by_status[s]
        assert (f"{s.capitalize()} {STATUSES[s].project_label} {nl.number(n)} "
                f"{nl.share(n, pf.total)}") in text
    prev = prep.figures.previous
    n, before = pf.by_status["lichtgroen"], prev.projects_by_status["lichtgroen"]
    assert (f"Lichtgroen opgestart {nl.number(n)} {nl.share(n, pf.total)} "
            f"{nl.number(before)}") in text  # the previous round beside it
    assert (f"{nl.number(ms.on_track)} van de {nl.number(ms.started)} gestarte mijlpalen "
            f"({nl.percent(ms.on_track, ms.started, 1)})") in text
    n, before = ms.by_status["donkergroen"], prev.milestones_by_status["donkergroen"]
    assert (f"Op schema {nl.number(n)} {nl.share(n, ms.total)} {nl.number(before)} "
            f"({nl.share(before, prev.milestones_total)})") in text
    fin = prep.figures.finance
    assert (f"Totaal {nl.measured_euro(fin.beleidsruimte)} {nl.measured_euro(fin.vastgelegd)} "
            f"({nl.share(fin.vastgelegd, fin.beleidsruimte)}) "
            f"{nl.measured_euro(fin.vereffend)} "
            f"({nl.share(fin.vereffend, fin.beleidsruimte)})") in text
    for p in prep.round.projects:
        assert p.code in text


def test_impact_note(read, prep):
    text = read(ANNEXES[2])
    source = (prep.round.folder / "teksten" / "impactindicatoren.md").read_text(encoding="utf-8")
    assert normalise(source.split("\n")[0].strip("# *")) in text
    for change in prep.annex_figures.impact:
        assert normalise(change.indicator.indicator) in text
        if change.change is not None:
            assert nl.signed(change.change) in text


def test_output_overview(read, prep):
    text = read(ANNEXES[3])
    rates = prep.annex_figures.output_rates
    for r in rates:
        ind = r.indicator
        assert normalise(f"{ind.indicator} {ind.eenheid} {nl.number(ind.streefwaarde, 2)} "
                         f"{nl.number(ind.realisatie, 2)} "
                         + (nl.share(ind.realisatie, ind.streefwaarde) if r.rate is not None
                            else "–")) in text
    assert f"{nl.number(len(rates))} outputindicatoren" in text


def test_dashboard_overview(read, prep):
    text = read(ANNEXES[4])
    assert "MAATSCHAPPELIJKE INDICATOREN" in text and "ECONOMISCHE INDICATOREN" in text
    for series in prep.annex_figures.dashboard:
        assert normalise(series.indicator) in text
        assert f"Bron: {normalise(series.bron)}" in text


def test_kerncijfers_workbook(folder, prep):
    wb = openpyxl.load_workbook(folder / "kerncijfers.xlsx")
    pf, prev = prep.figures.projects, prep.figures.previous
    rows = {r[0]: r for r in wb["Projectstatussen"].iter_rows(min_row=2, values_only=True)}
    for s in PROJECT_STATUSES:
        assert rows[s][2:5] == (pf.by_status[s], pytest.approx(pf.by_status[s] / pf.total),
                                prev.projects_by_status[s])
    fin = list(wb["Financiering per speerpunt"].iter_rows(min_row=2, values_only=True))
    assert sum(r[3] for r in fin) == pytest.approx(float(prep.figures.finance.vastgelegd))
    assert wb["Projecten"].max_row == pf.total + 1 and wb["Projecten"].auto_filter.ref


@pytest.mark.slow
def test_a_round_not_in_the_repo_with_181_projects_nl_dialect_and_markup(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=170, lichtgroen=8, oranje=3))  # VV001-VV181
    projects[4] = ("VV005", "donkergroen", "Brug <b>&</b> \"tunnel\" 'Noord'")
    milestones = [(c, "donkergroen", "2022-Q1") for c, *_ in projects]
    output = ("project;indicator;eenheid;streefwaarde;realisatie\n"
              "VV014;Fietspaden <km>;km;80;12,5\n"
              "VV020;Laadpalen;stuks;1.200;1.500\n")
    impact = "speerpunt;indicator;eenheid;basiswaarde;basisjaar;waarde;jaar;bron\n" \
             "1;Uitstoot & co;kton;1.000,5;2019;950,25;2021;VMM\n"
    folder = write_round(inputs, RoundSpec(
        "2022-06-30", 4, projects, milestones,
        [(c, 10_000_000, 1_000_000, 500_000) for c, *_ in projects if int(c[2:]) <= 158] +
        [("VV181", 5_000_000, 0, 0)],
        extra_csv={"outputindicatoren.csv": output, "impactindicatoren.csv": impact}),
        nl_dialect=True)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out)]) == 0
    built = out / "2022-06-30"
    for ext, read in (("pdf", pdf_text), ("docx", docx_text)):
        report = read(built / f"{ANNEXES[0]}.{ext}")
        for code, *rest in projects:
            assert code in report
        assert "VV005 Brug <b>&</b> \"tunnel\" 'Noord'" in report
        outputs = read(built / f"{ANNEXES[3]}.{ext}")
        assert "Fietspaden <km> km 80 12,5 15,63%" in outputs
        assert "Laadpalen stuks 1200 1500 125%" in outputs
        impact_text = read(built / f"{ANNEXES[2]}.{ext}")
        assert "Uitstoot & co kton 1000,5 (2019) 950,25 (2021) -50,25 VMM" in impact_text
    # no dashboard.csv: no annex 5 at all (note/annex_list), nothing says a file is missing
    assert not list(built.glob("bijlage-5-*"))
    with pikepdf.open(built / f"{ANNEXES[0]}.pdf") as pdf:
        with pdf.open_outline() as outline:
            assert len(outline.root) == 181


def test_word_subheads_are_headings_and_bookmark_names_are_valid(folder, prep):
    """Annex 1's subheads (Betrokkenen, Mijlpalen, ...) and annex 5's indicators show in
    Word's navigation pane; every bookmark name is one Word accepts (issue 13)."""
    for name in ANNEXES:
        with zipfile.ZipFile(folder / f"{name}.docx") as z:
            body = z.read("word/document.xml").decode()
        assert "Tussenkop" not in body, name
        for mark in re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', body):
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", mark), (name, mark)
    with zipfile.ZipFile(folder / f"{ANNEXES[0]}.docx") as z:
        body = z.read("word/document.xml").decode()
    first = prep.round.projects[0].code
    heads = re.findall(r'<w:pStyle w:val="Heading2"/>.*?<w:t xml:space="preserve">([^<]+)</w:t>',
                       body)
    assert {"Betrokkenen", "Mijlpalen", "Financiering"} <= set(heads), first


def test_the_word_contents_show_page_numbers_before_word_updates_them(folder, prep):
    """The TOC field's result holds the pages of the PDF layout; the field stays updatable
    (issue 13)."""
    with zipfile.ZipFile(folder / f"{ANNEXES[0]}.docx") as z:
        body = z.read("word/document.xml").decode()
    assert 'w:fldCharType="begin" w:dirty="true"' in body and "TOC \\o" in body
    # the page as a PAGEREF field to the project's bookmark, showing the PDF's page
    entries = re.findall(r'<w:pStyle w:val="TOC1"/>.*?<w:t xml:space="preserve">([^<]+)</w:t>'
                         r'</w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/>'
                         r'</w:r><w:r><w:instrText xml:space="preserve"> PAGEREF VV\d+ \\h '
                         r'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                         r'<w:r><w:t>(\d+)</w:t>', body)
    projects = sorted(prep.round.projects, key=lambda p: int(p.code[2:]))
    assert [html.unescape(t) for t, _ in entries] == [f"{p.code} {p.titel}" for p in projects]
    pdf = pdf_text(folder / f"{ANNEXES[0]}.pdf")
    for title, page in entries[:3]:
        title = html.unescape(title)
        assert re.search(re.escape(normalise(title)) + r" " + page + r"\b", pdf), title
