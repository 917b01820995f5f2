"""The note's charts, drawn with matplotlib from computed figures.

Each chart is drawn once and saved twice: SVG for the PDF (sharp at any zoom) and PNG
at 200 dpi for Word. Output is made reproducible (fixed SVG ids, no dates, no software
tag) so that a rebuilt archive compares equal byte for byte.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from mededeling.figures import MilestoneFigures  # noqa: E402
from mededeling.statuses import MILESTONE_CHART_ORDER, STATUSES  # noqa: E402

PNG_DPI = 200
WIDTH_CM, HEIGHT_CM = 16.0, 8.5
FONT_CANDIDATES = ("Carlito", "Liberation Sans", "DejaVu Sans")


@dataclass(frozen=True)
class Chart:
    name: str
    svg: bytes
    png: bytes
    alt: str
    width_cm: float
    height_cm: float


def _font() -> str:
    available = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in FONT_CANDIDATES if f in available), "DejaVu Sans")


def _style() -> dict:
    return {
        "svg.hashsalt": "mededeling",
        "svg.fonttype": "path",
        "font.family": _font(),
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _save(fig: plt.Figure) -> tuple[bytes, bytes]:
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    plt.close(fig)
    return svg.getvalue(), png.getvalue()


def milestone_chart(ms: MilestoneFigures, alt: str, name: str) -> Chart:
    """Milestones per planned quarter, stacked by status in the report's colours."""
    with matplotlib.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54))
        xs = list(range(len(ms.per_quarter)))
        bottom = [0] * len(xs)
        for status in MILESTONE_CHART_ORDER:
            heights = [qc.by_status[status] for qc in ms.per_quarter]
            if not any(heights):
                continue
            info = STATUSES[status]
            ax.bar(xs, heights, bottom=bottom, width=0.8, color=info.colour,
                   edgecolor="white", linewidth=0.3,
                   label=f"{info.milestone_label[0].upper()}{info.milestone_label[1:]} "
                         f"({ms.by_status[status]})")
            bottom = [b + h for b, h in zip(bottom, heights)]
        # a year's label under the middle of its quarters, a tick between the years
        spans: dict[int, list[int]] = {}
        for i, qc in enumerate(ms.per_quarter):
            spans.setdefault(qc.quarter.year, []).append(i)
        ax.set_xticks([(s[0] + s[-1]) / 2 for s in spans.values()],
                      [str(y) if len(s) > 1 else "" for y, s in spans.items()])
        ax.tick_params(axis="x", which="major", length=0)
        ax.set_xticks([s[0] - 0.5 for s in list(spans.values())[1:]], minor=True)
        ax.tick_params(axis="x", which="minor", length=6)
        ax.set_xlim(-0.7, len(xs) - 0.3)
        ax.set_ylabel("Aantal mijlpalen")
        ax.set_xlabel("Gepland kwartaal")
        ax.yaxis.grid(True, color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.legend(loc="upper right", frameon=False, ncols=2, title="Status van de mijlpaal",
                  title_fontsize=8, alignment="left")
        fig.tight_layout()
        svg, png = _save(fig)
    return Chart(name, svg, png, alt, WIDTH_CM, HEIGHT_CM)
