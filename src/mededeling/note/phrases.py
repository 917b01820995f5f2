"""The note's Dutch sentences, made from the computed figures.

The wording follows the real note of 31 December 2021 (the official wording is the
output format); where the seed has no example (red projects, no grey one, several
realised projects, stopped ones, no previous round) the sentence keeps the seed's
pattern and agrees in number. Only words are decided here: every number comes from
`figures`, every format from `dutch`.
"""

from __future__ import annotations

from collections import Counter
import dataclasses
from dataclasses import dataclass
from typing import Callable

from mededeling.core import dutch as nl
from mededeling.core.blocks import (
    Block, Figure, Item, Narrative, Run, Section, bullets, item, para, with_keys,
)
from mededeling.note.annex_list import Annex
from mededeling.note.figures import AmountChange, InvestmentFigure, ProjectRef, RoundFigures
from mededeling.core.model import AttentionGroup, Quarter, Signatory, code_number
from mededeling.core.statuses import MILESTONE_STATUSES, STATUSES

# a group of section 3.1 (ronde.toml's [[aandacht]]) beside more than this many other
# projects names those others in one list ('de projecten VV001 ‘…’, ...'), not one by one
MAX_ONE_BY_ONE = 5
MULTIPLES = {2: "het dubbele", 3: "het drievoudige", 4: "het viervoudige",
             5: "het vijfvoudige", 6: "het zesvoudige", 7: "het zevenvoudige",
             8: "het achtvoudige", 9: "het negenvoudige", 10: "het tienvoudige"}
MILESTONE_CHART = "mijlpalen"
# how many projects a group of section 3.1 has, in words as the note writes them
COUNT_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht",
               9: "negen", 10: "tien", 11: "elf", 12: "twaalf"}
# fixed references of section 6.1, as the real note words them
SPEERPUNTEN_SOURCE = "zoals aangekondigd in de septemberverklaring van 2020"
CLUSTERS_SOURCE = "zoals meegedeeld op de VR op 5 februari 2021"
HERSTELPLAN_DECISION = ("Mededeling aan de Vlaamse Regering van 2 april 2021",
                        "https://beslissingenvlaamseregering.vlaanderen.be/document-view/"
                        "6066D105364ED90008000651")
DRAFT_MARK = "ONTWERP"  # on every page of a draft


@dataclass(frozen=True)
class Note:
    """Everything the note says, ready to be laid out."""

    functie_hoofding: str
    titel: str
    betreft: str
    samenvatting: str
    sections: tuple[Section, ...]
    ondertekening: Signatory
    bijlagen: tuple[str, ...]
    document_title: str  # metadata title of the files
    meetmoment: str
    chart_alt: dict[str, str]
    # only in a note compared with the previous round's (note.comparison): the header's
    # texts as changes, by field ('betreft', 'bijlage/0' for the first annex line,
    # 'ondertekening.naam', ...)
    marks: tuple[tuple[str, tuple[Run, ...]], ...] = ()

    def with_marked_header(self, draw: "Callable[[tuple[Run, ...]], str]") -> "Note":
        """The note with each header text that changed (see `marks`) drawn by `draw` from
        its runs (Word's tracked changes, HTML's <del>/<ins>); one list of the header's
        fields for every renderer."""
        marks = dict(self.marks)

        def text(name: str, plain: str) -> str:
            return draw(marks[name]) if name in marks else plain

        return dataclasses.replace(
            self, **{f: text(f, getattr(self, f))
                     for f in ("functie_hoofding", "titel", "betreft", "samenvatting")},
            bijlagen=tuple(text(f"bijlage/{i}", b) for i, b in enumerate(self.bijlagen)),
            ondertekening=dataclasses.replace(
                self.ondertekening, naam=text("ondertekening.naam", self.ondertekening.naam),
                functie=text("ondertekening.functie", self.ondertekening.functie)))


# --- small helpers ---------------------------------------------------------------------

def ref(p: ProjectRef) -> str:
    return f"{p.code} {nl.quoted(p.titel)}"


def refs(projects: tuple[ProjectRef, ...]) -> str:
    """'VV137 ‘…’ en VV142 ‘…’': every list of projects names each with its code and
    title, however long, so that no list of bare codes stands beside lists that name
    them (the real note titles every project it lists one by one)."""
    return nl.join(ref(p) for p in projects)


def the_projects(projects: tuple[ProjectRef, ...]) -> str:
    """'het project VV120 ‘…’', 'de projecten VV137 ‘…’ en VV142 ‘…’'."""
    return ("het project " if len(projects) == 1 else "de projecten ") + refs(projects)


def keyed(key: str, text: str) -> Item:
    return Item((Run(text),), key=key)


def direction(before: int, after: int) -> int:
    return (after > before) - (after < before)


# --- the note --------------------------------------------------------------------------

