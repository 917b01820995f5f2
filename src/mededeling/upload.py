"""A round handed in through the web page: a workbook or a ZIP, and the round's metadata.

The upload becomes a round folder exactly as the input format describes it, so the
build cannot tell it from one made by hand. Nothing the upload names is used as a
path: a ZIP's entries are matched against the file names the format knows, and the
files are written under those names. The new folder is checked in full (in a hidden
folder beside the rounds) before it takes its place; an existing round is replaced
only when asked, and then kept aside in `.vervangen/`, never deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from mededeling.input.cells import parse_date
from mededeling.pipeline import prepare
from mededeling.input.raw import MAX_FILE_BYTES, TABLES, TEXTS, WORKBOOK
from mededeling.core.problems import Problem
from mededeling.errors import FormErrors, InvalidInput, Rejected, RoundExists

MAX_UPLOAD_BYTES = MAX_FILE_BYTES + 10 * 1024 * 1024  # one workbook, or a ZIP of the CSVs
MAX_ZIP_ENTRIES = 500
MAX_UNPACKED_WORKBOOK = 200 * 1024 * 1024  # a real round's workbook is a few MB unpacked
REPLACED = ".vervangen"
# what Finder and Explorer add to a ZIP: left out without a word ('..' is not one of them)
_NOISE = re.compile(r"(^|/)(__MACOSX|\.(?!\.(/|$))[^/]*|Thumbs\.db|desktop\.ini)(/|$)",
                    re.IGNORECASE)
_KNOWN = {f"{t}.csv": f"{t}.csv" for t in TABLES} | {WORKBOOK: WORKBOOK} | {
    f"teksten/{t}.md": f"teksten/{t}.md" for t in TEXTS}
_placing = threading.Lock()


@dataclass(frozen=True)
class RoundForm:
    """The round's metadata as typed in the form: what ronde.toml holds."""

    meetmoment: dt.date
    meting: int
    naam: str
    functie: str
    taskforce_datum: dt.date | None = None

    def toml(self) -> str:
        # JSON string escapes are valid TOML basic-string escapes
        lines = ["# gemaakt met het formulier 'Meetronde toevoegen' van mededeling", "",
                 f"meetmoment = {self.meetmoment.isoformat()}", f"meting = {self.meting}"]
        if self.taskforce_datum is not None:
            lines.append(f"taskforce_datum = {self.taskforce_datum.isoformat()}")
        lines += ["", "[ondertekening]", f"naam = {json.dumps(self.naam, ensure_ascii=False)}",
                  f"functie = {json.dumps(self.functie, ensure_ascii=False)}", ""]
        return "\n".join(lines)


@dataclass(frozen=True)
class Added:
    meetmoment: str
    folder: Path
    ignored: tuple[str, ...]  # entries of a ZIP that are no part of a round
    replaced: Path | None  # where the round it replaced was kept


def _line(text: str, limit: int) -> str | None:
    text = " ".join(text.split())
    return text if 0 < len(text) <= limit and text.isprintable() else None


def parse_form(fields: Mapping[str, str]) -> RoundForm:
    """The form's fields, checked; raises FormErrors naming every wrong field."""
    errors: dict[str, str] = {}
    meetmoment = parse_date(fields.get("meetmoment", ""))
    if meetmoment is None:
        errors["meetmoment"] = "geef de datum van het meetmoment, bv. 30-04-2022"
    meting_text = fields.get("meting", "").strip()
    meting = int(meting_text) if re.fullmatch(r"[0-9]{1,2}", meting_text) else 0
    if not 1 <= meting <= 99:
        errors["meting"] = "geef het volgnummer van de meting: 1, 2, 3, ..."
    naam = _line(fields.get("naam", ""), 200)
    if naam is None:
        errors["naam"] = "geef de naam van wie ondertekent (hoogstens 200 tekens)"
    functie = _line(fields.get("functie", ""), 600)
    if functie is None:
        errors["functie"] = "geef de functie van wie ondertekent (hoogstens 600 tekens)"
    taskforce = None
    if fields.get("taskforce_datum", "").strip():
        taskforce = parse_date(fields["taskforce_datum"])
        if taskforce is None:
            errors["taskforce_datum"] = "geef een datum, bv. 28-01-2022, of laat het veld leeg"
    if errors:
        raise FormErrors(errors)
    assert meetmoment is not None and naam is not None and functie is not None
    return RoundForm(meetmoment, meting, naam, functie, taskforce)


