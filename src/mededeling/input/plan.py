"""plan.toml: the plan itself (speerpunten, clusters, the projects of the envelope)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from mededeling.core import model as m
from mededeling.core.problems import Collector
from mededeling.input.cells import MAX_AMOUNT
from mededeling.input.toml_file import key_lines, read_toml


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
                                   or not isinstance(amount, (int, float))
                                   or not 0 <= amount < MAX_AMOUNT):
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


def _text(data: dict, key: str, label: str, problems: Collector, expected: str) -> str:
    """An optional one-line text key: '' when absent; a value that is not a text, or an
    empty one, is an error (a sentence of the note would otherwise say nothing)."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
        problems.error(label, f"{key} moet een tekst op één regel zijn", column=key,
                       value=str(value), expected=expected)
        return ""
    return " ".join(value.split())


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
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) \
            or not 0 < budget < MAX_AMOUNT:
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
    monitoring = _text(data, "monitoring", label, problems,
                       'bv. "drie keer per jaar (maart/april, augustus/september en '
                       'november/december)"')
    besluit = _text(data, "monitoring_besluit", label, problems,
                    'bv. "Mededeling aan de Vlaamse Regering van 5 februari 2021"')
    if besluit and not monitoring and "monitoring" not in data:
        problems.error(label, "monitoring_besluit zonder monitoring", column="monitoring_besluit",
                       value=besluit, expected='ook monitoring = "..."')
    problems.locate(label, key_lines(path))
    if problems.error_count > before:
        return None
    return m.Plan(naam, Decimal(str(budget)), relance, regular, tuple(speerpunten),
                  tuple(clusters), pmv, andere, monitoring, besluit)