def note(fig: RoundFigures, signatory: Signatory, teksten: dict[str, Narrative],
         taskforce: "object | None", groups: tuple[AttentionGroup, ...] = (), *,
         annexes: tuple[Annex, ...]) -> Note:
    """The note; `groups` are the orange and red projects ronde.toml names together,
    `annexes` the annexes the round attaches (note/annex_list.annexes_of): its annex
    list and section 6 name exactly those."""
    datum = nl.date(fig.meetmoment)
    plan = fig.plan.naam
    ordinal = nl.ordinal(fig.meting)
    betreft = f"Monitoring relanceplan {plan}: {ordinal} meting {datum}"
    sections = tuple(with_keys(s) for s in (
        Section("1", "INLEIDING", introduction(fig)),
        Section("2", f"RELANCEPLAN {plan.upper()}", plan_section(fig)),
        Section("3", f"VOORTGANG UITVOERING RELANCEPROJECTEN {datum.upper()}",
                (para(f"Hieronder kan men de voortgang van deze {nl.number(fig.projects.total)} "
                      f"relanceprojecten op meetmoment {datum} vinden, inzake globale voortgang, "
                      "inzake mijlpalen en inzake vastleggingen en vereffeningen."),),
                (Section("3.1", "GLOBALE VOORTGANG", global_progress(fig, groups)),
                 Section("3.2", "MIJLPALEN", milestones(fig)),
                 Section("3.3", "VASTLEGGINGEN EN VEREFFENINGEN", finance(fig)))),
        Section("4", "FEEDBACK VANUIT HET MAATSCHAPPELIJK RELANCECOMITÉ, HET ECONOMISCH "
                "RELANCECOMITÉ, HET KLIMAATEXPERTENPANEL EN DE SOCIALE PARTNERS (SERV)",
                feedback(fig, teksten.get("feedback"), taskforce)),
        communication(teksten.get("communicatie")),
        Section("6", "BIJLAGES BIJ DE MEDEDELING", (), annex_sections(fig, annexes)),
    ))
    return Note(
        functie_hoofding=signatory.functie.upper(),
        titel="MEDEDELING AAN DE VLAAMSE REGERING",
        betreft=betreft,
        samenvatting=("Deze mededeling aan de Vlaamse Regering geeft een overzicht van de "
                      "voortgang van de uitvoering van de projecten van het relanceplan "
                      f"{plan} op het {ordinal} meetmoment van {datum}."),
        sections=sections,
        ondertekening=signatory,
        bijlagen=tuple(f"BIJLAGE {a.number}: " + a.title(plan, datum) for a in annexes),
        document_title=f"Mededeling aan de Vlaamse Regering – {betreft}",
        meetmoment=datum,
        chart_alt={MILESTONE_CHART: milestone_chart_alt(fig)},
    )


def introduction(fig: RoundFigures) -> tuple[Block, ...]:
    """Section 1. How often the plan is monitored is the plan's own decision, so it comes
    from plan.toml (`monitoring`, `monitoring_besluit`), never from here: a round
    measured in June is not said to be measured in March/April. Without the key, a
    sentence that names no months."""
    text = ("Deze mededeling bevat een overzicht van de voortgang van de uitvoering van de "
            f"projecten van het relanceplan {fig.plan.naam} op het meetmoment "
            f"{nl.date(fig.meetmoment)}.")
    how, decision = fig.plan.monitoring, fig.plan.monitoring_besluit
    if how:
        # 'drie keer per jaar (maart/april, ...)': what stands between brackets at the end
        # follows the verb, as the real note words it
        when, brackets = how, ""
        if how.endswith(")") and "(" in how:
            when, _, rest = how.rpartition("(")
            when, brackets = when.rstrip(), f" ({rest}"
        text += f" Het Vlaams Relanceplan wordt {when} gemonitord{brackets}"
        text += f", zoals gestipuleerd in de {decision}." if decision else "."
    else:
        text += " Het Vlaams Relanceplan wordt op geregelde tijdstippen gemonitord."
    return (para(text),)


def _ranges(ranges: tuple[str, ...]) -> str:
    return nl.join(r.replace("-", " t.e.m. ") for r in ranges)


def _investment_line(inv: InvestmentFigure, parenthesised: bool) -> Item:
    amount = nl.plan_euro(inv.bedrag)
    if parenthesised:
        text = f"{inv.naam} ({inv.toelichting}): {amount}" if inv.toelichting else (
            f"{inv.naam}: {amount}")
    else:
        text = f"{inv.naam}: {amount}" + (f", {inv.toelichting}" if inv.toelichting else "")
        if inv.onderdelen:
            text += ":"
    return Item((Run(text),), tuple(_investment_line(p, parenthesised=False)
                                    for p in inv.onderdelen))


def plan_section(fig: RoundFigures) -> tuple[Block, ...]:
    p = fig.plan
    envelope = nl.plan_euro(p.envelope)
    blocks: list[Block] = [
        para(f"Het relanceplan telt {nl.number(p.relance_count)} eenmalige relanceprojecten "
             f"(elk project kreeg een code van {_ranges(p.relance_ranges)}) en investeert de "
             f"komende jaren {envelope} in onze economie en maatschappij, met "
             f"{nl.number(len(p.speerpunten))} speerpunten:"),
        bullets(*(f"{s.naam};" if i < len(p.speerpunten) else f"{s.naam}."
                  for i, s in enumerate(p.speerpunten, start=1)), ordered=True),
    ]
    if p.regular_ranges or p.pmv:
        text = (f"Naast de {nl.number(p.relance_count)} projecten, die gefinancierd worden door "
                f"de {envelope} aan eenmalige relancemiddelen, spendeert de Vlaamse Regering "
                "ook herstelmiddelen via bestaande en extra reguliere financiering")
        if p.regular_ranges:
            text += f" (projecten {_ranges(p.regular_ranges)})"
        if p.pmv:
            text += (f". Zo worden heel wat PMV-instrumenten ({nl.plan_euro(p.pmv_total)}) "
                     "ingezet om de economie en de ondernemingen te ondersteunen:")
        else:
            text += "."
        blocks.append(para(text))
        if p.pmv:
            blocks.append(bullets(*(_investment_line(i, True) for i in p.pmv)))
    if p.andere:
        blocks.append(para("Daarnaast investeert de Vlaamse Regering ook nog in onder meer:"))
        blocks.append(bullets(*(_investment_line(i, False) for i in p.andere)))
    return tuple(blocks)


