"""The note as changes against the previous round's note, marked as a reader follows them.

Made from the two computed notes (their block trees), not by comparing Word files: a
reviewer sees at once what moved since the last note to the Government. Unchanged
paragraphs keep their own runs; a changed one becomes runs marked 'del' (the previous
note's words) and 'ins' (this note's), which Word shows as tracked changes and the web
page as <del>/<ins>.

Word's own Compare is the bar: a reader must be able to read the old sentence and the
new one. So a change is never cut inside a word; a project's code and ‘title’ change as
one whole; sentences are lined up first, and one with no counterpart half alike is
deleted or inserted whole; within two alike sentences the words in common are those
with the most letters (a title that stayed outweighs an 'en'), and changes with no more
than two short words between them become one deletion and one insertion. Paragraphs,
list items and sections are lined up by their key where phrasing named them
('3.1/oranje'), else by their words, so one item added in the middle of a list is one
insertion, not every later item changed, and what is gone stands, deleted, where it
stood. Every part of the note is compared: the header (Betreft, Samenvatting, ...), the
section headings, the text, the annex list and the signature.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Callable, Sequence, TypeVar

from mededeling.core.blocks import Block, BulletList, Item, Paragraph, Run, Section
from mededeling.note.phrases import Note

# one unit of change: a project's code with its ‘title’ (or any ‘quoted name’; the comma
# after it apart, so the same title in a longer or shorter list stays unchanged), a word
# with its punctuation, or the spaces between
TOKEN = re.compile(r"(?:\b[A-Z]{2}\d{3}\s)?‘[^\n]{0,300}?’(?!\w)|\s+|\S+")
SHORT = 4  # letters or digits of a word short enough to go into the change around it
ISLAND = 2  # at most this many such words between two changes: one change
KEPT = 0.5  # where less of the shorter text is unchanged, the text is replaced as a whole
PAIRED = 0.5  # two paragraphs with at least this share of words in common are one, changed
# a key with_keys gave by place ('5.1/3', '6.1/2.4'): it says nothing of the text's role
PLACE_KEY = re.compile(r"[\d.]*/\d+(?:\.\d+)*(?:-\d+)?")


# --- within a text -----------------------------------------------------------------------

@dataclasses.dataclass
class _Seg:
    same: bool
    old: str
    new: str


def _short(text: str) -> bool:
    """No more than ISLAND short words (or only spaces and punctuation)."""
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    return len(words) <= ISLAND and all(sum(c.isalnum() for c in w) <= SHORT for w in words)


def _solid(text: str) -> int:
    return sum(not c.isspace() for c in text)


# where a sentence ends: after . ! or ?, before what does not begin in lower case; not
# after an abbreviation ('t.e.m.', 'm.b.t.', 'nl.')
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])")
ABBREVIATION = re.compile(r"(?:\b\w\.){2,}$|\b(?:nl|bv|vb|resp|enz|vnl|nr)\.$", re.I)


def sentences(text: str) -> list[str]:
    """The sentences of a text, each with the spaces after it: together the text."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if not ABBREVIATION.search(text[start:m.start()]):
            out.append(text[start:m.end()])
            start = m.end()
    if start < len(text) or not out:
        out.append(text[start:])
    return out


def _sentence_score(o: str, n: str) -> float | None:
    s = similarity(o, n)
    return s if s >= PAIRED else None


def segments(before: str, after: str) -> list[_Seg]:
    """`before` and `after` as unchanged stretches and changes (old, new), in order.

    Sentence by sentence: one that has no counterpart half alike is deleted or inserted
    whole (a first round's sentence and a comparison's have little in common but some
    words, which would cut both into pieces); the words of two alike ones are compared."""
    raw: list[_Seg] = []
    for o, n in align(sentences(before), sentences(after), lambda t: t, _sentence_score):
        if o is None or n is None:
            raw.append(_Seg(False, o or "", n or ""))
            continue
        ob, nb = o.rstrip(), n.rstrip()
        raw += _merged(_words_changed(ob, nb), _short)
        raw.append(_Seg(o[len(ob):] == n[len(nb):], o[len(ob):], n[len(nb):]))
    # across sentences only the spaces between two changes go into them: a word that
    # opens a sentence stays with it
    return _trim(_merged(raw, lambda text: not text.strip()))


