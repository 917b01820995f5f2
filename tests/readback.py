"""Reading built documents back as text, the way a reader (or a search) meets them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pypdf import PdfReader

FOOTER = re.compile(r"Pagina \d+ van \d+")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    """All pages, footers removed so a sentence across a page break reads whole."""
    pages = [FOOTER.sub(" ", page.extract_text() or "") for page in PdfReader(path).pages]
    # a word with a hyphen of its own ('niet-ETS') may break after it at a line end
    return normalise(re.sub(r"(?<=\w)-\n(?=\w)", "-", " ".join(pages)))


def docx_text(path: Path) -> str:
    """The text of every paragraph of the body (runs and hyperlinks), in order."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paragraphs = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paragraphs.append("".join(texts))
    import html

    return normalise(html.unescape(" ".join(paragraphs)))
