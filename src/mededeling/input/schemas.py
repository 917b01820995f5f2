"""The columns of every table of a round, and the check of a table against them.

`SCHEMAS` is the input contract in code: docs/input-format.md is tested against it, so
the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from mededeling.core.problems import Collector
from mededeling.core.statuses import MILESTONE_STATUSES, PROJECT_STATUSES
from mededeling.input.cells import (
    Bad, as_amount, as_code, as_date, as_decimal, as_int, as_list, as_quarter, as_text,
    as_url, as_yes_no, control_character, one_of,
)
from mededeling.input.raw import CellIssue, RawTable, looks_like


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


def check_header(table: RawTable, problems: Collector) -> set[str]:
    """Name every column the contract does not know. One that looks like a known column
    (other case, accents, spaces for '_', a suffix in brackets, a small typo) is an error
    that says which was meant: read as unknown, its figure would silently fall to 0.
    Returns the contract columns a near-miss stands for (not reported missing again)."""
    schema = {c.name for c in SCHEMAS[table.name]}
    meant: set[str] = set()
    for column in table.columns:
        if column in schema:
            continue
        typed = table.typed.get(column, column)
        target = looks_like(typed, schema)
        if target is not None and target not in table.columns:
            problems.error(table.file, f"kolomnaam lijkt op {target}, maar is niet zo "
                           "geschreven", line=table.header_line, sheet=table.sheet,
                           column=typed, value=typed,
                           expected=f"de kolomnaam {target} (kleine letters, _ voor spaties, "
                           "zonder haakjes)")
            meant.add(target)
        else:
            problems.warn(table.file, "onbekende kolom: ze wordt niet gelezen",
                          line=table.header_line, sheet=table.sheet, column=typed, value=typed,
                          expected="de kolommen " + ", ".join(c.name for c in SCHEMAS[table.name]))
    return meant


def typed_rows(table: RawTable | None, problems: Collector) -> list[Row] | None:
    """Check the columns of a table and convert every cell; bad cells are reported."""
    if table is None:
        return None
    schema = SCHEMAS[table.name]
    meant = check_header(table, problems)
    missing = [c.name for c in schema if c.required and c.name not in table.columns]
    for name in missing:
        if name in meant:
            continue  # said above: the column is there under another name
        problems.error(table.file, "verplichte kolom ontbreekt in de kopregel",
                       line=table.header_line, sheet=table.sheet, value=name,
                       expected="de kolommen " + ", ".join(c.name for c in schema if c.required))
    if missing or meant:
        return None
    present = [c for c in schema if c.name in table.columns]
    rows: list[Row] = []
    for record in table.frame.to_dict("records"):
        line = int(record["_line"])
        values: dict[str, Any] = {}
        ok = True
        for col in schema:
            raw = record.get(col.name) if col in present else None
            if isinstance(raw, CellIssue):
                problems.error(table.file, raw.message, value=raw.value, expected=raw.expected,
                               **table.where(line, col.name))
                ok = False
                continue
            if raw is None:
                if col.required:
                    problems.error(table.file, "lege cel in een verplichte kolom",
                                   **table.where(line, col.name))
                    ok = False
                values[col.name] = () if col.convert is as_list else (
                    "" if col.convert in (as_text, as_url) else None)
                continue
            control = control_character(raw) if isinstance(raw, str) else None
            if control is not None:
                problems.error(table.file, f"teken {control} in de cel", value=raw[:60],
                               expected="tekst zonder stuurtekens (kopieer de tekst opnieuw, "
                               "zonder opmaak)", **table.where(line, col.name))
                ok = False
                continue
            try:
                values[col.name] = col.convert(raw, table)
            except Bad as bad:
                message = bad.message
                if message.endswith(" in"):  # 'teken U+200B (onzichtbaar) in' the value
                    message += f" ‘{as_text(raw, table)}’"
                problems.error(table.file, message, value=as_text(raw, table),
                               expected=bad.expected, **table.where(line, col.name))
                ok = False
        if ok:
            rows.append(Row(line, values))
    return rows
