"""Rendering a whole round: the note and its annexes (note/annex_list), in Word and PDF, fast.

The main process draws the charts and writes the Word files while a pool of worker
processes lays out the PDFs; the global report is laid out in chunks of projects that
are merged afterwards (see render/assemble). Every piece goes through the cache, so a
rebuild after a small correction redoes only what that correction touched.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
from concurrent.futures import Future, as_completed
from dataclasses import dataclass
from typing import Callable

from mededeling.render import cache as c
from mededeling.render.chart import Chart
from mededeling.note.annexes import (
    DASHBOARD_CHART, FINANCE_PER_SPEERPUNT, RATE_CHART, STATUSES_PER_SPEERPUNT, ChartRequest,
)
from mededeling.core.blocks import Document
from mededeling.note.prepared import Prepared
from mededeling.resources import TEMPLATES
from mededeling.note.phrases import DRAFT_MARK, MILESTONE_CHART
from mededeling.render import html
from mededeling.render.archive import archive_name
from mededeling.render.progress import WEIGHTS, Step, label, no_step
from mededeling.render.provenance import provenance

FORMATS = ("docx", "pdf")
# projects per laid-out chunk of the global report: a correction lays out its chunk again,
# so smaller chunks make a warm rebuild quicker (six cost a cold build nothing measurable).
# Three were at most a quarter of a second quicker after a correction, and made the global
# report a quarter larger (each chunk embeds its own subset of the fonts)
CHUNK_PROJECTS = 6
TOC_LINES_PER_PAGE = 47  # entries of the contents on a full page (measured)
TOC_FIRST_PAGE_LINES = 8  # the title block takes the room of this many entries


@dataclass
class Jobs:
    """PDF layout jobs: cached results, or futures of the pool (or done in-process)."""

    pool: object | None
    store: c.Cache
    step: Step

    options: object | None = None  # PdfOptions of every PDF of this build

    def layout(self, html_text: str, options: object | None = None,
               units: int = 0, urgent: bool = False) -> "Future[bytes]":
        """`units`: its weight in the progress, counted when it is done (not named: a
        worker finishes while the main process does something else). `urgent`: laid out
        before work given earlier (what the merge waits on)."""
        from mededeling.render.workers import NORMAL, URGENT

        options = options if options is not None else self.options
        k = c.key("pdf", html_text, pickle.dumps(options, protocol=4))
        hit = self.store.get("pdf", k)
        future: Future[bytes] = Future()
        if hit is not None:
            future.set_result(hit)
            self.step("", units)
            return future
        if self.pool is None:
            from mededeling.render.pdf import render

            future.set_result(render(html_text, options))
            self._done(k, future, units)
            return future
        inner = self.pool.submit(html_text, options,  # type: ignore[attr-defined]
                                 URGENT if urgent else NORMAL)
        inner.add_done_callback(lambda f: self._done(k, f, units))
        return inner

    def _done(self, k: str, future: "Future[bytes]", units: int) -> None:
        if future.exception() is None:
            self.store.put("pdf", k, future.result())
        self.step("", units)


def _draw(function: str, *args) -> Callable[[], Chart]:
    """A chart drawn when called: matplotlib is imported then, and not at all by a
    rebuild whose charts all come from the cache."""
    def draw() -> Chart:
        from mededeling.render import charts

        return getattr(charts, function)(*args)
    return draw


def chart_source(request: ChartRequest, prep: Prepared) -> tuple[Callable[[], Chart], object]:
    """How a chart is drawn, and the figures it is drawn from (which key its cache entry)."""
    fig, annex = prep.figures, prep.annex_figures
    name, alt = request.name, request.alt
    if name == MILESTONE_CHART:
        return _draw("milestone_chart", fig.milestones, alt, name), fig.milestones
    # the annexes' charts as pictures only (render/html.png_data_uri): no SVG drawn
    if name == STATUSES_PER_SPEERPUNT:
        return (_draw("statuses_per_speerpunt", annex, alt, name, False),
                annex.statuses_by_speerpunt)
    if name == FINANCE_PER_SPEERPUNT:
        return (_draw("finance_per_speerpunt", fig, alt, name, False),
                fig.finance.per_speerpunt)
    if name == RATE_CHART:
        return _draw("rate_classes", annex, alt, name, False), annex.rate_classes
    for i, series in enumerate(annex.dashboard or (), start=1):
        if name == DASHBOARD_CHART.format(i):
            return _draw("dashboard_series", series, alt, name, False), series
    raise KeyError(name)


def draw_charts(prep: Prepared, store: c.Cache, step: Step) -> dict[str, Chart]:
    requests = {MILESTONE_CHART: ChartRequest(MILESTONE_CHART,
                                              prep.note.chart_alt[MILESTONE_CHART])}
    for request in prep.chart_requests:
        requests.setdefault(request.name, request)
    out = {}
    for i, (name, request) in enumerate(requests.items(), start=1):
        step(f"Grafieken tekenen ({i} van {len(requests)})", 0)
        draw, data = chart_source(request, prep)
        k = c.key("chart", pickle.dumps((request, data), protocol=4))
        hit = store.get("chart", k)
        if hit is None:
            chart = draw()
            store.put("chart", k, pickle.dumps(chart, protocol=4))
        else:
            chart = pickle.loads(hit)
        out[name] = chart
        step("", WEIGHTS["chart"])
    return out


def _elements(html_text: str) -> int:
    """How long a document takes to lay out, roughly: its elements, those of an SVG chart
    in it included (WeasyPrint draws one element by element; the note's chart takes half
    of the note's time)."""
    import base64
    import re

    charts = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html_text)
    return html_text.count("<") + sum(base64.b64decode(c).count(b"<") for c in charts)


