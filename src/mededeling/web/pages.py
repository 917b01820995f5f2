"""What the web pages show, as plain values: every word and number made here, in Python.

The templates only lay these out (the rule of the documents holds for the pages too:
no number is computed in a template).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from mededeling.core import dutch as nl
from mededeling.note.annex_list import label_of
from mededeling.core.problems import Problem
from mededeling.input.raw import ROUND_DIR_RE
from mededeling.rounds import Built, Checked

NOTE_LABEL = "Mededeling aan de Vlaamse Regering"


def document_labels(files: "Iterable[str]") -> dict[str, str]:
    """The documents among a build's files, by stem, in the order of the note: the note,
    then its annexes by number, each labelled as annex_list names it ('Bijlage 3:
    overzicht outputindicatoren'); a round without an optional file has fewer."""
    stems = {name.rsplit(".", 1)[0] for name in files if name.endswith((".pdf", ".docx"))}
    annexes = sorted((int(stem.split("-")[1]), stem) for stem in stems
                     if label_of(stem) is not None)
    return {**({"mededeling": NOTE_LABEL} if "mededeling" in stems else {}),
            **{stem: label_of(stem) or stem for _, stem in annexes}}
FILE_LABELS = {
    "mededeling-wijzigingen.docx": "Wijzigingen tegenover de vorige mededeling (Word, "
                                   "bijgehouden wijzigingen)",
    "controle.html": "Controlebestand voor de nalezers",
    "kerncijfers.xlsx": "Kerncijfers (Excel)",
    "kerncijfers.json": "Kerncijfers met de zinnen (JSON)",
    "mededeling.html": "Mededeling als webpagina",
    "manifest.json": "Manifest met de controlesommen",
}
KIND = {"docx": "Word", "pdf": "PDF", "html": "HTML", "xlsx": "Excel", "json": "JSON"}
INLINE = frozenset({"controle.html", "mededeling.html"})  # opened in the browser, not saved


@dataclass(frozen=True)
class RoundRow:
    meetmoment: str
    title: str  # '31 december 2021'
    meting: str  # 'derde meting', or '' when ronde.toml cannot be read
    state: str  # 'geldig', '3 fouten', 'wacht op 2023-12-31'
    state_class: str  # ok | fout
    warnings: str
    built: str  # 'ontwerp gemaakt', 'definitief', 'definitief (2 versies)', 'nog niet
    # gemaakt', 'wordt gemaakt'
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
class DocumentRow:
    """One document of the note, in the formats it was built in."""

    label: str
    pdf: FileRow | None
    docx: FileRow | None


@dataclass(frozen=True)
class BuildView:
    name: str  # the folder: '2021-12-31', '2021-12-31-v2'
    heading: str
    final: bool
    documents: tuple[DocumentRow, ...]
    others: tuple[FileRow, ...]
    zip_name: str


def title(meetmoment: str) -> str:
    try:
        return nl.date(dt.date.fromisoformat(meetmoment))
    except ValueError:
        return meetmoment


def listing(names: tuple[str, ...] | list[str], most: int = 10) -> str:
    """A list of names that stays short: 'a; b; c en 12 andere'."""
    shown = "; ".join(names[:most])
    return shown + (f" en {len(names) - most} andere" if len(names) > most else "")


def built_state(builds: list[Built], building: bool = False) -> tuple[str, str]:
    if building:  # not 'nog niet gemaakt' while the page shows its progress
        return "wordt nu gemaakt", "ontwerp"
    if not builds:
        return "nog niet gemaakt", "geen"
    finals = [b for b in builds if b.final]
    if finals:
        more = f" ({nl.count(len(finals), 'versie', 'versies')})" if len(finals) > 1 else ""
        return "definitief" + more, "definitief"
    return "ontwerp gemaakt", "ontwerp"


def other_rounds(problems: tuple[Problem, ...] | list[Problem], meetmoment: str) -> tuple[str, ...]:
    """The other round folders whose errors are among a round's (the previous round's
    errors stop a round too), oldest first: they are to be fixed there, not here."""
    return tuple(sorted({p.file.split("/", 1)[0] for p in problems
                         if "/" in p.file and p.file.split("/", 1)[0] != meetmoment
                         and ROUND_DIR_RE.match(p.file.split("/", 1)[0])}))


def own_problems(problems: tuple[Problem, ...] | list[Problem],
                 meetmoment: str) -> tuple[Problem, ...]:
    """A round's problems without those of the other round folders it reads."""
    others = set(other_rounds(problems, meetmoment))
    return tuple(p for p in problems if p.file.split("/", 1)[0] not in others)


_MORE = re.compile(r"^en nog ([\d.]+) fouten")


def counted(problems: tuple[Problem, ...] | list[Problem]) -> int:
    """How many errors a list stands for: the listed ones, and those only counted in an
    'en nog N fouten' line."""
    total = 0
    for p in problems:
        more = _MORE.match(p.message)
        total += int(more[1].replace(".", "")) if more else 1
    return total


def round_row(checked: Checked, builds: list[Built], building: bool = False) -> RoundRow:
    meting = f"{nl.ordinal(checked.meting)} meting" if checked.meting else ""
    others = other_rounds(checked.errors, checked.meetmoment)
    own = own_problems(checked.errors, checked.meetmoment)
    if checked.valid:
        state, state_class = "geldig", "ok"
    elif others and not own:  # nothing wrong here: the previous round is to be fixed
        state, state_class = f"wacht op {nl.join(others)}", "fout"
    else:
        state, state_class = nl.count(
            checked.error_total - counted(checked.errors) + counted(own) if others
            else checked.error_total, "fout", "fouten"), "fout"
    warnings = nl.count(len(checked.warnings), "waarschuwing", "waarschuwingen") \
        if checked.warnings else ""
    built, built_class = built_state(builds, building)
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


def size(n_bytes: int) -> str:
    if n_bytes < 1024 * 1024:
        return f"{nl.number(max(1, round(n_bytes / 1024)))} kB"
    return f"{nl.number(Decimal(n_bytes) / (1024 * 1024), 1)} MB"


def build_view(built: Built) -> BuildView:
    def row(name: str) -> FileRow | None:
        if name not in built.files:
            return None
        kind = KIND.get(name.rsplit(".", 1)[-1], "")
        return FileRow(name, FILE_LABELS.get(name, name), kind,
                       size((built.folder / name).stat().st_size), name in INLINE)

    documents = tuple(DocumentRow(label, row(f"{stem}.pdf"), row(f"{stem}.docx"))
                      for stem, label in document_labels(built.files).items())
    others = tuple(r for r in map(row, FILE_LABELS) if r is not None)
    kind = "Definitieve versie" if built.final else "Ontwerp"
    heading = f"{kind} in {built.name}" + (f" (versie {built.version})" if built.version > 1 else "")
    return BuildView(built.name, heading, built.final, documents, others, zip_name(built))


def zip_name(built: Built) -> str:
    """The name a build's ZIP is saved under: a draft's and a final's never alike, so a
    draft in the Downloads folder is not taken for the final."""
    return f"mededeling-{built.name}-{'definitief' if built.final else 'ontwerp'}.zip"


def seconds(value: float) -> str:
    return f"{nl.number(Decimal(str(round(value, 1))), 1)} s"

