"""The reviewers' wording in the note, every number in it checked against the figures.

An edited paragraph replaces the generated one. When the figures under it changed since
the edit (the generated text is no longer the one the reviewer saw), or the edit names a
number the figures do not give, that is a conflict: a draft keeps the edit, highlighted,
and lists the three texts for the drafter; a final is refused until it is resolved.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from mededeling.core import model as m
from mededeling.core.blocks import BulletList, Item, Paragraph, Run, Section, keyed_texts
from mededeling.note.phrases import Note

# what counts as a figure in a sentence: codes, numbers (with decimals, thousands
# separators and %), day numbers; read after every digit is made an ASCII one
SEPARATOR = "[.'’ \u00a0\u202f\u2009]"  # between groups of three: '1.524.000', '12 500'
NUMBER = re.compile(r"VV[0-9]{3,}"
                    rf"|(?<![0-9])[0-9]{{1,3}}(?:{SEPARATOR}[0-9]{{3}})+(?![0-9])"
                    r"(?:,[0-9]+)?(?:\s?%)?"
                    r"|[0-9]+(?:[.,][0-9]+)*(?:\s?%)?")
GROUP = re.compile(r"[.'’ \u00a0\u202f\u2009]")
# numbers a reviewer may write as words (the note itself writes 'drie digitaliserings-
# projecten', 'derde meting'): each read as its figure
NUMBER_WORDS = {word: str(n) for n, words in enumerate((
    (), ("één", "eén", "eerste"), ("twee", "tweede"), ("drie", "derde"), ("vier", "vierde"),
    ("vijf", "vijfde"), ("zes", "zesde"), ("zeven", "zevende"), ("acht", "achtste"),
    ("negen", "negende"), ("tien", "tiende"), ("elf", "elfde"), ("twaalf", "twaalfde"),
    ("dertien", "dertiende"), ("veertien", "veertiende"), ("vijftien", "vijftiende"),
    ("zestien", "zestiende"), ("zeventien", "zeventiende"), ("achttien", "achttiende"),
    ("negentien", "negentiende"), ("twintig", "twintigste"))) for word in words}
WORD = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b",
                  re.IGNORECASE)


def _plain(text: str) -> str:
    """The text with every digit as an ASCII digit: full-width '１５９', Arabic-Indic or
    Devanagari digits read as a reader reads them (NFKC alone leaves the latter)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.digit(c)) if c > "\x7f" and unicodedata.category(c) == "Nd"
                   else c for c in text)


def _canonical(number: str) -> str:
    """'1.524.000', '1 524 000' and '1524000' alike; a decimal comma kept ('92,9%'). A dot
    or space not followed by a group of three digits is kept as written, so '92.9' is
    not '92,9' (and so a figure the note does not give)."""
    number = re.sub(r"\s+%", "%", number)
    if number.startswith("VV"):
        return number
    whole, comma, decimals = number.partition(",")
    parts = GROUP.split(whole)
    if len(parts) > 1 and all(len(x) == 3 for x in parts[1:]) and 1 <= len(parts[0]) <= 3:
        whole = "".join(parts)
    return whole + comma + decimals


def numbers(text: str) -> list[str]:
    """Every figure a reader sees in the text, in one form: digits of any script, with or
    without thousands separators, and the number words of NUMBER_WORDS."""
    plain = WORD.sub(lambda w: NUMBER_WORDS[w.group(0).lower()], _plain(text))
    return [_canonical(n) for n in NUMBER.findall(plain)]


def unreadable(text: str, given: str = "") -> str | None:
    """The first character that stands for a number but is no digit ('½', 'Ⅻ', '²'),
    unless the computed text has it too: the check cannot say which figure a reader
    takes from it, so it is a conflict, never a pass."""
    for c in text:
        if c > "\x7f" and unicodedata.category(c) != "Nd" \
                and unicodedata.numeric(c, None) is not None and c not in given:
            return c
    return None


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
    odd = unreadable(edit.text, now)
    if odd is not None:
        return Conflict(edit.key, edit.generated, edit.text, now, "de nagelezen tekst bevat "
                        f"een getal dat niet te lezen is ({odd!r})", odd)
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
