"""The validated input of one round: typed records, nothing computed yet.

Validation turns the raw tables of `load` into these; every later stage can trust them
(codes exist, numbers are numbers) and needs no checks of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from mededeling.core.blocks import Narrative

CODE_RE = re.compile(r"^VV([0-9]{3,})$")  # ASCII digits only: ٠٠١ is no 001
QUARTER_RE = re.compile(r"^([0-9]{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> "Quarter | None":
        m = QUARTER_RE.match(text.strip())
        return cls(int(m[1]), int(m[2])) if m else None

    def next(self) -> "Quarter":
        return Quarter(self.year + self.q // 4, self.q % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"


def code_number(code: str) -> int:
    m = CODE_RE.match(code)
    if not m:
        raise ValueError(code)
    return int(m[1])


@dataclass(frozen=True)
class CodeRange:
    """'VV001-VV158' or a single code, as plan.toml lists them."""

    first: str
    last: str

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str) or not CODE_RE.match(code):
            return False
        return code_number(self.first) <= code_number(code) <= code_number(self.last)

    @property
    def size(self) -> int:
        return code_number(self.last) - code_number(self.first) + 1

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True)
class CodeSet:
    ranges: tuple[CodeRange, ...]

    def __contains__(self, code: object) -> bool:
        return any(code in r for r in self.ranges)

    @property
    def size(self) -> int:
        return sum(r.size for r in self.ranges)


@dataclass(frozen=True)
class Speerpunt:
    nummer: int
    naam: str


@dataclass(frozen=True)
class Cluster:
    nummer: int
    naam: str
    speerpunt: int


@dataclass(frozen=True)
class Investment:
    naam: str
    toelichting: str
    bedrag: Decimal | None
    onderdelen: tuple["Investment", ...] = ()


@dataclass(frozen=True)
class Plan:
    naam: str
    relancebudget: Decimal
    relance_projecten: CodeSet
    reguliere_projecten: CodeSet
    speerpunten: tuple[Speerpunt, ...]
    clusters: tuple[Cluster, ...]
    pmv_instrumenten: tuple[Investment, ...]
    andere_investeringen: tuple[Investment, ...]
    # how often the plan is monitored and the decision that says so (section 1), as
    # plan.toml words them; '' when plan.toml does not say
    monitoring: str = ""
    monitoring_besluit: str = ""


@dataclass(frozen=True)
class Project:
    code: str
    titel: str
    speerpunt: int
    cluster: int
    status: str
    voortgang: str
    bevoegde_minister: str
    trekkende_entiteit: str
    webpagina: str
    betrokken_entiteiten: tuple[str, ...]
    andere_belanghebbenden: tuple[str, ...]
    omschrijving: str
    input: str
    output: str
    outcome: str
    impact: str
    herstelplan: bool
    europese_middelen: bool | None
    koppelingen: tuple[str, ...]


@dataclass(frozen=True)
class Milestone:
    project: str
    nummer: int
    omschrijving: str
    kwartaal: Quarter
    status: str
    toelichting: str


@dataclass(frozen=True)
class FinanceRow:
    project: str
    bron: str
    beleidsruimte: Decimal
    vastgelegd: Decimal
    vereffend: Decimal


@dataclass(frozen=True)
class OutputIndicator:
    project: str
    indicator: str
    eenheid: str
    streefwaarde: Decimal
    realisatie: Decimal


@dataclass(frozen=True)
class ImpactIndicator:
    speerpunt: int
    indicator: str
    eenheid: str
    basiswaarde: Decimal | None
    basisjaar: int | None
    waarde: Decimal
    jaar: int
    bron: str


@dataclass(frozen=True)
class DashboardPoint:
    indicator: str
    categorie: str
    periode: str
    waarde: Decimal
    eenheid: str
    bron: str


@dataclass(frozen=True)
class Agendering:
    project: str
    datum: dt.date
    titel: str
    url: str


@dataclass(frozen=True)
class Signatory:
    naam: str
    functie: str


@dataclass(frozen=True)
class AttentionGroup:
    """Orange or red projects section 3.1 names together (ronde.toml [[aandacht]]):
    'drie digitaliseringsprojecten binnen de Vlaamse overheid VV056, VV057 en VV058'."""

    groep: str  # what they are, in the plural, without the number
    projecten: tuple[str, ...]  # their codes, in code order


@dataclass(frozen=True)
class PreviousKeyFigures:
    """`[vorige]` of ronde.toml: the previous round's figures when its folder is absent."""

    meetmoment: dt.date
    projecten_oranje: int | None = None
    mijlpalen: dict[str, int] = field(default_factory=dict)  # by milestone status
    mijlpalen_totaal: int | None = None
    vastgelegd: Decimal | None = None
    vereffend: Decimal | None = None
    projecten_rood: int | None = None  # with projecten_oranje: progress judged on both


@dataclass(frozen=True)
class Edit:
    """A paragraph of the note as a reviewer worded it (redactie.toml)."""

    key: str  # '3.1/oranje'
    generated: str  # the text mededeling made when the reviewer edited it
    text: str  # the reviewer's wording, which the next builds use
    by: str
    when: str
    source: str  # the reviewed copy it came from, under nalezing/


@dataclass(frozen=True)
class Remark:
    """A reviewer's comment on a paragraph (redactie.toml)."""

    key: str  # the paragraph it points at, or '' when it could not be placed
    author: str
    date: str
    text: str
    done: bool
    source: str


@dataclass(frozen=True)
class Round:
    folder: Path
    meetmoment: dt.date
    meting: int
    taskforce_datum: dt.date | None
    ondertekening: Signatory
    vorige: PreviousKeyFigures | None
    projects: tuple[Project, ...]
    milestones: tuple[Milestone, ...]
    finance: tuple[FinanceRow, ...]
    output_indicators: tuple[OutputIndicator, ...] | None
    impact_indicators: tuple[ImpactIndicator, ...] | None
    dashboard: tuple[DashboardPoint, ...] | None
    agenderingen: tuple[Agendering, ...] | None
    teksten: dict[str, Narrative]  # 'communicatie' -> its blocks, read from Markdown
    input_files: tuple[Path, ...]  # every file the round was read from
    edits: tuple[Edit, ...] = ()  # reviewers' wording (redactie.toml)
    remarks: tuple[Remark, ...] = ()
    aandacht: tuple[AttentionGroup, ...] = ()  # ronde.toml [[aandacht]]

    @property
    def open_remarks(self) -> int:
        """Reviewers' comments not yet marked as dealt with."""
        return sum(1 for r in self.remarks if not r.done)
