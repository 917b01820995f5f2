"""A drawn chart as the documents take it: its SVG (PDF and HTML), PNG (Word), alt text
and size.

Kept apart from `charts`, which draws them with matplotlib: a rebuild whose charts all
come from the cache reads these values without importing matplotlib (a third of a
second of every warm rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH_CM = 16.0  # the text width of an A4 page with the notes' margins: a full-width chart


@dataclass(frozen=True)
class Chart:
    name: str
    svg: bytes  # b"" for the annexes' charts: only the note shows the SVG
    png: bytes
    alt: str
    width_cm: float
    height_cm: float
