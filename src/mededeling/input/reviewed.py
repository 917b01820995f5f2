"""A draft of the note as a reviewer hands it back: edited in Word (with or without Track
Changes), with comments, perhaps passed through LibreOffice.

Read as the text of each paragraph with every pending change accepted (insertions in,
deletions out: the drafter rejects in Word what should not stay, before handing the file
in), the paragraph's key from the bookmark the build put around it, the tracked changes
with their author and date, and the comments with the paragraph they point at.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOOKMARK = re.compile(r"^mk_")
DRAFT_NS = "urn:mededeling:ontwerp"  # the custom XML part render.docx.with_draft_texts writes
HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.\s")  # '3.1. GLOBALE VOORTGANG'


class NotADraft(ValueError):
    """The file is no Word file, or no draft of the note made by mededeling."""


@dataclass(frozen=True)
class Change:
    kind: str  # 'ingevoegd' | 'verwijderd'
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class ReviewedParagraph:
    bookmark: str | None  # 'mk_3_1__oranje', or None when the reviewer's edit lost it
    also: tuple[str, ...]  # bookmarks of paragraphs the reviewer joined into this one
    section: str  # the number of the heading it stands under: '3.1'
    text: str  # with every pending change accepted
    changes: tuple[Change, ...]
    comments: tuple[str, ...]  # ids of the comments anchored in it


@dataclass(frozen=True)
class ReviewComment:
    id: str
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class ReviewedCopy:
    subject: str  # 'mededeling 2021-12-31': which note this is a draft of
    title: str
    paragraphs: tuple[ReviewedParagraph, ...]
    comments: dict[str, ReviewComment]
    draft: dict[str, tuple[str, str]]  # key -> (text in the draft, text as computed then)


def _text(element: ET.Element, deleted: bool = False) -> str:
    tag = f"{W}delText" if deleted else f"{W}t"
    parts = []
    for node in element.iter():
        if node.tag == tag:
            parts.append(node.text or "")
        elif node.tag == f"{W}tab" and not deleted:
            parts.append("\t")
    return "".join(parts)


def _accepted(paragraph: ET.Element) -> str:
    """The paragraph's text with insertions kept and deletions (and moved-away text) out."""
    parts = []

    def walk(node: ET.Element) -> None:
        for child in node:
            if child.tag in (f"{W}del", f"{W}moveFrom"):
                continue
            if child.tag == f"{W}t":
                parts.append(child.text or "")
            elif child.tag == f"{W}tab":
                parts.append("\t")
            elif child.tag in (f"{W}br", f"{W}cr"):
                parts.append(" ")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def read(path: Path) -> ReviewedCopy:
    """The reviewed copy's paragraphs and comments; raises NotADraft."""
    try:
        with zipfile.ZipFile(path) as z:
            document = z.read("word/document.xml")
            core = z.read("docProps/core.xml") if "docProps/core.xml" in z.namelist() else b""
            comments_xml = z.read("word/comments.xml") if "word/comments.xml" in z.namelist() \
                else None
            custom = [z.read(n) for n in sorted(z.namelist())
                      if n.startswith("customXml/item") and n.endswith(".xml")
                      and "Props" not in n]
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise NotADraft("dit is geen Word-bestand (.docx)") from exc
    draft: dict[str, tuple[str, str]] = {}
    for part in custom:
        if DRAFT_NS.encode() not in part:
            continue
        try:
            root = ET.fromstring(part)
        except ET.ParseError:
            continue
        for a in root.iter(f"{{{DRAFT_NS}}}alinea"):
            draft[a.get("sleutel", "")] = (a.findtext(f"{{{DRAFT_NS}}}tekst") or "",
                                           a.findtext(f"{{{DRAFT_NS}}}berekend") or "")
    try:
        body = ET.fromstring(document).find(f"{W}body")
    except ET.ParseError as exc:
        raise NotADraft("het Word-bestand is beschadigd") from exc
    subject = re.search(rb"<dc:subject>([^<]*)</dc:subject>", core)
    title = re.search(rb"<dc:title>([^<]*)</dc:title>", core)
    comments: dict[str, ReviewComment] = {}
    try:
        comment_root = ET.fromstring(comments_xml) if comments_xml is not None else None
    except ET.ParseError as exc:  # said in Dutch, never as the parser's class name
        raise NotADraft("de opmerkingen van het Word-bestand zijn beschadigd "
                        "(word/comments.xml)") from exc
    if comment_root is not None:
        for c in comment_root.iter(f"{W}comment"):
            text = " ".join(_text(p) for p in c.iter(f"{W}p")).strip()
            comments[c.get(f"{W}id", "")] = ReviewComment(
                c.get(f"{W}id", ""), c.get(f"{W}author", "onbekend"),
                c.get(f"{W}date", ""), text)
    paragraphs = []
    section = ""
    open_mark: tuple[str, str] | None = None  # (bookmark id, name) not yet ended
    seen_comments: set[str] = set()
    for p in body.iter(f"{W}p") if body is not None else ():
        starts = [(b.get(f"{W}id", ""), b.get(f"{W}name", ""))
                  for b in p.iter(f"{W}bookmarkStart")]
        ours = [(i, n) for i, n in starts if BOOKMARK.match(n)]
        ends = {b.get(f"{W}id", "") for b in p.iter(f"{W}bookmarkEnd")}
        if ours:
            mark, also = ours[0][1], tuple(n for _, n in ours[1:])
        elif open_mark is not None:
            # a paragraph the reviewer split off: its bookmark ends further on
            mark, also = open_mark[1], ()
        else:
            mark, also = None, ()
        last = ours[-1] if ours else open_mark
        open_mark = last if last is not None and last[0] not in ends else None
        text = _accepted(p)
        heading = HEADING.match(text.strip())
        style = p.find(f"{W}pPr/{W}pStyle")
        if heading and style is not None and "eading" in (style.get(f"{W}val") or ""):
            section = heading[1]
        changes = []
        for node in p.iter():
            if node.tag in (f"{W}ins", f"{W}del"):
                kind = "ingevoegd" if node.tag == f"{W}ins" else "verwijderd"
                changes.append(Change(kind, node.get(f"{W}author", "onbekend"),
                                      node.get(f"{W}date", ""),
                                      _text(node, deleted=node.tag == f"{W}del")))
        # a comment belongs to the paragraph where its range starts (else its reference)
        anchored = []
        for c in p.iter():
            cid = c.get(f"{W}id", "")
            if c.tag in (f"{W}commentRangeStart", f"{W}commentReference") \
                    and cid not in seen_comments:
                seen_comments.add(cid)
                anchored.append(cid)
        changes = [c for c in changes if c.text]  # an empty change says nothing
        paragraphs.append(ReviewedParagraph(mark, also, section, text, tuple(changes),
                                            tuple(anchored)))
    return ReviewedCopy(subject[1].decode("utf-8") if subject else "",
                        title[1].decode("utf-8") if title else "",
                        tuple(paragraphs), comments, draft)
