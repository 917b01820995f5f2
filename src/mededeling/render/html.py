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

from mededeling.charts import Chart
from mededeling.phrases import Note


@lru_cache(maxsize=4)
def environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(templates)), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True)


def svg_data_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg).decode("ascii")


def render(templates: Path, note: Note, charts: dict[str, Chart], when: dt.date) -> str:
    template = environment(templates).get_template("mededeling.html.j2")
    return template.render(note=note, charts={k: svg_data_uri(c) for k, c in charts.items()},
                           created=when.isoformat())
