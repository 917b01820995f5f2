"""The note as an A4 PDF, laid out by WeasyPrint from the same HTML as the preview.

Nothing is fetched but what the project itself provides: the fetcher below refuses
every URL outside the package's templates and fonts and the charts embedded as data
URIs, so a URL in the data can never make the build reach out. The body font is the
package's own Carlito, not whatever the system has: a rebuild elsewhere embeds the
same glyphs.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

from weasyprint import CSS, HTML, Attachment, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

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
        made = _local.fonts = (fetcher, fonts, faces)
    return made


def render(html: str, options: PdfOptions | None = None) -> bytes:
    options = options or PdfOptions()
    fetcher, fonts, faces = _fonts()
    document = HTML(string=html, base_url=TEMPLATES.resolve().as_uri() + "/",
                    url_fetcher=fetcher)
    extra: dict = {"stylesheets": [faces], "font_config": fonts}
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

