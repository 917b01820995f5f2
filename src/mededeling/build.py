"""The pipeline of one round: load -> validate -> compute -> phrase -> render -> write.

Everything that can fail on the input fails before the first byte is written; the
outputs are then rendered in memory and swapped into place in one step (see `write`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mededeling import figures as f
from mededeling import model as m
from mededeling.load import load_round, round_folders
from mededeling.paths import TEMPLATES
from mededeling.phrases import MILESTONE_CHART, Note, note
from mededeling.problems import Collector, Problem
from mededeling.validate import validate_plan, validate_round


Progress = Callable[[str], None]


@dataclass(frozen=True)
class Prepared:
    """A validated, computed and phrased round: all that rendering needs."""

    round: m.Round
    plan: m.Plan
    figures: f.RoundFigures
    note: Note
    warnings: tuple[Problem, ...]


def _quiet(_: str) -> None:
    pass


def prepare(round_dir: Path, progress: Progress = _quiet) -> Prepared:
    """Load, validate and compute a round; raises InvalidInput with every problem found."""
    round_dir = round_dir.resolve()
    problems = Collector()
    progress("Invoer lezen en controleren")
    plan = validate_plan(round_dir.parent / "plan.toml", problems)
    raw = load_round(round_dir, problems)
    earlier_dirs = [d for d in round_folders(round_dir.parent) if d.name < round_dir.name]
    previous_round = None
    if earlier_dirs and plan is not None:
        # the previous round's errors stop this build too (its figures would be wrong);
        # its warnings were shown when it was built
        prev_problems = Collector()
        prev_raw = load_round(earlier_dirs[-1], prev_problems)
        previous_round = validate_round(prev_raw, plan, prev_problems)
        problems.errors.extend(prev_problems.errors)
    current = validate_round(raw, plan, problems) if plan is not None else None
    problems.raise_if_errors()
    assert plan is not None and current is not None

    progress("Cijfers berekenen")
    previous = None
    earlier = tuple(dt.date.fromisoformat(d.name) for d in earlier_dirs)
    if previous_round is not None:
        prev_earlier = earlier[:-1]
        previous = f.previous_from_round(f.compute(previous_round, plan, None, prev_earlier))
    elif current.vorige is not None:
        previous = f.previous_from_key_figures(current.vorige)
        earlier = (current.vorige.meetmoment,)
    figures = f.compute(current, plan, previous, earlier)
    text = note(figures, current.ondertekening, current.teksten, current.taskforce_datum)
    return Prepared(current, plan, figures, text, tuple(problems.warnings))


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes]  # file name -> content


def render_all(prep: Prepared, progress: Progress = _quiet,
               pdf_worker: "object | None" = None) -> Rendered:
    """Every output of the note, in memory; the PDF through `pdf_worker` when given."""
    from mededeling import charts, kerncijfers
    from mededeling.render import docx, html

    progress("Grafiek tekenen")
    chart = charts.milestone_chart(prep.figures.milestones,
                                   prep.note.chart_alt[MILESTONE_CHART], MILESTONE_CHART)
    chart_map = {MILESTONE_CHART: chart}
    when = prep.round.meetmoment
    progress("Word-document opmaken")
    docx_bytes = docx.render(TEMPLATES / "mededeling.docx", prep.note, chart_map, when)
    progress("HTML en PDF opmaken")
    page = html.render(TEMPLATES, prep.note, chart_map, when)
    if pdf_worker is not None:
        pdf_bytes = pdf_worker.render(page)
    else:
        from mededeling.render import pdf

        pdf_bytes = pdf.render(page, TEMPLATES)
    return Rendered({
        "mededeling.docx": docx_bytes,
        "mededeling.pdf": pdf_bytes,
        "mededeling.html": page.encode("utf-8"),
        "kerncijfers.json": kerncijfers.dumps(prep.figures, prep.note).encode("utf-8"),
    })
