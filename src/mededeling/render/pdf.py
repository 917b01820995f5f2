"""The note as an A4 PDF, laid out by WeasyPrint from the same HTML as the preview.

Nothing is fetched but what the project itself provides: the fetcher below refuses
every URL outside the package's templates and fonts and the charts embedded as data
URIs, so a URL in the data can never make the build reach out. The body font is the
package's own Carlito, not whatever the system has: a rebuild elsewhere embeds the
same glyphs.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import threading
from pathlib import Path

from mededeling.render.libraries import cache_only_lookup

with cache_only_lookup():
    from weasyprint import CSS, HTML, Attachment, URLFetcher
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcherResponse

from mededeling.render.callstack import deep  # noqa: E402
from mededeling.render.pdf_options import PdfOptions
from mededeling.resources import FONT_FILES, FONTS, TEMPLATES

__all__ = ["AllowListFetcher", "PdfOptions", "render", "tidy_attachments"]


class AllowListFetcher(URLFetcher):
    """Serves only files under the allowed folders and data: URIs of our own charts."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols=("file", "data"))
        self.allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:image/"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(URLFetcherResponse(url).path).resolve()
            if any(path.is_relative_to(root) for root in self.allowed):
                return super().fetch(url, headers)
        raise ValueError(f"niet toegestaan om op te halen: {url[:80]}")


def _font_faces() -> str:
    return "\n".join(
        f'@font-face {{ font-family: Carlito; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONTS / name).resolve().as_uri()}"); }}'
        for (weight, style), name in sorted(FONT_FILES.items()))


_local = threading.local()


def _fonts() -> tuple[AllowListFetcher, FontConfiguration, CSS]:
    """The fetcher, font configuration and @font-face rules, made once per process and
    thread: setting up the four faces cost about 20 ms of every document (a small one:
    25 ms against 6), some forty documents a build. Always the same faces, so a document's bytes
    do not depend on what was laid out before it (a thread has its own: a font map is
    not made to be shared between threads)."""
    made = getattr(_local, "fonts", None)
    if made is None:
        fetcher = AllowListFetcher([TEMPLATES, FONTS])
        fonts = FontConfiguration()
        faces = CSS(string=_font_faces(), font_config=fonts, url_fetcher=fetcher)
        _remove_at_exit(fonts)
        made = _local.fonts = (fetcher, fonts, faces)
    return made


def _remove_at_exit(fonts: FontConfiguration) -> None:
    """WeasyPrint copies the faces into a temporary folder of its own and removes it when
    the configuration is freed; a layout worker keeps its configuration for its whole life
    and ends without freeing anything (multiprocessing ends it with os._exit), so every
    build left two such folders of 2,8 MB behind. Removed when the configuration is freed
    or, at the latest, when the process ends (multiprocessing's exit hooks run in a
    worker and, through atexit, in the command)."""
    from multiprocessing import util

    folder = getattr(fonts, "_folder", None)
    if folder is not None:
        util.Finalize(fonts, shutil.rmtree, args=(str(folder),),
                      kwargs={"ignore_errors": True}, exitpriority=0)


_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_KEPT_SHEETS = 4  # a build has two: the note's, and the annexes' (drafts or finals)


def _own_sheet(html: str) -> tuple[str, list[CSS]]:
    """The document without its <style>, and that style parsed: once per process and
    thread for all the chunks of a build, which share it (a fiftieth of a chunk's work
    went to parsing it again).

    Passed to WeasyPrint as a user style sheet, it still wins over the browser's defaults
    and loses to a style attribute, as it did inside the document; the same bytes come
    out. Not so for `!important` (a user's beats an author's): such a style stays in the
    document. Only a <style> in the head is taken: the data in the body is escaped."""
    head_end = html.find("</head>")
    found = _STYLE.search(html, 0, head_end if head_end >= 0 else 0)
    if found is None or "!important" in found.group(1):
        return html, []
    fetcher, fonts, _ = _fonts()
    kept: dict[str, CSS] = _local.__dict__.setdefault("sheets", {})
    text = found.group(1)
    sheet = kept.pop(text, None)
    if sheet is None:
        sheet = CSS(string=text, base_url=_base_url(), font_config=fonts, url_fetcher=fetcher)
    kept[text] = sheet  # the most recently used last
    while len(kept) > _KEPT_SHEETS:
        del kept[next(iter(kept))]
    return html[:found.start()] + html[found.end():], [sheet]


