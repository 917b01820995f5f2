"""The note as changes against the previous round's note, word by word.

Made from the two computed notes (their block trees, paragraph by paragraph key), not by
comparing Word files: a reviewer sees at once what moved since the last note to the
Government. Unchanged paragraphs keep their own runs; a changed one becomes runs marked
'del' (the previous note's words) and 'ins' (this note's), which Word shows as tracked
changes and the web page as <del>/<ins>.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from mededeling.core.blocks import (
    Block, BulletList, Item, Paragraph, Run, Section, keyed_texts,
)
from mededeling.note.phrases import Note

TOKEN = re.compile(r"\s+|\S+")  # words with their punctuation, and the spaces between


def word_diff(before: str, after: str) -> tuple[Run, ...]:
    """Runs that read as `after`, with what `before` had instead marked deleted."""
    a, b = TOKEN.findall(before), TOKEN.findall(after)
    runs: list[Run] = []

    def add(text: str, change: str | None) -> None:
        if not text:
            return
        if runs and runs[-1].change == change:
            runs[-1] = Run(runs[-1].text + text, change=change)
        else:
            runs.append(Run(text, change=change))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            add("".join(a[i1:i2]), None)
        else:
            add("".join(a[i1:i2]), "del")
            add("".join(b[j1:j2]), "ins")
    return tuple(runs)


def _changed(runs: tuple[Run, ...], key: str | None, before: dict[str, str]) -> tuple[Run, ...]:
    text = "".join(r.text for r in runs)
    if key is None:
        return runs
    if key not in before:
        return (Run(text, change="ins"),) if text else runs
    if before[key] == text:
        return runs  # unchanged: its own formatting (bold, links) stays
    return word_diff(before[key], text)


def compare(before: Note, after: Note) -> Note:
    """`after` with every change since `before` marked; paragraphs `before` had and
    `after` has not stand as deleted where they stood."""
    old = keyed_texts(before.sections)
    new_keys = set(keyed_texts(after.sections))
    order = list(old)
    # a paragraph that is gone follows the last key before it that is still there
    gone_after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in order:
        if key in new_keys:
            anchor = key
        else:
            gone_after.setdefault(anchor, []).append(key)

    def deleted(keys: list[str]) -> list[Block]:
        return [Paragraph((Run(old[k], change="del"),), key=None) for k in keys if old[k]]

    def items(its: tuple[Item, ...]) -> tuple[tuple[Item, ...], list[str]]:
        out, trailing = [], []
        for it in its:
            children, below = items(it.children)
            out.append(dataclasses.replace(it, runs=_changed(it.runs, it.key, old),
                                           children=children))
            trailing += below + gone_after.get(it.key, [])
        return tuple(out), trailing

    def section(s: Section, first: bool) -> Section:
        blocks: list[Block] = deleted(gone_after.get(None, [])) if first else []
        for b in s.blocks:
            if isinstance(b, Paragraph):
                blocks.append(dataclasses.replace(b, runs=_changed(b.runs, b.key, old)))
                blocks += deleted(gone_after.get(b.key, []))
            elif isinstance(b, BulletList):
                its, trailing = items(b.items)
                blocks.append(dataclasses.replace(b, items=its))
                blocks += deleted(trailing)
            else:
                blocks.append(b)
        return dataclasses.replace(s, blocks=tuple(blocks), subsections=tuple(
            section(sub, False) for sub in s.subsections))

    sections = tuple(section(s, i == 0) for i, s in enumerate(after.sections))
    return dataclasses.replace(
        after, sections=sections,
        document_title=f"{after.document_title} – wijzigingen sinds de meting van "
                       f"{before.meetmoment}")
