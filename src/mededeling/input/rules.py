"""The rules between the files of a round: codes that exist, numbers unique within a
project, finance only for the envelope's projects, and the warnings a reviewer should
see (a realised project with running milestones, paid above committed, ...)."""

from __future__ import annotations

from mededeling.core import model as m
from mededeling.core.problems import Collector
from mededeling.input.raw import RawRound
from mededeling.input.schemas import Row


def declared_codes(raw: RawRound) -> set[str]:
    """Every code projecten names, valid row or not: a row with a bad status must not
    make every milestone of its project 'unknown' too."""
    table = raw.tables["projecten"]
    if table is None or "code" not in table.columns:
        return set()
    return {str(v).strip() for v in table.frame["code"] if v is not None}


def check_projects(raw: RawRound, rows: list[Row], plan: m.Plan,
              problems: Collector) -> list[m.Project]:
    table = raw.tables["projecten"]
    clusters = {c.nummer: c for c in plan.clusters}
    speerpunten = {s.nummer for s in plan.speerpunten}
    seen: dict[str, int] = {}
    projects = []
    for row in rows:
        v = row.values
        if v["code"] in seen:
            problems.error(table.file, f"dubbele projectcode (ook op regel {seen[v['code']]})",
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
        projects.append(m.Project(**{**v, "herstelplan": bool(v["herstelplan"])}))
    known = {p.code for p in projects}
    for project, row in zip(projects, [r for r in rows if r.values["code"] in known]):
        for link in project.koppelingen:
            if link not in known or link == project.code:
                problems.error(table.file, "koppeling naar een onbekend project", value=link,
                               expected="codes uit projecten, gescheiden door ;",
                               **table.where(row.line, "koppelingen"))
    return projects


def check_milestones(raw: RawRound, rows: list[Row], codes: dict[str, m.Project],
                problems: Collector) -> list[m.Milestone]:
    table = raw.tables["mijlpalen"]
    seen: dict[tuple[str, int], int] = {}
    milestones = []
    for row in rows:
        v = row.values
        key = (v["project"], v["nummer"])
        if v["project"] not in codes:
            problems.error(table.file, "onbekend project", value=v["project"],
                           expected="een code uit projecten", **table.where(row.line, "project"))
            continue
        if key in seen:
            problems.error(table.file, f"dubbel mijlpaalnummer binnen het project (ook op "
                           f"regel {seen[key]})", value=str(v["nummer"]),
                           **table.where(row.line, "nummer"))
            continue
        seen[key] = row.line
        if v["kwartaal"].year < 2020:
            problems.warn(table.file, "mijlpaal gepland vóór 2020", value=str(v["kwartaal"]),
                          **table.where(row.line, "kwartaal"))
        milestones.append(m.Milestone(**v))
    running = {ms.project for ms in milestones if ms.status not in ("geel", "blauw")}
    for code, project in codes.items():
        if project is not None and project.status == "geel" and code in running:
            problems.warn(table.file, f"project {code} is gerealiseerd (geel) maar heeft nog "
                          "lopende mijlpalen", value=code)
    return milestones


def check_finance(raw: RawRound, rows: list[Row], codes: dict[str, m.Project | None], plan: m.Plan,
             problems: Collector) -> list[m.FinanceRow]:
    table = raw.tables["financiering"]
    finance = []
    for row in rows:
        v = row.values
        if v["project"] not in codes:
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
        finance.append(m.FinanceRow(**v))
    if table is not None:
        financed = {f.project for f in finance}
        for code in sorted(c for c in codes if c in plan.relance_projecten and c not in financed):
            problems.warn(table.file, f"relanceproject {code} heeft geen rij; het telt als 0 euro",
                          value=code)
    return finance


def check_project_rows(raw: RawRound, name: str, rows: dict[str, list[Row] | None],
                  codes: dict[str, m.Project | None], kind: type, problems: Collector) -> tuple | None:
    """An optional table whose rows each belong to a project."""
    if rows[name] is None:
        return None
    table = raw.tables[name]
    good = []
    for row in rows[name]:
        if row.values["project"] in codes:
            good.append(kind(**row.values))
        else:
            problems.error(table.file, "onbekend project", value=row.values["project"],
                           expected="een code uit projecten", **table.where(row.line, "project"))
    return tuple(good)
