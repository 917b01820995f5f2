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
from mededeling.annexes import ChartRequest, all_annexes
from mededeling.blocks import Document
from mededeling.load import load_round, round_folders
from mededeling.phrases import Note, note
from mededeling.problems import Collector, Problem
from mededeling.review import Finding, findings
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
    annex_figures: f.AnnexFigures
    annexes: tuple[Document, ...]
    chart_requests: tuple[ChartRequest, ...]
    findings: tuple[Finding, ...]


def _quiet(_: str) -> None:
    pass


def prepare(round_dir: Path, progress: Progress = _quiet, inputs: Path | None = None) -> Prepared:
    """Load, validate and compute a round; raises InvalidInput with every problem found.

    `inputs` is the folder with plan.toml and the earlier rounds, when the round is not
    (yet) in it: an upload is checked in a folder of its own before it is put in place."""
    round_dir = round_dir.resolve()
    inputs = (inputs or round_dir.parent).resolve()
    problems = Collector()
    progress("Invoer lezen en controleren")
    plan = validate_plan(inputs / "plan.toml", problems)
    raw = load_round(round_dir, problems)
    earlier_dirs = [d for d in round_folders(inputs) if d.name < round_dir.name]
    previous_round = None
    if earlier_dirs and plan is not None:
        # the previous round's errors stop this build too (its figures would be wrong);
        # its warnings were shown when it was built
        prev_problems = Collector()
        prev_raw = load_round(earlier_dirs[-1], prev_problems)
        previous_round = validate_round(prev_raw, plan, prev_problems)
        problems.extend(prev_problems)
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
    figures = f.compute(current, plan, previous, earlier, previous_round)
    text = note(figures, current.ondertekening, current.teksten, current.taskforce_datum)
    annex_figures = f.annex_figures(current, plan)
    annexes, requests = all_annexes(current, plan, figures, annex_figures)
    return Prepared(current, plan, figures, text, tuple(problems.all_warnings()), annex_figures,
                    annexes, requests, findings(current, annex_figures.output_rates))
