"""ronde.toml and the round as a whole: from raw tables to a typed Round, or to every
problem the input has.

All checks run to the end before anything is reported, so that one build tells staff
everything to correct, not one fault per try. The rules are those of
docs/input-format.md; the rules between files are in `rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from mededeling.core import model as m
from mededeling.core.problems import Collector
from mededeling.input.raw import RawRound
from mededeling.input.cells import MAX_AMOUNT
from mededeling.input import redactie
from mededeling.input.markdown import narrative
from mededeling.input.rules import (
    check_agenda_statuses, declared_codes, check_finance, check_milestones, check_project_rows, check_projects,
)
from mededeling.input.schemas import typed_rows
from mededeling.input.toml_file import key_lines


PERIOD_RE = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


MAX_COUNT = 10_000_000  # projects or milestones: far beyond any plan

VORIGE_MILESTONES = {
    "mijlpalen_op_schema": "donkergroen", "mijlpalen_gerealiseerd": "geel",
    "mijlpalen_vertraagd": "oranje", "mijlpalen_bij_te_sturen": "rood",
    "mijlpalen_stopgezet": "blauw", "mijlpalen_niet_gestart": "grijs",
}


def _toml_date(data: dict, key: str, label: str, problems: Collector,
               required: bool) -> dt.date | None:
    value = data.get(key)
    if value is None:
        if required:
            problems.error(label, "verplichte sleutel ontbreekt", column=key,
                           expected=f"{key} = 2021-12-31")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        problems.error(label, "geen datum", column=key, value=str(value),
                       expected=f"{key} = 2021-12-31 (zonder aanhalingstekens)")
        return None
    return value


def _vorige(data: Any, label: str, problems: Collector) -> m.PreviousKeyFigures | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.error(label, "[vorige] moet een tabel zijn", column="vorige")
        return None
    meetmoment = _toml_date(data, "meetmoment", label, problems, required=True)
    counts: dict[str, int] = {}
    numbers: dict[str, Any] = {}
    for key in ("projecten_oranje", "projecten_rood", "mijlpalen_totaal", *VORIGE_MILESTONES,
                "vastgelegd", "vereffend"):
        value = data.get(key)
        if value is None:
            continue
        money = key in ("vastgelegd", "vereffend")
        limit = MAX_AMOUNT if money else MAX_COUNT
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not 0 <= value < limit or (not money and not float(value).is_integer())):
            problems.error(label, "ongeldig getal in [vorige]", column=f"vorige.{key}",
                           value=str(value),
                           expected=("een bedrag in euro van 0 tot 1.000 miljard" if money
                                     else "een geheel aantal van 0 of meer"))
            continue
        numbers[key] = value if money else int(value)
        if key in VORIGE_MILESTONES:
            counts[VORIGE_MILESTONES[key]] = int(value)
    if meetmoment is None:
        return None
    money = {k: Decimal(str(numbers[k])) if k in numbers else None
             for k in ("vastgelegd", "vereffend")}
    return m.PreviousKeyFigures(
        meetmoment, numbers.get("projecten_oranje"), counts, numbers.get("mijlpalen_totaal"),
        money["vastgelegd"], money["vereffend"], numbers.get("projecten_rood"))


ATTENTION = ("oranje", "rood")  # the statuses section 3.1 names project by project
GROUP_EXAMPLE = ('[[aandacht]] groep = "digitaliseringsprojecten binnen de Vlaamse overheid" '
                 'en projecten = ["VV056", "VV057", "VV058"]')


def _group_lines(path: Path) -> list[int | None]:
    """The line of each [[aandacht]] header, so a problem points at its own group (the
    parsed data has no lines, and key_lines knows only a key's first place)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [n for n, line in enumerate(text.splitlines(), start=1)
            if re.match(r"^\s*\[\[\s*aandacht\s*\]\]", line)]


