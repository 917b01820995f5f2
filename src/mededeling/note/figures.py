"""Every figure of the note, computed once from the validated round.

Plain Python and frozen dataclasses, no document library: the DOCX, the HTML and the
PDF are all rendered from what is computed here, so they cannot disagree, and no
template computes a number. Shares are kept as exact fractions (count and whole);
rounding is the phrasing's job, because the style decides the decimals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from mededeling.core import model as m
from mededeling.core.statuses import (
    AGENDA_STATUSES, MILESTONE_STATUSES, ON_SCHEDULE_OR_REALISED, PROJECT_STATUSES,
    STARTED_PROJECT,
)

DOUBLING_TOLERANCE = Decimal("0.05")


@dataclass(frozen=True)
class ProjectRef:
    code: str
    titel: str


@dataclass(frozen=True)
class ProjectFigures:
    total: int
    by_status: Mapping[str, int]
    started: int  # lichtgroen, donkergroen, geel
    listed: Mapping[str, tuple[ProjectRef, ...]]  # the projects of each status, by code
    herstelplan: int
    relance: int  # projects of the round financed from the one-off envelope


@dataclass(frozen=True)
class QuarterCount:
    quarter: m.Quarter
    by_status: Mapping[str, int]


@dataclass(frozen=True)
class MilestoneFigures:
    total: int
    by_status: Mapping[str, int]
    started: int  # every milestone that is not grijs
    on_track: int  # donkergroen + geel
    first_quarter: m.Quarter | None
    last_quarter: m.Quarter | None
    per_quarter: tuple[QuarterCount, ...]  # every quarter from first to last, gaps included
    rood_projects: tuple[ProjectRef, ...]  # the projects holding a milestone 'bij te sturen'


@dataclass(frozen=True)
class SpeerpuntFinance:
    nummer: int
    naam: str
    beleidsruimte: Decimal
    vastgelegd: Decimal
    vereffend: Decimal


@dataclass(frozen=True)
class FinanceFigures:
    envelope: Decimal  # relancebudget of plan.toml: the amount named in the text
    beleidsruimte: Decimal  # summed over the rows: the whole for the shares
    vastgelegd: Decimal
    vereffend: Decimal
    per_speerpunt: tuple[SpeerpuntFinance, ...]


@dataclass(frozen=True)
class PreviousFigures:
    """The previous round, from its own folder or from `[vorige]` in ronde.toml.

    Fields are None where `[vorige]` does not give them; the note then leaves out the
    comparison they would feed.
    """

    meetmoment: dt.date
    projects_by_status: Mapping[str, int] | None
    milestones_by_status: Mapping[str, int] | None
    milestones_total: int | None
    vastgelegd: Decimal | None
    vereffend: Decimal | None
    from_folder: bool

    @property
    def projects_total(self) -> int | None:
        """All projects of the previous round; known only from its folder."""
        return sum(self.projects_by_status.values()) if self.from_folder and \
            self.projects_by_status else None

    @property
    def milestones_started(self) -> int | None:
        by = self.milestones_by_status
        if self.milestones_total is None or not by or "grijs" not in by:
            return None
        return self.milestones_total - by["grijs"]

    @property
    def milestones_on_track(self) -> int | None:
        by = self.milestones_by_status or {}
        if "donkergroen" not in by or "geel" not in by:
            return None
        return by["donkergroen"] + by["geel"]


@dataclass(frozen=True)
class AmountChange:
    before: Decimal
    after: Decimal
    difference: Decimal  # after - before
    multiple: int | None  # 2 for 'het dubbele', 3 for 'het drievoudige', within 5%


@dataclass(frozen=True)
class InvestmentFigure:
    naam: str
    toelichting: str
    bedrag: Decimal  # given, or the sum of the parts
    onderdelen: tuple["InvestmentFigure", ...]


@dataclass(frozen=True)
class PlanFigures:
    naam: str
    envelope: Decimal
    relance_count: int
    relance_ranges: tuple[str, ...]
    regular_ranges: tuple[str, ...]
    speerpunten: tuple[m.Speerpunt, ...]
    clusters: int
    pmv_total: Decimal
    pmv: tuple[InvestmentFigure, ...]
    andere: tuple[InvestmentFigure, ...]
    monitoring: str = ""  # plan.toml's `monitoring`: how often, as section 1 says it
    monitoring_besluit: str = ""  # the decision that set it, as section 1 names it


@dataclass(frozen=True)
class RoundFigures:
    meetmoment: dt.date
    meting: int
    earlier: tuple[dt.date, ...]  # meetmomenten of every earlier round, oldest first
    plan: PlanFigures
    projects: ProjectFigures
    milestones: MilestoneFigures
    finance: FinanceFigures
    previous: PreviousFigures | None
    vastgelegd_change: AmountChange | None
    vereffend_change: AmountChange | None
    changes: "ProjectChanges | None" = None  # only when the previous round's folder exists


@dataclass(frozen=True)
class StatusChange:
    project: ProjectRef
    before: str
    after: str


@dataclass(frozen=True)
class MilestoneChange:
    project: ProjectRef
    nummer: int
    omschrijving: str
    status: tuple[str, str] | None  # (before, after) when the status changed
    quarter: tuple[m.Quarter, m.Quarter] | None  # (before, after) when it moved


@dataclass(frozen=True)
class MilestoneKind:
    """How many milestones made one status change (donkergroen -> geel: 170)."""

    before: str
    after: str
    count: int
    backward: bool


@dataclass(frozen=True)
class ProjectChanges:
    """What changed per project since the previous round: for the note's comparison and
    for the reviewers. The backward moves are computed here once, so the note and
    controle.html name the same projects and milestones."""

    since: dt.date
    status: tuple[StatusChange, ...]
    added: tuple[ProjectRef, ...]
    gone: tuple[ProjectRef, ...]
    milestones: tuple[MilestoneChange, ...]
    milestones_added: int
    milestones_gone: int
    started: int  # grijs before, started now ('bijkomend opgestart')
    put_on_agenda: int  # not yet on the agenda before, donkergroen or geel now
    # projects: what the note names where it compares
    realised: tuple[StatusChange, ...] = ()  # not geel before, geel now
    # started before (neither grijs, blauw nor geel), grijs now
    back_to_grey: tuple[StatusChange, ...] = ()
    unrealised: tuple[StatusChange, ...] = ()  # geel before, anything else now
    reopened: tuple[StatusChange, ...] = ()  # blauw before, anything else now
    # milestones: what 3.2 names next to its comparison
    milestones_unrealised: tuple[MilestoneChange, ...] = ()  # geel before, other now
    milestones_reopened: tuple[MilestoneChange, ...] = ()  # blauw before, other now
    milestones_realised_gone: int = 0  # geel before, no longer in mijlpalen.csv
    milestone_kinds: tuple[MilestoneKind, ...] = ()  # every status change, most frequent first
    milestones_later: int = 0  # planned in a later quarter than before
    milestones_earlier: int = 0  # planned in an earlier quarter than before

    @property
    def projects_back(self) -> tuple[StatusChange, ...]:
        """Every project that went back, by code: what a reviewer looks at first."""
        return tuple(sorted(self.back_to_grey + self.unrealised + self.reopened,
                            key=lambda c: m.code_number(c.project.code)))

    @property
    def milestones_back(self) -> tuple[MilestoneChange, ...]:
        return tuple(sorted(self.milestones_unrealised + self.milestones_reopened,
                            key=lambda c: (m.code_number(c.project.code), c.nummer)))


NOT_STARTED = frozenset({"grijs", "blauw"})  # a project in neither has started


def milestone_went_back(before: str, after: str) -> bool:
    """A milestone went back: a realised one is no longer realised (not started, delayed,
    to adjust, on schedule again), or a stopped one is open again."""
    return (before == "geel" != after) or (before == "blauw" != after)


def project_changes(before: m.Round, now: m.Round) -> ProjectChanges:
    old = {p.code: p for p in before.projects}
    new = {p.code: p for p in now.projects}
    order = sorted(set(old) | set(new), key=m.code_number)
    ref = {c: ProjectRef(c, (new.get(c) or old[c]).titel) for c in order}
    status = tuple(StatusChange(ref[c], old[c].status, new[c].status) for c in order
                   if c in old and c in new and old[c].status != new[c].status)
    old_ms = {(ms.project, ms.nummer): ms for ms in before.milestones}
    new_ms = {(ms.project, ms.nummer): ms for ms in now.milestones}
    changed = []
    for key in sorted(set(old_ms) & set(new_ms), key=lambda k: (m.code_number(k[0]), k[1])):
        a, b = old_ms[key], new_ms[key]
        if a.status != b.status or a.kwartaal != b.kwartaal:
            changed.append(MilestoneChange(
                ref.get(key[0], ProjectRef(key[0], "")), key[1], b.omschrijving,
                (a.status, b.status) if a.status != b.status else None,
                (a.kwartaal, b.kwartaal) if a.kwartaal != b.kwartaal else None))
    kinds = Counter(c.status for c in changed if c.status)
    rank = {s: i for i, s in enumerate(MILESTONE_STATUSES)}
    return ProjectChanges(
        since=before.meetmoment, status=status,
        added=tuple(ref[c] for c in order if c not in old),
        gone=tuple(ref[c] for c in order if c not in new),
        milestones=tuple(changed),
        milestones_added=len(set(new_ms) - set(old_ms)),
        milestones_gone=len(set(old_ms) - set(new_ms)),
        started=sum(1 for s in status if s.before == "grijs" and s.after not in NOT_STARTED),
        put_on_agenda=sum(1 for s in status
                          # the same set as the check and annex 1 (core/statuses)
                          if s.before in ("lichtgroen", "grijs") and s.after in AGENDA_STATUSES),
        realised=tuple(s for s in status if s.after == "geel"),
        back_to_grey=tuple(s for s in status if s.after == "grijs"
                           and s.before not in NOT_STARTED and s.before != "geel"),
        unrealised=tuple(s for s in status if s.before == "geel"),
        reopened=tuple(s for s in status if s.before == "blauw"),
        milestones_unrealised=tuple(c for c in changed if c.status and c.status[0] == "geel"),
        milestones_reopened=tuple(c for c in changed if c.status and c.status[0] == "blauw"),
        milestones_realised_gone=sum(1 for k in set(old_ms) - set(new_ms)
                                     if old_ms[k].status == "geel"),
        milestone_kinds=tuple(
            MilestoneKind(a, b, n, milestone_went_back(a, b))
            for (a, b), n in sorted(kinds.items(),
                                    key=lambda kv: (-kv[1], rank.get(kv[0][0], 99),
                                                    rank.get(kv[0][1], 99)))),
        milestones_later=sum(1 for c in changed if c.quarter and c.quarter[1] > c.quarter[0]),
        milestones_earlier=sum(1 for c in changed if c.quarter and c.quarter[1] < c.quarter[0]),
    )


def project_figures(round_: m.Round, plan: m.Plan) -> ProjectFigures:
    counts = Counter(p.status for p in round_.projects)
    listed = {
        status: tuple(ProjectRef(p.code, p.titel)
                      for p in sorted(round_.projects, key=lambda p: m.code_number(p.code))
                      if p.status == status)
        for status in PROJECT_STATUSES
    }
    return ProjectFigures(
        total=len(round_.projects),
        by_status={s: counts.get(s, 0) for s in PROJECT_STATUSES},
        started=sum(counts.get(s, 0) for s in STARTED_PROJECT),
        listed=listed,
        herstelplan=sum(1 for p in round_.projects if p.herstelplan),
        relance=sum(1 for p in round_.projects if p.code in plan.relance_projecten),
    )


def milestone_figures(round_: m.Round) -> MilestoneFigures:
    counts = Counter(ms.status for ms in round_.milestones)
    per: dict[m.Quarter, Counter] = {}
    for ms in round_.milestones:
        per.setdefault(ms.kwartaal, Counter())[ms.status] += 1
    series: list[QuarterCount] = []
    first = min(per) if per else None
    last = max(per) if per else None
    if first and last:
        q = first
        while q <= last:
            c = per.get(q, Counter())
            series.append(QuarterCount(q, {s: c.get(s, 0) for s in MILESTONE_STATUSES}))
            q = q.next()
    titles = {p.code: p.titel for p in round_.projects}
    rood = sorted({ms.project for ms in round_.milestones if ms.status == "rood"},
                  key=m.code_number)
    return MilestoneFigures(
        total=len(round_.milestones),
        by_status={s: counts.get(s, 0) for s in MILESTONE_STATUSES},
        started=len(round_.milestones) - counts.get("grijs", 0),
        on_track=sum(counts.get(s, 0) for s in ON_SCHEDULE_OR_REALISED),
        first_quarter=first, last_quarter=last, per_quarter=tuple(series),
        rood_projects=tuple(ProjectRef(c, titles[c]) for c in rood),
    )


def finance_figures(round_: m.Round, plan: m.Plan) -> FinanceFigures:
    speerpunt_of = {p.code: p.speerpunt for p in round_.projects}
    per = []
    rows_of: dict[int | None, list[m.FinanceRow]] = {}
    for f in round_.finance:
        rows_of.setdefault(speerpunt_of.get(f.project), []).append(f)
    for sp in plan.speerpunten:
        rows = rows_of.get(sp.nummer, [])
        per.append(SpeerpuntFinance(
            sp.nummer, sp.naam, sum((f.beleidsruimte for f in rows), Decimal(0)),
            sum((f.vastgelegd for f in rows), Decimal(0)),
            sum((f.vereffend for f in rows), Decimal(0))))
    return FinanceFigures(
        envelope=plan.relancebudget,
        beleidsruimte=sum((f.beleidsruimte for f in round_.finance), Decimal(0)),
        vastgelegd=sum((f.vastgelegd for f in round_.finance), Decimal(0)),
        vereffend=sum((f.vereffend for f in round_.finance), Decimal(0)),
        per_speerpunt=tuple(per),
    )


def _investment(inv: m.Investment) -> InvestmentFigure:
    parts = tuple(_investment(p) for p in inv.onderdelen)
    total = inv.bedrag if inv.bedrag is not None else sum((p.bedrag for p in parts), Decimal(0))
    return InvestmentFigure(inv.naam, inv.toelichting, total, parts)


def code_ranges(codes: list[str]) -> tuple[str, ...]:
    """Codes as the note names them: runs of consecutive numbers as one range,
    ['VV001', 'VV002', 'VV003', 'VV181'] -> ('VV001-VV003', 'VV181')."""
    ordered = sorted(set(codes), key=m.code_number)
    runs: list[list[str]] = []
    for code in ordered:
        if runs and m.code_number(code) == m.code_number(runs[-1][-1]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return tuple(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def plan_figures(plan: m.Plan, round_: m.Round) -> PlanFigures:
    """The plan as this round has it: the projects and ranges the note names are those of
    the round (a project added later is not named in an older round's note)."""
    pmv = tuple(_investment(i) for i in plan.pmv_instrumenten)
    codes = [p.code for p in round_.projects]
    relance = [c for c in codes if c in plan.relance_projecten]
    regular = [c for c in codes if c in plan.reguliere_projecten]
    return PlanFigures(
        naam=plan.naam, envelope=plan.relancebudget,
        relance_count=len(relance),
        relance_ranges=code_ranges(relance),
        regular_ranges=code_ranges(regular),
        speerpunten=plan.speerpunten, clusters=len(plan.clusters),
        pmv_total=sum((i.bedrag for i in pmv), Decimal(0)), pmv=pmv,
        andere=tuple(_investment(i) for i in plan.andere_investeringen),
        monitoring=plan.monitoring, monitoring_besluit=plan.monitoring_besluit,
    )


def previous_from_round(fig: RoundFigures) -> PreviousFigures:
    return PreviousFigures(
        meetmoment=fig.meetmoment, projects_by_status=fig.projects.by_status,
        milestones_by_status=fig.milestones.by_status, milestones_total=fig.milestones.total,
        vastgelegd=fig.finance.vastgelegd, vereffend=fig.finance.vereffend, from_folder=True)


def previous_from_key_figures(vorige: m.PreviousKeyFigures) -> PreviousFigures:
    return PreviousFigures(
        meetmoment=vorige.meetmoment,
        projects_by_status={k: v for k, v in (("oranje", vorige.projecten_oranje),
                                              ("rood", vorige.projecten_rood))
                            if v is not None} or None,
        milestones_by_status=dict(vorige.mijlpalen) or None,
        milestones_total=vorige.mijlpalen_totaal,
        vastgelegd=vorige.vastgelegd, vereffend=vorige.vereffend, from_folder=False)


def amount_change(before: Decimal | None, after: Decimal) -> AmountChange | None:
    if before is None:
        return None
    multiple = None
    if before > 0:
        ratio = after / before
        nearest = int(ratio.to_integral_value())
        if nearest >= 2 and abs(ratio - nearest) <= DOUBLING_TOLERANCE * nearest:
            multiple = nearest
    return AmountChange(before, after, after - before, multiple)


def compute(round_: m.Round, plan: m.Plan, previous: PreviousFigures | None,
            earlier: tuple[dt.date, ...], previous_round: m.Round | None = None) -> RoundFigures:
    finance = finance_figures(round_, plan)
    return RoundFigures(
        meetmoment=round_.meetmoment, meting=round_.meting, earlier=earlier,
        plan=plan_figures(plan, round_), projects=project_figures(round_, plan),
        milestones=milestone_figures(round_), finance=finance, previous=previous,
        vastgelegd_change=amount_change(previous and previous.vastgelegd, finance.vastgelegd),
        vereffend_change=amount_change(previous and previous.vereffend, finance.vereffend),
        changes=project_changes(previous_round, round_) if previous_round else None,
    )


# --- figures of the annexes ------------------------------------------------------------

@dataclass(frozen=True)
class ProjectFinance:
    code: str
    rows: tuple[m.FinanceRow, ...]  # one per source
    beleidsruimte: Decimal
    vastgelegd: Decimal
    vereffend: Decimal


@dataclass(frozen=True)
class SpeerpuntStatuses:
    nummer: int
    naam: str
    by_status: Mapping[str, int]
    total: int


@dataclass(frozen=True)
class OutputRate:
    indicator: m.OutputIndicator
    rate: Decimal | None  # realisatie / streefwaarde; None without a target


@dataclass(frozen=True)
class ImpactChange:
    indicator: m.ImpactIndicator
    change: Decimal | None  # waarde - basiswaarde


@dataclass(frozen=True)
class DashboardSeries:
    indicator: str
    categorie: str
    eenheid: str
    bron: str
    points: tuple[tuple[str, Decimal], ...]  # (periode, waarde), in time order


RATE_CLASSES: tuple[tuple[str, Decimal | None], ...] = (
    ("minder dan 25%", Decimal("0.25")), ("25% tot 50%", Decimal("0.5")),
    ("50% tot 75%", Decimal("0.75")), ("75% tot 100%", Decimal("1")),
    ("100% of meer", None),
)


@dataclass(frozen=True)
class AnnexFigures:
    finance_by_project: Mapping[str, ProjectFinance]
    statuses_by_speerpunt: tuple[SpeerpuntStatuses, ...]
    output_rates: tuple[OutputRate, ...] | None  # None: no outputindicatoren.csv
    rate_classes: tuple[tuple[str, int], ...]  # indicators with a target, per rate class
    with_target: int  # output indicators that have a target (streefwaarde)
    output_projects: int  # projects that report output indicators
    impact: tuple[ImpactChange, ...] | None
    dashboard: tuple[DashboardSeries, ...] | None


def _rate_class(rate: Decimal) -> str:
    for label, bound in RATE_CLASSES:
        if bound is None or rate < bound:
            return label
    raise AssertionError(rate)


def annex_figures(round_: m.Round, plan: m.Plan) -> AnnexFigures:
    rows_of: dict[str, list[m.FinanceRow]] = {}
    for row in round_.finance:
        rows_of.setdefault(row.project, []).append(row)
    finance = {
        code: ProjectFinance(code, tuple(rows), sum((r.beleidsruimte for r in rows), Decimal(0)),
                             sum((r.vastgelegd for r in rows), Decimal(0)),
                             sum((r.vereffend for r in rows), Decimal(0)))
        for code, rows in rows_of.items()
    }
    by_sp = []
    status_counts: dict[int, Counter] = {}
    for p in round_.projects:
        status_counts.setdefault(p.speerpunt, Counter())[p.status] += 1
    for sp in plan.speerpunten:
        counts = status_counts.get(sp.nummer, Counter())
        by_sp.append(SpeerpuntStatuses(sp.nummer, sp.naam,
                                       {s: counts.get(s, 0) for s in PROJECT_STATUSES},
                                       sum(counts.values())))
    rates = None
    classes: tuple[tuple[str, int], ...] = ()
    with_target = output_projects = 0
    if round_.output_indicators is not None:
        rates = tuple(OutputRate(i, i.realisatie / i.streefwaarde if i.streefwaarde else None)
                      for i in round_.output_indicators)
        counted = Counter(_rate_class(r.rate) for r in rates if r.rate is not None)
        classes = tuple((label, counted.get(label, 0)) for label, _ in RATE_CLASSES)
        with_target = sum(counted.values())
        output_projects = len({r.indicator.project for r in rates})
    impact = None
    if round_.impact_indicators is not None:
        impact = tuple(ImpactChange(i, i.waarde - i.basiswaarde
                                    if i.basiswaarde is not None else None)
                       for i in round_.impact_indicators)
    dashboard = None
    if round_.dashboard is not None:
        series: dict[str, list[m.DashboardPoint]] = {}
        for point in round_.dashboard:
            series.setdefault(point.indicator, []).append(point)
        dashboard = tuple(
            DashboardSeries(name, pts[0].categorie, next((p.eenheid for p in pts if p.eenheid), ""),
                            next((p.bron for p in pts if p.bron), ""),
                            tuple((p.periode, p.waarde) for p in sorted(pts, key=lambda p: p.periode)))
            for name, pts in series.items())
    return AnnexFigures(finance, tuple(by_sp), rates, classes, with_target, output_projects,
                        impact, dashboard)
