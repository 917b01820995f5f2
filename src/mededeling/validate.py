"""From raw tables to a typed Round, or to every problem the input has.

All checks run to the end before anything is reported, so that one build tells staff
everything to correct, not one fault per try. The rules are those of input-format.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from babel.numbers import NumberFormatError, parse_decimal

from mededeling import model as m
from mededeling.load import RawRound, RawTable, read_toml
from mededeling.problems import Collector
from mededeling.statuses import MILESTONE_STATUSES, PROJECT_STATUSES

MAX_AMOUNT = Decimal(10) ** 12  # above a thousand billion euro is a typing error
URL_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
NL_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
PERIOD_RE = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


class Bad(ValueError):
    """A cell that cannot be read as its column's type; carries what was expected."""

    def __init__(self, expected: str, message: str = "ongeldige waarde"):
        super().__init__(message)
        self.expected = expected
        self.message = message


# --- cell converters: raw cell -> typed value, or Bad --------------------------------

def as_text(value: Any, table: RawTable) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return str(value).strip()


def as_int(value: Any, table: RawTable) -> int:
    if isinstance(value, bool):
        raise Bad("een geheel getal")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise Bad("een geheel getal")


def as_decimal(value: Any, table: RawTable) -> Decimal:
    if isinstance(value, bool):
        raise Bad("een getal")
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        try:
            if table.comma_decimals:
                number = parse_decimal(text, locale="nl_BE", strict=True)
            else:
                if not re.fullmatch(r"-?\d+(\.\d+)?", text):
                    raise InvalidOperation
                number = Decimal(text)
        except (NumberFormatError, InvalidOperation, ValueError):
            raise Bad("een getal met decimale komma, zoals 1.234,5"
                      if table.comma_decimals else "een getal met decimaal punt, zoals 1234.5")
    if not number.is_finite():
        raise Bad("een eindig getal")
    return number


def as_amount(value: Any, table: RawTable) -> Decimal:
    number = as_decimal(value, table)
    if number < 0:
        raise Bad("een bedrag van 0 euro of meer", "negatief bedrag")
    if number >= MAX_AMOUNT:
        raise Bad("een bedrag onder 1.000 miljard euro", "onwaarschijnlijk groot bedrag")
    return number


def as_date(value: Any, table: RawTable) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        nl = NL_DATE_RE.match(text)
        try:
            day = (dt.date(int(nl[3]), int(nl[2]), int(nl[1])) if nl
                   else dt.date.fromisoformat(text))
        except ValueError:
            raise Bad("een datum, zoals 2021-12-31 of 31/12/2021")
    if not 2000 <= day.year <= 2100:
        raise Bad("een datum tussen 2000 en 2100", "datum buiten bereik")
    return day


def as_quarter(value: Any, table: RawTable) -> m.Quarter:
    quarter = m.Quarter.parse(str(value))
    if quarter is None:
        raise Bad("een kwartaal zoals 2022-Q3")
    if not 2000 <= quarter.year <= 2100:
        raise Bad("een kwartaal tussen 2000 en 2100", "kwartaal buiten bereik")
    return quarter


def as_code(value: Any, table: RawTable) -> str:
    text = str(value).strip()
    if not m.CODE_RE.match(text):
        raise Bad("een projectcode: VV en drie of meer cijfers, zoals VV001")
    return text


def as_yes_no(value: Any, table: RawTable) -> bool:
    text = str(value).strip().lower()
    if text in ("ja", "nee"):
        return text == "ja"
    raise Bad("ja of nee")


def as_url(value: Any, table: RawTable) -> str:
    text = str(value).strip()
    if not URL_RE.match(text):
        raise Bad("een webadres dat begint met http:// of https://")
    return text


def as_list(value: Any, table: RawTable) -> tuple[str, ...]:
    return tuple(p.strip() for p in str(value).split(";") if p.strip())


def one_of(options: tuple[str, ...], what: str) -> Callable[[Any, RawTable], str]:
    def convert(value: Any, table: RawTable) -> str:
        text = str(value).strip().lower()
        if text in options:
            return text
        raise Bad(f"{what}: " + " of ".join([", ".join(options[:-1]), options[-1]]))
    return convert


