"""The reviewers' wording in the note, every number in it checked against the figures.

An edited paragraph replaces the generated one. When the figures under it changed since
the edit (the generated text is no longer the one the reviewer saw), or the edit names a
number the figures do not give, that is a conflict: a draft keeps the edit, highlighted,
and lists the three texts for the drafter; a final is refused until it is resolved.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from mededeling.core import model as m
from mededeling.core.blocks import BulletList, Item, Paragraph, Run, Section, keyed_texts
from mededeling.note.phrases import Note

# what counts as a figure in a sentence: codes, numbers (with decimals and %), day numbers
NUMBER = re.compile(r"VV[0-9]{3,}|[0-9]+(?:[.,][0-9]+)*\s?%?")


def numbers(text: str) -> list[str]:
    return [n.replace(" ", "") for n in NUMBER.findall(text)]


@dataclass(frozen=True)
class Conflict:
    key: str
    at_edit: str  # the generated text the reviewer edited
    edited: str
    now: str  # the generated text now ('' when the paragraph is gone)
    reason: str
    number: str | None = None  # a number of the edit that the figures do not give


def check(edit: m.Edit, now: str | None) -> Conflict | None:
    if now is None and not edit.text:
        return None  # removed, and gone from the note anyway
    if now is None:
        return Conflict(edit.key, edit.generated, edit.text, "", "deze alinea bestaat niet "
                        "meer in de nota")
    if " ".join(now.split()) != " ".join(edit.generated.split()):
        return Conflict(edit.key, edit.generated, edit.text, now, "de cijfers of de tekst "
                        "onder deze alinea veranderden sinds de nalezing")
    given = numbers(now)
    extra = [n for n in numbers(edit.text) if n not in given]
    if extra:
        return Conflict(edit.key, edit.generated, edit.text, now, "de nagelezen tekst noemt "
                        "een getal dat niet uit de cijfers volgt", extra[0])
    return None


def apply(note: Note, edits: tuple[m.Edit, ...]) -> tuple[Note, tuple[Conflict, ...]]:
    """The note with the edited wording, and the edits that conflict with the figures."""
    now = keyed_texts(note.sections)
    by_key = {e.key: e for e in edits}
    conflicts = tuple(c for c in (check(e, now.get(e.key)) for e in edits) if c is not None)
    conflicted = {c.key for c in conflicts}

    def runs(key: str | None, original: tuple[Run, ...]) -> tuple[Run, ...]:
        if key is None or key not in by_key:
            return original
        return (Run(by_key[key].text, highlight=key in conflicted),)

    def removed(key: str | None) -> bool:  # a reviewer deleted the paragraph
        return key is not None and key in by_key and not by_key[key].text \
            and key not in conflicted

    def items(its: tuple[Item, ...]) -> tuple[Item, ...]:
        return tuple(dataclasses.replace(it, runs=runs(it.key, it.runs), children=items(it.children))
                     for it in its if not removed(it.key))

    def section(s: Section) -> Section:
        blocks = []
        for b in s.blocks:
            if isinstance(b, Paragraph):
                if removed(b.key):
                    continue
                b = dataclasses.replace(b, runs=runs(b.key, b.runs))
            elif isinstance(b, BulletList):
                b = dataclasses.replace(b, items=items(b.items))
                if not b.items:
                    continue
            blocks.append(b)
        return dataclasses.replace(s, blocks=tuple(blocks),
                                   subsections=tuple(section(x) for x in s.subsections))

    if not edits:
        return note, ()
    return dataclasses.replace(note, sections=tuple(section(s) for s in note.sections)), conflicts
