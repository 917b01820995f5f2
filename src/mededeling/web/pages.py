"""What the web pages show, as plain values: every word and number made here, in Python.

The templates only lay these out (the rule of the documents holds for the pages too:
no number is computed in a template).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from mededeling import dutch as nl
from mededeling.problems import Problem
from mededeling.rounds import Built, Checked

FILE_LABELS = {
    "mededeling.docx": "Mededeling (Word)",
    "mededeling.pdf": "Mededeling (PDF)",
    "mededeling.html": "Mededeling (HTML-voorbeeld)",
    "kerncijfers.xlsx": "Kerncijfers (Excel)",
    "kerncijfers.json": "Kerncijfers met de zinnen (JSON)",
    "controle.html": "Controlebestand voor de nalezers",
    "manifest.json": "Manifest met de controlesommen",
}
KIND = {"docx": "Word", "pdf": "PDF", "html": "HTML", "xlsx": "Excel", "json": "JSON"}
_ANNEX = re.compile(r"^bijlage-(\d+)-(.+)\.(docx|pdf)$")
INLINE = frozenset({"controle.html", "mededeling.html"})  # opened in the browser, not saved


@dataclass(frozen=True)
class RoundRow:
    meetmoment: str
    title: str  # '31 december 2021'
    meting: str  # 'derde meting', or '' when ronde.toml cannot be read
    state: str  # 'geldig', '3 fouten'
    state_class: str  # ok | fout
    warnings: str
    built: str  # 'ontwerp gemaakt', 'definitief', 'definitief (2 versies)', 'nog niet gemaakt'
    built_class: str


@dataclass(frozen=True)
class ProblemRow:
    file: str
    place: str  # 'regel 4', 'blad projecten, rij 7'
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class FileRow:
    name: str
    label: str
    kind: str
    size: str
    inline: bool


@dataclass(frozen=True)
class BuildView:
    name: str  # the folder: '2021-12-31', '2021-12-31-v2'
    heading: str
    final: bool
    files: tuple[FileRow, ...]
    zip_name: str


def title(meetmoment: str) -> str:
    try:
        return nl.date(dt.date.fromisoformat(meetmoment))
    except ValueError:
        return meetmoment


def count(n: int, singular: str, plural: str) -> str:
    return f"{nl.number(n)} {nl.plural(n, singular, plural)}"


def built_state(builds: list[Built]) -> tuple[str, str]:
    if not builds:
        return "nog niet gemaakt", "geen"
    finals = [b for b in builds if b.final]
    if finals:
        more = f" ({count(len(finals), 'versie', 'versies')})" if len(finals) > 1 else ""
        return "definitief" + more, "definitief"
    return "ontwerp gemaakt", "ontwerp"


def round_row(checked: Checked, builds: list[Built]) -> RoundRow:
    meting = ""
    if checked.prepared is not None:
        meting = f"{nl.ordinal(checked.prepared.round.meting)} meting"
    state, state_class = ("geldig", "ok") if checked.valid else (
        count(len(checked.errors), "fout", "fouten"), "fout")
    warnings = count(len(checked.warnings), "waarschuwing", "waarschuwingen") \
        if checked.warnings else ""
    built, built_class = built_state(builds)
    return RoundRow(checked.meetmoment, title(checked.meetmoment), meting, state, state_class,
                    warnings, built, built_class)


def problem_rows(problems: tuple[Problem, ...] | list[Problem]) -> tuple[ProblemRow, ...]:
    rows = []
    for p in problems:
        if p.sheet is not None:
            place = f"blad {p.sheet}" + (f", rij {p.line}" if p.line is not None else "")
        else:
            place = f"regel {p.line}" if p.line is not None else ""
        message = p.message + (f"; verwacht: {p.expected}" if p.expected else "")
        rows.append(ProblemRow(p.file, place, p.column or "", p.value or "", message))
    return tuple(rows)


def file_label(name: str) -> str:
    match = _ANNEX.match(name)
    if match:
        return f"Bijlage {match[1]}: {match[2].replace('-', ' ')} ({KIND[match[3]]})"
    return FILE_LABELS.get(name, name)


def size(n_bytes: int) -> str:
    if n_bytes < 1024 * 1024:
        return f"{nl.number(max(1, round(n_bytes / 1024)))} kB"
    return f"{nl.number(n_bytes / (1024 * 1024), 1)} MB"


def build_view(built: Built) -> BuildView:
    rows = []
    for name in built.files:
        path: Path = built.folder / name
        rows.append(FileRow(name, file_label(name), KIND.get(name.rsplit(".", 1)[-1], ""),
                            size(path.stat().st_size), name in INLINE))
    order = {n: i for i, n in enumerate(
        ["mededeling.pdf", "mededeling.docx"])}
    rows.sort(key=lambda r: (order.get(r.name, 2 if r.name.startswith("bijlage") else 3),
                             r.name))
    kind = "Definitieve versie" if built.final else "Ontwerp"
    heading = f"{kind} in {built.name}" + (f" (versie {built.version})" if built.version > 1 else "")
    return BuildView(built.name, heading, built.final, tuple(rows), f"mededeling-{built.name}.zip")


def seconds(value: float) -> str:
    return f"{nl.number(value, 1)} s"


def status_css() -> str:
    """The status colours of statuses.STATUSES for the page (styling kept as data)."""
    from mededeling.statuses import STATUSES

    return "\n".join(f".s-{s.code} {{ background: {s.colour}; color: {s.text_colour}; }}"
                     for s in STATUSES.values()) + "\n"