def global_progress(fig: RoundFigures,
                    groups: tuple[AttentionGroup, ...] = ()) -> tuple[Block, ...]:
    pf = fig.projects
    total = pf.total
    datum = nl.date(fig.meetmoment)
    n = pf.by_status
    blocks: list[Block] = []
    if pf.started:
        blocks.append(para(
            f"{nl.number(pf.started)} van de {nl.number(total)} relanceprojecten "
            f"({nl.percent(pf.started, total)}) {nl.plural(pf.started, 'is', 'zijn')} "
            f"opgestart op {datum}:", key="3.1/opgestart"))
    else:
        blocks.append(para(f"Geen enkel relanceproject is opgestart op {datum}.",
                           key="3.1/opgestart"))
    items: list[Item] = []
    for status, label, agenda in (
            ("lichtgroen", "opgestart", "maar {had} nog geen formele agendering"),
            ("donkergroen", "opgestart na agendering VR", ", en {had} al een agendering")):
        if n[status]:
            one = n[status] == 1
            had = agenda.format(had="kende" if one else "kenden")
            items.append(keyed(f"3.1/{status}",
                f"{nl.count(n[status], 'project', 'projecten')} of "
                f"{nl.percent(n[status], total)} {'heeft' if one else 'hebben'} de status "
                f"{nl.quoted(label)}{'' if had.startswith(',') else ' '}{had} op de Vlaamse "
                f"Regering. {'Dit project krijgt' if one else 'Deze projecten krijgen'} de "
                f"kleur {status}."))
    if n["geel"]:
        one = n["geel"] == 1
        items.append(keyed("3.1/geel",
            f"{nl.count(n['geel'], 'project', 'projecten')} {'krijgt' if one else 'krijgen'} "
            f"de status {nl.quoted('gerealiseerd')}. Het gaat over {refs(pf.listed['geel'])}."))
    if items:
        blocks.append(bullets(*items))

    for status, need in (("oranje", "bijkomende aandacht nodig"),
                         ("rood", "bijkomende actie noodzakelijk")):
        blocks.append(para(attention(fig, status, need, groups), key=f"3.1/{status}"))
    if n["grijs"]:
        one = n["grijs"] == 1
        blocks.append(para(
            f"{nl.count(n['grijs'], 'relanceproject', 'relanceprojecten')} "
            f"({nl.percent(n['grijs'], total)}) {'is' if one else 'zijn'} nog niet gestart "
            f"(grijs) op {datum}. Het gaat over: {refs(pf.listed['grijs'])}.", key="3.1/grijs"))
    else:
        blocks.append(para(
            f"Geen enkel relanceproject heeft nog de status {nl.quoted('nog niet gestart')} "
            f"(grijs) op {datum}.", key="3.1/grijs"))
    if n["blauw"]:
        one = n["blauw"] == 1
        blocks.append(para(
            f"{nl.count(n['blauw'], 'relanceproject', 'relanceprojecten')} "
            f"({nl.percent(n['blauw'], total)}) {'werd' if one else 'werden'} definitief "
            f"stopgezet (blauw). Het gaat over: {refs(pf.listed['blauw'])}.", key="3.1/blauw"))
    if fig.changes is not None:
        blocks.append(para(changes_sentence(fig), key="3.1/bijkomend"))
    comparison = project_comparison(fig)
    if comparison:
        blocks.append(para(comparison, key="3.1/vergelijking"))
    return tuple(blocks)


def attention(fig: RoundFigures, status: str, need: str,
              groups: tuple[AttentionGroup, ...] = ()) -> str:
    """The projects that need attention (oranje) or action (rood), or that none do."""
    pf, datum = fig.projects, nl.date(fig.meetmoment)
    n = pf.by_status[status]
    if not n:
        return (f"Geen enkel relanceproject krijgt de projectstatus {nl.quoted(status)} op het "
                f"meetmoment {datum}, waarbij {need} is.")
    return (f"Voor {nl.number(n)} van de {nl.number(pf.total)} relanceprojecten "
            f"({nl.percent(n, pf.total)}) is op meetmoment {datum} {need} ({status}). Dit "
            f"betreft {grouped(pf.listed[status], groups)}.")


def grouped(projects: tuple[ProjectRef, ...], groups: tuple[AttentionGroup, ...]) -> str:
    """The projects as the real note names its orange ones: each group staff gave as
    'drie digitaliseringsprojecten binnen de Vlaamse overheid VV056, VV057 en VV058',
    the others one by one ('het project VV120 ‘…’'), in the order of their first code.
    Without a group of these projects, the list is as it always was."""
    codes = {p.code for p in projects}
    mine = [g for g in groups if set(g.projecten) <= codes]
    if not mine:
        return the_projects(projects)
    in_group = {c for g in mine for c in g.projecten}
    rest = tuple(p for p in projects if p.code not in in_group)
    parts = [(code_number(g.projecten[0]),
              f"{COUNT_WORDS.get(len(g.projecten), nl.number(len(g.projecten)))} {g.groep} "
              f"{nl.join(g.projecten)}") for g in mine]
    if len(rest) > MAX_ONE_BY_ONE:  # many: one list, each still with its title
        parts.append((code_number(rest[0].code), the_projects(rest)))
    else:
        parts += [(code_number(p.code), f"het project {ref(p)}") for p in rest]
    return nl.join(text for _, text in sorted(parts))


