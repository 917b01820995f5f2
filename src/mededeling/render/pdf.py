"""The note as an A4 PDF, laid out by WeasyPrint from the same HTML as the preview.

Nothing is fetched but what the project itself provides: the fetcher below refuses
every URL outside the templates folder and the charts embedded as data URIs, so a URL
in the data can never make the build reach out.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse


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


def render(html: str, templates: Path) -> bytes:
    document = HTML(string=html, base_url=templates.resolve().as_uri() + "/",
                    url_fetcher=AllowListFetcher([templates]))
    return document.write_pdf(uncompressed_pdf=False)

