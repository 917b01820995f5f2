"""The rules between the files of a round: codes that exist, numbers unique within a
project, finance only for the envelope's projects, and the warnings a reviewer should
see (a realised project with running milestones, paid above committed, ...).

`codes` is None when projecten could not be read: then no row of another file is called
'onbekend project' (the cause is projecten, already reported, not a thousand rows).
Every list is made in a fixed order, so two runs report the same problems in the same
order.
"""

from __future__ import annotations

from decimal import Decimal

from mededeling.core import dutch as nl
from mededeling.core import model as m
from mededeling.core.problems import Collector
from mededeling.core.statuses import AGENDA_STATUSES, STATUSES
from mededeling.input.raw import RawRound
from mededeling.input.schemas import Row

Codes = dict[str, "m.Project | None"]


def declared_codes(raw: RawRound) -> list[str] | None:
    """Every code projecten names, valid row or not, in file order (a row with a bad
    status must not make every milestone of its project 'unknown' too); None when
    projecten cannot tell (missing, unreadable, no code column, a code that is wrong)."""
    from mededeling.input.cells import Bad, as_code

    table = raw.tables["projecten"]
    if table is None or "code" not in table.columns:
        return None
    codes = [v for v in table.frame["code"] if v is not None]
    for value in codes:
        try:
            as_code(value, table)
        except Bad:
            # a code that is itself wrong ('VV0\u200b03'): the rows of other files that
            # name the project it was meant to be are no problem of their own
            return None
    return list(dict.fromkeys(str(v).strip() for v in codes))


def check_projects(raw: RawRound, rows: list[Row], plan: m.Plan,
                   problems: Collector) -> list[m.Project]:
    table = raw.tables["projecten"]
    clusters = {c.nummer: c for c in plan.clusters}
    speerpunten = {s.nummer for s in plan.speerpunten}
    seen: dict[str, int] = {}
    kept: list[tuple[m.Project, Row]] = []
    for row in rows:
        v = row.values
        if v["code"] in seen:
            problems.error(table.file,
                           f"dubbele projectcode (ook op {table.place(seen[v['code']])})",
                           value=v["code"], expected="elke code één keer",
                           **table.where(row.line, "code"))
            continue
        seen[v["code"]] = row.line
        if v["speerpunt"] not in speerpunten:
            problems.error(table.file, "onbekend speerpunt", value=str(v["speerpunt"]),
                           expected="een nummer van een speerpunt in plan.toml ("
                           + ", ".join(map(str, sorted(speerpunten))) + ")",
                           **table.where(row.line, "speerpunt"))
        cluster = clusters.get(v["cluster"])
        if cluster is None:
            problems.error(table.file, "onbekende cluster", value=str(v["cluster"]),
                           expected="een nummer van een cluster in plan.toml",
                           **table.where(row.line, "cluster"))
        elif cluster.speerpunt != v["speerpunt"] and v["speerpunt"] in speerpunten:
            problems.error(table.file, f"cluster {cluster.nummer} hoort niet bij dit speerpunt",
                           value=str(v["speerpunt"]),
                           expected=f"speerpunt {cluster.speerpunt}, zoals in plan.toml",
                           **table.where(row.line, "speerpunt"))
        if v["code"] not in plan.relance_projecten and v["code"] not in plan.reguliere_projecten:
            problems.warn(table.file, "project staat niet in relance_projecten of "
                          "reguliere_projecten van plan.toml; het telt mee in de projectcijfers, "
                          "niet in de financiële cijfers", value=v["code"],
                          **table.where(row.line, "code"))
        kept.append((m.Project(**{**v, "herstelplan": bool(v["herstelplan"])}), row))
    known = {project.code for project, _ in kept}
    for project, row in kept:  # each project with its own row: lines stay true
        for link in project.koppelingen:
            if link not in known or link == project.code:
                problems.error(table.file, "koppeling naar een onbekend project", value=link,
                               expected="codes uit projecten, gescheiden door ;",
                               **table.where(row.line, "koppelingen"))
    return [project for project, _ in kept]


def _unknown(codes: Codes | None, code: str) -> bool:
    return codes is not None and code not in codes