def changes_sentence(fig: RoundFigures) -> str:
    """'Er werden 7 projecten bijkomend opgestart en 72 projecten bijkomend geagendeerd
    op de Vlaamse Regering sinds april 2021.', as the note of September 2021 says; then
    the projects realised since, and those that are no longer realised or open again
    (real events the note names, never leaves to a count)."""
    ch = fig.changes
    assert ch is not None
    since = nl.month_year(ch.since)
    if not ch.started and not ch.put_on_agenda:
        text = (f"Sinds {since} werden geen projecten bijkomend opgestart of geagendeerd op de "
                "Vlaamse Regering.")
    else:
        parts = []
        if ch.started:
            parts.append(f"{nl.count(ch.started, 'project', 'projecten')} bijkomend opgestart")
        if ch.put_on_agenda:
            parts.append(f"{nl.count(ch.put_on_agenda, 'project', 'projecten')} bijkomend "
                         "geagendeerd op de Vlaamse Regering")
        first = ch.started or ch.put_on_agenda
        text = f"Er {nl.plural(first, 'werd', 'werden')} {nl.join(parts)} sinds {since}."
    sentences = [text]
    if ch.realised:
        n = len(ch.realised)
        sentences.append(f"Sinds {since} {nl.plural(n, 'werd', 'werden')} "
                         f"{nl.count(n, 'project', 'projecten')} bijkomend gerealiseerd: "
                         f"{refs(tuple(c.project for c in ch.realised))}.")
    for moved, was in ((ch.unrealised, ("gerealiseerd was, is", "gerealiseerd waren, zijn")),
                       (ch.reopened, ("definitief stopgezet was, staat",
                                      "definitief stopgezet waren, staan"))):
        if moved:
            n = len(moved)
            how = "dat niet langer" if moved is ch.unrealised else "opnieuw open"
            sentences.append(
                f"{nl.count(n, 'project', 'projecten')} {nl.plural(n, 'dat', 'die')} "
                f"{nl.plural(n, *was)} {how}: "
                f"{nl.join(f'{ref(c.project)} (nu {c.after})' for c in moved)}.")
    return " ".join(sentences)


ATTENTION = "het aantal projecten waarvoor bijkomende aandacht nodig is"
ORANGE = "het aantal projecten waarvoor bijkomende aandacht nodig is (oranje)"
BOTH = "het aantal projecten waarvoor bijkomende aandacht of actie nodig is (oranje en rood samen)"
RED = "het aantal projecten waarvoor bijkomende actie noodzakelijk is (rood)"
NO_ORANGE_AGAIN = ("Zoals bij de vorige meting is voor geen enkel project bijkomende aandacht "
                   "nodig (oranje).")


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _moved(d: int) -> str:
    return {1: "steeg", -1: "daalde", 0: "bleef gelijk"}[d]


def _to(n: int) -> str:
    """The end of 'van 2 naar ...': never '0 projecten'."""
    return nl.count(n, "project", "projecten") if n else "geen enkel project"


def attention_comparison(before: dict[str, int], now: dict[str, int],
                         worse_elsewhere: bool) -> str | None:
    """The orange and red projects now and before, judged on the whole: orange and red
    together, red named whenever it rises, 'Positief' only when nothing worsens (not red,
    not the projects to start, no project going back), 'Kanttekening' when it worsens,
    both plainly when they move apart. Red 0 in both rounds (the sample) keeps the real
    note's sentence about orange alone."""
    if "oranje" not in before:
        return None
    oa, ob, rb = before["oranje"], now["oranje"], now["rood"]
    ra = before.get("rood")
    if ra is None and rb:  # [vorige] without projecten_rood: only orange can be compared
        d = direction(oa, ob)
        if d > 0:
            return (f"Kanttekening is wel dat {ORANGE} toeneemt, nl. van {nl.number(oa)} naar "
                    f"{_to(ob)}.")
        if d < 0:
            return (f"{_cap(ORANGE)} daalde van {nl.number(oa)} naar "
                    f"{_to(ob)}.")
        if not ob:
            return NO_ORANGE_AGAIN
        return f"{_cap(ORANGE)}, bleef gelijk, nl. {nl.count(ob, 'project', 'projecten')}."
    if not ra and not rb:  # no red project in either round: orange is the whole story
        span = f"van {nl.number(oa)} naar {_to(ob)}"
        if ob > oa:
            return f"Kanttekening is wel dat {ATTENTION} toeneemt, nl. {span}."
        if ob < oa:
            if worse_elsewhere:
                return f"{_cap(ATTENTION)} daalde wel, nl. {span}."
            return f"Positief is dat {ATTENTION} afneemt, nl. {span}."
        if not ob:  # not 'bleef gelijk, nl. 0 projecten'
            return NO_ORANGE_AGAIN
        return f"{_cap(ATTENTION)}, bleef gelijk, nl. {nl.count(ob, 'project', 'projecten')}."
    assert ra is not None
    ta, tb = oa + ra, ob + rb
    dt_, dr = direction(ta, tb), direction(ra, rb)
    span = f"van {nl.number(ta)} naar {_to(tb)}"
    red_span = f"van {nl.number(ra)} naar {_to(rb)}"
    if dt_ * dr < 0 or (dt_ == 0 and dr < 0):  # mixed: both, plainly
        first = (f"{_cap(BOTH)}, bleef gelijk, nl. {nl.count(tb, 'project', 'projecten')}"
                 if dt_ == 0 else f"{_cap(BOTH)} {_moved(dt_)} {span}")
        return f"{first}, maar {RED} {_moved(dr)} {red_span}."
    if dt_ > 0:
        text = f"Kanttekening is wel dat {BOTH} toeneemt, nl. {span}"
        if dr > 0:
            text += f", en dat ook {RED} toeneemt, nl. {red_span}"
        return text + "."
    if dt_ == 0:
        if dr > 0:
            return (f"Kanttekening is wel dat {RED} toeneemt, nl. {red_span}; oranje en rood "
                    f"samen bleef het aantal gelijk, nl. {nl.count(tb, 'project', 'projecten')}.")
        return f"{_cap(BOTH)}, bleef gelijk, nl. {nl.count(tb, 'project', 'projecten')}."
    # fewer orange and red together, and red not rising
    if worse_elsewhere:
        text = f"{_cap(BOTH)} daalde wel, nl. {span}"
        return text + (f", en {RED} daalde {red_span}" if dr < 0 else "") + "."
    text = f"Positief is dat {BOTH} afneemt, nl. {span}"
    if dr < 0:
        text += f", en dat ook {RED} afneemt, nl. {red_span}"
    return text + "."