def _aandacht(data: Any, path: Path, label: str, codes: "dict[str, m.Project | None] | None",
              problems: Collector) -> tuple[m.AttentionGroup, ...]:
    """[[aandacht]]: orange or red projects section 3.1 names as a group. Every code must
    be a project of this round with status oranje or rood, the same in one group, and in
    one group only: a group that says 'drie digitaliseringsprojecten' must be three
    projects the note would otherwise list itself."""
    if data is None:
        return ()
    if not isinstance(data, list) or not all(isinstance(g, dict) for g in data):
        problems.error(label, "[[aandacht]] moet een lijst van groepen zijn", column="aandacht",
                       expected=GROUP_EXAMPLE)
        return ()
    lines = _group_lines(path)
    seen: set[str] = set()
    groups: list[m.AttentionGroup] = []
    for i, group in enumerate(data):
        line = lines[i] if i < len(lines) else None
        ok = True
        name = group.get("groep")
        if not isinstance(name, str) or not name.strip():
            problems.error(label, "groep in [[aandacht]] zonder omschrijving",
                           column="aandacht.groep", line=line,
                           value=None if name is None else str(name),
                           expected='groep = "digitaliseringsprojecten binnen de Vlaamse '
                                    'overheid" (meervoud, zonder aantal)')
            ok = False
        listed = group.get("projecten")
        if (not isinstance(listed, list) or len(listed) < 2
                or not all(isinstance(c, str) for c in listed)):
            problems.error(label, "een groep in [[aandacht]] noemt minstens twee projecten",
                           column="aandacht.projecten", line=line,
                           value=None if listed is None else str(listed),
                           expected='projecten = ["VV056", "VV057"]')
            continue
        statuses: set[str] = set()
        for raw_code in listed:
            code = raw_code.strip()
            if code in seen:
                problems.error(label, "project staat meer dan eens in [[aandacht]]",
                               column="aandacht.projecten", line=line, value=code,
                               expected="elk project in ten hoogste één groep, één keer")
                ok = False
                continue
            seen.add(code)
            if codes is None:  # projecten is unreadable: said there, not once per code
                continue
            if code not in codes:
                problems.error(label, "onbekend project in [[aandacht]]",
                               column="aandacht.projecten", line=line, value=code,
                               expected="een code uit projecten")
                ok = False
                continue
            project = codes[code]
            if project is None:  # its row has errors of its own
                continue
            if project.status not in ATTENTION:
                problems.error(label, "project in [[aandacht]] is niet oranje of rood in "
                               "deze meting", column="aandacht.projecten", line=line,
                               value=f"{code} ({project.status})",
                               expected="alleen projecten met status oranje of rood")
                ok = False
                continue
            statuses.add(project.status)
        if len(statuses) > 1:
            problems.error(label, "een groep in [[aandacht]] mengt oranje en rode projecten",
                           column="aandacht.projecten", line=line,
                           value=", ".join(c.strip() for c in listed),
                           expected="één groep per status: de nota noemt ze in aparte zinnen")
            ok = False
        if ok:
            ordered = sorted({c.strip() for c in listed}, key=_code_order)
            groups.append(m.AttentionGroup(name.strip(), tuple(ordered)))  # type: ignore[union-attr]
    return tuple(groups)


def _code_order(code: str) -> tuple[int, str]:
    try:
        return (m.code_number(code), code)
    except ValueError:
        return (-1, code)


