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
from collections import OrderedDict
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


def _signature(inputs: Path) -> tuple:
    """What a check depends on: plan.toml and every file of every round folder."""
    entries = []
    for path in sorted(inputs.rglob("*")):
        rel = path.relative_to(inputs)
        if rel.parts[0].startswith("."):
            continue  # uploads being checked, replaced rounds
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((rel.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _meting(folder: Path) -> int | None:
    """The meting a round with errors says it is, if its ronde.toml can tell."""
    try:
        value = tomllib.loads((folder / "ronde.toml").read_text(encoding="utf-8-sig")).get("meting")
    except (OSError, ValueError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


class Checker:
    """Checks rounds with `prepare`, remembering the results for the files as they are."""

    def __init__(self, inputs: Path, keep: int = 16):
        self.inputs = inputs
        self.keep = keep
        self._lock = threading.Lock()
        self._results: OrderedDict[tuple, Checked] = OrderedDict()

    def check(self, meetmoment: str) -> Checked:
        folder = self.inputs / meetmoment
        key = (meetmoment, _signature(self.inputs))
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        try:
            prep = prepare(folder)
            result = Checked(meetmoment, folder, prep, (), prep.warnings, prep.round.meting)
        except InvalidInput as invalid:
            result = Checked(meetmoment, folder, None, tuple(invalid.problems), (),
                             _meting(folder), invalid.total)
        with self._lock:
            self._results[key] = result
            while len(self._results) > self.keep:
                self._results.popitem(last=False)
        return result
