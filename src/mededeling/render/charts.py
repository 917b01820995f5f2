"""The note's charts, drawn with matplotlib from computed figures.

Each chart is drawn once and saved twice: SVG for the PDF (sharp at any zoom) and PNG
at 200 dpi for Word. Output is made reproducible (fixed SVG ids, no dates, no software
tag) so that a rebuilt archive compares equal byte for byte.
"""

from __future__ import annotations

import functools
import io
import threading

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from mededeling.note.figures import (  # noqa: E402
    AnnexFigures, DashboardSeries, MilestoneFigures, RoundFigures,
)
from mededeling.render import style  # noqa: E402
from mededeling.resources import FONT_FILES, font_path  # noqa: E402
from mededeling.core.statuses import MILESTONE_CHART_ORDER, PROJECT_STATUSES, STATUSES  # noqa: E402
from mededeling.core import dutch as nl  # noqa: E402
from mededeling.render.chart import WIDTH_CM, Chart  # noqa: E402,F401

PNG_DPI = 200
HEIGHT_CM = 8.5
HEADROOM = 1.1  # the value axis runs this much above the tallest bar, so its top shows
MIN_SEGMENT = 0.015  # of the value axis: the least height a count above zero is drawn with


def _use_package_font() -> str:
    """Draw with the package's own Carlito, never a system copy of another version: the
    charts' text is drawn as outlines, so the font file decides the bytes."""
    ours = {str(font_path(w, s)) for w, s in FONT_FILES}
    manager = font_manager.fontManager
    for path in sorted(ours):
        manager.addfont(path)
    # matplotlib takes the first of equally good matches: ours first, others after
    manager.ttflist.sort(key=lambda entry: entry.fname not in ours)
    manager._findfont_cached.cache_clear()  # noqa: SLF001 - lookups made before the sort
    return "Carlito"


FONT = _use_package_font()


def _quiet_warnings() -> None:
    """matplotlib's English warnings are no message for the staff who run a build."""
    import warnings

    warnings.filterwarnings("ignore", module="matplotlib")


_quiet_warnings()


# pyplot and rc_context are process-wide state: the web page may draw a preview while a
# build draws its charts, so charts are drawn one at a time
_DRAWING = threading.Lock()


def _one_at_a_time(draw):
    @functools.wraps(draw)
    def serialised(*args, **kwargs):
        with _DRAWING:
            return draw(*args, **kwargs)
    return serialised


def _style() -> dict:
    return {
        "svg.hashsalt": "mededeling",
        # text as paths: chart labels must not mix into the text a reader (or the read-back
        # check of the finals) extracts from a page; the alt text says what the chart shows
        "svg.fonttype": "path",
        "font.family": FONT,
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _dutch_ticks(*axes) -> None:
    """Tick labels in the notes' number style (nl-BE: decimal comma, a dot from five
    digits), not matplotlib's English '2.5' and '250000'."""
    from decimal import Decimal

    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _: nl.number(Decimal(repr(float(v))), 2))
    for axis in axes:
        axis.set_major_formatter(formatter)


def _whole_ticks(*axes) -> None:
    """Ticks on whole numbers only, for an axis that counts (projects, milestones)."""
    from matplotlib.ticker import MaxNLocator

    for axis in axes:
        # as matplotlib's own AutoLocator, only without fractions
        axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10],
                                           integer=True))