def project_comparison(fig: RoundFigures) -> str | None:
    """3.1's comparison: the projects still to start (from a previous folder), those that
    went back to grey, then the orange and red ones (see attention_comparison)."""
    prev = fig.previous
    if prev is None:
        return None
    now = fig.projects.by_status
    before = dict(prev.projects_by_status or {})
    ch = fig.changes
    back = ch.back_to_grey if ch else ()
    # started before and grey now, a realised one included: no 'vooruitgang' then
    regressed = back + tuple(c for c in (ch.unrealised if ch else ()) if c.after == "grijs")
    sentences = []
    opening = f"In vergelijking met de meting in {nl.months_of(fig.earlier)}"
    worse = bool(ch and (ch.back_to_grey or ch.unrealised))
    if prev.from_folder:
        # progress is read, as the notes do, from the projects still to start (grijs)
        grey, grey_before = now["grijs"], before.get("grijs", 0)
        if grey < grey_before and not regressed:
            sentences.append(f"{opening} is duidelijk vooruitgang geboekt.")
            sentences.append("Alle projecten zijn nu formeel van start gegaan." if grey == 0 else
                             f"Nog slechts {nl.count(grey, 'project moet', 'projecten moeten')} "
                             "formeel van start gaan.")
        elif grey < grey_before:  # fewer, but some went back: no 'vooruitgang' on the whole
            sentences.append(f"{opening} moeten minder projecten formeel van start gaan: "
                             f"{nl.number(grey)} in plaats van {nl.number(grey_before)}.")
        elif grey == grey_before == 0:
            sentences.append(f"{opening} zijn alle projecten formeel van start gegaan.")
        elif grey == grey_before:
            sentences.append(f"{opening} moeten nog evenveel projecten formeel van start gaan: "
                             f"{nl.number(grey)}.")
        else:
            worse = True
            sentences.append(f"{opening} moeten meer projecten formeel van start gaan: "
                             f"{nl.number(grey)} in plaats van {nl.number(grey_before)}.")
        if back:
            n = len(back)
            # 'Daarbij': the sentence before may end on a number ('2 in plaats van 1.')
            were = nl.plural(n, "staat {n} project dat al gestart was,",
                             "staan {n} projecten die al gestart waren,")
            sentences.append(f"Daarbij {were.format(n=nl.number(n))} opnieuw op grijs: "
                             f"{refs(tuple(c.project for c in back))}.")
    text = attention_comparison(before, now, worse)
    if text:
        if not sentences and text != NO_ORANGE_AGAIN:  # that one names the comparison
            text = f"{opening}: " + text[0].lower() + text[1:]
        sentences.append(text)
    return " ".join(sentences) or None


def _milestone_change(label: str, status: str, fig: RoundFigures, between: str) -> tuple[int, str]:
    prev = fig.previous
    assert prev is not None and prev.milestones_by_status is not None
    ms = fig.milestones
    a, b = prev.milestones_by_status[status], ms.by_status[status]
    at, bt = prev.milestones_total or 0, ms.total
    d = direction(a, b)
    # two shares compared: both with the same decimals ('16,40%' beside '27,61%')
    share_a, share_b = nl.percents((a, at), (b, bt))
    before = f"{nl.number(a)} ({share_a})"
    after = f"{nl.number(b)} ({share_b})"
    if d > 0:
        return d, f"{label} steeg {between}van {before} naar {after}"
    if d < 0:
        return d, f"{label} daalde {between}van {before} naar {after}"
    return d, f"{label} bleef {between}gelijk op {after}"


# what a milestone is now, as the predicate of 'is ...' / 'zijn ...'
MILESTONE_NOW = {"donkergroen": "op schema", "oranje": "vertraagd", "rood": "bij te sturen",
                 "geel": "gerealiseerd", "grijs": "nog niet gestart", "blauw": "stopgezet"}


def milestones_back(fig: RoundFigures) -> list[str]:
    """The milestones that went back since the previous folder, beside 3.2's comparison:
    a fall in realised milestones never stands without a word why."""
    ch = fig.changes
    assert ch is not None
    out: list[str] = []
    for moved, was in ((ch.milestones_unrealised, "gerealiseerd"),
                       (ch.milestones_reopened, "definitief stopgezet")):
        if not moved:
            continue
        n = len(moved)
        after = Counter(c.status[1] for c in moved if c.status)
        kinds = [s for s in MILESTONE_STATUSES if after.get(s)]
        projects = tuple(sorted({c.project for c in moved}, key=lambda r: code_number(r.code)))
        where = (f"project {ref(projects[0])}" if len(projects) == 1
                 else f"de projecten {refs(projects)}")
        lead = (f"{nl.count(n, 'mijlpaal', 'mijlpalen')} die bij de "
                f"vorige meting {was} {nl.plural(n, 'was', 'waren')}")
        if len(kinds) == 1:
            out.append(f"{lead}, {nl.plural(n, 'is', 'zijn')} nu {MILESTONE_NOW[kinds[0]]} "
                       f"(in {where}).")
        else:
            parts = [f"{nl.number(after[s])} {MILESTONE_NOW[s]}" for s in kinds]
            parts[0] = (f"{nl.number(after[kinds[0]])} {nl.plural(after[kinds[0]], 'is', 'zijn')}"
                        f" nu {MILESTONE_NOW[kinds[0]]}")
            out.append(f"{lead}, {nl.plural(n, 'is', 'zijn')} dat niet langer: "
                       f"{nl.join(parts)} (in {where}).")
    gone = ch.milestones_realised_gone
    if gone:
        out.append(f"{nl.count(gone, 'mijlpaal', 'mijlpalen')} die bij de vorige meting "
                   f"gerealiseerd {nl.plural(gone, 'was, staat', 'waren, staan')} niet meer in "
                   "de monitoring.")
    return out


