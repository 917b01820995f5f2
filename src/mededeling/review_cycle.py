"""Taking reviewers' Word copies back into a round: `mededeling nalezing`.

Each reviewed copy of a draft is read (input.reviewed), its paragraphs found again by the
bookmark the build put around each one (or, where an edit lost it, by section and text),
and what changed is written into the round folder's redactie.toml, which the next builds
use. The copies are kept under the round's nalezing/ folder so a final can carry them,
and no redactie.toml is overwritten without keeping the previous one there.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mededeling.core import model as m
from mededeling.core.blocks import Section, keyed_texts
from mededeling.core.problems import Problem
from mededeling.errors import InvalidInput
from mededeling.input import redactie, reviewed
from mededeling.note.prepared import Prepared
from mededeling.pipeline import prepare
from mededeling.render.docx import bookmark_name

MATCH = 0.6  # how alike a paragraph without its bookmark must be to the one it was


@dataclass(frozen=True)
class Taken:
    edits: tuple[m.Edit, ...]  # the paragraphs taken over from these copies
    remarks: tuple[m.Remark, ...]  # the comments found in them
    unplaced: tuple[str, ...]  # changed text that belongs to no paragraph of the note
    changes: tuple[tuple[str, reviewed.Change], ...]  # (key, tracked change), for the report
    kept: tuple[str, ...]  # where the copies were kept, in the round folder
    redactie: Path


def _norm(text: str) -> str:
    return " ".join(text.split())


def _fixed_texts(prep: Prepared) -> set[str]:
    """Texts of the note that are no paragraph of their own (headings, header, annex list,
    signature): a copy's unchanged lines among them need no place."""
    note = prep.note
    out = {note.functie_hoofding, note.titel, f"Betreft: {note.betreft}",
           f"Samenvatting: {note.samenvatting}", note.ondertekening.naam,
           note.ondertekening.functie, "ONTWERP", "", *note.bijlagen}

    def walk(sections: tuple[Section, ...]) -> None:
        for s in sections:
            out.add(s.heading)
            walk(s.subsections)

    walk(note.sections)
    return {_norm(t) for t in out}


def _section_of(key: str) -> str:
    return key.split("/")[0]


def take(round_dir: Path, copies: list[Path]) -> Taken:
    """Read the reviewed copies into the round's redactie.toml. Raises Refused for a file
    that is no draft of this round's note, InvalidInput when the round has errors."""
    prep = prepare(round_dir)
    meetmoment = prep.round.meetmoment.isoformat()
    shown = prep.note.meetmoment
    by_name = {bookmark_name(k): k for k in prep.generated}
    current = {k: _norm(v) for k, v in keyed_texts(prep.note.sections).items()}
    fixed = _fixed_texts(prep)
    read_copies = []
    for path in copies:
        try:
            copy = reviewed.read(path)
        except reviewed.NotADraft as exc:
            raise _refuse(path, str(exc), shown) from None
        marks = sum(1 for p in copy.paragraphs if p.bookmark in by_name)
        if copy.subject.startswith("mededeling ") and copy.subject != f"mededeling {meetmoment}":
            raise _refuse(path, f"dit is een ontwerp van de mededeling van "
                          f"{copy.subject.split()[-1]}, niet van {meetmoment}", shown)
        if marks == 0:  # an annex, another document, or a copy that lost every bookmark
            raise _refuse(path, "dit is geen ontwerp van de mededeling (het bestand heeft geen "
                          "alinea's van de mededeling: een bijlage, of een ander document?)",
                          shown)
        if not copy.draft:
            raise _refuse(path, "dit exemplaar draagt de tekst van zijn ontwerp niet (gemaakt "
                          "met een oudere versie van mededeling?): maak een nieuw ontwerp en "
                          "laat dat nalezen", shown)
        read_copies.append((path, copy))

    folder = round_dir / redactie.FOLDER
    folder.mkdir(exist_ok=True)
    existing_edits = {e.key: e for e in prep.round.edits}
    remarks = list(prep.round.remarks)
    unplaced: list[str] = []
    report: list[tuple[str, reviewed.Change]] = []
    kept = []
    for path, copy in read_copies:
        target = _keep(folder, path)
        source = target.relative_to(round_dir).as_posix()
        kept.append(source)
        # what the reviewer read: the draft's own texts (figures may have moved since)
        draft = copy.draft
        texts: dict[str, list[str]] = {}
        authors: dict[str, set[str]] = {}
        dates: dict[str, list[str]] = {}
        for paragraph, key in _place(copy, by_name, prep.generated):
            text = _norm(paragraph.text)
            for change in paragraph.changes:
                report.append((key or "", change))
            for cid in paragraph.comments:
                c = copy.comments.get(cid)
                if c is not None:
                    remark = m.Remark(key or "", c.author, c.date, c.text, False, source)
                    if not any((r.key, r.author, r.date, r.text) == (remark.key, remark.author,
                               remark.date, remark.text) for r in remarks):
                        remarks.append(remark)
            for joined in paragraph.also:  # paragraphs joined into this one: now empty
                if joined in by_name:
                    texts.setdefault(by_name[joined], [])
            if key is None:
                if text and text not in fixed and (paragraph.changes or paragraph.comments
                                                   or text not in current.values()):
                    unplaced.append(text)
                    # kept as an open remark, so controle.html shows it until dealt with
                    who = ", ".join(sorted({c.author for c in paragraph.changes})) or "onbekend"
                    remarks.append(m.Remark("", who, "", f"Niet geplaatste tekst: {text}",
                                            False, source))
                continue
            texts.setdefault(key, []).append(text)  # a paragraph split in two: both halves
            authors.setdefault(key, set()).update(c.author for c in paragraph.changes)
            dates.setdefault(key, []).extend(c.date for c in paragraph.changes)
        for key in prep.generated:
            if key in texts or key not in draft:
                continue
            texts[key] = []  # in the draft, gone from the copy: the reviewer deleted it
        for key, parts in texts.items():
            text = " ".join(t for t in parts if t)
            was, generated_then = draft.get(key, (current.get(key, ""), prep.generated[key]))
            if text == _norm(was):
                continue  # as the reviewer read it: nothing new for this paragraph
            who = sorted(authors.get(key, ())) or ["onbekend (zonder bijgehouden wijzigingen)"]
            existing_edits[key] = m.Edit(key, generated_then, text, ", ".join(who),
                                         max(dates.get(key, ()), default=""), source)
    edits = tuple(sorted(existing_edits.values(), key=lambda e: _order(e.key, prep)))
    target = _write(round_dir, meetmoment, edits, tuple(remarks))
    return Taken(edits=tuple(e for e in edits if e.source in kept), remarks=tuple(
        r for r in remarks if r.source in kept), unplaced=tuple(unplaced),
        changes=tuple(report), kept=tuple(kept), redactie=target)


