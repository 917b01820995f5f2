"""Building a prepared round into its output folder: the step the CLI and the web page share.

Render every file in memory, refuse to change a final, read a final's texts back, and
only then swap the files into place. One build of a round into one output folder at a
time (a file lock), so the command line and the web page cannot write over each other.
The outcome is returned, not printed: each front end says it in its own words.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mededeling import write
from mededeling.core.problems import Problem
from mededeling.errors import InvalidInput
from mededeling.write import Lock
from mededeling.note.prepared import Prepared
from mededeling.render import archive
from mededeling.render.cache import Cache, store_folder
from mededeling.render import documents
from mededeling.render.documents import FORMATS, Mode, input_files, produce
from mededeling.render.progress import WEIGHTS, Step, no_step, read_weight

__all__ = ["Outcome", "Result", "publish", "units_of_work", "verify"]


class Result(enum.Enum):
    WRITTEN = "geschreven"
    UNCHANGED = "ongewijzigd"  # the final in place is already exactly this build
    FINAL_EXISTS = "definitief bestaat"  # refused: a different final is in place
    CHECK_FAILED = "controle gefaald"  # refused: a final's texts did not read back


@dataclass(frozen=True)
class Outcome:
    result: Result
    target: Path  # where the files are (or would have gone)
    files: tuple[str, ...]
    failures: tuple[str, ...] = ()


def units_of_work(prep: Prepared, formats: tuple[str, ...], final: bool = False) -> int:
    """The progress units of `publish` (a build that writes and, for a final, reads back),
    weighted as render/progress.WEIGHTS says; the steps add up to exactly this."""
    if final:
        formats = FORMATS
    n = documents.units_of_work(prep, formats) + WEIGHTS["write"]
    if final:  # every document read back as PDF and as Word
        n += WEIGHTS["archive"] + sum(read_units(prep).values()) + WEIGHTS["archive_check"]
    return n


def read_units(prep: Prepared) -> dict[str, int]:
    """What reading each document of a final back weighs in the progress, by file name."""
    report = prep.annexes[0]
    projects = len(report.sections)
    return {f"{name}.{ext}": read_weight(ext, projects, name == report.name)
            for name in ("mededeling", *(doc.name for doc in prep.annexes))
            for ext in ("pdf", "docx")}


def read_early(files: dict[str, bytes], units: dict[str, int], pool: object | None
               ) -> dict[str, Callable[[], str]]:
    """The heaviest PDF's text (the global report's), read now by an idle layout worker
    while this process packs the archive, writes the files and reads the rest: the
    report's read-back took 0,9 s of a final's tail. `verify` takes the text from here
    when the file it wrote has these bytes. Without a pool, nothing (verify reads it)."""
    call = getattr(pool, "call", None)
    if call is None:
        return {}
    from mededeling.render.readback import pdf_text_of

    pdfs = [n for n in files if n.endswith(".pdf") and n in units]
    if not pdfs:
        return {}
    heavy = max(sorted(pdfs), key=lambda n: units[n])
    try:
        future = call(pdf_text_of, files[heavy])
    except Exception:  # noqa: BLE001 - a stopped or broken pool: verify reads it itself
        return {}
    return {heavy: future.result}


def _early_text(read: Callable[[], str], path: Path, data: bytes) -> str:
    """The text read early, if the file written is the bytes it was read from; else, or
    if the worker stopped or its work was cancelled, read from the file here."""
    import subprocess

    from mededeling.render.readback import pdf_text

    if path.read_bytes() == data:
        try:
            return read()
        except subprocess.CalledProcessError:
            raise  # pdftotext could not read it: that is the answer
        except Exception:  # noqa: BLE001 - a stopped worker: read it here instead
            pass
    return pdf_text(path)


def verify(folder: Path, files: dict[str, bytes], step: Step = no_step,
           units: dict[str, int] | None = None,
           early: dict[str, Callable[[], str]] | None = None) -> list[str]:
    """Read every built PDF and DOCX back and look for each sentence of kerncijfers.json;
    a final's archive package is unpacked and checked by bagit, as an archive would.
    `step` is told of each document (`units`: its weight, by name, see read_units);
    `early`: texts already being read (read_early), by name."""
    from mededeling.render.readback import missing, missing_in, pdf_text_later

    checks = json.loads(files["kerncijfers.json"])["controle"]
    units = units or {}
    names = [f"{stem}.{ext}" for stem in checks for ext in ("pdf", "docx")]

    def failed(name: str, absent: list[str]) -> list[str]:
        return [f"{name}: de zin ‘{phrase}’ staat er niet (zo) in" for phrase in absent]

    # the heaviest PDF (the global report's) is read while this process reads the rest:
    # by a layout worker (`early`), else by pdftotext as a process of its own. Not in a
    # thread of this process: a thread's memory comes from an arena of its own, and the
    # report's copy without colour profile raised a final's peak by a quarter
    early = {n: text for n, text in (early or {}).items() if n in names and n in files}
    pdfs = [n for n in names if n.endswith(".pdf") and n in files]
    heavy = next(iter(early), None) or max(pdfs, key=lambda n: units.get(n, 0), default=None)
    if heavy in early:
        later = functools.partial(_early_text, early[heavy], folder / heavy, files[heavy])
    else:
        later = pdf_text_later(folder / heavy) if heavy is not None else None
    by_name: dict[str, list[str]] = {}
    try:
        for i, name in enumerate([n for n in names if n != heavy] + [heavy] * bool(heavy),
                                 start=1):
            step(f"Teksten nalezen ({i} van {len(names)} documenten)", 0)
            stem = name.rsplit(".", 1)[0]
            if name not in files:
                by_name[name] = [f"{name}: het document ontbreekt"]
            elif name == heavy:
                assert later is not None
                by_name[name] = failed(name, missing_in(later(), checks[stem]))
            else:
                by_name[name] = failed(name, missing(folder / name, checks[stem]))
            step("", units.get(name, 0))
    finally:
        # another read failed: wait for pdftotext all the same, and remove its copy
        if later is not None and heavy not in by_name:
            with contextlib.suppress(Exception):
                later()
    failures = [line for name in names for line in by_name[name]]  # in document order
    manifest = json.loads(files["manifest.json"]) if "manifest.json" in files else {}
    if manifest.get("archief"):
        name = manifest["archief"]
        step("Archiefpakket controleren", 0)
        if name not in files:
            failures.append(f"{name}: het archiefpakket ontbreekt")
        else:
            failures += archive.check((folder / name).read_bytes(), name,
                                      manifest.get("invoer", {}))
        step("", WEIGHTS["archive_check"])
    return failures


def with_archive(prep: Prepared, files: dict[str, bytes], version: int) -> dict[str, bytes]:
    """A final's files with its archive package (the name its manifest gives), for the
    final's version number (1 for out/<meetmoment>, N for -vN)."""
    name = json.loads(files["manifest.json"])["archief"]
    documents = {k: v for k, v in files.items() if k != name}
    package = archive.package(documents, input_files(prep),
                              meetmoment=prep.round.meetmoment, meting=prep.round.meting,
                              plan=prep.plan.naam, version=version)
    return dict(sorted({**documents, name: package}.items()))