def milestones(fig: RoundFigures) -> tuple[Block, ...]:
    ms = fig.milestones
    n = ms.by_status
    prev = fig.previous
    if not ms.total:
        return (para("Er zijn nog geen mijlpalen opgenomen in de monitoring."),)
    blocks: list[Block] = [para(
        f"De grafiek hieronder toont de status van alle mijlpalen van de "
        f"{nl.number(fig.projects.total)} relanceprojecten tot de datum van de laatste mijlpaal "
        f"die werd opgenomen in {quarter_words(ms.last_quarter)}.", key="3.2/grafiek")]
    sentences: list[str] = []
    has_prev = (prev is not None and prev.milestones_by_status is not None
                and prev.milestones_total
                and {"donkergroen", "geel"} <= set(prev.milestones_by_status))
    if has_prev:
        assert prev is not None
        between = f"tussen {nl.month_year(prev.meetmoment)} en {nl.month_year(fig.meetmoment)} "
        d1, first = _milestone_change(
            "Het aantal gestarte mijlpalen dat op schema is", "donkergroen", fig, between)
        d2, second = _milestone_change("het aantal gerealiseerde mijlpalen", "geel", fig, "")
        joint = "maar" if d1 * d2 < 0 else "en"
        sentences.append(f"{first}, {joint} {second}.")
        if fig.changes is not None:
            sentences += milestones_back(fig)
    else:
        sentences.append(
            f"Op {nl.date(fig.meetmoment)} {nl.plural(n['donkergroen'], 'is', 'zijn')} "
            f"{nl.count(n['donkergroen'], 'gestarte mijlpaal', 'gestarte mijlpalen')} "
            f"({nl.percent(n['donkergroen'], ms.total)}) op schema en "
            f"{nl.plural(n['geel'], 'is', 'zijn')} {nl.count(n['geel'], 'mijlpaal', 'mijlpalen')} "
            f"({nl.percent(n['geel'], ms.total)}) gerealiseerd.")
    late = n["oranje"]
    compared = has_prev and prev is not None and "oranje" in prev.milestones_by_status
    was = prev.milestones_by_status["oranje"] if compared and prev is not None else 0
    # the two shares of one comparison with the same decimals ('4,85%' beside '2,78%')
    late_share, was_share = nl.percents((late, ms.total),
                                        (was, (prev.milestones_total if prev else 0) or 0))
    if late:
        text = (f"Voor {nl.count(late, 'mijlpaal', 'mijlpalen')} "
                f"({late_share if was else nl.percent(late, ms.total)}) wordt een vertraging "
                "vastgesteld")
    else:
        text = "Voor geen enkele mijlpaal wordt een vertraging vastgesteld"
    if compared:
        if was:
            text += (f", dat {nl.plural(was, 'was', 'waren')} er bij de vorige meting "
                     f"{nl.number(was)} ({was_share})")
        elif late:
            text += ", terwijl er bij de vorige meting geen enkele vertraagde mijlpaal was"
        else:
            text += ", net als bij de vorige meting"
    sentences.append(text + ".")
    red = n["rood"]
    if red == 1:
        sentences.append(f"De bij te sturen mijlpaal bevindt zich in project "
                         f"{ref(ms.rood_projects[0])}.")
    elif red:
        where = (f"project {ref(ms.rood_projects[0])}" if len(ms.rood_projects) == 1
                 else f"de projecten {refs(ms.rood_projects)}")
        sentences.append(f"De {nl.number(red)} bij te sturen mijlpalen bevinden zich in {where}.")
    else:
        sentences.append("Geen enkele mijlpaal moet worden bijgestuurd.")
    if n["blauw"]:
        sentences.append(f"{nl.count(n['blauw'], 'mijlpaal', 'mijlpalen')} "
                         f"{nl.plural(n['blauw'], 'werd', 'werden')} definitief stopgezet.")
    grey = n["grijs"]
    if grey == 1:
        sentences.append("Tot slot is er ook 1 mijlpaal die, geheel volgens schema, nog niet is "
                         "gestart en waar dus nog geen activiteit te melden valt.")
    elif grey:
        sentences.append(f"Tot slot zijn er ook {nl.number(grey)} mijlpalen die, geheel volgens "
                         "schema, nog niet zijn gestart en waar dus nog geen activiteit te melden "
                         "valt.")
    blocks.append(para(" ".join(sentences), key="3.2/statussen"))
    blocks.append(Figure(MILESTONE_CHART, milestone_chart_alt(fig)))
    if ms.started:
        earlier = prev is not None and bool(prev.milestones_started) \
            and prev.milestones_on_track is not None
        # compared shares: both with the same decimals ('92,9% ... ten opzichte van 92,0%')
        shares = nl.percents((ms.on_track, ms.started), *(
            [(prev.milestones_on_track, prev.milestones_started)] if earlier and prev else []),
            decimals=1)
        if ms.on_track:
            text = (f"Bij deze {nl.ordinal(fig.meting)} meting "
                    f"{nl.plural(ms.on_track, 'is', 'zijn')} {nl.number(ms.on_track)} van de "
                    f"{nl.number(ms.started)}, of {shares[0]} van de gestarte mijlpalen op "
                    "schema of reeds gerealiseerd")
        else:  # not '0 van de 10, of 0%'
            text = (f"Bij deze {nl.ordinal(fig.meting)} meting is geen enkele van de "
                    f"{nl.number(ms.started)} gestarte mijlpalen op schema of reeds "
                    "gerealiseerd")
        if earlier:
            text += (f", ten opzichte van "
                     f"{shares[1]} bij de "
                     "vorige meting")
        blocks.append(para(text + ".", key="3.2/op-schema"))
    return tuple(blocks)


def quarter_words(q: Quarter | None) -> str:
    return nl.quarter(q.year, q.q) if q else ""