def check_milestones(raw: RawRound, rows: list[Row], codes: Codes | None,
                     problems: Collector) -> list[m.Milestone]:
    table = raw.tables["mijlpalen"]
    seen: dict[tuple[str, int], int] = {}
    milestones: list[tuple[m.Milestone, int]] = []
    for row in rows:
        v = row.values
        key = (v["project"], v["nummer"])
        if _unknown(codes, v["project"]):
            problems.error(table.file, "onbekend project", value=v["project"],
                           expected="een code uit projecten", **table.where(row.line, "project"))
            continue
        if key in seen:
            problems.error(table.file, f"dubbel mijlpaalnummer binnen het project (ook op "
                           f"{table.place(seen[key])})", value=str(v["nummer"]),
                           **table.where(row.line, "nummer"))
            continue
        seen[key] = row.line
        if v["kwartaal"].year < 2020:
            problems.warn(table.file, "mijlpaal gepland vóór 2020", value=str(v["kwartaal"]),
                          **table.where(row.line, "kwartaal"))
        milestones.append((m.Milestone(**v), row.line))
    if table is not None and table.frame.empty:
        problems.warn(table.file, "het bestand bevat geen enkele mijlpaal: de nota zegt dat er "
                      "nog geen mijlpalen zijn", line=2, sheet=table.sheet,
                      expected="één rij per mijlpaal onder de kopregel")
    # a realised project whose milestones still run: each named, with its line
    running: dict[str, list[tuple[int, int]]] = {}
    for ms, line in milestones:
        if ms.status not in ("geel", "blauw"):
            running.setdefault(ms.project, []).append((ms.nummer, line))
    for code in sorted(running, key=m.code_number):
        project = (codes or {}).get(code)
        if project is not None and project.status == "geel":
            listed = sorted(running[code])
            named = nl.join(f"{nummer} ({table.place(line)})" for nummer, line in listed[:10])
            more = f" en {len(listed) - 10} andere" if len(listed) > 10 else ""
            problems.warn(table.file, f"project {code} is gerealiseerd (geel) maar heeft nog "
                          f"lopende {nl.plural(len(listed), 'mijlpaal', 'mijlpalen')}: "
                          f"{named}{more}", value=code, **table.where(listed[0][1], "status"))
    return [ms for ms, _ in milestones]


def check_finance(raw: RawRound, rows: list[Row], codes: Codes | None, plan: m.Plan,
                  problems: Collector) -> list[m.FinanceRow]:
    table = raw.tables["financiering"]
    finance = []
    for row in rows:
        v = row.values
        if _unknown(codes, v["project"]):
            problems.error(table.file, "onbekend project", value=v["project"],
                           expected="een code uit projecten", **table.where(row.line, "project"))
            continue
        if v["project"] not in plan.relance_projecten:
            problems.error(table.file, "financiering voor een project buiten relance_projecten",
                           value=v["project"],
                           expected="enkel projecten uit relance_projecten van plan.toml",
                           **table.where(row.line, "project"))
            continue
        if v["vereffend"] > v["vastgelegd"]:
            problems.warn(table.file, "vereffend is hoger dan vastgelegd",
                          value=str(v["vereffend"]), **table.where(row.line, "vereffend"))
        if v["vastgelegd"] > v["beleidsruimte"]:
            problems.warn(table.file, "vastgelegd is hoger dan de beleidsruimte van deze rij",
                          value=str(v["vastgelegd"]), **table.where(row.line, "vastgelegd"))
        finance.append(m.FinanceRow(**v))
    if table is not None:
        total = sum((f.vastgelegd for f in finance), Decimal(0))
        if total > plan.relancebudget:
            problems.warn(table.file, f"samen is {nl.euro(total)} vastgelegd, meer dan het "
                          f"relancebudget van {nl.euro(plan.relancebudget)} in plan.toml",
                          column="vastgelegd", sheet=table.sheet)
        financed = {f.project for f in finance}
        for code in sorted((c for c in codes or () if c in plan.relance_projecten
                            and c not in financed), key=m.code_number):
            problems.warn(table.file, f"relanceproject {code} heeft geen rij; het telt als 0 euro",
                          value=code, column="project", sheet=table.sheet)
    return finance


def check_project_rows(raw: RawRound, name: str, rows: dict[str, list[Row] | None],
                       codes: Codes | None, kind: type, problems: Collector) -> tuple | None:
    """An optional table whose rows each belong to a project."""
    if rows[name] is None:
        return None
    table = raw.tables[name]
    good = []
    for row in rows[name]:
        if _unknown(codes, row.values["project"]):
            problems.error(table.file, "onbekend project", value=row.values["project"],
                           expected="een code uit projecten", **table.where(row.line, "project"))
        else:
            good.append(kind(**row.values))
    return tuple(good)


def check_agenda_statuses(raw: RawRound, projects: list[m.Project],
                          agenderingen: tuple | None, problems: Collector) -> None:
    """A project whose status says it was put on the agenda (donkergroen, 'opgestart na
    agendering VR') but that has no row in agenderingen.csv, or a round without that file:
    one warning naming every such project, in code order, since annex 1 can then only say
    that no agendering was reported (the note's status says there was one)."""
    table = raw.tables["projecten"]
    if table is None:
        return
    listed = {a.project for a in agenderingen or ()}
    missing = sorted((p for p in projects
                      if p.status in AGENDA_STATUSES and p.code not in listed),
                     key=lambda p: m.code_number(p.code))
    if not missing:
        return
    statuses = nl.join((f"{s} ({STATUSES[s].project_label})"
                        for s in sorted({p.status for p in missing})), last="of")
    agenda = "het blad agenderingen" if table.sheet else "agenderingen.csv"
    where = (f"maar {agenda} ontbreekt" if agenderingen is None
             else f"maar geen rij in {agenda}")
    problems.warn(table.file, f"{nl.count(len(missing), 'project heeft', 'projecten hebben')} "
                  f"de status {statuses} {where}: "
                  f"{nl.join(p.code for p in missing)}; bijlage 1 zegt bij "
                  f"{nl.plural(len(missing), 'dit project', 'deze projecten')} dat er geen "
                  "agendering werd aangeleverd", column="status", sheet=table.sheet)