def validate_round(raw: RawRound, plan: m.Plan, problems: Collector) -> m.Round | None:
    label = f"{raw.label}/ronde.toml"
    data = raw.ronde or {}
    meetmoment = meting = None
    if raw.ronde is not None:
        meetmoment = _toml_date(data, "meetmoment", label, problems, required=True)
        if meetmoment and meetmoment.isoformat() != raw.folder.name:
            problems.error(label, "meetmoment verschilt van de naam van de map",
                           column="meetmoment", value=meetmoment.isoformat(),
                           expected=raw.folder.name)
        meting = data.get("meting")
        if isinstance(meting, bool) or not isinstance(meting, int) or not 1 <= meting <= 99:
            problems.error(label, "ongeldig of ontbrekend volgnummer van de meting",
                           column="meting", value=None if meting is None else str(meting),
                           expected="meting = 1, 2, 3, ...")
            meting = None
    taskforce = _toml_date(data, "taskforce_datum", label, problems, required=False)
    sign = data.get("ondertekening") or {}
    if raw.ronde is not None and not (isinstance(sign, dict) and sign.get("naam")
                                      and sign.get("functie")):
        problems.error(label, "[ondertekening] met naam en functie ontbreekt",
                       column="ondertekening",
                       expected='[ondertekening] naam = "..." en functie = "..."')
        sign = {}
    vorige = _vorige(data.get("vorige"), label, problems)
    if vorige is not None and meetmoment is not None and vorige.meetmoment >= meetmoment:
        problems.error(label, "de vorige meting ligt niet vóór deze", column="vorige.meetmoment",
                       value=vorige.meetmoment.isoformat(),
                       expected=f"een datum vóór {meetmoment.isoformat()}")

    rows = {name: typed_rows(table, problems) for name, table in raw.tables.items()}
    projects = check_projects(raw, rows["projecten"] or [], plan, problems)
    table = raw.tables["projecten"]
    if table is not None and rows["projecten"] is not None and table.frame.empty:
        problems.error(table.file, "het bestand bevat geen enkel project", line=2,
                       sheet=table.sheet, expected="één rij per project onder de kopregel")
    declared = declared_codes(raw)
    codes: dict[str, m.Project | None] | None = None
    if declared is not None:  # else projecten is unreadable: no 'onbekend project' flood
        codes = dict.fromkeys(declared)
        codes.update({p.code: p for p in projects})
    aandacht = _aandacht(data.get("aandacht"), raw.folder / "ronde.toml", label, codes,
                         problems)
    milestones = check_milestones(raw, rows["mijlpalen"] or [], codes, problems)
    finance = check_finance(raw, rows["financiering"] or [], codes, plan, problems)
    output_indicators = check_project_rows(raw, "outputindicatoren", rows, codes,
                                      m.OutputIndicator, problems)
    agenderingen = check_project_rows(raw, "agenderingen", rows, codes, m.Agendering, problems)
    check_agenda_statuses(raw, projects, agenderingen, problems)
    impact = None
    if rows["impactindicatoren"] is not None:
        known = {s.nummer for s in plan.speerpunten}
        table = raw.tables["impactindicatoren"]
        impact = []
        for row in rows["impactindicatoren"]:
            if row.values["speerpunt"] not in known:
                problems.error(table.file, "onbekend speerpunt",
                               value=str(row.values["speerpunt"]),
                               expected="een nummer uit plan.toml",
                               **table.where(row.line, "speerpunt"))
            impact.append(m.ImpactIndicator(**row.values))
    dashboard = None
    if rows["dashboard"] is not None:
        table = raw.tables["dashboard"]
        dashboard = []
        for row in rows["dashboard"]:
            if not PERIOD_RE.match(row.values["periode"]):
                problems.error(table.file, "ongeldige periode", value=row.values["periode"],
                               expected="een jaar (2021), kwartaal (2021-Q3) of maand (2021-09)",
                               **table.where(row.line, "periode"))
            dashboard.append(m.DashboardPoint(**row.values))

    problems.locate(label, key_lines(raw.folder / "ronde.toml"))
    edits, remarks = redactie.read(raw.folder, problems)
    if problems.errors or meetmoment is None or meting is None:
        return None
    return m.Round(
        folder=raw.folder, meetmoment=meetmoment, meting=meting, taskforce_datum=taskforce,
        ondertekening=m.Signatory(str(sign["naam"]).strip(), str(sign["functie"]).strip()),
        vorige=vorige, projects=tuple(projects), milestones=tuple(milestones),
        finance=tuple(finance),
        output_indicators=output_indicators,
        impact_indicators=tuple(impact) if impact is not None else None,
        dashboard=tuple(dashboard) if dashboard is not None else None,
        agenderingen=agenderingen,
        teksten={name: narrative(source) for name, source in sorted(raw.teksten.items())},
        input_files=tuple(raw.files), edits=edits, remarks=remarks, aandacht=aandacht)


def check_order(current: m.Round, previous: m.Round, problems: Collector) -> None:
    """The round after its previous one: the next meting. A round numbered wrongly would
    compare with the wrong round, and the note would say so in words."""
    label = f"{current.folder.name}/ronde.toml"
    if current.meting != previous.meting + 1:
        problems.error(label, f"meting {current.meting} volgt niet op meting "
                       f"{previous.meting} van de vorige meetronde {previous.folder.name}",
                       column="meting", value=str(current.meting),
                       expected=f"meting = {previous.meting + 1} (of verbeter de meting van "
                       f"{previous.folder.name})")
        problems.locate(label, key_lines(current.folder / "ronde.toml"))