def _merged(segs: list[_Seg], small: Callable[[str], bool]) -> list[_Seg]:
    """Neighbouring changes as one, and a `small` unchanged stretch between two changes
    into them."""
    segs = [s for s in segs if s.old or s.new]
    out: list[_Seg] = []
    for i, s in enumerate(segs):
        between = 0 < i < len(segs) - 1 and not segs[i + 1].same and out and not out[-1].same
        if s.same and between and small(s.old):
            out[-1].old += s.old
            out[-1].new += s.new
        elif out and out[-1].same == s.same:
            out[-1].old += s.old
            out[-1].new += s.new
        else:
            out.append(_Seg(s.same, s.old, s.new))
    return out


def _common_words(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """The words two sentences have in common, in order, the most letters of them: a
    project's ‘title’ outweighs the 'en' of a list (difflib takes the longest run of
    tokens, so ' en ' won over the title that stayed)."""
    if len(a) * len(b) > 40_000:  # a very long sentence: difflib's blocks do
        m = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return [(blk.a + k, blk.b + k) for blk in m.get_matching_blocks() for k in range(blk.size)]
    n, m = len(a), len(b)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            take = below[j + 1] + len(a[i]) if a[i] == b[j] else 0
            row[j] = max(take, below[j], row[j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j] and best[i][j] == best[i + 1][j + 1] + len(a[i]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _words_changed(before: str, after: str) -> list[_Seg]:
    """Two alike sentences word by word; as a whole where less than half of the shorter
    is left unchanged."""
    spans_a = [m.span() for m in TOKEN.finditer(before) if not m.group().isspace()]
    spans_b = [m.span() for m in TOKEN.finditer(after) if not m.group().isspace()]
    a = [before[x:y] for x, y in spans_a]
    b = [after[x:y] for x, y in spans_b]
    out: list[_Seg] = []
    pa = pb = 0
    for i, j in _common_words(a, b) + [(len(a), len(b))]:
        ea = spans_a[i][0] if i < len(a) else len(before)
        eb = spans_b[j][0] if j < len(b) else len(after)
        gap_a, gap_b = before[pa:ea], after[pb:eb]
        if gap_a or gap_b:
            out.append(_Seg(gap_a == gap_b, gap_a, gap_b))
        if i < len(a):
            out.append(_Seg(True, a[i], b[j]))
            pa, pb = spans_a[i][1], spans_b[j][1]
    if _solid("".join(s.new for s in out if s.same)) < KEPT * min(_solid(before), _solid(after)):
        return [_Seg(False, before, after)]
    return out


def _trim(segs: list[_Seg]) -> list[_Seg]:
    """Words and spaces both sides of a change begin or end with stand outside it."""
    out: list[_Seg] = []

    def keep(text: str) -> None:
        if not text:
            return
        if out and out[-1].same:
            out[-1].old += text
            out[-1].new += text
        else:
            out.append(_Seg(True, text, text))

    for s in segs:
        if s.same:
            keep(s.old)
            continue
        a, b = TOKEN.findall(s.old), TOKEN.findall(s.new)
        lead = 0
        while lead < min(len(a), len(b)) and a[lead] == b[lead]:
            lead += 1
        tail = 0
        while tail < min(len(a), len(b)) - lead and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        keep("".join(a[:lead]))
        out.append(_Seg(False, "".join(a[lead:len(a) - tail]), "".join(b[lead:len(b) - tail])))
        keep("".join(a[len(a) - tail:]))
    return [s for s in out if s.same or s.old or s.new]


def _cut(runs: Sequence[Run], start: int, end: int, change: str | None) -> list[Run]:
    """The characters start:end of some runs, each piece in its own run's form."""
    out, pos = [], 0
    for r in runs:
        lo, hi = max(pos, start), min(pos + len(r.text), end)
        if lo < hi:
            out.append(dataclasses.replace(r, text=r.text[lo - pos:hi - pos],
                                           change=change or r.change))
        pos += len(r.text)
    return out


def _joined(runs: list[Run]) -> tuple[Run, ...]:
    out: list[Run] = []
    for r in runs:
        if out and dataclasses.replace(out[-1], text="") == dataclasses.replace(r, text=""):
            out[-1] = dataclasses.replace(r, text=out[-1].text + r.text)
        elif r.text:
            out.append(r)
    return tuple(out)


def marked(before: Sequence[Run], after: Sequence[Run]) -> tuple[Run, ...]:
    """Runs that read as `after`, with what `before` had instead marked deleted before
    what came in its place; each piece keeps its own bold, italics and link."""
    old, new = "".join(r.text for r in before), "".join(r.text for r in after)
    if old == new:
        return tuple(after)
    out: list[Run] = []
    pa = pb = 0
    for s in segments(old, new):
        if s.same:
            out += _cut(after, pb, pb + len(s.new), None)
        else:
            out += _cut(before, pa, pa + len(s.old), "del")
            out += _cut(after, pb, pb + len(s.new), "ins")
        pa, pb = pa + len(s.old), pb + len(s.new)
    return _joined(out)


def word_diff(before: str, after: str) -> tuple[Run, ...]:
    """Runs that read as `after`, with what `before` had instead marked deleted."""
    return marked((Run(before),), (Run(after),))


def _all(runs: Sequence[Run], change: str) -> tuple[Run, ...]:
    return tuple(dataclasses.replace(r, change=change) for r in runs if r.text)


# --- lining up paragraphs, items, sections --------------------------------------------

T = TypeVar("T")
U = TypeVar("U")


def _words(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text) if not t.isspace()]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def align(olds: Sequence[T], news: Sequence[U], sig: Callable[[object], object],
          score: Callable[[T, U], float | None]) -> list[tuple[T | None, U | None]]:
    """Old and new in one order: pairs (old, new) that are the same thing (the same
    signature, or the most alike by `score` where it is not None), (old, None) for what
    is gone and (None, new) for what is new, a gone one before a new one in its place."""
    out: list[tuple[T | None, U | None]] = []
    matcher = difflib.SequenceMatcher(None, [sig(o) for o in olds], [sig(n) for n in news],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += list(zip(olds[i1:i2], news[j1:j2]))
        else:
            out += _best(list(olds[i1:i2]), list(news[j1:j2]), score)
    return out


def _best(olds: list[T], news: list[U], score: Callable[[T, U], float | None]
          ) -> list[tuple[T | None, U | None]]:
    """The pairing of two short runs that keeps their order and is the most alike."""
    m, n = len(olds), len(news)
    scores = [[score(o, w) for w in news] for o in olds]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            s = scores[i][j]
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + s if s is not None else 0.0)
    out: list[tuple[T | None, U | None]] = []
    gone: list[T] = []
    new: list[U] = []
    i = j = 0

    def flush() -> None:
        out.extend((o, None) for o in gone)
        out.extend((None, w) for w in new)
        gone.clear(), new.clear()

    while i < m and j < n:
        s = scores[i][j]
        if s is not None and best[i][j] == best[i + 1][j + 1] + s:
            flush()
            out.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            gone.append(olds[i])
            i += 1
        else:
            new.append(news[j])
            j += 1
    gone += olds[i:]
    new += news[j:]
    flush()
    return out


@dataclasses.dataclass(frozen=True)
class _Unit:
    """A paragraph or list item of a section, in reading order."""

    runs: tuple[Run, ...]
    key: str | None
    item: bool
    depth: int = 0  # of an item: 0 for the list's own, 1 below one, ...
    where: tuple = ()  # in the new section: (block index, path of the item)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _units(blocks: tuple[Block, ...]) -> list[_Unit]:
    out: list[_Unit] = []

    def items(its: tuple[Item, ...], at: int, path: tuple[int, ...]) -> None:
        for k, it in enumerate(its):
            out.append(_Unit(it.runs, it.key, True, len(path), (at, path + (k,))))
            items(it.children, at, path + (k,))

    for at, b in enumerate(blocks):
        if isinstance(b, Paragraph):
            out.append(_Unit(b.runs, b.key, False, 0, (at, ())))
        elif isinstance(b, BulletList):
            items(b.items, at, ())
    return out


def _role(key: str | None) -> str | None:
    """A key phrasing gave (a paragraph's role), not one of its place."""
    return key if key and not PLACE_KEY.fullmatch(key) else None


def _unit_sig(u: _Unit) -> object:
    return ("rol", _role(u.key)) if _role(u.key) else ("tekst", u.item, u.text)


def _unit_score(o: _Unit, n: _Unit) -> float | None:
    if _role(o.key) and o.key == n.key:
        return 2.0  # the same role: changed, however much
    if o.item != n.item or _role(o.key) and _role(n.key):
        return None
    s = similarity(o.text, n.text)
    return s if s >= PAIRED else None


def _title_score(o: Section, n: Section) -> float | None:
    s = similarity(o.title, n.title)
    return s if s >= PAIRED else None


# --- the note's sections ----------------------------------------------------------------

def _tree(units: list[_Unit], change: str) -> tuple[Item, ...]:
    """Items of another note (each with its depth) as a small tree, all marked `change`;
    the shallowest of them at the top."""
    base = min((u.depth for u in units), default=0)
    top: list[tuple[Item, list]] = []
    path: list[tuple[int, list]] = []  # (depth, children) of the items above this one
    for u in units:
        kids: list = []
        while path and path[-1][0] >= u.depth - base:
            path.pop()
        (path[-1][1] if path else top).append((Item(_all(u.runs, change)), kids))
        path.append((u.depth - base, kids))

    def freeze(entries: list[tuple[Item, list]]) -> tuple[Item, ...]:
        return tuple(dataclasses.replace(it, children=freeze(kids)) for it, kids in entries)

    return freeze(top)


def _runs_of(units: list[_Unit]) -> list[list[_Unit]]:
    """Consecutive items together, each paragraph alone."""
    out: list[list[_Unit]] = []
    for u in units:
        if u.item and out and out[-1][-1].item:
            out[-1].append(u)
        else:
            out.append([u])
    return out


def _mark_all(section: Section, change: str) -> Section:
    """A section another note has and this one not, or the other way round: every word
    of it marked (a gone one without its charts and tables: they are this round's)."""
    blocks: list[Block] = []
    for b in section.blocks:
        if isinstance(b, Paragraph):
            if b.runs:
                blocks.append(dataclasses.replace(b, runs=_all(b.runs, change), key=None
                                                  if change == "del" else b.key))
        elif isinstance(b, BulletList):
            if change == "del":
                blocks.append(dataclasses.replace(b, items=_tree(_units((b,)), "del")))
            else:
                blocks.append(dataclasses.replace(b, items=_marked_items(b.items, "ins")))
        elif change == "ins":
            blocks.append(b)
    return dataclasses.replace(
        section, blocks=tuple(blocks), heading_runs=(Run(section.heading, change=change),),
        subsections=tuple(_mark_all(s, change) for s in section.subsections),
        **({"anchor": None, "new_page": False} if change == "del" else {}))


def _marked_items(its: tuple[Item, ...], change: str) -> tuple[Item, ...]:
    return tuple(dataclasses.replace(it, runs=_all(it.runs, change),
                                     children=_marked_items(it.children, change)) for it in its)


def _blocks(old: Section, new: Section) -> tuple[Block, ...]:
    """The new section's blocks with every change marked, and what the old one had and
    this one not standing, deleted, where it stood."""
    olds, news = _units(old.blocks), _units(new.blocks)
    runs: dict[tuple, tuple[Run, ...]] = {}
    after: dict[tuple | None, list[_Unit]] = {}  # gone ones after a new unit (None: first)
    last: tuple | None = None
    for o, n in align(olds, news, _unit_sig, _unit_score):
        if n is None:
            assert o is not None
            after.setdefault(last, []).append(o)
            continue
        last = n.where
        runs[n.where] = _all(n.runs, "ins") if o is None else marked(o.runs, n.runs)

    def gone_blocks(units: list[_Unit]) -> list[Block]:
        return [BulletList(_tree(group, "del")) if group[0].item
                else Paragraph(_all(group[0].runs, "del")) for group in _runs_of(units)]

    def items(its: tuple[Item, ...], at: int, path: tuple[int, ...], depth: int,
              trailing: list[_Unit]) -> tuple[Item, ...]:
        """The new list's items, and gone ones where they stood: one deeper than the item
        before it as that item's first child, else after it; a gone paragraph between
        items after the list (`trailing`)."""
        out: list[Item] = []
        for k, it in enumerate(its):
            where = (at, path + (k,))
            gone = list(after.get(where, []))
            deeper = 0
            while deeper < len(gone) and gone[deeper].item and gone[deeper].depth > depth:
                deeper += 1
            children = (_tree(gone[:deeper], "del") if deeper else ()) + items(
                it.children, at, path + (k,), depth + 1, trailing)
            out.append(dataclasses.replace(it, runs=runs[where], children=children))
            for group in _runs_of(gone[deeper:]):
                if group[0].item:
                    out.extend(_tree(group, "del"))
                else:
                    trailing.extend(group)
        return tuple(out)

    blocks: list[Block] = []
    pending = list(after.get(None, []))
    for at, b in enumerate(new.blocks):
        if isinstance(b, BulletList):
            lead = []  # gone items just before this list's first: they open it
            while pending and pending[-1].item:
                lead.insert(0, pending.pop())
            blocks += gone_blocks(pending)
            trailing: list[_Unit] = []
            its = items(b.items, at, (), 0, trailing)
            blocks.append(dataclasses.replace(b, items=_tree(lead, "del") + its))
            pending = trailing
            continue
        blocks += gone_blocks(pending)
        pending = []
        if isinstance(b, Paragraph):
            blocks.append(dataclasses.replace(b, runs=runs[(at, ())]))
            pending = list(after.get((at, ()), []))
        else:
            blocks.append(b)
    blocks += gone_blocks(pending)
    return tuple(blocks)


def _section(old: Section | None, new: Section | None) -> Section:
    if old is None:
        assert new is not None
        return _mark_all(new, "ins")
    if new is None:
        return _mark_all(old, "del")
    heading = (() if old.heading == new.heading
               else marked((Run(old.heading),), (Run(new.heading),)))
    return dataclasses.replace(new, blocks=_blocks(old, new), heading_runs=heading,
                               subsections=_sections(old.subsections, new.subsections))


def _sections(olds: tuple[Section, ...], news: tuple[Section, ...]) -> tuple[Section, ...]:
    return tuple(_section(o, n) for o, n in
                 align(olds, news, lambda s: s.title, _title_score))  # type: ignore[arg-type]


def _line_score(o: str, n: str) -> float | None:
    s = similarity(o, n)
    return s if s >= PAIRED else None


def compare(before: Note, after: Note) -> Note:
    """`after` with every change since `before` marked, its header, headings, text, annex
    list and signature; what `before` had and `after` has not stands, deleted, where
    it stood. The header's changes are in `marks` (by field), the headings' in each
    section's `heading_runs`; the annex list holds the gone lines too."""
    marks: list[tuple[str, tuple[Run, ...]]] = []
    for name in ("functie_hoofding", "titel", "betreft", "samenvatting"):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            marks.append((name, marked((Run(old),), (Run(new),))))
    for name in ("naam", "functie"):
        old, new = getattr(before.ondertekening, name), getattr(after.ondertekening, name)
        if old != new:
            marks.append((f"ondertekening.{name}", marked((Run(old),), (Run(new),))))
    annexes: list[str] = []
    for o, n in align(before.bijlagen, after.bijlagen, lambda t: t, _line_score):
        line = n if n is not None else o
        assert line is not None
        if o != n:
            marks.append((f"bijlage/{len(annexes)}",
                          (Run(o, change="del"),) if n is None
                          else (Run(n, change="ins"),) if o is None
                          else marked((Run(o),), (Run(n),))))
        annexes.append(line)
    return dataclasses.replace(
        after, sections=_sections(before.sections, after.sections), bijlagen=tuple(annexes),
        marks=tuple(marks),
        document_title=f"{after.document_title} – wijzigingen sinds de meting van "
                       f"{before.meetmoment}")
