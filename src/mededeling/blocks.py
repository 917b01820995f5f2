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


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: str = "paragraph"


@dataclass(frozen=True)
class Item:
    runs: tuple[Run, ...]
    children: tuple["Item", ...] = ()


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


Block = Paragraph | BulletList | Figure


@dataclass(frozen=True)
class Section:
    number: str  # '3.1'
    title: str
    blocks: tuple[Block, ...]
    subsections: tuple["Section", ...] = field(default=())

    @property
    def level(self) -> int:
        return self.number.count(".") + 1


def para(*parts: str | Run) -> Paragraph:
    return Paragraph(tuple(Run(p) if isinstance(p, str) else p for p in parts))


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
    return "\n".join(lines)
