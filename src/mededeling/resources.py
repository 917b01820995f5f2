"""Where the package's own files are: the document templates and the fonts.

They are package data, found through `importlib.resources`, so an installed wheel
works from any folder, exactly like a checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(name: str) -> Path:
    folder = files("mededeling") / name
    # installed as plain files (a wheel or a checkout), never zipped: WeasyPrint and
    # docxtpl need real paths
    assert isinstance(folder, Path), folder
    return folder


TEMPLATES = _folder("templates")  # the documents: Word templates, HTML and CSS
FONTS = _folder("fonts")  # Carlito, embedded in every PDF and drawn in the charts
WEB_TEMPLATES = _folder("web/templates")  # the pages of `mededeling serve`

FONT_FILES = {  # (weight, style) -> file in FONTS
    ("normal", "normal"): "Carlito-Regular.ttf",
    ("bold", "normal"): "Carlito-Bold.ttf",
    ("normal", "italic"): "Carlito-Italic.ttf",
    ("bold", "italic"): "Carlito-BoldItalic.ttf",
}


def font_path(weight: str = "normal", style: str = "normal") -> Path:
    return FONTS / FONT_FILES[(weight, style)]