def milestone_chart_alt(fig: RoundFigures) -> str:
    ms = fig.milestones
    if not ms.total:
        return ""
    parts = [f"{nl.number(ms.by_status[s])} {STATUSES[s].milestone_label}"
             for s in ("geel", "donkergroen", "oranje", "rood", "blauw", "grijs")
             if ms.by_status[s]]
    return (f"Staafdiagram van de {nl.number(ms.total)} mijlpalen per gepland kwartaal, van "
            f"{quarter_words(ms.first_quarter)} tot {quarter_words(ms.last_quarter)}, gestapeld "
            f"per status: {nl.join(parts)}.")


def _change_sentence(change: AmountChange, month: str, allow_multiple: bool) -> str:
    before = nl.measured_euro(change.before)
    if allow_multiple and change.multiple in MULTIPLES:
        return f"Dat is {MULTIPLES[change.multiple]} van het bedrag in {month} ({before})."
    diff = nl.round_half_up(change.difference / nl.MILLION, 0)
    if diff == 0:
        return f"Dat is nagenoeg evenveel als in {month} ({before})."
    word = "meer" if diff > 0 else "minder"
    tail = f" ({before})" if allow_multiple else ""
    return f"Dat is {nl.measured_euro(abs(change.difference))} {word} dan in {month}{tail}."


def finance(fig: RoundFigures) -> tuple[Block, ...]:
    f = fig.finance
    p = fig.plan
    envelope = nl.plan_euro(f.envelope)
    relance = nl.join(p.relance_ranges)
    text = ("De vastleggingen en vereffeningen zijn ook goede maatstaven voor de voortgang van "
            f"de relanceprojecten. Projecten {relance} worden gefinancierd door de voorziene "
            f"{envelope} aan eenmalige relancemiddelen.")
    if p.regular_ranges:
        text += (f" Projecten {nl.join(p.regular_ranges)} worden gefinancierd met bijkomende "
                 "reguliere middelen. Vastleggingen en vereffeningen worden voor deze "
                 "laatstgenoemde projecten niet apart opgevolgd en kan men opvolgen via de "
                 "jaarlijkse Beleids- en Begrotingstoelichting (BBT).")
    text += (f" De cijfers hieronder slaan dus enkel op de vastleggingen en vereffeningen van de "
             f"projecten {relance} en de voorziene {envelope} aan eenmalige relancemiddelen.")
    prev_month = nl.month_year(fig.previous.meetmoment) if fig.previous else ""
    money = (f"{nl.measured_euro(f.vastgelegd)} of {nl.percent(f.vastgelegd, f.beleidsruimte)} "
             f"van de {envelope} aan relancemiddelen was vastgelegd op meetmoment "
             f"{nl.date(fig.meetmoment)}.")
    if fig.vastgelegd_change:
        money += " " + _change_sentence(fig.vastgelegd_change, prev_month, allow_multiple=True)
    money += (f" {nl.measured_euro(f.vereffend)} of {nl.percent(f.vereffend, f.beleidsruimte)} "
              f"van de {envelope} aan relancemiddelen was eind {nl.month_year(fig.meetmoment)} "
              "vereffend.")
    if fig.vereffend_change:
        money += " " + _change_sentence(fig.vereffend_change, prev_month, allow_multiple=False)
    return (para(text, key="3.3/middelen"), para(money, key="3.3/bedragen"))


def feedback(fig: RoundFigures, text: Narrative | None,
             taskforce: "object | None") -> tuple[Block, ...]:
    if text:
        return text.flat()
    subject = ("De feedback van het maatschappelijk relancecomité, het economisch relancecomité, "
               "het klimaatexpertenpanel en de sociale partners (SERV) op de "
               f"{nl.ordinal(fig.meting)} voortgangsrapportering")
    if taskforce is not None:
        return (para(f"{subject} werd op {nl.date(taskforce)} besproken in de Taskforce."),)  # type: ignore[arg-type]
    return (para(f"{subject} wordt besproken in de Taskforce."),)


def communication(text: Narrative | None) -> Section:
    if not text:
        return Section("5", "COMMUNICATIE", (para(
            "Voor deze meting werd geen tekst over de communicatie aangeleverd."),))
    lead: tuple[Block, ...] = ()
    subs = []
    for title, blocks in text.groups:
        if title is None:
            lead = blocks
        else:
            subs.append(Section(f"5.{len(subs) + 1}", title.upper(), blocks))
    return Section("5", "COMMUNICATIE", lead, tuple(subs))


