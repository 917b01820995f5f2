"""One round through the pipeline's first stages: load -> validate -> compute -> phrase.

Everything that can fail on the input fails here, before anything is rendered or
written; `publish` then renders the prepared round and puts the files in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from pathlib import Path
from typing import Callable, Protocol

from mededeling.core import model as m
from mededeling.core.problems import Collector
from mededeling.input.folder import load_round, round_folders
from mededeling.input.plan import validate_plan
from mededeling.input.round import check_order, validate_round
from mededeling.note.phrases import Note
from mededeling.note.prepared import Prepared, compose, note_as_it_was

__all__ = ["Prepared", "prepare"]

Progress = Callable[[str], None]


class Store(Protocol):
    """Where a computed piece is kept between builds (render.cache.Cache)."""

    def get(self, kind: str, k: str) -> bytes | None: ...

    def put(self, kind: str, k: str, data: bytes) -> None: ...

    def prune(self) -> None: ...


def _quiet(_: str) -> None:
    pass


def plan_of(round_dir: Path, inputs: Path) -> Path:
    """The plan a round was made under: its own plan.toml when its folder has one (the
    plan grew over time, and an older round rebuilt later must say what it said then),
    else the inputs folder's."""
    own = round_dir / "plan.toml"
    return own if own.is_file() else inputs / "plan.toml"


def prepare(round_dir: Path, progress: Progress = _quiet, inputs: Path | None = None,
            compare: bool = False, store: Store | None = None) -> Prepared:
    """Load, validate and compute a round; raises InvalidInput with every problem found.

    `inputs` is the folder with plan.toml and the earlier rounds, when the round is not
    (yet) in it: an upload is checked in a folder of its own before it is put in place.
    With `compare`, the previous round folder's note is phrased too (as it was, with its
    own previous round), for the note as changes against it; `store` keeps that note for
    the next build, as long as the files it was made from stay as they are."""
    round_dir = round_dir.resolve()
    inputs = (inputs or round_dir.parent).resolve()
    problems = Collector()
    progress("Invoer lezen en controleren")
    plan = validate_plan(plan_of(round_dir, inputs), problems)
    raw = load_round(round_dir, problems)
    earlier_dirs = [d for d in round_folders(inputs, problems) if d.name < round_dir.name]
    previous_round = prev_plan = None
    if earlier_dirs and plan is not None:
        # the previous round's errors stop this build too (its figures would be wrong);
        # its warnings were shown when it was built
        prev_problems = Collector()
        prev_plan = validate_plan(plan_of(earlier_dirs[-1], inputs), prev_problems)
        prev_raw = load_round(earlier_dirs[-1], prev_problems)
        if prev_plan is not None:
            previous_round = validate_round(prev_raw, prev_plan, prev_problems)
        problems.extend(prev_problems)
    current = validate_round(raw, plan, problems) if plan is not None else None
    if current is not None and previous_round is not None:
        check_order(current, previous_round, problems)
    problems.raise_if_errors()
    assert plan is not None and current is not None

    progress("Cijfers berekenen")
    earlier = tuple(dt.date.fromisoformat(d.name) for d in earlier_dirs)
    prepared = compose(current, plan, previous_round, earlier, tuple(problems.all_warnings()))
    if compare and previous_round is not None and prev_plan is not None:
        before = earlier_dirs[:-1]
        sources = [earlier_dirs[-1], *before[-1:]]
        plans = [plan_of(d, inputs) for d in sources]
        previous_note = _kept(store, inputs, sources, plans, lambda: _previous_note(
            previous_round, prev_plan, before, inputs))
        prepared = dataclasses.replace(prepared, previous_note=previous_note)
    return prepared


def _kept(store: Store | None, inputs: Path, folders: list[Path], plans: list[Path],
          make: Callable[[], Note]) -> Note:
    """The previous round's note from the store when the files it is made from (the two
    round folders before this one, and their plans) are byte for byte as when it was
    kept; else made, and kept. A rebuild after a correction to this round then skips
    reading the round before the previous one (a workbook: half a second or more); a
    note is only kept after its rounds passed every check."""
    if store is None:
        return make()
    from mededeling.render import cache

    parts: list[str | bytes] = ["vorige-nota"]
    for path in sorted({*plans, *(f for d in folders for f in d.rglob("*") if f.is_file())}):
        parts += [path.relative_to(inputs).as_posix(), path.read_bytes()]
    k = cache.key(*parts)
    hit = store.get("vorige", k)
    if hit is not None:
        return pickle.loads(hit)
    note = make()
    store.put("vorige", k, pickle.dumps(note, protocol=4))
    store.prune()  # the one kept before, made from other files
    return note


def _previous_note(previous: m.Round, plan: m.Plan, before: list[Path], inputs: Path) -> Note:
    """The previous round's note as its own build phrased it: against the round before
    it. The previous round is already read and validated; only the one before it is
    read here (its errors stop the comparison, as they stopped that round's build)."""
    problems = Collector()
    earlier_of_previous = None
    if before:
        own_plan = validate_plan(plan_of(before[-1], inputs), problems)
        raw = load_round(before[-1], problems)
        if own_plan is not None:
            earlier_of_previous = validate_round(raw, own_plan, problems)
        if earlier_of_previous is not None:  # as that round's own build checked it
            check_order(previous, earlier_of_previous, problems)
    problems.raise_if_errors()
    earlier = tuple(dt.date.fromisoformat(d.name) for d in before)
    return note_as_it_was(previous, plan, earlier_of_previous, earlier)
