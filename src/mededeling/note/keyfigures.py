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

from mededeling.core.blocks import Document, Paragraph, Section, keyed_texts, plain_text
from mededeling.note.figures import RoundFigures
from mededeling.core.model import Quarter
from mededeling.note.phrases import Note


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


def _paragraphs(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for s in sections:
        out += [line for b in s.blocks if isinstance(b, Paragraph)
                for line in plain_text((b,)).splitlines()]
        out += _paragraphs(s.subsections)
    return out


def checks(note: Note, annexes: tuple[Document, ...],
           edited: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Per document, the sentences that must stand in it as phrased: the read-back check
    of the finals looks for each of them in the built PDF and DOCX."""
    text = sentences(note.sections)
    out = {"mededeling": [line for n in ("3.1", "3.2", "3.3") for line in text[n].splitlines()]}
    paragraphs = keyed_texts(note.sections)
    out["mededeling"] += [paragraphs[k] for k in edited
                          if k in paragraphs and paragraphs[k] not in out["mededeling"]]
    for doc in annexes:
        if doc.toc:
            out[doc.name] = [s.heading for s in doc.toc_entries]
        else:
            out[doc.name] = _paragraphs(doc.sections)
    return out


def dumps(figures: RoundFigures, note: Note, annexes: tuple[Document, ...] = (),
          generated: dict[str, str] | None = None, edited: tuple[str, ...] = ()) -> str:
    """`generated`: every paragraph as mededeling made it (before reviewers' wording);
    `edited`: the keys whose wording a reviewer gave, read back in a final too."""
    data = {
        "meetmoment": figures.meetmoment.isoformat(),
        "meting": figures.meting,
        "betreft": note.betreft,
        "cijfers": plain(figures),
        "tekst": sentences(note.sections),
        # every paragraph of the note by its key (a bookmark in the Word file): where a
        # reviewer's edit belongs
        "alineas": generated if generated is not None else keyed_texts(note.sections),
        "controle": checks(note, annexes, edited),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


@dataclasses.dataclass(frozen=True)
class KeyFigure:
    """One line of the key figures on the web page: what, how many, and its share."""

    label: str
    value: str
    share: str = ""
    status: str | None = None  # a status code: the line carries its colour


def key_figures(figures: RoundFigures) -> tuple[KeyFigure, ...]:
    """The figures staff look at first, phrased as the documents phrase them."""
    from mededeling.core import dutch as nl
    from mededeling.core.statuses import MILESTONE_STATUSES, PROJECT_STATUSES, STATUSES

    p, ms, money = figures.projects, figures.milestones, figures.finance
    rows = [KeyFigure("Projecten", nl.number(p.total))]
    rows += [KeyFigure(f"Projecten: {STATUSES[s].project_label}", nl.number(p.by_status[s]),
                       nl.percent(p.by_status[s], p.total), s)
             for s in PROJECT_STATUSES if p.by_status.get(s)]
    rows.append(KeyFigure("Mijlpalen", nl.number(ms.total)))
    rows.append(KeyFigure("Gestarte mijlpalen", nl.number(ms.started),
                          nl.percent(ms.started, ms.total)))
    rows.append(KeyFigure("Gestarte mijlpalen op schema of gerealiseerd",
                          f"{nl.number(ms.on_track)} van de {nl.number(ms.started)}",
                          nl.percent(ms.on_track, ms.started, 1)))
    rows += [KeyFigure(f"Mijlpalen: {STATUSES[s].milestone_label}", nl.number(ms.by_status[s]),
                       nl.percent(ms.by_status[s], ms.total), s)
             for s in MILESTONE_STATUSES if ms.by_status.get(s)]
    rows.append(KeyFigure("Vastgelegd", nl.euro(money.vastgelegd),
                          nl.percent(money.vastgelegd, money.beleidsruimte)))
    rows.append(KeyFigure("Vereffend", nl.euro(money.vereffend),
                          nl.percent(money.vereffend, money.beleidsruimte)))
    return tuple(rows)
