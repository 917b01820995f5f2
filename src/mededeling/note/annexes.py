"""The annexes as documents of blocks, phrased from the computed figures.

Which annexes a round has, and their numbers, is note/annex_list's (a missing optional
file leaves its annex out; none shows a placeholder).

Like `phrases` for the note: every number comes from `figures`, every format from
`dutch`; the renderers only lay these documents out, in Word and in PDF alike.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mededeling.core import dutch as nl
from mededeling.core import model as m
from mededeling.core.blocks import (
    Block, BulletList, Cell, Document, Fields, Figure, Heading, Item, Paragraph, Run,
    Section,
    Table, internal_link, para,
)
from mededeling.note.figures import AnnexFigures, RoundFigures
from mededeling.note.annex_list import Annex, annexes_of
from mededeling.note.phrases import MILESTONE_CHART
from mededeling.core.statuses import (
    AGENDA_STATUSES, MILESTONE_STATUSES, PROJECT_STATUSES, STATUSES,
)

STATUSES_PER_SPEERPUNT = "statussen-per-speerpunt"
FINANCE_PER_SPEERPUNT = "financiering-per-speerpunt"
RATE_CHART = "realisatiegraad"
DASHBOARD_CHART = "dashboard-{}"
DASH = "–"
SMALL_TABLE_ROWS = 8  # a table of at most this many rows (its total included) is never split
# a field block of at most this many lines (a value's line taken as this many characters,
# about what the value column holds) is never split: 'Europese middelen: Nee' alone atop a
# page reads as a block of its own; a block of long texts may run on
SMALL_FIELDS_LINES, FIELD_LINE_CHARS = 8, 70
NBSP = "\u00a0"


def whole(text: str) -> str:
    """A text no renderer breaks over two lines, its spaces no-break spaces (U+00A0, the
    same in PDF and Word): an amount with its share ('486 miljoen euro (36,78%)'), a value
    with its year ('44.100 (2005)'). The column widths are then fitted to it whole."""
    return text.replace(" ", NBSP)


def table(columns: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...], widths: tuple[int, ...],
          total: tuple[Cell, ...] | None = None, of: str = "") -> Table:
    """A table of an annex: kept on one page if it has a few rows, else, where it runs on,
    the next page says whose rows they are (`of`: the project or section)."""
    small = len(rows) + (total is not None) <= SMALL_TABLE_ROWS
    return Table(columns, rows, widths, total=total, keep_together=small,
                 continued=f"{of} (vervolg)" if of else "", title="" if small else of)


@dataclass(frozen=True)
class ChartRequest:
    """A chart an annex shows: the renderer draws it from the figures named here."""

    name: str
    alt: str


def fields(rows: tuple[tuple[str, tuple[Run, ...]], ...]) -> Fields:
    """A field block, kept on one page if it is a few short lines."""
    lines = sum(max(1, -(-sum(len(r.text) for r in value) // FIELD_LINE_CHARS))
                for _, value in rows)
    return Fields(rows, keep_together=lines <= SMALL_FIELDS_LINES)


def with_lead_ins(section: Section) -> Section:
    """The section (and its subsections) with every paragraph or field block that
    directly precedes a table marked as its lead-in: it stays on the page where the
    table starts, never alone at a page foot with the table on the next page (a heading
    before it keeps with it in any case)."""
    blocks = list(section.blocks)
    for i, (block, after) in enumerate(zip(blocks, blocks[1:])):
        if isinstance(after, Table) and isinstance(block, (Paragraph, Fields)):
            blocks[i] = dataclasses.replace(block, keep_with_next=True)
    return dataclasses.replace(section, blocks=tuple(blocks), subsections=tuple(
        with_lead_ins(sub) for sub in section.subsections))


def runs(text: str, link: str | None = None) -> tuple[Run, ...]:
    return (Run(text or DASH, link=link if text else None),)


def cell(text: str, **kw) -> Cell:
    return Cell(runs(text), **kw)


def status_cell(status: str, milestone: bool = False) -> Cell:
    info = STATUSES[status]
    label = info.milestone_label if milestone else info.project_label
    return Cell((Run(f"{status.capitalize()}: {label}" if not milestone else label.capitalize()),),
                status=status)


def _title(fig: RoundFigures, annex: Annex) -> str:
    return f"Bijlage {annex.number}: " + annex.title(fig.plan.naam, nl.date(fig.meetmoment))


def _document(fig: RoundFigures, annex: Annex, sections: tuple[Section, ...],
              toc: bool = False) -> Document:
    return Document(annex.name, _title(fig, annex),
                    f"Mededeling aan de Vlaamse Regering – {nl.ordinal(fig.meting)} meting "
                    f"{nl.date(fig.meetmoment)}", tuple(with_lead_ins(s) for s in sections),
                    toc=toc,
                    meetmoment=nl.date(fig.meetmoment))


# --- bijlage 1: globaal rapport ----------------------------------------------------------

def _list_text(items: tuple[str, ...]) -> str:
    return "; ".join(items)


@dataclass(frozen=True)
class ByProject:
    """The rows of a round grouped by project once, so that laying out every project's
    section grows with the round, not with its square."""

    titles: dict[str, str]
    milestones: dict[str, list[m.Milestone]]
    agenda: dict[str, list[m.Agendering]]

    @classmethod
    def of(cls, round_: m.Round) -> "ByProject":
        milestones: dict[str, list[m.Milestone]] = {}
        for ms in round_.milestones:
            milestones.setdefault(ms.project, []).append(ms)
        agenda: dict[str, list[m.Agendering]] = {}
        for a in round_.agenderingen or ():
            agenda.setdefault(a.project, []).append(a)
        return cls({p.code: p.titel for p in round_.projects}, milestones, agenda)


def _not_yet_on_agenda(p: m.Project, round_: m.Round) -> bool:
    """Whether annex 1 may say that a project without an agendering row was not yet put on
    the agenda: its status must not say it was (donkergroen does), and agenderingen.csv
    must have been handed in, unless the status itself says it was not (lichtgroen)."""
    if p.status in AGENDA_STATUSES:
        return False
    return round_.agenderingen is not None or p.status == "lichtgroen"


def project_section(p: m.Project, round_: m.Round, plan: m.Plan, fig: RoundFigures,
                    annex: AnnexFigures, by: ByProject) -> Section:
    speerpunten = {s.nummer: s.naam for s in plan.speerpunten}
    clusters = {c.nummer: c.naam for c in plan.clusters}
    label = f"{p.code} {p.titel}"
    blocks: list[Block] = [
        table(("Projectstatus", "Algemene beschrijving van de projectvoortgang"),
              ((status_cell(p.status), cell(p.voortgang)),), (28, 72), of=label),
        Heading("Betrokkenen"),
        fields((
            ("Bevoegde minister", runs(p.bevoegde_minister)),
            ("Trekkende entiteit", runs(p.trekkende_entiteit)),
            ("Webpagina", runs(p.webpagina, link=p.webpagina)),
            ("Betrokken entiteiten", runs(_list_text(p.betrokken_entiteiten))),
            ("Andere belanghebbenden", runs(_list_text(p.andere_belanghebbenden))),
        )),
        Heading("Projectsituering"),
        fields((
            ("Speerpunt", runs(f"{p.speerpunt}. {speerpunten.get(p.speerpunt, '')}")),
            ("Cluster", runs(f"{p.cluster}. {clusters.get(p.cluster, '')}")),
        )),
        Heading("Projectomschrijving"),
        para(p.omschrijving),
        Heading("Input, output, outcome en impact"),
        fields((("Input", runs(p.input)), ("Output", runs(p.output)),
                ("Outcome", runs(p.outcome)), ("Impact", runs(p.impact)))),
        Heading("Mijlpalen"),
    ]
    milestones = sorted(by.milestones.get(p.code, ()), key=lambda ms: ms.nummer)
    if milestones:
        blocks.append(table(
            ("Nr.", "Omschrijving", "Kwartaal", "Status", "Toelichting"),
            tuple((cell(str(ms.nummer), numeric=True), cell(ms.omschrijving),
                   cell(f"{ms.kwartaal.year} K{ms.kwartaal.q}"),
                   status_cell(ms.status, milestone=True), cell(ms.toelichting))
                  for ms in milestones),
            (6, 40, 11, 15, 28), of=label))
    else:
        blocks.append(para("Voor dit project zijn geen mijlpalen opgenomen."))
    blocks += [Heading("Financiering"), *_project_finance(p, plan, annex, label)]
    blocks.append(Heading("Agendering Vlaamse Regering"))
    agenda = sorted(by.agenda.get(p.code, ()), key=lambda a: (a.datum, a.titel))
    if agenda:
        blocks.append(table(("Datum", "Titel"), tuple(
            (cell(nl.date(a.datum)), Cell(runs(a.titel, link=a.url or None))) for a in agenda),
            (22, 78), of=label))
    elif _not_yet_on_agenda(p, round_):
        blocks.append(para("Dit project werd nog niet geagendeerd op de Vlaamse Regering "
                           f"t.e.m. {nl.date(round_.meetmoment)}."))
    else:
        # donkergroen ('opgestart na agendering VR') without a row, or no agenderingen.csv
        # at all: what is not known is not denied (the check warns, input/rules)
        blocks.append(para("Er werd voor dit project geen agendering aangeleverd."))
    blocks.append(Heading("Koppeling met andere projecten"))
    if p.koppelingen:
        blocks.append(BulletList(tuple(
            Item((Run(f"{code} {by.titles.get(code, '')}".strip(), link=internal_link(code)),))
            for code in p.koppelingen)))
    else:
        blocks.append(para("Geen koppelingen met projecten buiten de eigen cluster."))
    # projects follow one another (no page each: a short project's last field would
    # stand alone on a page of its own); the renderers keep a project's head together
    return Section("", label, tuple(blocks), anchor=p.code, depth=1)


def _project_finance(p: m.Project, plan: m.Plan, annex: AnnexFigures,
                     label: str) -> list[Block]:
    if p.code in plan.relance_projecten:
        source = "Eenmalige relancemiddelen"
    elif p.code in plan.reguliere_projecten:
        source = "Reguliere middelen (niet apart opgevolgd; zie de Beleids- en Begrotingstoelichting)"
    else:
        source = "Niet opgenomen in de financiering van het plan"
    block = fields((
        ("Middelen", runs(source)),
        ("Plan voor Herstel en Veerkracht", runs(
            "Ja, opgenomen in de Vlaamse bijdrage" if p.herstelplan else "Nee")),
        ("Europese middelen", runs({True: "Ja", False: "Nee", None: DASH}[p.europese_middelen])),
    ))
    blocks: list[Block] = [block]
    pf = annex.finance_by_project.get(p.code)
    if pf is None:
        if p.code in plan.relance_projecten:
            blocks.append(para("Voor dit project werden geen bedragen opgegeven."))
        return blocks
    rows = tuple(
        (cell(r.bron.capitalize()), cell(whole(nl.euro(r.beleidsruimte)), numeric=True),
         cell(whole(f"{nl.euro(r.vastgelegd)} ({nl.share(r.vastgelegd, r.beleidsruimte)})"),
              numeric=True),
         cell(whole(f"{nl.euro(r.vereffend)} ({nl.share(r.vereffend, r.beleidsruimte)})"),
              numeric=True))
        for r in pf.rows)
    total = (cell("Totaal"), cell(whole(nl.euro(pf.beleidsruimte)), numeric=True),
             cell(whole(f"{nl.euro(pf.vastgelegd)} "
                        f"({nl.share(pf.vastgelegd, pf.beleidsruimte)})"), numeric=True),
             cell(whole(f"{nl.euro(pf.vereffend)} "
                        f"({nl.share(pf.vereffend, pf.beleidsruimte)})"), numeric=True))
    blocks.append(table(("Bron", "Beleidsruimte", "Vastgelegd", "Vereffend"), rows,
                        (16, 26, 29, 29), total=total if len(pf.rows) > 1 else None, of=label))
    return blocks


def global_report(round_: m.Round, plan: m.Plan, fig: RoundFigures,
                  annex: AnnexFigures) -> Document:
    by = ByProject.of(round_)
    projects = sorted(round_.projects, key=lambda p: m.code_number(p.code))
    return _document(fig, the_annex(round_, "globaal-rapport"),
                     tuple(project_section(p, round_, plan, fig, annex, by)
                           for p in projects), toc=True)


# --- bijlage 2: covernota ----------------------------------------------------------------

def _previous_header(fig: RoundFigures) -> str:
    assert fig.previous is not None
    return f"Vorige meting ({nl.month_year(fig.previous.meetmoment)})"


def covernota(round_: m.Round, plan: m.Plan, fig: RoundFigures,
              annex: AnnexFigures) -> tuple[Document, tuple[ChartRequest, ...]]:
    pf, ms, fin = fig.projects, fig.milestones, fig.finance
    prev = fig.previous
    prev_projects = prev.projects_by_status if prev else None
    columns = ("Status", "Betekenis", "Aantal", "Aandeel")
    widths: tuple[int, ...] = (18, 40, 12, 12)
    if prev_projects:
        columns += (_previous_header(fig),)
        widths = (16, 36, 11, 11, 26)
    rows = []
    for s in PROJECT_STATUSES:
        row = (Cell((Run(s.capitalize()),), status=s), cell(STATUSES[s].project_label),
               cell(nl.number(pf.by_status[s]), numeric=True),
               cell(nl.share(pf.by_status[s], pf.total), numeric=True))
        if prev_projects:
            row += (cell(nl.number(prev_projects[s]) if s in prev_projects else DASH,
                         numeric=True),)
        rows.append(row)
    total: tuple[Cell, ...] = (cell("Totaal"), cell(""), cell(nl.number(pf.total), numeric=True),
                               cell(nl.share(1, 1), numeric=True))
    if prev_projects:
        total += (cell(nl.number(prev.projects_total) if prev and prev.projects_total
                       else DASH, numeric=True),)
    project_table = table(columns, tuple(rows), widths, total=total)

    prev_ms = prev.milestones_by_status if prev else None
    columns = ("Status", "Aantal", "Aandeel")
    widths = (40, 20, 20)
    if prev_ms:
        columns += (_previous_header(fig),)
        widths = (34, 16, 16, 34)
    rows = []
    for s in MILESTONE_STATUSES:
        row = (Cell((Run(STATUSES[s].milestone_label.capitalize()),), status=s),
               cell(nl.number(ms.by_status[s]), numeric=True),
               cell(nl.share(ms.by_status[s], ms.total), numeric=True))
        if prev_ms:
            row += (cell(f"{nl.number(prev_ms[s])} ({nl.share(prev_ms[s], prev.milestones_total or 0)})"
                         if s in prev_ms and prev and prev.milestones_total else DASH,
                         numeric=True),)
        rows.append(row)
    total = (cell("Totaal"), cell(nl.number(ms.total), numeric=True), cell(nl.share(1, 1), numeric=True))
    if prev_ms:
        total += (cell(nl.number(prev.milestones_total) if prev and prev.milestones_total
                       else DASH, numeric=True),)
    milestone_table = table(columns, tuple(rows), widths, total=total)

    finance_rows = tuple(
        (cell(f"{s.nummer}. {s.naam}"),
         cell(whole(nl.measured_euro(s.beleidsruimte)), numeric=True),
         cell(whole(f"{nl.measured_euro(s.vastgelegd)} "
                    f"({nl.share(s.vastgelegd, s.beleidsruimte)})"), numeric=True),
         cell(whole(f"{nl.measured_euro(s.vereffend)} "
                    f"({nl.share(s.vereffend, s.beleidsruimte)})"), numeric=True))
        for s in fin.per_speerpunt)
    finance_table = table(
        ("Speerpunt", "Beleidsruimte", "Vastgelegd", "Vereffend"), finance_rows, (40, 18, 21, 21),
        total=(cell("Totaal"), cell(whole(nl.measured_euro(fin.beleidsruimte)), numeric=True),
               cell(whole(f"{nl.measured_euro(fin.vastgelegd)} "
                          f"({nl.share(fin.vastgelegd, fin.beleidsruimte)})"), numeric=True),
               cell(whole(f"{nl.measured_euro(fin.vereffend)} "
                          f"({nl.share(fin.vereffend, fin.beleidsruimte)})"), numeric=True)))

    speerpunt_of = {s.nummer: f"{s.nummer}" for s in plan.speerpunten}
    status_rows = tuple(
        (cell(p.code), cell(p.titel), cell(speerpunt_of.get(p.speerpunt, str(p.speerpunt)),
                                          numeric=True),
         Cell((Run(p.status.capitalize()),), status=p.status))
        for p in sorted(round_.projects, key=lambda p: m.code_number(p.code)))

    sp_alt = ("Gestapeld staafdiagram van de projectstatussen per speerpunt: "
              + "; ".join(f"speerpunt {s.nummer}: {nl.number(s.total)} projecten"
                          for s in annex.statuses_by_speerpunt) + ".")
    fin_alt = ("Staafdiagram per speerpunt van de beleidsruimte, de vastgelegde en de "
               "vereffende bedragen; samen " + nl.measured_euro(fin.beleidsruimte)
               + " beleidsruimte, " + nl.measured_euro(fin.vastgelegd) + " vastgelegd en "
               + nl.measured_euro(fin.vereffend) + " vereffend.")
    from mededeling.note.phrases import milestone_chart_alt

    datum = nl.date(fig.meetmoment)
    on_track = ((f"{nl.number(ms.on_track)} van de {nl.number(ms.started)} gestarte mijlpalen "
                 f"({nl.percent(ms.on_track, ms.started, 1)}) "
                 f"{nl.plural(ms.on_track, 'is', 'zijn')} op schema of gerealiseerd."
                 if ms.on_track else f"Geen enkele van de {nl.number(ms.started)} gestarte "
                 "mijlpalen is op schema of gerealiseerd.")
                if ms.started else "Er zijn nog geen gestarte mijlpalen.")
    sections = (
        Section("1", "KERNCIJFERS PROJECTSTATUSSEN", (
            para(f"Op {datum} telt het relanceplan {nl.number(pf.total)} projecten, waarvan "
                 f"{nl.number(pf.started)} ({nl.percent(pf.started, pf.total)}) opgestart."),
            project_table,
            Figure(STATUSES_PER_SPEERPUNT, sp_alt))),
        Section("2", "KERNCIJFERS MIJLPALEN", (
            para(on_track), milestone_table, Figure(MILESTONE_CHART, milestone_chart_alt(fig)))),
        Section("3", "VASTLEGGINGEN EN VEREFFENINGEN PER SPEERPUNT", (
            para(f"Bedragen van de projecten gefinancierd met de {nl.plan_euro(fin.envelope)} aan "
                 "eenmalige relancemiddelen; aandelen ten opzichte van de beleidsruimte."),
            finance_table, Figure(FINANCE_PER_SPEERPUNT, fin_alt))),
        Section("4", "PROJECTSTATUS PER PROJECT", (
            table(("Code", "Titel", "Speerpunt", "Status"), status_rows, (11, 59, 12, 18),
                  of="4. PROJECTSTATUS PER PROJECT"),)),
    )
    charts = (ChartRequest(STATUSES_PER_SPEERPUNT, sp_alt),
              ChartRequest(MILESTONE_CHART, milestone_chart_alt(fig)),
              ChartRequest(FINANCE_PER_SPEERPUNT, fin_alt))
    return _document(fig, the_annex(round_, "covernota"), sections), charts


# --- bijlage 3: impactindicatoren ----------------------------------------------------------

# the proportions of annex 3's columns before they are fitted to their words: the source (an
# agency's full name) as wide as the values, the change (a short signed number) narrow
IMPACT_WIDTHS = (30, 12, 15, 15, 12, 16)

def _value(value, year) -> str:
    if value is None:
        return DASH
    return nl.number(value, 2) + (f"{NBSP}({year})" if year else "")


def is_percentage(eenheid: str) -> bool:
    """A unit that makes the value a percentage: '%', '% van de bevolking', 'procent'."""
    unit = eenheid.strip().lower()
    return unit.startswith("%") or unit.split(" ", 1)[0] in ("procent", "percent")


def _change(change, eenheid: str) -> str:
    """The change since the base value: a percentage changes in procentpunten
    ('+0,5 procentpunten'), any other value by its own number ('-6890')."""
    if change is None:
        return DASH
    return nl.points(change) if is_percentage(eenheid) else nl.signed(change)


def impact_note(round_: m.Round, plan: m.Plan, fig: RoundFigures,
                annex: AnnexFigures) -> Document:
    intro: tuple[Block, ...]
    text = round_.teksten.get("impactindicatoren")
    intro = text.flat() if text else (para(
        "Voor deze meting werd geen toelichting bij de impactindicatoren aangeleverd."),)
    sections = [Section("1", "TOELICHTING", intro)]
    assert annex.impact is not None  # else the round has no such annex (annex_list)
    # one set of column widths for every speerpunt's table, fitted to all their rows:
    # the columns stand in line from page to page
    rows_of = {sp.nummer: tuple(
        (cell(c.indicator.indicator), cell(c.indicator.eenheid),
         cell(_value(c.indicator.basiswaarde, c.indicator.basisjaar), numeric=True),
         cell(_value(c.indicator.waarde, c.indicator.jaar), numeric=True),
         cell(_change(c.change, c.indicator.eenheid), numeric=True),
         cell(c.indicator.bron))
        for c in annex.impact if c.indicator.speerpunt == sp.nummer)
        for sp in plan.speerpunten}
    every_row = tuple(row for rows in rows_of.values() for row in rows)
    subs = []
    for sp in plan.speerpunten:
        number, title = f"2.{len(subs) + 1}", f"SPEERPUNT {sp.nummer}: {sp.naam.upper()}"
        if not rows_of[sp.nummer]:
            blocks: tuple[Block, ...] = (para("Voor dit speerpunt werden geen "
                                              "impactindicatoren opgegeven."),)
        else:
            blocks = (dataclasses.replace(table(
                ("Indicator", "Eenheid", "Basiswaarde", "Huidige waarde", "Verandering",
                 "Bron"), rows_of[sp.nummer], IMPACT_WIDTHS, of=f"{number}. {title}"),
                fit_rows=every_row),)
        subs.append(Section(number, title, blocks))
    sections.append(Section("2", "IMPACTINDICATOREN PER SPEERPUNT", (), tuple(subs)))
    return _document(fig, the_annex(round_, "impactindicatoren"), tuple(sections))


# --- bijlage 4: outputindicatoren ------------------------------------------------------

def output_lead(indicators: int, projects: int, with_target: int, round_projects: int) -> str:
    """Annex 4's first sentence, as a person writes it: 'De 150 projecten hebben elk één
    outputindicator, alle met een streefwaarde.', '12 projecten hebben samen 30
    outputindicatoren, waarvan 25 met een streefwaarde.', '1 project heeft 3
    outputindicatoren, geen enkele met een streefwaarde.'; then how the rate is made, if
    there is one."""
    if not indicators:
        return "Voor deze meting werden geen outputindicatoren opgegeven."
    who = nl.count(projects, "project", "projecten")
    if projects == round_projects and projects > 1:
        who = "De " + who
    if projects == 1:
        has = (f"{who} heeft "
               + ("één outputindicator" if indicators == 1
                  else nl.count(indicators, "outputindicator", "outputindicatoren")))
    elif indicators == projects:
        has = f"{who} hebben elk één outputindicator"
    else:
        has = f"{who} hebben samen {nl.count(indicators, 'outputindicator', 'outputindicatoren')}"
    if with_target == indicators:
        target = {1: "met een streefwaarde", 2: "beide met een streefwaarde"}.get(
            indicators, "alle met een streefwaarde")
    elif not with_target:
        target = "zonder streefwaarde" if indicators == 1 else "geen enkele met een streefwaarde"
    else:
        target = f"waarvan {nl.number(with_target)} met een streefwaarde"
    text = f"{has}, {target}."
    if with_target:
        text += " De realisatiegraad is de realisatie gedeeld door de streefwaarde."
    else:
        text += " Zonder streefwaarde is er geen realisatiegraad."
    return text


def output_overview(round_: m.Round, plan: m.Plan, fig: RoundFigures,
                    annex: AnnexFigures) -> tuple[Document, tuple[ChartRequest, ...]]:
    assert annex.output_rates is not None  # else the round has no such annex (annex_list)
    rates = annex.output_rates
    me = the_annex(round_, "outputindicatoren")
    alt = ("Staafdiagram van het aantal outputindicatoren per klasse van realisatiegraad: "
           + "; ".join(f"{label}: {nl.number(n)}" for label, n in annex.rate_classes) + ".")
    projects = {p.code: p for p in round_.projects}
    subs = []
    rates_of: dict[str, list] = {}
    for r in rates:  # grouped once: a round of 18.000 projects stays linear
        rates_of.setdefault(r.indicator.project, []).append(r)
    for code in sorted(rates_of, key=m.code_number):
        items = rates_of[code]
        label = f"{code} {projects[code].titel}"
        subs.append(Section("", label, (table(
            ("Indicator", "Eenheid", "Streefwaarde", "Realisatie", "Realisatiegraad"),
            tuple((cell(r.indicator.indicator), cell(r.indicator.eenheid),
                   cell(nl.number(r.indicator.streefwaarde, 2), numeric=True),
                   cell(nl.number(r.indicator.realisatie, 2), numeric=True),
                   cell(nl.share(r.indicator.realisatie, r.indicator.streefwaarde)
                        if r.rate is not None else DASH, numeric=True))
                  for r in items),
            (36, 16, 15, 13, 20), of=label),), anchor=f"output_{code}", depth=2))  # a Word bookmark name: no "-"
    lead = para(output_lead(len(rates), annex.output_projects, annex.with_target,
                            len(round_.projects)))
    if not annex.with_target:  # no rate to draw
        return _document(fig, me, (Section("1", "OVERZICHT", (lead,)),) + ((Section(
            "2", "OUTPUTINDICATOREN PER PROJECT", (), tuple(subs)),) if subs else ())), ()
    intro = Section("1", "OVERZICHT", (lead, Figure(RATE_CHART, alt)))
    return (_document(fig, me, (intro, Section("2", "OUTPUTINDICATOREN PER PROJECT", (),
                                                tuple(subs)))),
            (ChartRequest(RATE_CHART, alt),))


# --- bijlage 5: dashboardindicatoren -------------------------------------------------------

def measured(value, eenheid: str) -> str:
    """A value with its unit as a sentence says it: '444' (a count needs no 'aantal'),
    '28,1%', '0,8 (saldo)', '2,5 miljard euro', '1,2% t.o.v. vorig kwartaal'."""
    number = nl.number(value, 2)
    unit = eenheid.strip()
    if not unit or unit.lower() == "aantal":
        return number
    if unit.startswith("%"):
        return number + unit  # no space before %, as every share of the note
    if unit.lower() in ("saldo", "index", "score"):
        return f"{number} ({unit})"
    return f"{number} {unit}"


def dashboard_overview(round_: m.Round, plan: m.Plan, fig: RoundFigures,
                       annex: AnnexFigures) -> tuple[Document, tuple[ChartRequest, ...]]:
    assert annex.dashboard is not None  # else the round has no such annex (annex_list)
    charts = []
    sections = []
    for number, (categorie, title) in enumerate(
            (("maatschappelijk", "MAATSCHAPPELIJKE INDICATOREN"),
             ("economisch", "ECONOMISCHE INDICATOREN")), start=1):
        blocks: list[Block] = []
        for i, series in enumerate(annex.dashboard):
            if series.categorie != categorie:
                continue
            first, last = series.points[0], series.points[-1]
            name = DASHBOARD_CHART.format(i + 1)
            alt = (f"Lijndiagram van {series.indicator}"
                   + (f" ({series.eenheid})" if series.eenheid else "")
                   + f" van {nl.period(first[0])} tot {nl.period(last[0])}: van "
                   f"{nl.number(first[1], 2)} naar "
                   f"{nl.number(last[1], 2)}.")
            charts.append(ChartRequest(name, alt))
            blocks += [Heading(series.indicator), Figure(name, alt), para(
                f"Laatste waarde ({nl.period(last[0])}): {measured(last[1], series.eenheid)}"
                + (f". Bron: {series.bron}." if series.bron else "."))]
        if not blocks:
            blocks = [para("Geen indicatoren in deze categorie.")]
        sections.append(Section(str(number), title, tuple(blocks)))
    return _document(fig, the_annex(round_, "dashboardindicatoren"), tuple(sections)), \
        tuple(charts)


def the_annex(round_: m.Round, slug: str) -> Annex:
    """This round's annex of that kind, with its number."""
    return next(a for a in annexes_of(round_) if a.kind.slug == slug)


def all_annexes(round_: m.Round, plan: m.Plan, fig: RoundFigures,
                annex: AnnexFigures) -> tuple[tuple[Document, ...], tuple[ChartRequest, ...]]:
    """The annexes the round has (annex_list.annexes_of), in their order, and the charts
    they show."""
    made: dict[str, tuple[Document, tuple[ChartRequest, ...]]] = {}
    for a in annexes_of(round_):
        slug = a.kind.slug
        if slug == "globaal-rapport":
            made[slug] = global_report(round_, plan, fig, annex), ()
        elif slug == "covernota":
            made[slug] = covernota(round_, plan, fig, annex)
        elif slug == "impactindicatoren":
            made[slug] = impact_note(round_, plan, fig, annex), ()
        elif slug == "outputindicatoren":
            made[slug] = output_overview(round_, plan, fig, annex)
        elif slug == "dashboardindicatoren":
            made[slug] = dashboard_overview(round_, plan, fig, annex)
        else:  # a kind added to annex_list without its document
            raise AssertionError(slug)
    docs = tuple(doc for doc, _ in made.values())
    # the charts in the order they always had: covernota's, the rates', the dashboard's
    return docs, tuple(c for _, charts in made.values() for c in charts)
