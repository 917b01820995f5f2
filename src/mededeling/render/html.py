"""The note as HTML: the preview staff open in a browser, and the source of the PDF.

Jinja2 with autoescape on, so every text from the data is shown as typed; the charts
are embedded as SVG data URIs so the preview is one self-contained file.
"""

from __future__ import annotations

import base64
import datetime as dt
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from mededeling.core.blocks import INTERNAL, Document, Section
from mededeling.render.chart import Chart
from mededeling.note.phrases import Note
from mededeling.render.style import column_widths, document_css, status_css
from mededeling.resources import TEMPLATES


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals["column_widths"] = column_widths  # a table's columns, each word fitting
    return env


def svg_data_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg).decode("ascii")


def png_data_uri(chart: Chart) -> str:
    """The chart as the annexes' PDFs show it: WeasyPrint draws an SVG chart in Python,
    which took 2,7 s of the 6 s the annexes 2 to 5 took to lay out; the PNG (the picture
    the Word files carry, 200 dpi or more at 16 cm) is placed at once. The note keeps its SVG chart,
    also in mededeling.html, the preview a browser zooms into."""
    return "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")


def render(note: Note, charts: dict[str, Chart], when: dt.date,
           ontwerp: str = "") -> str:
    template = environment().get_template("mededeling.html.j2")
    if note.marks:  # a note compared with the previous one: its header as changes too
        note = _marked_header(note)
    return template.render(note=note, charts={k: svg_data_uri(c) for k, c in charts.items()},
                           created=when.isoformat(), style_css=document_css(ontwerp))


def _marked_header(note: Note) -> Note:
    """The note with each header text that changed (Betreft, an annex line, the
    signature, ...) as <del>/<ins>, drawn as blocks.html.j2 draws any runs."""
    return note.with_marked_header(environment().get_template("blocks.html.j2").module.runs)


def render_document(doc: Document, charts: dict[str, Chart], when: dt.date,
                    sections: tuple[Section, ...] | None = None, front: bool = True,
                    footer: bool = True, toc_pages: dict[str, int | str] | None = None,
                    ontwerp: str = "") -> str:
    """An annex, or one chunk of it: `sections` a part of the document's sections,
    `front` whether the title block and table of contents come first, `footer`
    whether pages carry their number (chunks get theirs stamped after the merge)."""
    template = environment().get_template("bijlage.html.j2")
    return template.render(
        doc=doc, sections=doc.sections if sections is None else sections, front=front,
        footer=footer, toc_pages=toc_pages or {}, link_prefix=INTERNAL,
        charts={k: png_data_uri(c) for k, c in charts.items()},
        created=when.isoformat(), style_css=document_css(ontwerp))


def render_review(meetmoment: str, summary: str, warnings, changes, findings,
                  no_previous: str, edits=(), conflicts=(), remarks=(),
                  open_remarks: str = "0", first_look: tuple[str, ...] = ()) -> str:
    """controle.html: the review file of a build; `first_look` are the lines at its top
    (backward moves, what the comparison cannot check)."""
    from mededeling.core.statuses import STATUSES

    return environment().get_template("controle.html.j2").render(
        meetmoment=meetmoment, summary=summary, warnings=warnings, changes=changes,
        findings=findings, no_previous=no_previous, status_css=status_css(), edits=edits,
        conflicts=conflicts, remarks=remarks, open_remarks=open_remarks,
        first_look=first_look,
        project_labels={c: s.project_label for c, s in STATUSES.items()},
        milestone_labels={c: s.milestone_label for c, s in STATUSES.items()})