def _word():
    """render.docx, imported when a Word file is first made (python-docx and docxtpl take
    a tenth of a second: after the global report's chunks are on their way)."""
    from mededeling.render import docx

    return docx


def _docx(name: str, make: Callable[[], bytes], key_parts: tuple, store: c.Cache,
          step: Step, units: int | None = None) -> bytes:
    step(f"Word-bestanden maken ({label(name)})", 0)
    k = c.key("docx", *key_parts)
    data = store.get("docx", k)
    if data is None:
        data = make()
        store.put("docx", k, data)
    step("", WEIGHTS["docx"] if units is None else units)
    return data


def _annex_docx(doc: Document, chart_map, when, mark: str, store: c.Cache, step: Step,
                pages: dict | None = None, doc_repr: str | None = None) -> bytes:
    """`doc_repr`: repr(doc) when the caller has it (the global report's takes 40 ms, and
    its Word file is looked up three times a build)."""
    return _docx(doc.name, lambda: annex_word(doc, chart_map, when, mark, pages),
        _annex_key(doc, chart_map, when, mark, pages, doc_repr),
        store, step, WEIGHTS["docx_project"] * len(doc.sections) if doc.toc else WEIGHTS["docx"])


def _annex_key(doc: Document, chart_map, when, mark: str, pages: dict | None,
               doc_repr: str | None = None) -> tuple:
    return (doc_repr or repr(doc), _chart_keys(chart_map), str(when), mark,
            repr(sorted((pages or {}).items())))


def annex_word(doc: Document, chart_map, when, mark: str, pages: dict | None) -> bytes:
    """An annex's Word file (here, or in a layout worker: the global report's)."""
    return _word().render_document(TEMPLATES / "bijlage.docx", doc, chart_map, when, mark,
                                   pages)


def _workbook(prep: Prepared, store: c.Cache) -> bytes:
    """kerncijfers.xlsx, from the cache when its sheets are the same (the figures of a
    rebuild after a corrected text): openpyxl's import and writing took a tenth of it."""
    from mededeling.render import xlsx

    sheets = xlsx.sheets(prep.figures, prep.round)
    k = c.key("xlsx", repr((sheets, prep.figures.meetmoment)))
    data = store.get("xlsx", k)
    if data is None:
        data = xlsx.write(sheets, prep.figures.meetmoment)
        store.put("xlsx", k, data)
    return data


def _chart_keys(chart_map: dict[str, Chart]) -> bytes:
    return b"".join(n.encode() + ch.png for n, ch in sorted(chart_map.items()))


def units_of_work(prep: Prepared, formats: tuple[str, ...]) -> int:
    """The progress units `produce` reports, weighted (render/progress.WEIGHTS)."""
    w = WEIGHTS
    charts_drawn = {MILESTONE_CHART, *(r.name for r in prep.chart_requests)}
    n = w["chart"] * len(charts_drawn) + w["files"]
    small = len(prep.annexes) - 1  # the annexes after the global report
    projects = len(prep.annexes[0].sections)
    if "docx" in formats:
        n += w["docx"] * (1 + small + (prep.previous_note is not None))
        n += w["docx_project"] * projects
    if "pdf" in formats:
        n += w["pdf"] * (1 + small) + w["pdf_project"] * projects + w["toc"] + w["merge"]
    return n


