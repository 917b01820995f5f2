"""The reviewers' checks: what the Court of Audit asked of this monitoring.

Computed like every other figure (no document library here); `controle.html` in each
build's folder shows them next to the validation warnings and the changes since the
previous round, so a reviewer sees at a glance what to question. Backward moves since
the previous round (a started project grey again, a realised project or milestone no
longer realised, a stopped one open again) come first: they are real events the note
names, and a reviewer checks them before anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mededeling.core import dutch as nl
from mededeling.core import model as m
from mededeling.core.statuses import STATUSES
from mededeling.note.figures import OutputRate, ProjectChanges, RoundFigures

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


def went_back(before: str, after: str, milestone: bool) -> str:
    """'ging terug van ‘gerealiseerd’ (geel) naar ‘vertraagd’ (oranje)'."""
    label = (lambda s: STATUSES[s].milestone_label) if milestone else (
        lambda s: STATUSES[s].project_label)
    return (f"ging terug van {nl.quoted(label(before))} ({before}) naar "
            f"{nl.quoted(label(after))} ({after})")


def backward_findings(changes: ProjectChanges | None) -> tuple[Finding, ...]:
    """Every project and milestone that went back, with its old and new status."""
    if changes is None:
        return ()
    out = [Finding(c.project.code, "project", went_back(c.before, c.after, False))
           for c in changes.projects_back]
    out += [Finding(c.project.code, f"mijlpaal {c.nummer}",
                    went_back(c.status[0], c.status[1], True))
            for c in changes.milestones_back if c.status]
    return tuple(out)


def first_look(fig: RoundFigures) -> tuple[str, ...]:
    """The lines at the top of controle.html: what changed that a reviewer looks at
    before anything else. Empty when nothing went back."""
    out: list[str] = []
    ch, prev = fig.changes, fig.previous
    if ch is not None:
        p, ms = len(ch.projects_back), len(ch.milestones_back)
        if p or ms:
            parts = ([nl.count(p, "project", "projecten")] if p else []) + (
                [nl.count(ms, "mijlpaal", "mijlpalen")] if ms else [])
            where = nl.join((["3.1"] if p else []) + (["3.2"] if ms else []))
            out.append(f"Sinds de meting van {nl.date(ch.since)} "
                       f"{nl.plural(p + ms, 'ging', 'gingen')} {nl.join(parts)} terug; de nota "
                       f"noemt ze in {where}. Hieronder elk met de vorige en de nieuwe status.")
        gone = ch.milestones_realised_gone
        if gone:
            out.append(f"{nl.count(gone, 'gerealiseerde mijlpaal', 'gerealiseerde mijlpalen')} "
                       f"van de vorige meting {nl.plural(gone, 'staat', 'staan')} niet meer in "
                       "mijlpalen.csv.")
    elif prev is not None and not prev.from_folder:
        by = prev.milestones_by_status or {}
        realised = fig.milestones.by_status["geel"]
        if "geel" in by and realised < by["geel"]:
            out.append(f"Het aantal gerealiseerde mijlpalen daalde van {nl.number(by['geel'])} "
                       f"naar {nl.number(realised)}, maar van de vorige meting zijn alleen de "
                       "kerncijfers van [vorige] in ronde.toml bekend: welke mijlpalen "
                       "teruggingen, is niet na te gaan zonder de map van de vorige meting.")
        projects = prev.projects_by_status or {}
        if "oranje" in projects and "rood" not in projects and fig.projects.by_status["rood"]:
            out.append("[vorige] in ronde.toml geeft geen projecten_rood: 3.1 vergelijkt alleen "
                       "de oranje projecten en zegt niet of het aantal rode projecten steeg.")
    return tuple(out)


def findings(round_: m.Round, rates: tuple[OutputRate, ...] | None,
             changes: ProjectChanges | None = None) -> tuple[Finding, ...]:
    out: list[Finding] = list(backward_findings(changes))
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
