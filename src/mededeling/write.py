"""Putting a build's files in place without ever leaving a half-written folder.

The files go to a temporary folder beside the target first; only when all of them are
there (and, for a final, have passed the read-back check) does that folder take the
target's place. An interrupted or refused build leaves the previous output as it was.
A final is never overwritten: a different build goes beside it as a new version.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from mededeling.errors import Busy, NotOurs, OutputOverInput


def check_apart(round_folder: Path, target: Path) -> None:
    """Refuse an output folder that is the round's folder, holds it or lies in it."""
    source, target = round_folder.resolve(), target.resolve()
    if source == target or source.is_relative_to(target) or target.is_relative_to(source):
        raise OutputOverInput(f"de documenten zouden in de map van de invoer komen ({target}); "
                              "kies een andere map voor de documenten (--out)")


def listed_files(folder: Path) -> set[str] | None:
    """The files a build's manifest.json names (itself and a final's archive package
    included); None: no build of ours."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = {str(name) for name in manifest["uitvoer"]} | {"manifest.json"}
        archive = manifest.get("archief")  # named, not hashed: it holds the manifest
        if isinstance(archive, str) and archive and "/" not in archive and archive[0] != ".":
            listed.add(archive)
        return listed
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def check_ours(target: Path) -> None:
    """A folder about to be replaced must be a build: its manifest lists every file."""
    if not target.exists():
        return
    listed = listed_files(target)
    if listed is None:
        raise NotOurs(f"{target} is geen map die mededeling maakte (manifest.json ontbreekt "
                      "of is onleesbaar); verplaats of hernoem ze, dan gaat er niets "
                      "verloren")
    foreign = sorted(p.name for p in target.iterdir() if p.name not in listed)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" en {len(foreign) - 5} andere"
                                          if len(foreign) > 5 else "")
        raise NotOurs(f"in {target} staan bestanden die mededeling niet maakte ({shown}); "
                      "verplaats ze eerst, dan gaat er niets verloren")


class Lock:
    """One build of a round into one output folder at a time (the CLI and the web page)."""

    def __init__(self, out: Path, meetmoment: str):
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / f".{meetmoment}.lock"
        self.handle = None

    def __enter__(self) -> "Lock":
        import fcntl

        self.handle = open(self.path, "a")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise Busy(f"er loopt al een opbouw van deze meetronde naar {self.path.parent}; "
                       "wacht tot die klaar is") from None
        return self

    def __exit__(self, *exc) -> None:
        assert self.handle is not None
        self.handle.close()


def stage(target: Path, files: dict[str, bytes]) -> Path:
    """Write the files into a new temporary folder beside the target."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.nieuw-", dir=target.parent))
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
            os.chmod(staging / name, 0o644)
        os.chmod(staging, 0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def commit(staging: Path, target: Path) -> Path:
    """Swap the staged folder into the target's place."""
    target = target.resolve()
    old = None
    try:
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.oud-", dir=target.parent))
            os.rmdir(old)
            os.rename(target, old)
        try:
            os.rename(staging, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def is_final(folder: Path) -> bool:
    try:
        return bool(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
                    .get("definitief"))
    except (OSError, ValueError, AttributeError):
        return False


def same_content(folder: Path, files: dict[str, bytes]) -> bool:
    present = {p.name for p in folder.iterdir() if p.is_file()}
    if present != set(files):
        return False
    return all((folder / name).read_bytes() == content for name, content in files.items())


def next_version(target: Path) -> Path:
    n = 2
    while (target.parent / f"{target.name}-v{n}").exists():
        n += 1
    return target.parent / f"{target.name}-v{n}"


def draft_beside(target: Path) -> Path:
    """Where a draft goes when `target` holds a final: the last version folder when that
    holds a draft (a draft is made again in place, as in `target` itself: the third
    draft is not 'versie 4'), else a new version folder."""
    prefix = f"{target.name}-v"
    versions = sorted(int(p.name[len(prefix):]) for p in target.parent.glob(f"{prefix}*")
                      if p.is_dir() and re.fullmatch(r"[1-9][0-9]*", p.name[len(prefix):]))
    if versions:
        last = target.parent / f"{prefix}{versions[-1]}"
        if listed_files(last) is not None and not is_final(last):  # ours, and a draft
            return last
    return next_version(target)