@dataclass(frozen=True)
class Column:
    name: str
    convert: Callable[[Any, RawTable], Any]
    required: bool = True


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "projecten": (
        Column("code", as_code), Column("titel", as_text), Column("speerpunt", as_int),
        Column("cluster", as_int),
        Column("status", one_of(PROJECT_STATUSES, "een projectstatus")),
        Column("voortgang", as_text, False), Column("bevoegde_minister", as_text),
        Column("trekkende_entiteit", as_text), Column("webpagina", as_url, False),
        Column("betrokken_entiteiten", as_list, False),
        Column("andere_belanghebbenden", as_list, False), Column("omschrijving", as_text),
        Column("input", as_text, False), Column("output", as_text, False),
        Column("outcome", as_text, False), Column("impact", as_text, False),
        Column("herstelplan", as_yes_no, False), Column("europese_middelen", as_yes_no, False),
        Column("koppelingen", as_list, False),
    ),
    "mijlpalen": (
        Column("project", as_code), Column("nummer", as_int), Column("omschrijving", as_text),
        Column("kwartaal", as_quarter),
        Column("status", one_of(MILESTONE_STATUSES, "een mijlpaalstatus")),
        Column("toelichting", as_text, False),
    ),
    "financiering": (
        Column("project", as_code),
        Column("bron", one_of(("vlaams", "europees"), "de bron")),
        Column("beleidsruimte", as_amount), Column("vastgelegd", as_amount),
        Column("vereffend", as_amount),
    ),
    "outputindicatoren": (
        Column("project", as_code), Column("indicator", as_text),
        Column("eenheid", as_text, False), Column("streefwaarde", as_decimal),
        Column("realisatie", as_decimal),
    ),
    "impactindicatoren": (
        Column("speerpunt", as_int), Column("indicator", as_text),
        Column("eenheid", as_text, False), Column("basiswaarde", as_decimal, False),
        Column("basisjaar", as_int, False), Column("waarde", as_decimal),
        Column("jaar", as_int), Column("bron", as_text, False),
    ),
    "dashboard": (
        Column("indicator", as_text),
        Column("categorie", one_of(("maatschappelijk", "economisch"), "de categorie")),
        Column("periode", as_text), Column("waarde", as_decimal),
        Column("eenheid", as_text, False), Column("bron", as_text, False),
    ),
    "agenderingen": (
        Column("project", as_code), Column("datum", as_date), Column("titel", as_text),
        Column("url", as_url, False),
    ),
}

@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, Any]


def typed_rows(table: RawTable | None, problems: Collector) -> list[Row] | None:
    """Check the columns of a table and convert every cell; bad cells are reported."""
    if table is None:
        return None
    schema = SCHEMAS[table.name]
    missing = [c.name for c in schema if c.required and c.name not in table.columns]
    for name in missing:
        problems.error(table.file, "verplichte kolom ontbreekt in de kopregel", line=1,
                       sheet=table.sheet, value=name,
                       expected="de kolommen " + ", ".join(c.name for c in schema if c.required))
    if missing:
        return None
    present = [c for c in schema if c.name in table.columns]
    rows: list[Row] = []
    for record in table.frame.to_dict("records"):
        line = int(record["_line"])
        values: dict[str, Any] = {}
        ok = True
        for col in schema:
            raw = record.get(col.name) if col in present else None
            if raw is None:
                if col.required:
                    problems.error(table.file, "lege cel in een verplichte kolom",
                                   **table.where(line, col.name))
                    ok = False
                values[col.name] = () if col.convert is as_list else (
                    "" if col.convert in (as_text, as_url) else None)
                continue
            try:
                values[col.name] = col.convert(raw, table)
            except Bad as bad:
                problems.error(table.file, bad.message, value=as_text(raw, table),
                               expected=bad.expected, **table.where(line, col.name))
                ok = False
        if ok:
            rows.append(Row(line, values))
    return rows