def _next_number(folder: Path) -> int:
    """One more than any numbered file there, whatever its case or kind (never reused)."""
    numbers = [int(p.name.split("-", 1)[0]) for p in folder.iterdir()
               if p.name.split("-", 1)[0].isdigit()]
    versions = [int(p.stem.rsplit("-", 1)[1]) for p in folder.glob("redactie-*.toml")
                if p.stem.rsplit("-", 1)[1].isdigit()]
    return 1 + max(numbers + versions, default=0)


def _keep(folder: Path, path: Path) -> Path:
    """The copy under nalezing/, under a number of its own; never over another file."""
    while True:
        target = folder / f"{_next_number(folder)}-{path.name}"
        try:
            with open(target, "xb") as fh:
                fh.write(path.read_bytes())
            return target
        except FileExistsError:
            continue


def _refuse(path: Path, why: str, shown: str) -> InvalidInput:
    return InvalidInput([Problem(path.name, why, expected=f"een nagelezen exemplaar van "
                                 f"mededeling.docx van het ontwerp van {shown}")])


def _order(key: str, prep: Prepared) -> int:
    keys = list(prep.generated)
    return keys.index(key) if key in keys else len(keys)


def _place(copy: reviewed.ReviewedCopy, by_name: dict[str, str],
           generated: dict[str, str]) -> list[tuple[reviewed.ReviewedParagraph, str | None]]:
    """Each paragraph with its key: by its bookmark; else the most alike paragraph of its
    section that no other paragraph of the copy took."""
    taken = {by_name[p.bookmark] for p in copy.paragraphs if p.bookmark in by_name}
    out = []
    for p in copy.paragraphs:
        if p.bookmark in by_name:
            out.append((p, by_name[p.bookmark]))
            continue
        text = _norm(p.text)
        best, score = None, MATCH
        for key, original in generated.items():
            if key in taken or (p.section and _section_of(key) != p.section):
                continue
            ratio = difflib.SequenceMatcher(None, _norm(original), text).ratio()
            if ratio > score:
                best, score = key, ratio
        if best is not None and text:
            taken.add(best)
        out.append((p, best if text else None))
    return out


def _write(round_dir: Path, meetmoment: str, edits: tuple[m.Edit, ...],
           remarks: tuple[m.Remark, ...]) -> Path:
    """redactie.toml anew; the previous version kept in nalezing/, never lost."""
    target = round_dir / redactie.FILE
    folder = round_dir / redactie.FOLDER
    if target.exists():
        while True:
            try:
                with open(folder / f"redactie-{_next_number(folder)}.toml", "xb") as fh:
                    fh.write(target.read_bytes())
                break
            except FileExistsError:
                continue
    fd, tmp = tempfile.mkstemp(dir=round_dir, prefix=".redactie-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(redactie.dumps(meetmoment, edits, remarks))
    os.replace(tmp, target)
    return target
