"""The rounds of an inputs folder and how far each one is: checked, built, final.

What the web page lists. A round is checked by the same `prepare` a build runs, so
"valid" on the page means the build will not refuse the input. Checks are kept per
state of the files on disk, so a page that is reloaded does not check again, and a file
that staff change in Excel is checked anew at the next look.
"""

from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mededeling.pipeline import Prepared, prepare
from mededeling.input.raw import ROUND_DIR_RE
from mededeling.core.problems import Problem
from mededeling.errors import InvalidInput
from mededeling.write import is_final, listed_files

BUILD_DIR_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-v(\d+))?$")


@dataclass(frozen=True)
class Built:
    """One build of a round in the output folder: out/<meetmoment> or out/<meetmoment>-vN."""

    folder: Path
    version: int  # 1 for out/<meetmoment>, N for -vN
    final: bool
    files: tuple[str, ...]  # as listed in its manifest.json, and present

    @property
    def name(self) -> str:
        return self.folder.name


@dataclass(frozen=True)
class Checked:
    """A round as the validation sees it: prepared, or every problem that stops it."""

    meetmoment: str
    folder: Path
    prepared: Prepared | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    meting: int | None = None  # from ronde.toml, also when the round has errors
    error_total: int = 0  # every error, also those past the ones listed

    @property
    def valid(self) -> bool:
        return self.prepared is not None


def meetmomenten(inputs: Path) -> list[str]:
    """The round folders of the inputs folder, newest first: every folder named as a date,
    also one without ronde.toml (its check then says that file is missing)."""
    if not inputs.is_dir():
        return []
    return sorted((p.name for p in inputs.iterdir() if p.is_dir() and ROUND_DIR_RE.match(p.name)),
                  reverse=True)


def builds(out: Path, meetmoment: str) -> list[Built]:
    """Every build of a round in the output folder, the first version first."""
    found = []
    if not out.is_dir():
        return found
    for folder in out.iterdir():
        match = BUILD_DIR_RE.match(folder.name)
        if not (match and match[1] == meetmoment and folder.is_dir()):
            continue
        listed = listed_files(folder)
        if listed is None:
            continue  # not a build of ours (or one being swapped into place)
        present = {p.name for p in folder.iterdir() if p.is_file()}
        found.append(Built(folder, int(match[2] or 1), is_final(folder),
                           tuple(sorted(listed & present))))
    return sorted(found, key=lambda b: b.version)


def _files(folder: Path) -> tuple:
    """Every file under a folder as (relative path, mtime_ns, size): what a check of it read."""
    entries = []
    for path in sorted(folder.rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _signature(inputs: Path, meetmoment: str) -> tuple:
    """What the check of one round depends on, and nothing more: its own files, plan.toml,
    which folders count as rounds (they decide which round is the previous one), and the
    files of that previous round, whose errors stop this round too. A change in another
    round's folder keeps this round's check."""
    try:
        plan = (inputs / "plan.toml").stat()
        plan_key: tuple = (plan.st_mtime_ns, plan.st_size)
    except OSError:
        plan_key = ()
    folders = tuple(sorted((p.name, (p / "ronde.toml").is_file()) for p in inputs.iterdir()
                           if p.is_dir() and ROUND_DIR_RE.match(p.name))) \
        if inputs.is_dir() else ()
    earlier = [name for name, has_toml in folders if has_toml and name < meetmoment]
    previous = _files(inputs / earlier[-1]) if earlier else ()
    return (plan_key, folders, _files(inputs / meetmoment), previous)


def _meting(folder: Path) -> int | None:
    """The meting a round with errors says it is, if its ronde.toml can tell."""
    try:
        value = tomllib.loads((folder / "ronde.toml").read_text(encoding="utf-8-sig")).get("meting")
    except (OSError, ValueError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


class Checker:
    """Checks rounds with `prepare`, remembering for each round the result for its files as
    they are: a start page with many rounds checks none of them again on a reload, and a
    file changed in Excel is checked anew at the next look (only its round, and the round
    after it, which reads it as the previous one)."""

    def __init__(self, inputs: Path):
        self.inputs = inputs
        self._lock = threading.Lock()
        self._results: dict[str, tuple[tuple, Checked]] = {}  # one per round folder

    def check(self, meetmoment: str) -> Checked:
        folder = self.inputs / meetmoment
        key = _signature(self.inputs, meetmoment)
        with self._lock:
            hit = self._results.get(meetmoment)
            if hit is not None and hit[0] == key:
                return hit[1]
        try:
            prep = prepare(folder)
            result = Checked(meetmoment, folder, prep, (), prep.warnings, prep.round.meting)
        except InvalidInput as invalid:
            result = Checked(meetmoment, folder, None, tuple(invalid.problems), (),
                             _meting(folder), invalid.total)
        with self._lock:
            self._results[meetmoment] = (key, result)
        return result