def _refuse(label: str, message: str, expected: str | None = None) -> InvalidInput:
    return Rejected([Problem(label, message, expected=expected)])


def unpack(data: bytes, label: str) -> tuple[dict[str, bytes], tuple[str, ...], dict[str, str]]:
    """The round's files in an upload, under the names the input format gives them,
    the entries of a ZIP that were left out, and for each file where it came from in
    the upload ('ronde.zip: map/Projecten.CSV'), to name that in a problem rather than
    the folder it was going to. `label` is only shown, never opened."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(label, "het bestand is te groot",
                      expected=f"hoogstens {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # the signature of an .xls, and of an .xlsx locked with a password
        raise _refuse(label, "dit is een oud Excel-bestand (.xls) of een werkmap met een "
                             "wachtwoord",
                      expected="een Excel-werkmap (.xlsx) zonder wachtwoord: in Excel "
                               "'Opslaan als' > 'Excel-werkmap'")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(label, "dit is geen Excel-werkmap en geen ZIP-bestand",
                      expected="ronde.xlsx, of een ZIP met de CSV-bestanden en teksten/") from None
    listed = {e.filename for e in entries}
    if "[Content_Types].xml" in listed and "xl/workbook.xml" in listed:
        if sum(e.file_size for e in entries) > MAX_UNPACKED_WORKBOOK:
            raise _refuse(label, "de werkmap is uitgepakt te groot",
                          expected=f"hoogstens {MAX_UNPACKED_WORKBOOK // (1024 * 1024)} MB "
                                   "aan bladen")
        return {WORKBOOK: data}, (), {WORKBOOK: label}
    if len(entries) > MAX_ZIP_ENTRIES:
        raise _refuse(label, f"de ZIP bevat {len(entries)} bestanden",
                      expected=f"hoogstens {MAX_ZIP_ENTRIES}")
    wanted = [e for e in entries if not e.is_dir() and not _NOISE.search(e.filename)]
    parts = [tuple(p for p in e.filename.replace("\\", "/").split("/") if p not in ("", "."))
             for e in wanted]
    # a ZIP of a folder ('2022-04-30/projecten.csv') counts as a ZIP of its contents: the
    # round's files are those beside its projecten.csv (or ronde.xlsx)
    anchors = sorted((p[:-1] for p in parts
                      if p and p[-1].lower() in ("projecten.csv", WORKBOOK)), key=len)
    base = anchors[0] if anchors else ()
    names = [_KNOWN.get("/".join(p[len(base):]).lower()) if p[:len(base)] == base else None
             for p in parts]
    files: dict[str, bytes] = {}
    sources: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    room = MAX_UPLOAD_BYTES  # unpacked, all files together: a small ZIP may unpack to GBs
    for entry, name in zip(wanted, names):
        if name is None:
            ignored.append(entry.filename)
            continue
        where = f"{label}: {entry.filename}"
        if name in files:
            problems.append(Problem(where, "dit bestand staat meer dan eens in de ZIP"))
            continue
        if entry.flag_bits & 0x1:
            problems.append(Problem(where, "het bestand is versleuteld",
                                    expected="een ZIP zonder wachtwoord"))
            continue
        limit = min(MAX_FILE_BYTES, room)
        try:  # the size a ZIP states may lie: read no further than the limit
            with archive.open(entry) as stream:
                content = stream.read(limit + 1) if entry.file_size <= limit else b""
        except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError):
            problems.append(Problem(where, "het bestand in de ZIP is beschadigd"))
            continue
        if entry.file_size > limit or len(content) > limit:
            problems.append(Problem(where, "het bestand is uitgepakt te groot", expected=(
                f"hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB per bestand en "
                f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB samen")))
            break
        files[name] = content
        sources[name] = f"{label}: {entry.filename}"
        room -= len(content)
    if problems:
        raise Rejected(problems, tuple(ignored))
    return files, tuple(ignored), sources


def meant(ignored: tuple[str, ...]) -> dict[str, str]:
    """The ZIP entries left out that look like a file of a round under another name
    ('projecten (1).csv', 'Mijlpalen 2022.csv'), and the name they were meant to have:
    most often the one cause of every other problem of an upload."""
    from mededeling.input.raw import looks_like

    found = {}
    for entry in ignored:
        name = entry.replace("\\", "/").rsplit("/", 1)[-1]
        stem, _, suffix = name.rpartition(".")
        known = {"csv": [*TABLES, "ronde"], "md": list(TEXTS), "xlsx": ["ronde"]}.get(
            suffix.lower(), [])
        guess = looks_like(stem, known) if stem else None
        if guess is not None:
            found[entry] = (f"teksten/{guess}.md" if suffix.lower() == "md"
                            else WORKBOOK if guess == "ronde" else f"{guess}.csv")
    return found


def _as_uploaded(problems: list[Problem], folder: str, sources: dict[str, str],
                 label: str) -> list[Problem]:
    """The problems of the upload's folder named by the file the user sent (the workbook
    as it was called, or the entry of the ZIP); ronde.toml is the form."""
    import dataclasses

    def named(p: Problem) -> Problem:
        if not p.file.startswith(folder + "/"):
            return p  # plan.toml, or the previous round's
        name = p.file[len(folder) + 1:]
        if name == "ronde.toml":
            return dataclasses.replace(p, file="het formulier (ronde.toml)")
        return dataclasses.replace(p, file=sources.get(name, f"{label}: {name}"))

    return [named(p) for p in problems]


def _unguarded(meetmoment: str) -> contextlib.AbstractContextManager:
    return contextlib.nullcontext()


def add_round(inputs: Path, form: RoundForm, data: bytes, label: str,
              replace: bool = False,
              guard: Callable[[str], contextlib.AbstractContextManager] = _unguarded) -> Added:
    """Check the upload as a round folder of its own, then put it in place.

    Raises Rejected (every problem of the upload, located as in a round folder), or
    RoundExists; in both cases the inputs folder is left as it was. `guard(meetmoment)`
    is held while the folder is put in place: the web page refuses there when that
    round is being built (its exception goes through)."""
    files, ignored, sources = unpack(data, label)
    if "ronde.toml" in {Path(i).name.lower() for i in ignored}:
        ignored = tuple(f"{i} (de gegevens van de meetronde komen uit het formulier)"
                        if Path(i).name.lower() == "ronde.toml" else i for i in ignored)
    meetmoment = form.meetmoment.isoformat()
    inputs = inputs.resolve()
    work = Path(tempfile.mkdtemp(prefix=".upload-", dir=inputs))
    try:
        folder = work / meetmoment
        (folder / "teksten").mkdir(parents=True)
        (folder / "ronde.toml").write_text(form.toml(), encoding="utf-8")
        for name, content in files.items():
            (folder / name).write_bytes(content)
        if not any((folder / "teksten").iterdir()):
            (folder / "teksten").rmdir()
        try:
            prepare(folder, inputs=inputs)
        except InvalidInput as invalid:
            raise Rejected(_as_uploaded(invalid.problems, meetmoment, sources, label),
                           ignored, invalid.total) from None
        target = inputs / meetmoment
        with _placing, guard(meetmoment):
            if target.exists() and not replace:
                raise RoundExists(meetmoment)
            kept = None
            if target.exists():
                kept = _keep_aside(inputs, target)
            os.rename(folder, target)
        return Added(meetmoment, target, ignored, kept)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _keep_aside(inputs: Path, target: Path) -> Path:
    aside = inputs / REPLACED
    aside.mkdir(exist_ok=True)
    n = 1
    while (aside / f"{target.name}-{n}").exists():
        n += 1
    kept = aside / f"{target.name}-{n}"
    os.rename(target, kept)
    return kept