def annex_sections(fig: RoundFigures,
                   annexes: tuple[Annex, ...]) -> tuple[Section, ...]:
    """Section 6: a subsection per annex the round attaches, numbered as they are
    (without impactindicatoren.csv the outputindicatoren are 6.3 and bijlage 3); the
    wording of each is the real note's."""
    total = nl.number(fig.projects.total)
    datum = nl.date(fig.meetmoment)
    project_statuses = [
        ("Donkergroen", "Dit project is opgestart en werd al minstens 1 keer deels of volledig "
                        "geagendeerd op de Vlaamse Regering"),
        ("Lichtgroen", "Dit project is opgestart maar werd nog niet geagendeerd op de Vlaamse "
                       "Regering"),
        ("Oranje", "Voor dit project is bijzondere aandacht nodig voor één of enkele "
                   "deelaspecten"),
        ("Rood", "Voor dit project is bijkomende actie noodzakelijk"),
        ("Geel", "Dit project is gerealiseerd"),
        ("Grijs", "Dit project is nog niet opgestart")]
    if fig.projects.by_status["blauw"]:  # the real note has no stopped project
        project_statuses.append(("Blauw", "Dit project werd definitief stopgezet"))
    legend_projects = [f"{name}: {text}" for name, text in project_statuses]
    legend_milestones = [f"{name}: {text}" for name, text in (
        ("Donkergroen", "Deze mijlpaal is op schema. De uitvoering loopt, en volgt het "
                        "afgesproken tijdspad."),
        ("Oranje", "De uitvoering loopt, maar er is sprake van een vertraging op het "
                   "afgesproken tijdspad."),
        ("Rood", "Deze mijlpaal moet worden bijgestuurd."),
        ("Geel", "Deze mijlpaal is gerealiseerd."),
        ("Grijs", "De uitvoering van de mijlpaal is nog niet gestart, maar dit is conform het "
                  "afgesproken tijdspad. Een mijlpaal blijft op ‘nog niet gestart’ staan, "
                  "zolang er binnen het project geen relevante activiteit is met betrekking "
                  "tot deze mijlpaal. Pas wanneer de uitvoering van deze mijlpaal effectief "
                  "gestart is, wordt bepaald of deze mijlpaal al dan niet ‘op schema’ is."),
        ("Blauw", "Deze mijlpaal werd stopgezet, in de zin van definitief stopgezet en dus "
                  "niet uitgesteld."))]
    plan = fig.plan.naam
    herstel = fig.projects.herstelplan
    decision, decision_url = HERSTELPLAN_DECISION
    fixed: tuple[Section, ...] = (
        # the real note's wording: a lead-in per part of a project's fiche, its bullets
        Section("6.1", "GLOBAAL RAPPORT", (
            para(f"In bijlage 1 kan men het globaal rapport terugvinden met alle details over de "
                 f"{total} projecten."),
            para("In het rapport kan men de betrokkenen bij het project terugvinden, onder meer:"),
            bullets("Bevoegde minister", "Trekkende entiteit Vlaamse overheid",
                    "Webpagina trekkende entiteit m.b.t. project",
                    "Betrokken entiteiten Vlaamse overheid", "Andere belanghebbenden"),
            para("De projectsituering geeft weer tot welk speerpunt en welke cluster het "
                 "project behoort:"),
            bullets(f"Speerpunten relanceplan: 1 van de {nl.number(len(fig.plan.speerpunten))} "
                    f"speerpunten van het relanceplan {SPEERPUNTEN_SOURCE}",
                    f"Cluster relanceplan: 1 van de {nl.number(fig.plan.clusters)} clusters "
                    f"van het relanceplan {CLUSTERS_SOURCE}"),
            para("De projectomschrijving:"),
            bullets("Beschrijft de inhoud van het project. Voor grote projecten met "
                    "verschillende subprojecten kan dit uitgebreider zijn. Hierin worden de "
                    "doelstellingen van het project weergegeven."),
            para("Input, output, outcome en impact:"),
            bullets("Beschrijft de input, de output, de outcome en de impact gelinkt aan het "
                    "project."),
            para("Algemene beschrijving van de projectvoortgang:"),
            bullets(item("Geeft weer wat de algemene status is van het globale project aan de "
                         "hand van een beschrijving en een kleurencode:", *legend_projects)),
            para("Gedetailleerde projectvoortgang aan de hand van mijlpalen:"),
            bullets(item("Beschrijft de voortgang van de verschillende beoogde mijlpalen aan de "
                         "hand van een beschrijving en een kleurencode. De volgende statussen "
                         "zijn mogelijk.", *legend_milestones)),
            para("Projectfinanciering:"),
            bullets("Geeft de beleidsruimte, de vastgelegde kredieten en de vereffende "
                    "kredieten weer.",
                    "De oorsprong van de middelen (Vlaams of Europees, relancebudgetten of "
                    "reguliere middelen) wordt per project weergegeven.",
                    Item((Run((f"{nl.number(herstel)} van de" if herstel else
                               "Geen van de") + f" {total} projecten van het "
                              f"relanceplan {nl.quoted(plan)} "
                              f"{nl.plural(herstel, 'is', 'zijn')} opgenomen in de Vlaamse "
                              "bijdrage aan het Plan voor Herstel en Veerkracht via een "),
                          Run(decision, link=decision_url), Run(".")))),
            para("Agendering Vlaamse Regering:"),
            bullets("Geeft weer of een project al geagendeerd is op de Vlaamse Regering t.e.m. "
                    f"{datum} met een link naar deze documenten."),
            para("Koppeling met andere projecten:"),
            bullets("Geeft het verband weer met andere projecten, buiten de eigen cluster."),
        )),
        Section("6.2", "COVERNOTA", (para(
            "In bijlage 2 kan men de covernota bij het globaal rapport vinden. Daarin kunnen de "
            f"kerncijfers en de projectstatussen van de {total} projecten worden teruggevonden. "
            "De covernota geeft m.a.w. een samenvatting weer van het globaal rapport in "
            "bijlage 1."),)),
    )
    optional = {
        "impactindicatoren": lambda n: ("NOTA IMPACTINDICATOREN", (
            f"In bijlage {n} kan men een nota vinden m.b.t. de impactindicatoren. Tussen meting "
            f"{fig.meting} en meting {fig.meting + 1} zal verder worden gewerkt op de kwaliteit "
            "van de impactindicatoren.")),
        "outputindicatoren": lambda n: ("OVERZICHT OUTPUTINDICATOREN", (
            f"In bijlage {n} kan een overzicht worden gevonden van de outputindicatoren per "
            "project en de realisatiegraad ervan.")),
        "dashboardindicatoren": lambda n: ("OVERZICHT DASHBOARDINDICATOREN", (
            f"In bijlage {n} steekt een overzicht van het dashboard van indicatoren zoals "
            f"ontsloten op de website van {plan}. Dit dashboard geeft een actueel beeld van "
            "enkele maatschappelijke en economische kernindicatoren.")),
    }
    for annex in annexes:
        if annex.kind.slug in optional:
            title, text = optional[annex.kind.slug](annex.number)
            fixed += (Section(f"6.{annex.number}", title, (para(text),)),)
    return fixed
