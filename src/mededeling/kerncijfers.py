"""kerncijfers.json: every computed figure, and the note's sentences as phrased.

For the people who check the note (and for the read-back check of the finals): the
raw figures next to the words they became. Decimals are written as strings so no
euro is lost to floating point.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from mededeling.blocks import Section, plain_text
from mededeling.figures import RoundFigures
from mededeling.model import Quarter
from mededeling.phrases import Note


def plain(value: Any) -> Any:
    if isinstance(value, Quarter):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def sentences(sections: tuple[Section, ...]) -> dict[str, str]:
    """The text of every section by its number: '3.1' -> its paragraphs."""
    out: dict[str, str] = {}
    for s in sections:
        out[s.number] = plain_text(s.blocks)
        out.update(sentences(s.subsections))
    return out


def dumps(figures: RoundFigures, note: Note) -> str:
    data = {
        "meetmoment": figures.meetmoment.isoformat(),
        "meting": figures.meting,
        "betreft": note.betreft,
        "cijfers": plain(figures),
        "tekst": sentences(note.sections),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
