"""The reviewers' checks: what the Court of Audit asked of this monitoring.

Computed like every other figure (no document library here); `controle.html` in each
build's folder shows them next to the validation warnings and the changes since the
previous round, so a reviewer sees at a glance what to question.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mededeling.core import model as m
from mededeling.note.figures import OutputRate

VAGUE_DESCRIPTIONS = frozenset({"", "-", "–", "n.v.t.", "nvt", "tbd", "todo", "mijlpaal",
                                "nog te bepalen", "?"})
MIN_DESCRIPTION = 12  # characters: shorter than this says too little to be checked
FAR_BEYOND = Decimal(2)  # a realisation above twice its target needs a second look


@dataclass(frozen=True)
class Finding:
    project: str
    subject: str  # 'mijlpaal 3', 'indicator Laadpalen'
    issue: str


def quarter_of(day) -> m.Quarter:
    return m.Quarter(day.year, (day.month - 1) // 3 + 1)


def findings(round_: m.Round, rates: tuple[OutputRate, ...] | None) -> tuple[Finding, ...]:
    out: list[Finding] = []
    now = quarter_of(round_.meetmoment)
    seen: dict[tuple[str, str], int] = {}
    for ms in sorted(round_.milestones, key=lambda x: (m.code_number(x.project), x.nummer)):
        subject = f"mijlpaal {ms.nummer}"
        text = ms.omschrijving.strip()
        if text.lower() in VAGUE_DESCRIPTIONS or len(text) < MIN_DESCRIPTION:
            out.append(Finding(ms.project, subject, f"onduidelijke omschrijving ‘{text}’"))
        key = (ms.project, text.lower())
        if key in seen:
            out.append(Finding(ms.project, subject,
                               f"zelfde omschrijving als mijlpaal {seen[key]}"))
        seen.setdefault(key, ms.nummer)
        if ms.kwartaal.year < 2020:
            out.append(Finding(ms.project, subject, f"kwartaal {ms.kwartaal} ligt vóór 2020"))
        elif ms.status == "grijs" and ms.kwartaal < now:
            out.append(Finding(ms.project, subject,
                               f"nog niet gestart, maar gepland in {ms.kwartaal}, "
                               "een verstreken kwartaal"))
    for rate in rates or ():
        ind = rate.indicator
        subject = f"indicator ‘{ind.indicator}’"
        if not ind.streefwaarde:
            out.append(Finding(ind.project, subject, "geen streefwaarde"))
        elif rate.rate is not None and rate.rate > FAR_BEYOND:
            out.append(Finding(ind.project, subject,
                               "realisatie meer dan het dubbele van de streefwaarde"))
    return tuple(out)