def _save(fig: plt.Figure, dpi: float = PNG_DPI, svg: bool = True) -> tuple[bytes, bytes]:
    """The chart as SVG (b"" without `svg`) and PNG. Only the note shows the SVG; the
    annexes' charts are pictures in Word and PDF alike (render/html.png_data_uri), and
    drawing a chart a second time as SVG took half its time."""
    vector, png = io.BytesIO(), io.BytesIO()
    if svg:
        fig.savefig(vector, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return vector.getvalue(), png.getvalue()


@_one_at_a_time
def milestone_chart(ms: MilestoneFigures, alt: str, name: str) -> Chart:
    """Milestones per planned quarter, stacked by status in the report's colours.

    A count of one among a thousand would be a hairline, or nothing at all under the bars'
    white edges: every count above zero is drawn at least MIN_SEGMENT of the axis high
    (the legend and the alt text give the exact counts), and the axis leaves headroom
    above the tallest bar so the segment on top is never cut off."""
    with matplotlib.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54))
        xs = list(range(len(ms.per_quarter)))
        tallest = max((sum(qc.by_status.values()) for qc in ms.per_quarter), default=0)
        least = MIN_SEGMENT * HEADROOM * tallest
        bottom = [0.0] * len(xs)
        for status in MILESTONE_CHART_ORDER:
            counts = [qc.by_status[status] for qc in ms.per_quarter]
            if not any(counts):
                continue
            heights = [max(n, least) if n else 0 for n in counts]
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
        # a year with one quarter only is named by that quarter ('2022 K2'): a round whose
        # milestones all fall in one quarter had no label under its bar at all
        ax.set_xticks([(s[0] + s[-1]) / 2 for s in spans.values()],
                      [str(y) if len(s) > 1 else
                       nl.quarter_short(y, ms.per_quarter[s[0]].quarter.q)
                       for y, s in spans.items()])
        ax.tick_params(axis="x", which="major", length=0)
        ax.set_xticks([s[0] - 0.5 for s in list(spans.values())[1:]], minor=True)
        ax.tick_params(axis="x", which="minor", length=6)
        ax.set_xlim(-0.7, len(xs) - 0.3)
        if tallest:
            ax.set_ylim(0, HEADROOM * max(bottom))
        ax.set_ylabel("Aantal mijlpalen")
        _whole_ticks(ax.yaxis)  # a count of milestones: no tick at 2,5
        _dutch_ticks(ax.yaxis)
        ax.set_xlabel("Gepland kwartaal")
        ax.yaxis.grid(True, color=style.GRID_GREY, linewidth=0.5)
        ax.set_axisbelow(True)
        if ax.get_legend_handles_labels()[0]:  # no legend for a round without milestones
            # above the bars' area, not in it: inside, it covered the tops of the bars of
            # a round with many milestones in its later quarters
            ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.02), borderaxespad=0,
                      frameon=False, ncols=3, title="Status van de mijlpaal",
                      title_fontsize=8, alignment="left")
        fig.tight_layout()
        svg, png = _save(fig)
    return Chart(name, svg, png, alt, WIDTH_CM, HEIGHT_CM)


LABEL_CHARS = 38  # a speerpunt's name on the value axis: lines of at most this many
LABEL_LINES = 2  # characters, at most this many (the table beside it names it in full)


def _label(name: str) -> str:
    """A speerpunt's name as a label beside its bars, wrapped: on one line, a long name
    ran off the chart's left edge ('...per in domein 1')."""
    import textwrap

    lines = textwrap.wrap(name, LABEL_CHARS)
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1].rstrip(" ,;:.") + "…"
    return "\n".join(lines)


def _figure(width_cm: float, height_cm: float):
    return plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))


@_one_at_a_time
def statuses_per_speerpunt(annex: AnnexFigures, alt: str, name: str, svg: bool = True) -> Chart:
    """Projects per speerpunt, stacked by status: where the attention is needed."""
    height = 2.0 + 0.9 * len(annex.statuses_by_speerpunt)
    with matplotlib.rc_context(_style()):
        fig, ax = _figure(WIDTH_CM, height)
        labels = [_label(f"{s.nummer}. {s.naam}") for s in annex.statuses_by_speerpunt][::-1]
        rows = annex.statuses_by_speerpunt[::-1]
        left = [0] * len(rows)
        for status in PROJECT_STATUSES:
            widths = [r.by_status[status] for r in rows]
            if not any(widths):
                continue
            info = STATUSES[status]
            ax.barh(labels, widths, left=left, color=info.colour, edgecolor="white",
                    linewidth=0.3, label=status.capitalize())
            left = [a + b for a, b in zip(left, widths)]
        ax.set_xlabel("Aantal projecten")
        _dutch_ticks(ax.xaxis)
        ax.xaxis.grid(True, color=style.GRID_GREY, linewidth=0.5)
        ax.set_axisbelow(True)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="lower center", bbox_to_anchor=(0.4, 1.0), ncols=4, frameon=False)
        fig.tight_layout()
        vector, png = _save(fig, svg=svg)
    return Chart(name, vector, png, alt, WIDTH_CM, height)


