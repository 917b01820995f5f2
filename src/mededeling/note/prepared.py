"""A round computed and phrased: everything rendering needs, made in one place.

The figures, the note's sentences, the annexes as documents and the reviewers'
findings all come from the same validated round, so every document renders the same
model. Rendering reads this and computes nothing of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from mededeling.core import model as m
from mededeling.core.blocks import Document, keyed_texts
from mededeling.core.problems import Problem
from mededeling.note import edits
from mededeling.note import figures as f
from mededeling.note.edits import Conflict
from mededeling.note.annex_list import annexes_of
from mededeling.note.annexes import ChartRequest, all_annexes
from mededeling.note.findings import Finding, findings, first_look
from mededeling.note.phrases import Note, note


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
    previous_note: Note | None = None  # the previous round folder's note, as it was phrased
    generated: dict[str, str] = dataclasses.field(default_factory=dict)  # key -> text as made
    conflicts: tuple[Conflict, ...] = ()  # reviewers' wording the figures no longer give
    first_look: tuple[str, ...] = ()  # top of controle.html: what went back, what is unknown


def _phrased(current: m.Round, plan: m.Plan, previous_round: m.Round | None,
             earlier: tuple[dt.date, ...]) -> tuple[f.RoundFigures, Note, Note,
                                                     tuple[Conflict, ...]]:
    """The round's figures, its note as made, and the note with the reviewers' wording."""
    previous = None
    if previous_round is not None:
        previous = f.previous_from_round(f.compute(previous_round, plan, None, earlier[:-1]))
    elif current.vorige is not None:
        previous = f.previous_from_key_figures(current.vorige)
        earlier = (current.vorige.meetmoment,)
    figures = f.compute(current, plan, previous, earlier, previous_round)
    made = note(figures, current.ondertekening, current.teksten, current.taskforce_datum,
                current.aandacht, annexes=annexes_of(current))
    text, conflicts = edits.apply(made, current.edits)
    return figures, made, text, conflicts


def note_as_it_was(current: m.Round, plan: m.Plan, previous_round: m.Round | None,
                   earlier: tuple[dt.date, ...]) -> Note:
    """A round's note as `compose` phrases it, without its annexes: the previous round's
    note, for the note as changes against it (its annexes would cost a warm rebuild a
    third of a second for nothing)."""
    return _phrased(current, plan, previous_round, earlier)[2]


def compose(current: m.Round, plan: m.Plan, previous_round: m.Round | None,
            earlier: tuple[dt.date, ...], warnings: tuple[Problem, ...]) -> Prepared:
    """Compute and phrase a validated round. `previous_round` is the round folder
    before it (validated too), `earlier` the meetmomenten of every earlier round; without
    a previous folder, `[vorige]` of ronde.toml gives the comparison."""
    figures, made, text, conflicts = _phrased(current, plan, previous_round, earlier)
    annex_figures = f.annex_figures(current, plan)
    annexes, requests = all_annexes(current, plan, figures, annex_figures)
    return Prepared(current, plan, figures, text, warnings, annex_figures, annexes, requests,
                    findings(current, annex_figures.output_rates, figures.changes),
                    generated=keyed_texts(made.sections), conflicts=conflicts,
                    first_look=first_look(figures))
