"""A content-addressed store of rendered pieces, so a rebuild redoes only what changed.

Every piece (a chart, a laid-out chunk of a PDF, a Word document) is stored under the
hash of everything it is made from, including the code and templates that make it: a
hit is then always right, and a correction to one project's text lays out again only
the chunk that holds it. The store lives in the output folder (`.cache/`), and
entries this build did not use are removed after it, so it never grows without bound.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from mededeling.render.provenance import made_with, package_files


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of everything that shapes a piece besides its input: the installed package's
    own files (code, templates, fonts) and what the manifest records as having made the
    documents (Python, the libraries, pango and harfbuzz). An upgrade of any of them
    invalidates every piece, so a warm build never reuses a stale one."""
    digest = hashlib.sha256()
    for name, content in package_files():
        digest.update(len(name).to_bytes(8, "big") + name.encode())
        digest.update(hashlib.sha256(content).digest())
    digest.update(json.dumps(made_with(), sort_keys=True).encode())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[Path] = set()
        self.kinds: set[str] = set()
        self.hits = self.misses = 0

    def _path(self, kind: str, k: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / k[:2] / k

    def get(self, kind: str, k: str) -> bytes | None:
        if self.folder is None:
            return None
        self.kinds.add(kind)
        path = self._path(kind, k)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.used.add(path)
        self.hits += 1
        return data

    def put(self, kind: str, k: str, data: bytes) -> None:
        if self.folder is None:
            return
        self.kinds.add(kind)
        path = self._path(kind, k)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        self.used.add(path)

    def prune(self) -> None:
        """Forget what this build did not use, of the kinds it used (a Word-only build
        keeps the laid-out PDF pieces for the next full one)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for kind in self.kinds:
            for path in (self.folder / kind).rglob("*"):
                if path.is_file() and path not in self.used:
                    path.unlink(missing_ok=True)


def store_folder(out: Path, meetmoment: str) -> Path:
    """Where the builds of a round into `out` keep their pieces."""
    return out / ".cache" / meetmoment


def round_store(out: Path, round_dir: Path) -> Cache | None:
    """The store of a round's builds into `out` (the one publish uses), for what is
    computed before rendering (pipeline.prepare keeps the previous round's note there);
    None when `out` lies in the inputs folder: nothing is written among the inputs,
    not even before the build refuses that output folder."""
    folder = store_folder(out.resolve(), round_dir.name)
    if folder.is_relative_to(round_dir.resolve().parent):
        return None
    return Cache(folder)