# --- plan.toml -------------------------------------------------------------------------

def _code_set(value: Any, key: str, label: str, problems: Collector) -> m.CodeSet:
    ranges = []
    if not isinstance(value, list):
        problems.error(label, "verwacht een lijst", column=key, value=str(value),
                       expected='bv. ["VV001-VV158", "VV181"]')
        return m.CodeSet(())
    for item in value:
        parts = str(item).split("-")
        if len(parts) == 2 and parts[1].isdigit():
            # 'VV159-180' as the seed writes it: the prefix carries over
            parts[1] = "VV" + parts[1].zfill(3)
        if len(parts) not in (1, 2) or not all(m.CODE_RE.match(p.strip()) for p in parts):
            problems.error(label, "ongeldige projectcode of reeks", column=key,
                           value=str(item), expected="een code zoals VV181 of een reeks zoals VV001-VV158")
            continue
        first, last = parts[0].strip(), parts[-1].strip()
        if m.code_number(last) < m.code_number(first):
            problems.error(label, "reeks loopt achteruit", column=key, value=str(item))
            continue
        ranges.append(m.CodeRange(first, last))
    return m.CodeSet(tuple(ranges))


def _investments(items: Any, key: str, label: str, problems: Collector,
                 need_amount: bool = True) -> tuple[m.Investment, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        problems.error(label, "verwacht een lijst van tabellen", column=key,
                       expected=f"[[{key}]]-blokken")
        return ()
    result = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("naam", "")).strip():
            problems.error(label, f"{key} nr. {i} heeft geen naam", column=key,
                           expected="naam = \"...\"")
            continue
        parts = _investments(item.get("onderdelen"), f"{key}.onderdelen", label, problems)
        amount = item.get("bedrag")
        if amount is not None and (isinstance(amount, bool)
                                   or not isinstance(amount, (int, float)) or amount < 0):
            problems.error(label, f"{key} '{item['naam']}': ongeldig bedrag", column="bedrag",
                           value=str(amount), expected="een bedrag in euro, zoals 3_000_000_000")
            continue
        if amount is None and not parts and need_amount:
            problems.error(label, f"{key} '{item['naam']}' heeft geen bedrag", column="bedrag",
                           expected="bedrag = ... of [[...onderdelen]] met bedragen")
            continue
        result.append(m.Investment(
            str(item["naam"]).strip(), str(item.get("toelichting", "")).strip(),
            Decimal(str(amount)) if amount is not None else None, parts))
    return tuple(result)


def validate_plan(path: Path, problems: Collector) -> m.Plan | None:
    label = path.name if path.parent.name == "" else f"{path.parent.name}/{path.name}"
    data = read_toml(path, label, problems)
    if data is None:
        return None
    before = problems.error_count
    naam = str(data.get("naam", "")).strip()
    if not naam:
        problems.error(label, "de naam van het plan ontbreekt", column="naam",
                       expected='naam = "Vlaamse Veerkracht"')
    budget = data.get("relancebudget")
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or budget <= 0:
        problems.error(label, "ongeldig of ontbrekend relancebudget", column="relancebudget",
                       value=None if budget is None else str(budget),
                       expected="een bedrag in euro, zoals 4_300_000_000")
    relance = _code_set(data.get("relance_projecten", []), "relance_projecten", label, problems)
    regular = _code_set(data.get("reguliere_projecten", []), "reguliere_projecten", label,
                        problems)
    speerpunten = []
    for item in data.get("speerpunten", []) or []:
        try:
            speerpunten.append(m.Speerpunt(int(item["nummer"]), str(item["naam"]).strip()))
        except (KeyError, TypeError, ValueError):
            problems.error(label, "speerpunt zonder geldig nummer of naam", column="speerpunten",
                           value=str(item), expected="nummer = 1 en naam = \"...\"")
    clusters = []
    known = {s.nummer for s in speerpunten}
    for item in data.get("clusters", []) or []:
        try:
            cluster = m.Cluster(int(item["nummer"]), str(item["naam"]).strip(),
                                int(item["speerpunt"]))
        except (KeyError, TypeError, ValueError):
            problems.error(label, "cluster zonder geldig nummer, naam of speerpunt",
                           column="clusters", value=str(item))
            continue
        if cluster.speerpunt not in known:
            problems.error(label, f"cluster {cluster.nummer} verwijst naar een onbekend speerpunt",
                           column="clusters", value=str(cluster.speerpunt),
                           expected="het nummer van een speerpunt in plan.toml")
        clusters.append(cluster)
    if not speerpunten:
        problems.error(label, "het plan heeft geen speerpunten", column="speerpunten",
                       expected="[[speerpunten]]-blokken met nummer en naam")
    for key, items in (("speerpunten", speerpunten), ("clusters", clusters)):
        numbers = [i.nummer for i in items]
        for dup in sorted({n for n in numbers if numbers.count(n) > 1}):
            problems.error(label, f"nummer komt meer dan eens voor in {key}", column=key,
                           value=str(dup))
    pmv = _investments(data.get("pmv_instrumenten"), "pmv_instrumenten", label, problems)
    andere = _investments(data.get("andere_investeringen"), "andere_investeringen", label,
                          problems)
    if problems.error_count > before:
        return None
    return m.Plan(naam, Decimal(str(budget)), relance, regular, tuple(speerpunten),
                  tuple(clusters), pmv, andere)