def _version(target: Path, meetmoment: str) -> int:
    """1 for out/<meetmoment>, N for out/<meetmoment>-vN."""
    return 1 if target.name == meetmoment else int(target.name.rsplit("-v", 1)[1])


def conflict_problem(prep: Prepared, conflict) -> Problem:
    """A reviewer's paragraph the figures no longer give, as the reason a final is refused."""
    fix = ("neem de berekende tekst over (haal het blok uit redactie.toml) of pas de alinea "
           "aan" + (f"; berekend nu: ‘{conflict.now}’" if conflict.now else ""))
    return Problem(f"{prep.round.folder.name}/redactie.toml",
                   f"alinea {conflict.key}: {conflict.reason}", column="tekst",
                   value=conflict.number, expected=fix)


def publish(prep: Prepared, out: Path, formats: tuple[str, ...], mode: Mode,
            pool: object | None = None, step: Step = no_step,
            new_version: bool = False) -> Outcome:
    """Build the round into out/<meetmoment> (or -vN beside a final, with new_version).

    Raises errors.Refused (Busy, OutputOverInput, NotOurs) before writing anything."""
    meetmoment = prep.round.meetmoment.isoformat()
    if mode.final:
        formats = ("docx", "pdf")
        if prep.conflicts:  # a final only with the reviewers' wording the figures give
            raise InvalidInput([conflict_problem(prep, c) for c in prep.conflicts])
    write.check_apart(prep.round.folder, out / meetmoment)
    with Lock(out, meetmoment):
        store = Cache(store_folder(out, meetmoment))
        files = produce(prep, formats, store, pool, step, mode)
        target = out / meetmoment
        in_place = target.exists() and write.is_final(target)
        # a worker reads the report back while this process packs and writes; not when a
        # final is in place: the build may be found unchanged or refused below
        early = read_early(files, read_units(prep), pool) if mode.final and not in_place else {}
        if mode.final:
            step("Archiefpakket maken", 0)
            files = with_archive(prep, files, 1)
            step("", WEIGHTS["archive"])
        if in_place:
            if write.same_content(target, files):
                return Outcome(Result.UNCHANGED, target.resolve(), tuple(files))
            if not new_version:
                return Outcome(Result.FINAL_EXISTS, target.resolve(), tuple(files))
            target = write.next_version(target) if mode.final else write.draft_beside(target)
            if mode.final:  # its bag-info names the version (counted once, above)
                step("Archiefpakket maken", 0)
                files = with_archive(prep, files, _version(target, meetmoment))
        write.check_ours(target)
        if mode.final and not early:  # a new version beside the final in place
            early = read_early(files, read_units(prep), pool)
        step("Bestanden wegschrijven", 0)
        staging = write.stage(target, files)
        step("", WEIGHTS["write"])
        try:
            failures = (verify(staging, files, step, read_units(prep), early)
                        if mode.final else [])
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if failures:
            shutil.rmtree(staging, ignore_errors=True)
            return Outcome(Result.CHECK_FAILED, target.resolve(), tuple(files), tuple(failures))
        target = write.commit(staging, target)
        store.prune()
        return Outcome(Result.WRITTEN, target, tuple(files))
