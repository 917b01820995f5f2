"""Reading built documents back as text, the way a reader (or a search) meets them.

Used by the read-back check of the finals and by the tests: what counts is what the
file says, not what the renderer was given.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

FOOTER = re.compile(r"Pagina \d+ van \d+")
DRAFT = re.compile(r"\bONTWERP\b")
# list markers, drawn after their text: bullets, and the 'o' of the second level
MARKER = re.compile(r"^[ \t\u2002]*(?:[•◦▪]|o)[ \t\u2002]*$", re.M)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _colourless(path: Path, folder: Path) -> Path:
    """The PDF as pdftotext reads it quickly: a PDF/A's output intent (an ICC colour
    profile) makes poppler convert the colour of every glyph it extracts, ten times the
    time of the text itself (7 s of a final's 364-page report). The copy differs only
    in that profile; its pages, and so their text, are the same objects."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        if "/OutputIntents" not in pdf.Root:
            return path
        del pdf.Root["/OutputIntents"]
        copy = folder / "tekst.pdf"
        pdf.save(copy)
    return copy


def _pdf_pages(path: Path) -> list[str]:
    if shutil.which("pdftotext"):  # poppler: many times faster than pypdf on long files
        # -raw: the order of the content (WeasyPrint's reading order), and no joining of
        # a hyphen at a line end ('VV001-' / 'VV158') as if it were a hyphenated word
        with tempfile.TemporaryDirectory(prefix="nalezen-") as tmp:
            out = subprocess.run(
                ["pdftotext", "-raw", "-enc", "UTF-8", str(_colourless(path, Path(tmp))), "-"],
                capture_output=True, check=True).stdout.decode("utf-8")
        return out.split("\f")
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    """All pages, footers and the draft mark removed, so a sentence across a page break
    reads whole."""
    pages = [MARKER.sub(" ", DRAFT.sub(" ", FOOTER.sub(" ", page))) for page in _pdf_pages(path)]
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
    return normalise(html.unescape(" ".join(paragraphs)))


def text_of(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else pdf_text(path)


def missing(path: Path, phrases: list[str]) -> list[str]:
    """The phrases that do not stand in the document as phrased."""
    text = text_of(path)
    return [p for p in phrases if normalise(p) not in text]