def _base_url() -> str:
    return TEMPLATES.resolve().as_uri() + "/"


# WeasyPrint's default style sheet gives every element a ::marker and five footnote and
# note pseudo-elements; it then computes their six styles for every element of a document
# (5 to 7% of a chunk's work), where only a list item has a marker and our documents have
# no footnotes. The sheet below is WeasyPrint's own with those rules for list items only,
# and without the footnote rules: the same bytes come out (tests/render/test_table_rules).
_UA_EDITS = (
    ("\n::marker {", "\nli::marker {"),
    *((f"\n::{name} {{", None) for name in (
        "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback")),
)


@functools.cache
def _default_sheet() -> CSS | None:
    """The trimmed default style sheet; None (WeasyPrint's own is used) when WeasyPrint's
    sheet is not the one these edits were made for, or it has no hook for another."""
    try:
        from weasyprint.html import UA, UA_COUNTER_STYLE
    except ImportError:
        return None
    if not callable(getattr(HTML, "_ua_stylesheets", None)):
        return None
    text = UA
    for rule, replacement in _UA_EDITS:
        if text.count(rule) != 1:
            return None
        if replacement is None:  # the whole line goes
            start = text.index(rule) + 1
            text = text[:start] + text[text.index("\n", start) + 1:]
        else:
            text = text.replace(rule, replacement)
    return CSS(string=text, counter_style=UA_COUNTER_STYLE)


class _Html(HTML):
    """WeasyPrint's HTML with the trimmed default style sheet (see above)."""

    def _ua_stylesheets(self, forms: bool = False):  # WeasyPrint's own hook
        sheet = None if forms else _default_sheet()
        return super()._ua_stylesheets(forms) if sheet is None else [sheet]


def default_sheet_trimmed() -> bool:
    """Whether layout uses the trimmed default style sheet (for the tests: a new
    WeasyPrint that no longer fits falls back to its own, slower but correct)."""
    return _default_sheet() is not None


def render(html: str, options: PdfOptions | None = None) -> bytes:
    """The PDF of `html`, laid out from a deep frame stack (see render/callstack: a
    tenth of the layout's time went to getting stack memory from the system)."""
    return deep(_render, html, options)


def _render(html: str, options: PdfOptions | None) -> bytes:
    options = options or PdfOptions()
    fetcher, fonts, faces = _fonts()
    html, sheets = _own_sheet(html)
    document = _Html(string=html, base_url=_base_url(), url_fetcher=fetcher)
    extra: dict = {"stylesheets": [faces, *sheets], "font_config": fonts}
    if options.variant:
        extra["pdf_variant"] = options.variant
    if options.tags:
        extra["pdf_tags"] = True
    if options.attachments:
        moment = dt.datetime.combine(options.moment or dt.date(2000, 1, 1), dt.time(12))
        extra["attachments"] = [
            Attachment(file_obj=io.BytesIO(content), name=name, description=name,
                       created=moment, modified=moment, relationship="Source")
            for name, content in options.attachments]
    data = document.write_pdf(uncompressed_pdf=False, **extra)
    return tidy_attachments(data) if options.attachments else data


def tidy_attachments(data: bytes) -> bytes:
    """The attachments of a final as archives check them: the EmbeddedFiles name tree in
    sorted order (a name tree must be; WeasyPrint writes them as given) and the
    catalogue's /AF listing each file once (WeasyPrint lists each twice)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        names = pdf.Root.get("/Names")
        tree = names.get("/EmbeddedFiles") if names is not None else None
        if tree is None:
            return data
        specs = dict(pikepdf.NameTree(tree).items())
        sorted_tree = pikepdf.NameTree.new(pdf)
        for name in sorted(specs):
            sorted_tree[name] = specs[name]
        names.EmbeddedFiles = sorted_tree.obj
        seen, files = set(), []
        for spec in pdf.Root.get("/AF", []):
            if spec.objgen not in seen:
                seen.add(spec.objgen)
                files.append(spec)
        pdf.Root.AF = pikepdf.Array(files)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()