@dataclass(frozen=True)
class Mode:
    """A draft (ONTWERP on every page) or a final (PDF/A-3b with its sources attached)."""

    final: bool = False

    @property
    def mark(self) -> str:
        return "" if self.final else DRAFT_MARK


def input_files(prep: Prepared) -> tuple[tuple[str, bytes], ...]:
    """The files the round was made from, named as they lie in the inputs folder."""
    root = prep.round.folder.parent
    own_plan = prep.round.folder / "plan.toml"  # then among the round's own files
    paths = [*([] if own_plan.is_file() else [root / "plan.toml"]), *prep.round.input_files]
    return tuple((p.relative_to(root).as_posix(), p.read_bytes())
                 for p in sorted(set(paths)))


def manifest(prep: Prepared, files: dict[str, bytes], mode: Mode) -> bytes:
    """manifest.json: what this build is, the sha256 of every output and input file, and
    the software that made them."""
    data = {
        "meetmoment": prep.round.meetmoment.isoformat(),
        "meting": prep.round.meting,
        "definitief": mode.final,
        "uitvoer": {name: hashlib.sha256(content).hexdigest()
                    for name, content in sorted(files.items())},
        "invoer": {name: hashlib.sha256(content).hexdigest()
                   for name, content in input_files(prep)},
        # a final's archive package holds this manifest, so it is named here, not hashed
        **({"archief": archive_name(prep.round.meetmoment.isoformat())} if mode.final else {}),
        # what made the documents: a rebuild years later can tell why its bytes differ
        "gemaakt_met": provenance(),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def produce(prep: Prepared, formats: tuple[str, ...], store: c.Cache, pool: object | None,
            step: Step = no_step, mode: Mode = Mode()) -> dict[str, bytes]:
    """Every output file of the round, in memory, by name."""
    from mededeling.render.pdf_options import PdfOptions

    when = prep.round.meetmoment
    mark = mode.mark
    # the global report's chunks are tagged too in a final: assemble.merge joins their trees
    chunk_options = PdfOptions("pdf/a-3b", tags=True, moment=when) if mode.final else None
    jobs = Jobs(pool, store, step)
    files: dict[str, bytes] = {}
    pending: dict[str, Future] = {}
    report_parts = None
    if "pdf" in formats:
        # the global report has no charts: its chunks go to the workers before anything
        # else is made (after one correction, its one changed chunk is the longest job)
        report_parts = _submit_report(prep.annexes[0], {}, when, jobs, mark, chunk_options)
    report = prep.annexes[0]
    report_repr = repr(report) if "docx" in formats else None
    guess_key = c.key("pages", repr([s.anchor for s in report.sections]), mark)

    in_worker: dict[str, Future[bytes]] = {}  # the report's Word file, by its cache key

    def report_docx(pages: dict, then: str) -> None:
        """The global report's Word file for these pages, into the cache (counted when
        taken, below). It has no charts."""
        step(f"Word-bestanden maken ({label(report.name)})", 0)
        k = c.key("docx", *_annex_key(report, {}, when, mark, pages, report_repr))
        made = in_worker.pop(k, None)
        if made is not None and made.exception() is None:  # waits for the worker
            store.put("docx", k, made.result())
        _annex_docx(report, {}, when, mark, store, no_step, pages, report_repr)  # or here
        step(then, 0)

    guess = store.get("pages", guess_key) if report_parts is not None else None
    if "docx" in formats and guess is not None:
        # after a correction, the Word file with the pages of the last build: they are
        # mostly the same, and then the call after the merge finds it. One worker lays out
        # the changed chunk; the other, idle otherwise, makes this file while this process
        # makes the rest (0,15 s quicker, medians of four)
        guessed = dict(json.loads(guess))
        k = c.key("docx", *_annex_key(report, {}, when, mark, guessed, report_repr))
        if pool is not None and store.get("docx", k) is None:
            in_worker[k] = pool.call(annex_word, report, {}, when, mark,  # type: ignore[attr-defined]
                                     guessed)
        else:
            report_docx(guessed, f"{label(report.name)} opmaken")
    from mededeling.note import keyfigures as kerncijfers

    key_figures = kerncijfers.dumps(
        prep.figures, prep.note, prep.annexes, prep.generated,
        tuple(e.key for e in prep.round.edits)).encode("utf-8")
    if mode.final:  # the other PDFs of a final carry the round's sources
        sources = input_files(prep) + (("kerncijfers.json", key_figures),)
        jobs.options = PdfOptions("pdf/a-3b", tags=True, attachments=sources, moment=when)
    chart_map = draw_charts(prep, store, step)
    note_charts = {MILESTONE_CHART: chart_map[MILESTONE_CHART]}

    note_html = html.render(prep.note, note_charts, when, mark)
    if "pdf" in formats:  # made here, laid out by the workers (or here, without them)
        step("PDF's van de mededeling en de bijlagen opmaken", 0)
        pages_html = {"mededeling.pdf": note_html, **{
            f"{doc.name}.pdf": html.render_document(doc, chart_map, when, ontwerp=mark)
            for doc in prep.annexes[1:]}}
        # the longest first, so that the build does not end with one worker on a long
        # annex while the other has nothing left to do
        for name in sorted(pages_html, key=lambda n: (-_elements(pages_html[n]), n)):
            pending[name] = jobs.layout(pages_html[name], units=WEIGHTS["pdf"])
        pending = {name: pending[name] for name in pages_html}  # waited for in this order

    if "docx" in formats and prep.previous_note is not None:
        from mededeling.note.comparison import compare

        compared = compare(prep.previous_note, prep.note)
        files["mededeling-wijzigingen.docx"] = _docx(
            "wijzigingen", lambda: _word().render(TEMPLATES / "mededeling.docx", compared,
                                               note_charts, when, mark),
            (repr(compared), _chart_keys(note_charts), str(when), mark), store, step)
    if "docx" in formats:
        from mededeling.core.blocks import keyed_texts

        shown = keyed_texts(prep.note.sections)
        draft = {k: (v, prep.generated.get(k, v)) for k, v in shown.items()}
        files["mededeling.docx"] = _docx(
            "mededeling", lambda: _word().with_draft_texts(_word().render(
                TEMPLATES / "mededeling.docx", prep.note, note_charts, when, mark), draft, when),
            (repr(prep.note), _chart_keys(note_charts), str(when), mark, repr(draft)), store,
            step)
        for doc in prep.annexes[1:] if report_parts is not None else prep.annexes:
            files[f"{doc.name}.docx"] = _annex_docx(doc, chart_map, when, mark, store, step)

    step("Kerncijfers en controlebestand", 0)
    files["mededeling.html"] = note_html.encode("utf-8")
    files["kerncijfers.json"] = key_figures
    files["kerncijfers.xlsx"] = _workbook(prep, store)
    files["controle.html"] = review_page(prep).encode("utf-8")
    step("", WEIGHTS["files"])

    if report_parts is not None:
        files[f"{report.name}.pdf"], pages = _assemble_report(
            report, chart_map, when, jobs, report_parts, store, step, mark,
            (lambda pages: report_docx(pages, "Inhoudstafel"))
            if "docx" in formats else (lambda pages: None))
        store.put("pages", guess_key, json.dumps(sorted(pages.items())).encode())
        if "docx" in formats:  # its contents with the pages the PDF gives them
            files[f"{report.name}.docx"] = _annex_docx(report, {}, when, mark, store, step,
                                                        pages, report_repr)
    for name, future in pending.items():
        step(f"{label(name.removesuffix('.pdf'))} opmaken", 0)
        files[name] = future.result()
    files["manifest.json"] = manifest(prep, files, mode)
    return dict(sorted(files.items()))


def note_preview(prep: Prepared, changes: bool = False) -> str:
    """The note's HTML as a draft build makes it, without building the rest; with
    `changes`, as changes against the previous round's note (<del>/<ins>), as
    mededeling-wijzigingen.docx shows them (prep made with compare=True)."""
    from mededeling.note.comparison import compare

    request = ChartRequest(MILESTONE_CHART, prep.note.chart_alt[MILESTONE_CHART])
    draw, _ = chart_source(request, prep)
    note = prep.note
    if changes and prep.previous_note is not None:
        note = compare(prep.previous_note, prep.note)
    return html.render(note, {MILESTONE_CHART: draw()}, prep.round.meetmoment, DRAFT_MARK)


def review_page(prep: Prepared) -> str:
    from mededeling.core import dutch as nl
    fig = prep.figures
    summary = (f"{nl.number(fig.projects.total)} projecten en {nl.number(fig.milestones.total)} "
               f"mijlpalen op {nl.date(fig.meetmoment)}"
               + (f"; vergeleken met de meting van {nl.date(fig.changes.since)}."
                  if fig.changes else "."))
    remarks = prep.round.remarks
    return html.render_review(
        nl.date(fig.meetmoment), summary, prep.warnings, fig.changes, prep.findings,
        "Er is geen map van een vorige meting: geen vergelijking per project.",
        prep.round.edits, prep.conflicts, remarks, nl.number(prep.round.open_remarks),
        prep.first_look)


@dataclass
class _ReportParts:
    chunks: list[Future]


def _submit_report(doc: Document, chart_map, when, jobs: Jobs, mark: str,
                   chunk_options: object | None) -> _ReportParts:
    sections = doc.sections
    jobs.step(f"{label(doc.name)} opmaken", 0)  # laid out here when there is no pool
    chunks = []
    for i in range(0, len(sections), CHUNK_PROJECTS):
        part = sections[i:i + CHUNK_PROJECTS]
        chunks.append(jobs.layout(_chunk_html(doc, part, chart_map, when, mark, jobs.store),
                                  chunk_options, WEIGHTS["pdf_project"] * len(part)))
    return _ReportParts(chunks)


def _chunk_html(doc: Document, part: tuple, chart_map, when, mark: str,
                store: c.Cache) -> str:
    """A chunk's HTML, from the cache when its projects are as before: after one
    correction, 29 of 30 chunks need no template run (a third of a second)."""
    k = c.key("html", repr(doc.title), repr(part), _chart_keys(chart_map), str(when), mark)
    hit = store.get("html", k)
    if hit is not None:
        return hit.decode("utf-8")
    text = html.render_document(doc, chart_map, when, sections=part, front=False,
                                footer=False, ontwerp=mark)
    store.put("html", k, text.encode("utf-8"))
    return text


def _assemble_report(doc: Document, chart_map, when, jobs: Jobs, parts: _ReportParts,
                     store: c.Cache, step: Step, mark: str,
                     while_front: Callable[[dict], object] = lambda pages: None
                     ) -> tuple[bytes, dict]:
    """The global report as one PDF, and the page of each project in it. `while_front`
    is given the pages as soon as they are known, and runs while the title page and
    contents are laid out (the Word file's contents show the same pages)."""
    from mededeling.render import assemble

    total = len(doc.sections)
    sizes = [min(CHUNK_PROJECTS, total - i) for i in range(0, total, CHUNK_PROJECTS)]
    assemble.warm_up(store)  # while the workers lay out
    chunk_pdfs: list[bytes] = [b""] * len(parts.chunks)
    infos: list = [None] * len(parts.chunks)
    place = {id(f): i for i, f in enumerate(parts.chunks)}
    laid_out = -1
    # each chunk looked into as it comes (a rebuild finds all but one in the cache), and
    # said while waiting: how far the workers are
    for future in itertools.chain([None], as_completed(parts.chunks)):
        if future is not None:
            i = place[id(future)]
            chunk_pdfs[i] = future.result()
            infos[i] = assemble.inspect(chunk_pdfs[i])
        done = sum(n for n, f in zip(sizes, parts.chunks) if f.done())
        if done != laid_out:
            laid_out = done
            step(f"{label(doc.name)} opmaken, {laid_out} van {total} projecten", 0)
    step("Inhoudstafel", 0)
    # a first guess of the length of title and contents; laid out again if it was wrong
    front_pages = -(-(len(doc.toc_entries) + TOC_FIRST_PAGE_LINES) // TOC_LINES_PER_PAGE)
    for _ in range(3):
        pages: dict[str, int | str] = {}
        offset = front_pages
        for info in infos:
            for anchor, index in info.anchors.items():
                pages.setdefault(anchor, offset + index + 1)
            offset += info.pages
        front = jobs.layout(html.render_document(
            doc, chart_map, when, sections=(), front=True, footer=False,
            toc_pages=pages, ontwerp=mark), jobs.options, urgent=True)
        while_front(pages)  # the Word file with these pages, while a worker lays out
        front_pdf = front.result()
        front_info = assemble.inspect(front_pdf)
        if front_info.pages == front_pages:
            break
        front_pages = front_info.pages
    else:  # every page number of the contents would be off: never write that
        raise RuntimeError(f"the contents of {doc.name} do not settle on a page count")
    step("Samenvoegen en nummeren", WEIGHTS["toc"])
    all_parts = [front_pdf, *chunk_pdfs]
    k = c.key("merged", *all_parts)
    merged = store.get("merged", k)
    if merged is None:
        merged = assemble.merge(all_parts, [front_info, *infos])
        store.put("merged", k, merged)
    step("", WEIGHTS["merge"])
    return merged, pages
