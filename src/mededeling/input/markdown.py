"""The staff's Markdown narratives (teksten/*.md) as blocks.

Only what the input format promises is kept: paragraphs, (nested) bullet lists, bold,
italic and http(s) links, and `##` headings for subsections. Raw HTML and images are
dropped on purpose: narrative text is data and must never become markup in a document.

Nested lists are read as staff type them, not only as CommonMark wants them: a sub-item
indented two spaces under a numbered item ('1. ...' wants three), and the 'o' or '•' of
a Word list pasted as text, still become the item's children (the note's second level).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mededeling.core.blocks import Block, BulletList, Item, Narrative, Paragraph, Run

_MD = MarkdownIt("commonmark", {"html": False}).disable(["image", "html_inline", "html_block"])
_SAFE_SCHEMES = ("http://", "https://")


def _inline(token: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            link = href if href.lower().startswith(_SAFE_SCHEMES) else None
        elif child.type == "link_close":
            link = None
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            text = child.content
            if text:
                runs.append(Run(text, bold > 0, italic > 0, link))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0, link))
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (
                run.bold, run.italic, run.link):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.link)
        else:
            merged.append(run)
    return tuple(merged)


_MARKER = re.compile(r"^( *)([-*+•◦o]|\d{1,9}[.)])( +)(?=\S)")
_WORD_BULLETS = "o•◦"  # the markers of a Word list pasted as text: a bullet


def lenient_lists(source: str) -> str:
    """The Markdown with every list item that is indented deeper than the item above it
    put exactly under that item's text, so CommonMark reads it as its child: '1. a' then
    '  - b' (two spaces, as for a bullet) is a sub-item, not a new list. A pasted 'o' or
    '•' becomes '-'; 'o' only inside a list, where it cannot be a word."""
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # the open items: (indent as typed, text column)
    fence = blank = False
    for line in source.split("\n"):
        text = line.expandtabs(4)
        if text.lstrip().startswith(("```", "~~~")):
            fence = not fence
        marker = None if fence else _MARKER.match(text)
        if marker and marker[2] == "o" and not (stack and marker[1]):
            marker = None
        if marker:
            typed = len(marker[1])
            while stack and typed <= stack[-1][0]:
                stack.pop()
            indent = stack[-1][1] if stack else typed
            sign = "-" if marker[2] in _WORD_BULLETS else marker[2]
            stack.append((typed, indent + len(sign) + len(marker[3])))
            line = " " * indent + sign + marker[3] + text[marker.end():]
        elif text.strip() and (text.startswith("#") or (blank and not text.startswith(" "))):
            stack = []  # a heading or a paragraph: the list ended
        blank = not text.strip()
        out.append(line)
    return "\n".join(out)


def parse(source: str) -> list[tuple[str, int, object]]:
    """Markdown to a flat list of (kind, level, payload) events, then nested below."""
    tokens = _MD.parse(lenient_lists(source))
    events: list[tuple[str, int, object]] = []
    depth = 0
    heading: int | None = None
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 1:  # a new list: numbered ('1.', '2.') or with bullets
                events.append(("list", 1, tok.type == "ordered_list_open"))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "heading_open":
            heading = int(tok.tag[1])
        elif tok.type == "heading_close":
            heading = None
        elif tok.type == "inline":
            runs = _inline(tok)
            if heading is not None:
                events.append(("heading", heading, "".join(r.text for r in runs)))
            elif depth:
                events.append(("item", depth, runs))
            else:
                events.append(("paragraph", 0, runs))
        elif tok.type in ("fence", "code_block"):
            events.append(("paragraph", 0, (Run(tok.content.rstrip("\n")),)))
    return events


def _nest(items: list[tuple[int, tuple[Run, ...]]], level: int = 1) -> tuple[Item, ...]:
    result: list[Item] = []
    i = 0
    while i < len(items):
        lvl, runs = items[i]
        j = i + 1
        while j < len(items) and items[j][0] > level:
            j += 1
        children = _nest(items[i + 1:j], level + 1) if j > i + 1 else ()
        if lvl == level:
            result.append(Item(runs, children))
        else:  # a deeper item without a parent: lift it
            result.extend(_nest(items[i:j], lvl))
        i = j
    return tuple(result)


def narrative(source: str) -> Narrative:
    """A Markdown text as blocks grouped under its headings (empty when it says nothing)."""
    groups: list[tuple[str | None, list[Block]]] = [(None, [])]
    pending: list[tuple[int, tuple[Run, ...]]] = []
    ordered = False

    def flush() -> None:
        if pending:
            groups[-1][1].append(BulletList(_nest(pending), ordered=ordered))
            pending.clear()

    for kind, level, payload in parse(source):
        if kind == "list":  # the staff's numbering stays numbering, in Word and PDF
            flush()
            ordered = bool(payload)
            continue
        if kind == "item":
            pending.append((level, payload))  # type: ignore[arg-type]
            continue
        flush()
        if kind == "heading":
            groups.append((str(payload), []))
        else:
            groups[-1][1].append(Paragraph(payload))  # type: ignore[arg-type]
    flush()
    return Narrative(tuple((title, tuple(blocks)) for title, blocks in groups
                           if title is not None or blocks))
