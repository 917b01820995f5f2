"""What made the documents: the package's own files, the libraries and the fonts.

Finals are archived and may be rebuilt years later. Same input gives the same bytes
only on the same software, so `manifest.json` records what a build ran on (an
archivist can then tell why a rebuild differs), the cache keys on the same (a warm
build never reuses a piece laid out by another version), and a build on other versions
than the lock file's (`lock/runtime.txt`, package data) says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import platform
import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

import mededeling
from mededeling.resources import FONT_FILES, FONTS

# the libraries whose versions shape the bytes of a document
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pillow",
             "matplotlib", "numpy", "docxtpl", "python-docx", "lxml", "jinja2", "openpyxl",
             "pikepdf", "pypdf", "babel", "markdown-it-py", "pandas")
LOCK = "lock/runtime.txt"


def _package_root() -> Path:
    root = files("mededeling")
    assert isinstance(root, Path), root
    return root


def package_files() -> list[tuple[str, bytes]]:
    """Every file of the installed package (code, templates, fonts, lock), by path."""
    root = _package_root()
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and "__pycache__" not in rel.parts and path.suffix != ".pyc":
            found.append((rel.as_posix(), path.read_bytes()))
    return found


def _installed(dist: str) -> str | None:
    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def _library_version(names: tuple[str, ...], function: str) -> str:
    """The version string a system library reports of itself (the same libraries
    WeasyPrint loads), without importing WeasyPrint in this process."""
    for name in names:
        try:
            lib = ctypes.CDLL(ctypes.util.find_library(name) or name)
            getter = getattr(lib, function)
        except (OSError, AttributeError):
            continue
        getter.restype = ctypes.c_char_p
        return getter().decode("ascii")
    return "onbekend"


def _pango() -> str:
    return _library_version(("pango-1.0", "libpango-1.0.so.0", "libpango-1.0-0.dll"),
                            "pango_version_string")


def _harfbuzz() -> str:
    return _library_version(("harfbuzz", "libharfbuzz.so.0", "libharfbuzz-0.dll"),
                            "hb_version_string")


@lru_cache(maxsize=1)
def made_with() -> dict:
    """What this process makes documents with, as manifest.json records it."""
    return {
        "mededeling": mededeling.__version__,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "bibliotheken": {dist: _installed(dist) or "niet geïnstalleerd"
                         for dist in sorted(LIBRARIES)},
        "systeem": {"pango": _pango(), "harfbuzz": _harfbuzz()},
        "lettertypes": {name: hashlib.sha256((FONTS / name).read_bytes()).hexdigest()
                        for name in sorted(FONT_FILES.values())},
    }


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions() -> dict[str, str]:
    """The lock file's pins that apply on this machine (its markers evaluated)."""
    from packaging.requirements import InvalidRequirement, Requirement

    text = (_package_root() / LOCK).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    # a requirement ends before its hashes: 'name==1.0 ; marker \\' then '--hash=...' lines
    for line in text.splitlines():
        line = line.strip().rstrip("\\").strip()
        if not line or line.startswith(("#", "--")):
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if req.marker is not None and not req.marker.evaluate():
            continue
        spec = next(iter(req.specifier), None)
        if spec is not None and spec.operator == "==":
            pins[_normal(req.name)] = spec.version
    return pins


@lru_cache(maxsize=1)
def lock_differences() -> tuple[tuple[str, str, str], ...]:
    """(package, locked version, installed version) for every pin this environment
    does not match; empty when the build runs on exactly the locked versions."""
    out = []
    for name, pinned in sorted(locked_versions().items()):
        installed = _installed(name) or "niet geïnstalleerd"
        if installed != pinned:
            out.append((name, pinned, installed))
    return tuple(out)


def lock_warning(final: bool) -> str | None:
    """What a build on other versions than the lock's should tell its user, in Dutch."""
    diff = lock_differences()
    if not diff:
        return None
    shown = ", ".join(f"{name} {installed} (vergrendeld: {pinned})"
                      for name, pinned, installed in diff[:5])
    more = f" en {len(diff) - 5} andere" if len(diff) > 5 else ""
    text = (f"Deze opbouw draait op andere versies dan de vergrendelde: {shown}{more}. "
            "Installeer met scripts/setup om precies de vergrendelde versies te krijgen.")
    if final:
        text += (" De bytes van deze definitieve versie kunnen daardoor verschillen van een "
                 "eerdere definitieve versie van dezelfde invoer.")
    return text


def provenance() -> dict:
    """The 'gemaakt_met' part of manifest.json."""
    diff = lock_differences()
    return {**made_with(), "vergrendeld": not diff,
            "afwijkingen": {name: {"vergrendeld": pinned, "geïnstalleerd": installed}
                            for name, pinned, installed in diff}}
