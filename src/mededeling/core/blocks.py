"""The text of a document as a small tree of blocks, independent of any format.

Computed sentences and the staff's Markdown both become these, so the DOCX and the HTML
renderers each need one way to draw a paragraph, a list and a link, and text stays text
(never markup) whatever it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # http(s) only; the Markdown reader drops anything else
    change: str | None = None  # 'ins' or 'del': a tracked change against an earlier note
    highlight: bool = False  # a reviewer's wording whose figures no longer hold


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: str = "paragraph"
    key: str | None = None  # stable name of a paragraph of the note: '3.1/oranje'
    keep_with_next: bool = False  # a lead-in: on the page where the table it introduces starts


@dataclass(frozen=True)
class Item:
    runs: tuple[Run, ...]
    children: tuple["Item", ...] = ()
    key: str | None = None


@dataclass(frozen=True)
class BulletList:
    items: tuple[Item, ...]
    ordered: bool = False
    kind: str = "list"


@dataclass(frozen=True)
class Figure:
    """Where a chart stands in the text; the renderer looks the image up by name."""

    name: str
    alt: str
    kind: str = "figure"


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    status: str | None = None  # shaded in that status's colour (statuses.STATUSES)
    numeric: bool = False  # aligned right


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # relative column widths, in percent
    total: tuple[Cell, ...] | None = None  # a closing row in bold
    kind: str = "table"
    keep_together: bool = False  # a few rows: never split over two pages
    continued: str = ""  # shown atop a page the table runs on to: whose rows these are
    # a long table's project or section: in Word a first header row, which Word repeats
    # atop every page the table runs on to (it repeats header rows, nothing else)
    title: str = ""
    # the rows the column widths are fitted to, where tables of a document share their
    # widths (all tables of annex 3): the rows of all of them; else the table's own
    fit_rows: tuple[tuple[Cell, ...], ...] | None = None


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, like the header of a project fiche."""

    rows: tuple[tuple[str, tuple[Run, ...]], ...]
    kind: str = "fields"
    keep_together: bool = False  # a few short lines: never split over two pages
    keep_with_next: bool = False  # a lead-in: on the page where the table after it starts


@dataclass(frozen=True)
class Heading:
    """A heading inside a section that is not a section of its own (no number)."""

    text: str
    kind: str = "heading"


Block = Paragraph | BulletList | Figure | Table | Fields | Heading


@dataclass(frozen=True)
class Section:
    number: str  # '3.1'; empty for an unnumbered section (a project in the global report)
    title: str
    blocks: tuple[Block, ...]
    subsections: tuple["Section", ...] = field(default=())
    anchor: str | None = None  # target of internal links and of the bookmark
    new_page: bool = False
    depth: int | None = None  # the level, where the number does not give it
    # the heading as changes against an earlier note (note.comparison); else empty
    heading_runs: tuple[Run, ...] = ()

    @property
    def level(self) -> int:
        if self.depth is not None:
            return self.depth
        return self.number.count(".") + 1

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Document:
    """An annex: a title page block, an optional table of contents, sections."""

    name: str  # file name without extension: 'bijlage-2-covernota'
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    toc: bool = False  # a table of contents of the top-level sections with anchors
    meetmoment: str = ""

    @property
    def toc_entries(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.anchor) if self.toc else ()


INTERNAL = "mededeling:"  # scheme of links to an anchor of the same document


def internal_link(anchor: str) -> str:
    return INTERNAL + anchor


def para(*parts: str | Run, key: str | None = None) -> Paragraph:
    return Paragraph(tuple(Run(p) if isinstance(p, str) else p for p in parts), key=key)


def bullets(*texts: str | Item, ordered: bool = False) -> BulletList:
    return BulletList(tuple(Item((Run(t),)) if isinstance(t, str) else t for t in texts),
                      ordered=ordered)


def item(text: str, *children: str) -> Item:
    return Item((Run(text),), tuple(Item((Run(c),)) for c in children))


def plain_text(blocks: tuple[Block, ...]) -> str:
    """The words of some blocks, one line per paragraph or item (for checks and tests)."""
    lines: list[str] = []

    def items(its: tuple[Item, ...]) -> None:
        for it in its:
            lines.append("".join(r.text for r in it.runs))
            items(it.children)

    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append("".join(r.text for r in block.runs))
        elif isinstance(block, BulletList):
            items(block.items)
        elif isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Fields):
            lines.extend(f"{label}: " + "".join(r.text for r in runs) for label, runs in block.rows)
        elif isinstance(block, Table):
            for row in block.rows + ((block.total,) if block.total else ()):
                lines.append(" | ".join("".join(r.text for r in c.runs) for c in row))
    return "\n".join(lines)


@dataclass(frozen=True)
class Narrative:
    """A text staff wrote (teksten/*.md), read into blocks: the groups under its
    headings, the first one untitled."""

    groups: tuple[tuple[str | None, tuple[Block, ...]], ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    def flat(self) -> tuple[Block, ...]:
        """All blocks in order, each heading a bold paragraph (where the text has no
        sections of its own, such as section 4 or annex 3)."""
        out: list[Block] = []
        for title, blocks in self.groups:
            if title:
                out.append(Paragraph((Run(title, bold=True),)))
            out.extend(blocks)
        return tuple(out)


def with_keys(section: Section) -> Section:
    """Every paragraph and list item of a section (and its subsections) with a key: the
    one phrasing gave it ('3.1/oranje'), else its place ('5.1/3', '6.1/2.4' for the fourth
    item under the second). Keys are unique within a note and stay the same from round
    to round where the text has the same role, so a reviewer's edit can find its
    paragraph again (in Word they travel as bookmarks)."""
    import dataclasses

    used: set[str] = set()

    def unique(key: str) -> str:
        base, n = key, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        return key

    def items(its: tuple[Item, ...], prefix: str) -> tuple[Item, ...]:
        out = []
        for i, it in enumerate(its, start=1):
            key = unique(it.key or f"{prefix}.{i}")
            out.append(dataclasses.replace(it, key=key, children=items(it.children, key)))
        return tuple(out)

    def walk(s: Section) -> Section:
        blocks: list[Block] = []
        place = 0
        for b in s.blocks:
            if isinstance(b, Paragraph):
                place += 1
                blocks.append(dataclasses.replace(b, key=unique(b.key or f"{s.number}/{place}")))
            elif isinstance(b, BulletList):
                place += 1
                blocks.append(dataclasses.replace(b, items=items(b.items, f"{s.number}/{place}")))
            else:
                blocks.append(b)
        return dataclasses.replace(s, blocks=tuple(blocks),
                                   subsections=tuple(walk(sub) for sub in s.subsections))

    return walk(section)


def keyed_texts(sections: tuple[Section, ...]) -> dict[str, str]:
    """key -> the plain text of every keyed paragraph and item, in the note's order."""
    out: dict[str, str] = {}

    def items(its: tuple[Item, ...]) -> None:
        for it in its:
            if it.key:
                out[it.key] = "".join(r.text for r in it.runs)
            items(it.children)

    for s in sections:
        for b in s.blocks:
            if isinstance(b, Paragraph) and b.key:
                out[b.key] = "".join(r.text for r in b.runs)
            elif isinstance(b, BulletList):
                items(b.items)
        out.update(keyed_texts(s.subsections))
    return out
