"""Which annexes a round has: the one definition the note, the documents, the check,
the web pages and the read-back of finals all use.

The global report and the covernota are always attached; each other annex shows one
optional input file and is left out when the round has no such file (a document for
signature never shows a placeholder or a file name). The annexes a round has are
numbered consecutively, and the number is in the file name too: without
impactindicatoren.csv, the outputindicatoren are 'Bijlage 3' in 'bijlage-3-outputindicatoren'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mededeling.core import model as m


@dataclass(frozen=True)
class AnnexKind:
    """One kind of annex, whatever its number in a round."""

    slug: str  # the file name after 'bijlage-N-': 'outputindicatoren'
    title: str  # its title, with {plan} and {datum}: 'Overzicht outputindicatoren'
    label: str  # as the web page names it: 'overzicht outputindicatoren'
    source: str | None = None  # the optional input file it shows; None: always attached
    attribute: str | None = None  # the m.Round field: None without that file, () empty


KINDS: tuple[AnnexKind, ...] = (
    AnnexKind("globaal-rapport",
              "Monitoring Relanceplan {plan}: voortgangsrapport meetmoment {datum}",
              "globaal rapport per project"),
    AnnexKind("covernota", "Monitoring Relanceplan {plan}: covernota meetmoment {datum}",
              "covernota met de kerncijfers"),
    AnnexKind("impactindicatoren", "Nota impactindicatoren", "nota impactindicatoren",
              "impactindicatoren.csv", "impact_indicators"),
    AnnexKind("outputindicatoren", "Overzicht outputindicatoren",
              "overzicht outputindicatoren", "outputindicatoren.csv", "output_indicators"),
    AnnexKind("dashboardindicatoren", "Overzicht dashboardindicatoren",
              "overzicht dashboardindicatoren", "dashboard.csv", "dashboard"),
)
BY_SLUG = {k.slug: k for k in KINDS}
NAME_RE = re.compile(r"bijlage-(\d+)-([a-z-]+)")


@dataclass(frozen=True)
class Annex:
    """An annex as a round attaches it: its kind and its number."""

    number: int
    kind: AnnexKind

    @property
    def name(self) -> str:
        """The file name without extension: 'bijlage-3-outputindicatoren'."""
        return f"bijlage-{self.number}-{self.kind.slug}"

    def title(self, plan: str, datum: str) -> str:
        return self.kind.title.format(plan=plan, datum=datum)

    @property
    def label(self) -> str:
        """'Bijlage 3: overzicht outputindicatoren'."""
        return f"Bijlage {self.number}: {self.kind.label}"


def numbered(kinds: tuple[AnnexKind, ...]) -> tuple[Annex, ...]:
    return tuple(Annex(i, k) for i, k in enumerate(kinds, start=1))


ALL = numbered(KINDS)  # a round with every optional file


def has(round_: m.Round, kind: AnnexKind) -> bool:
    """Whether the round has the rows of this annex: a file with only its header row (an
    empty sheet of ronde.xlsx) would give an annex that says nothing while section 6
    describes its contents, so it counts as missing."""
    return kind.attribute is None or bool(getattr(round_, kind.attribute))


def annexes_of(round_: m.Round) -> tuple[Annex, ...]:
    """The annexes this round attaches, numbered 1, 2, 3, ... without gaps."""
    return numbered(tuple(k for k in KINDS if has(round_, k)))


def left_out(round_: m.Round) -> tuple[AnnexKind, ...]:
    """The annexes this round leaves out, for want of their optional file."""
    return tuple(k for k in KINDS if not has(round_, k))


def label_of(name: str) -> str | None:
    """The label of a built document named like an annex ('bijlage-3-outputindicatoren'
    -> 'Bijlage 3: overzicht outputindicatoren'); None for any other name."""
    match = NAME_RE.fullmatch(name)
    if match is None or match.group(2) not in BY_SLUG:
        return None
    return Annex(int(match.group(1)), BY_SLUG[match.group(2)]).label


def announcement(round_: m.Round) -> tuple[str, ...]:
    """What `mededeling check` says of the annexes before anything is built: the annexes
    the round will have, each with its file name, and each one left out with the optional
    file whose absence leaves it out, in Dutch."""
    from mededeling.core import dutch as nl

    annexes = annexes_of(round_)
    lines = [f"De mededeling krijgt {nl.count(len(annexes), 'bijlage', 'bijlagen')}:"]
    lines += [f"  {a.label} ({a.name})" for a in annexes]
    # a round handed in as ronde.xlsx has sheets, not files: name what the user has
    workbook = any(path.name == "ronde.xlsx" for path in round_.input_files)
    for kind in left_out(round_):
        empty = getattr(round_, kind.attribute or "", None) is not None
        source = f"het blad {(kind.source or '').removesuffix('.csv')}" if workbook \
            else kind.source
        lines.append(f"{'Zonder rijen in' if empty else 'Zonder'} {source} valt de "
                     f"bijlage {nl.quoted(kind.title)} weg; de nota noemt ze niet en nummert "
                     "de andere door.")
    return tuple(lines)
