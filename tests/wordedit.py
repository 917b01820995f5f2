"""Editing a built mededeling.docx the way Word does, for the tests of the review cycle:
tracked insertions and deletions with author and date, an untracked edit, a comment in
word/comments.xml anchored in a paragraph."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

COMMENTS_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                 "comments+xml")
COMMENTS_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                "comments")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraph(xml: str, bookmark: str) -> tuple[int, int]:
    """Start and end of the <w:p> that holds a bookmark."""
    at = xml.index(f'w:name="{bookmark}"')
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")
    return start, end


def _runs(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class WordEdit:
    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            self.parts = {n: z.read(n) for n in z.namelist()}
        self.xml = self.parts["word/document.xml"].decode("utf-8")
        self.comments: list[str] = []
        self.ids = 900

    def _next(self) -> int:
        self.ids += 1
        return self.ids

    def tracked(self, bookmark: str, old: str, new: str, author: str, date: str) -> None:
        """Replace `old` by `new` in the paragraph, as Word does with Track Changes on."""
        start, end = _paragraph(self.xml, bookmark)
        p = self.xml[start:end]
        texts = "".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p))
        from html import unescape

        text = unescape(texts)
        assert old in text, (old, text)
        before, after = text.split(old, 1)
        marks = re.findall(r"<w:bookmark(?:Start|End) [^>]*/>", p)
        ppr = re.search(r"<w:pPr>.*?</w:pPr>", p)
        body = (_runs(before)
                + f'<w:del w:id="{self._next()}" w:author="{author}" w:date="{date}"><w:r>'
                  f'<w:delText xml:space="preserve">{escape(old)}</w:delText></w:r></w:del>'
                + f'<w:ins w:id="{self._next()}" w:author="{author}" w:date="{date}">'
                + _runs(new) + "</w:ins>" + _runs(after))
        new_p = "<w:p>" + (ppr[0] if ppr else "") + marks[0] + body + "".join(marks[1:]) + "</w:p>"
        self.xml = self.xml[:start] + new_p + self.xml[end:]

    def untracked(self, bookmark: str, addition: str) -> None:
        """Type at the end of the paragraph with Track Changes off."""
        start, end = _paragraph(self.xml, bookmark)
        p = self.xml[start:end]
        close = p.rindex("</w:p>")
        self.xml = self.xml[:start] + p[:close] + _runs(addition) + "</w:p>" + self.xml[end:]

    def join_next(self, bookmark: str) -> None:
        """Delete at the end of the paragraph: the next paragraph joins it."""
        start, end = _paragraph(self.xml, bookmark)
        nxt = self.xml.find("<w:p", end)
        head_end = self.xml.index(">", nxt) + 1
        ppr = re.match(r"<w:pPr>.*?</w:pPr>", self.xml[head_end:])
        cut = head_end + (ppr.end() if ppr else 0)
        self.xml = self.xml[:end - len("</w:p>")] + self.xml[cut:]

    def split(self, bookmark: str, before: str) -> None:
        """Enter in the middle of the paragraph, before the text `before`."""
        start, end = _paragraph(self.xml, bookmark)
        p = self.xml[start:end]
        at = p.index(escape(before))
        p = (p[:at] + '</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">' + p[at:])
        self.xml = self.xml[:start] + p + self.xml[end:]

    def delete(self, bookmark: str) -> None:
        """Select the whole paragraph and delete it (Track Changes off)."""
        start, end = _paragraph(self.xml, bookmark)
        self.xml = self.xml[:start] + self.xml[end:]

    def comment(self, bookmark: str, author: str, date: str, text: str) -> None:
        cid = str(len(self.comments))
        start, end = _paragraph(self.xml, bookmark)
        p = self.xml[start:end]
        head = p.index(">", p.index("<w:bookmarkStart")) + 1
        close = p.rindex("</w:p>")
        p = (p[:head] + f'<w:commentRangeStart w:id="{cid}"/>' + p[head:close]
             + f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/>'
               "</w:r></w:p>")
        self.xml = self.xml[:start] + p + self.xml[end:]
        self.comments.append(
            f'<w:comment w:id="{cid}" w:author="{author}" w:date="{date}" w:initials="X">'
            f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:comment>')

    def save(self, path: Path) -> Path:
        parts = dict(self.parts)
        parts["word/document.xml"] = self.xml.encode("utf-8")
        if self.comments:
            parts["word/comments.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {W_NS}>'
                + "".join(self.comments) + "</w:comments>").encode("utf-8")
            types = parts["[Content_Types].xml"].decode("utf-8")
            types = types.replace("</Types>", f'<Override PartName="/word/comments.xml" '
                                  f'ContentType="{COMMENTS_TYPE}"/></Types>')
            parts["[Content_Types].xml"] = types.encode("utf-8")
            rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
            rels = rels.replace("</Relationships>", f'<Relationship Id="rIdOpmerkingen" '
                                f'Type="{COMMENTS_REL}" Target="comments.xml"/></Relationships>')
            parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in parts.items():
                z.writestr(name, content)
        path.write_bytes(buffer.getvalue())
        return path