# --- ronde.toml -----------------------------------------------------------------------

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
    for key in ("projecten_oranje", "mijlpalen_totaal", *VORIGE_MILESTONES, "vastgelegd",
                "vereffend"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            problems.error(label, "ongeldig getal in [vorige]", column=key, value=str(value),
                           expected="een getal van 0 of meer")
            continue
        numbers[key] = value
        if key in VORIGE_MILESTONES:
            counts[VORIGE_MILESTONES[key]] = int(value)
    if meetmoment is None:
        return None
    money = {k: Decimal(str(numbers[k])) if k in numbers else None
             for k in ("vastgelegd", "vereffend")}
    return m.PreviousKeyFigures(
        meetmoment, numbers.get("projecten_oranje"), counts, numbers.get("mijlpalen_totaal"),
        money["vastgelegd"], money["vereffend"])


# --- the round ------------------------------------------------------------------------

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

    rows = {name: typed_rows(table, problems) for name, table in raw.tables.items()}
    projects = _projects(raw, rows["projecten"] or [], plan, problems)
    table = raw.tables["projecten"]
    if table is not None and rows["projecten"] is not None and table.frame.empty:
        problems.error(table.file, "het bestand bevat geen enkel project", line=2,
                       sheet=table.sheet, expected="één rij per project onder de kopregel")
    codes: dict[str, m.Project | None] = dict.fromkeys(_declared_codes(raw))
    codes.update({p.code: p for p in projects})
    milestones = _milestones(raw, rows["mijlpalen"] or [], codes, problems)
    finance = _finance(raw, rows["financiering"] or [], codes, plan, problems)
    output_indicators = _project_rows(raw, "outputindicatoren", rows, codes,
                                      m.OutputIndicator, problems)
    agenderingen = _project_rows(raw, "agenderingen", rows, codes, m.Agendering, problems)
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
        teksten=dict(raw.teksten), input_files=tuple(raw.files))


def _declared_codes(raw: RawRound) -> set[str]:
    """Every code projecten names, valid row or not: a row with a bad status must not
    make every milestone of its project 'unknown' too."""
    table = raw.tables["projecten"]
    if table is None or "code" not in table.columns:
        return set()
    return {str(v).strip() for v in table.frame["code"] if v is not None}


def _projects(raw: RawRound, rows: list[Row], plan: m.Plan,
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


def _milestones(raw: RawRound, rows: list[Row], codes: dict[str, m.Project],
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


def _finance(raw: RawRound, rows: list[Row], codes: dict[str, m.Project | None], plan: m.Plan,
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


def _project_rows(raw: RawRound, name: str, rows: dict[str, list[Row] | None],
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
