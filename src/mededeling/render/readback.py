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
from typing import Callable

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


def _pdf_pages_later(path: Path) -> Callable[[], list[str]]:
    """Start reading the pages' text; the function returned waits for them. With poppler
    the reading runs in a process of its own (pdftotext), so the caller can read other
    documents meanwhile (a final's global report: half of the read-back's time)."""
    if not shutil.which("pdftotext"):
        from pypdf import PdfReader

        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
        return lambda: pages
    # poppler: many times faster than pypdf on long files. -raw: the order of the content
    # (WeasyPrint's reading order), and no joining of a hyphen at a line end
    # ('VV001-' / 'VV158') as if it were a hyphenated word
    # into a file, not a pipe: a pipe holds 64 KiB, and pdftotext would wait after a few
    # pages of the report until the caller read them
    tmp = tempfile.TemporaryDirectory(prefix="nalezen-")
    text = Path(tmp.name) / "tekst.txt"
    try:
        reader = subprocess.Popen(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(_colourless(path, Path(tmp.name))),
             str(text)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except BaseException:
        tmp.cleanup()
        raise

    def pages() -> list[str]:
        try:
            _, err = reader.communicate()
            if reader.returncode:
                raise subprocess.CalledProcessError(reader.returncode, reader.args, None, err)
            return text.read_text(encoding="utf-8").split("\f")
        finally:
            tmp.cleanup()
    return pages


def _pdf_pages(path: Path) -> list[str]:
    return _pdf_pages_later(path)()


def pdf_text_later(path: Path) -> Callable[[], str]:
    """pdf_text, started now and waited for when the function returned is called."""
    pages = _pdf_pages_later(path)
    return lambda: _joined(pages())


def pdf_text(path: Path) -> str:
    """All pages, footers and the draft mark removed, so a sentence across a page break
    reads whole."""
    return _joined(_pdf_pages(path))


def pdf_text_of(data: bytes) -> str:
    """pdf_text of a PDF's bytes (in a layout worker: the bytes the build writes)."""
    with tempfile.TemporaryDirectory(prefix="nalezen-") as tmp:
        path = Path(tmp) / "document.pdf"
        path.write_bytes(data)
        return pdf_text(path)


def _joined(raw_pages: list[str]) -> str:
    pages = [MARKER.sub(" ", DRAFT.sub(" ", FOOTER.sub(" ", page))) for page in raw_pages]
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
    return missing_in(text_of(path), phrases)


def missing_in(text: str, phrases: list[str]) -> list[str]:
    return [p for p in phrases if normalise(p) not in text]
