"""The note as HTML: the preview staff open in a browser, and the source of the PDF.

Jinja2 with autoescape on, so every text from the data is shown as typed; the charts
are embedded as SVG data URIs so the preview is one self-contained file.
"""

from __future__ import annotations

import base64
import datetime as dt
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from markupsafe import Markup

from mededeling.blocks import INTERNAL, Document, Section
from mededeling.charts import Chart
from mededeling.phrases import Note
from mededeling.statuses import STATUSES


@lru_cache(maxsize=4)
def environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(templates)), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True)


def svg_data_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg).decode("ascii")


def render(templates: Path, note: Note, charts: dict[str, Chart], when: dt.date,
           ontwerp: str = "") -> str:
    template = environment(templates).get_template("mededeling.html.j2")
    return template.render(note=note, charts={k: svg_data_uri(c) for k, c in charts.items()},
                           created=when.isoformat(), ontwerp=ontwerp)


def status_css(element: str = "td") -> Markup:
    """The status colours of statuses.STATUSES as CSS classes (of table cells in the
    documents; of any element on the web page, with element="")."""
    return Markup("\n".join(
        f"{element}.s-{s.code} {{ background: {s.colour}; color: {s.text_colour}; }}"
        for s in STATUSES.values()))


def render_document(templates: Path, doc: Document, charts: dict[str, Chart], when: dt.date,
                    sections: tuple[Section, ...] | None = None, front: bool = True,
                    footer: bool = True, toc_pages: dict[str, int | str] | None = None,
                    ontwerp: str = "") -> str:
    """An annex, or one chunk of it: `sections` a part of the document's sections,
    `front` whether the title block and table of contents come first, `footer`
    whether pages carry their number (chunks get theirs stamped after the merge)."""
    template = environment(templates).get_template("bijlage.html.j2")
    return template.render(
        doc=doc, sections=doc.sections if sections is None else sections, front=front,
        footer=footer, toc_pages=toc_pages or {}, link_prefix=INTERNAL,
        charts={k: svg_data_uri(c) for k, c in charts.items()},
        created=when.isoformat(), status_css=status_css(), ontwerp=ontwerp)


def render_review(templates: Path, meetmoment: str, summary: str, warnings, changes, findings,
                  no_previous: str) -> str:
    """controle.html: the review file of a build."""
    return environment(templates).get_template("controle.html.j2").render(
        meetmoment=meetmoment, summary=summary, warnings=warnings, changes=changes,
        findings=findings, no_previous=no_previous, status_css=status_css())