@_one_at_a_time
def finance_per_speerpunt(fig_: RoundFigures, alt: str, name: str, svg: bool = True) -> Chart:
    """Budget, committed and paid per speerpunt, in million euro."""
    per = fig_.finance.per_speerpunt[::-1]
    height = 2.2 + 1.1 * len(per)
    with matplotlib.rc_context(_style()):
        fig, ax = _figure(WIDTH_CM, height)
        labels = [_label(f"{s.nummer}. {s.naam}") for s in per]
        ys = list(range(len(per)))
        for offset, (label, attr, colour) in zip(
                (0.27, 0.0, -0.27),
                (("Beleidsruimte", "beleidsruimte", style.BUDGET_BLUE),
                 ("Vastgelegd", "vastgelegd", style.COMMITTED),
                 ("Vereffend", "vereffend", style.PAID))):
            ax.barh([y + offset for y in ys], [float(getattr(s, attr)) / 1e6 for s in per],
                    height=0.26, color=colour, label=label)
        ax.set_yticks(ys, labels)
        ax.set_xlabel("Miljoen euro")
        _dutch_ticks(ax.xaxis)
        ax.xaxis.grid(True, color=style.GRID_GREY, linewidth=0.5)
        ax.set_axisbelow(True)
        # the legend in the order of each speerpunt's bars from top to bottom (Beleidsruimte
        # highest): the order the series were drawn in, left to right. Above the bars' area,
        # not in it: in its lower right corner it covered the end of the last speerpunt's
        # bars
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.02), borderaxespad=0,
                  ncols=3, frameon=False)
        fig.tight_layout()
        vector, png = _save(fig, svg=svg)
    return Chart(name, vector, png, alt, WIDTH_CM, height)


@_one_at_a_time
def rate_classes(annex: AnnexFigures, alt: str, name: str, svg: bool = True) -> Chart:
    """How many output indicators reach which share of their target."""
    with matplotlib.rc_context(_style()):
        fig, ax = _figure(WIDTH_CM, 6.5)
        labels = [label for label, _ in annex.rate_classes]
        counts = [n for _, n in annex.rate_classes]
        colours = style.RATE_CLASS_COLOURS
        bars = ax.bar(labels, counts, color=colours[: len(labels)])
        ax.bar_label(bars, labels=[str(c) for c in counts], padding=2)
        ax.set_ylabel("Aantal indicatoren")
        _dutch_ticks(ax.yaxis)
        ax.set_xlabel("Realisatiegraad (realisatie / streefwaarde)")
        ax.yaxis.grid(True, color=style.GRID_GREY, linewidth=0.5)
        ax.set_axisbelow(True)
        fig.tight_layout()
        vector, png = _save(fig, svg=svg)
    return Chart(name, vector, png, alt, WIDTH_CM, 6.5)


@_one_at_a_time
def dashboard_series(series: DashboardSeries, alt: str, name: str, svg: bool = True) -> Chart:
    """One indicator's time series, small, so several fit a page."""
    width, height = 12.0, 5.0
    with matplotlib.rc_context(_style()):
        fig, ax = _figure(width, height)
        xs = list(range(len(series.points)))
        ax.plot(xs, [float(v) for _, v in series.points], marker="o", markersize=3,
                color=style.SERIES, linewidth=1.5)
        step = -(-len(xs) // 6)  # at most six labels, so they never overlap
        # periods as the annex's text names them ('2021 K3', 'dec. 2020'), not as the data
        ax.set_xticks(xs[::step], [nl.period(p, short=True) for p, _ in series.points][::step])
        ax.set_xticks(xs, minor=True)
        if series.eenheid:
            ax.set_ylabel(series.eenheid)
        _dutch_ticks(ax.yaxis)
        ax.yaxis.grid(True, color=style.GRID_GREY, linewidth=0.5)
        fig.tight_layout()
        # Word and the PDF show it WIDTH_CM wide: the PNG gets as many pixels as a chart
        # drawn that wide, so Word's scaled-up copy is as sharp as the others
        vector, png = _save(fig, PNG_DPI * WIDTH_CM / width, svg)
    return Chart(name, vector, png, alt, width, height)
