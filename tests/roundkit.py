"""Writing small round folders for tests, exactly to the input format.

Tests describe a round by its facts (statuses, milestones, amounts) and get a folder
as staff would hand it in, so every test goes through the real loader.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

PLAN = """\
naam = "Vlaamse Veerkracht"
relancebudget = 4_300_000_000
relance_projecten = [{relance}]
reguliere_projecten = [{regulier}]

[[speerpunten]]
nummer = 1
naam = "Economie en samenleving verduurzamen"

[[speerpunten]]
nummer = 2
naam = "Investeren in infrastructuur"

[[clusters]]
nummer = 1
naam = "Klimaat en energie"
speerpunt = 1

[[clusters]]
nummer = 2
naam = "Mobiliteit"
speerpunt = 2

[[pmv_instrumenten]]
naam = "Extra capaciteit Gigarant"
toelichting = "voor leningen, kapitaalsparticipaties, waarborgen voor ondernemingen"
bedrag = 3_000_000_000

[[pmv_instrumenten]]
naam = "Welvaartsfonds PMV"
bedrag = 240_000_000

[[andere_investeringen]]
naam = "Welzijn en Zorg"
toelichting = "extra jaarlijks recurrent budget in 2021-2025"
[[andere_investeringen.onderdelen]]
naam = "Het zesde Vlaams Intersectoraal Akkoord (VIA6)"
bedrag = 577_000_000
[[andere_investeringen.onderdelen]]
naam = "Extra middelen voor het uitbreidingsbeleid welzijn"
bedrag = 562_500_000
"""

PROJECT_COLUMNS = ["code", "titel", "speerpunt", "cluster", "status", "voortgang",
                   "bevoegde_minister", "trekkende_entiteit", "webpagina", "omschrijving",
                   "herstelplan"]


@dataclass
class RoundSpec:
    meetmoment: str
    meting: int
    # (code, status) or (code, status, title)
    projects: list[tuple] = field(default_factory=list)
    # (project, status, quarter)
    milestones: list[tuple[str, str, str]] = field(default_factory=list)
    # (project, beleidsruimte, vastgelegd, vereffend)
    finance: list[tuple[str, int | Decimal, int | Decimal, int | Decimal]] = field(
        default_factory=list)
    vorige: dict | None = None
    taskforce: str | None = None
    teksten: dict[str, str] = field(default_factory=dict)
    extra_csv: dict[str, str] = field(default_factory=dict)  # file name -> raw content


def write_plan(inputs: Path, relance: str = '"VV001-VV158", "VV181"',
               regulier: str = '"VV159-VV180"', extra: str = "") -> None:
    """`extra`: top-level keys put before the tables (e.g. 'monitoring = "..."')."""
    inputs.mkdir(parents=True, exist_ok=True)
    text = PLAN.format(relance=relance, regulier=regulier)
    if extra:
        head, sep, tail = text.partition("\n[[speerpunten]]")
        text = head + extra.rstrip("\n") + "\n" + sep + tail
    (inputs / "plan.toml").write_text(text, encoding="utf-8")


def _csv(rows: list[list[object]], sep: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def _amount(value: int | Decimal, nl: bool) -> str:
    text = str(value)
    if nl:
        whole, _, frac = text.partition(".")
        groups = f"{int(whole):,}".replace(",", ".")
        return groups + ("," + frac if frac else "")
    return text


def write_round(inputs: Path, spec: RoundSpec, nl_dialect: bool = False) -> Path:
    folder = inputs / spec.meetmoment
    folder.mkdir(parents=True, exist_ok=True)
    sep = ";" if nl_dialect else ","
    toml = [f"meetmoment = {spec.meetmoment}", f"meting = {spec.meting}"]
    if spec.taskforce:
        toml.append(f"taskforce_datum = {spec.taskforce}")
    toml += ["", "[ondertekening]", 'naam = "Jan JAMBON"',
             'functie = "Minister-president van de Vlaamse Regering"']
    if spec.vorige:
        toml += ["", "[vorige]"] + [f"{k} = {v}" for k, v in spec.vorige.items()]
    (folder / "ronde.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")

    rows: list[list[object]] = [PROJECT_COLUMNS]
    for p in spec.projects:
        code, status = p[0], p[1]
        title = p[2] if len(p) > 2 else f"Project {code}"
        number = int(code[2:])
        sp = 1 if number % 2 else 2
        rows.append([code, title, sp, sp, status, "Loopt.", "Jan Jambon", "Departement Kanselarij",
                     "https://www.vlaanderen.be/" + code.lower(), f"Omschrijving van {code}.",
                     "ja" if number % 3 == 0 else "nee"])
    (folder / "projecten.csv").write_text(_csv(rows, sep), encoding="utf-8")

    rows = [["project", "nummer", "omschrijving", "kwartaal", "status", "toelichting"]]
    counter: dict[str, int] = {}
    for project, status, quarter in spec.milestones:
        counter[project] = counter.get(project, 0) + 1
        rows.append([project, counter[project], f"Mijlpaal {counter[project]}", quarter, status, ""])
    (folder / "mijlpalen.csv").write_text(_csv(rows, sep), encoding="utf-8")

    rows = [["project", "bron", "beleidsruimte", "vastgelegd", "vereffend"]]
    for project, budget, committed, paid in spec.finance:
        rows.append([project, "vlaams"] + [_amount(v, nl_dialect) for v in (budget, committed, paid)])
    (folder / "financiering.csv").write_text(_csv(rows, sep), encoding="utf-8")

    for name, content in spec.extra_csv.items():
        (folder / name).write_text(content, encoding="utf-8")
    if spec.teksten:
        (folder / "teksten").mkdir(exist_ok=True)
        for name, text in spec.teksten.items():
            (folder / "teksten" / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


def statuses(**counts: int) -> list[str]:
    """A list of statuses: statuses(donkergroen=3, grijs=1) -> [...4 items]."""
    out: list[str] = []
    for status, n in counts.items():
        out += [status] * n
    return out


def projects_with(*status_list: str, start: int = 1) -> list[tuple[str, str]]:
    return [(f"VV{start + i:03d}", s) for i, s in enumerate(status_list)]


def workbook_of(folder: Path) -> bytes:
    """The round's CSV tables as one ronde.xlsx, a sheet per table, as staff export it."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for path in sorted(folder.glob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        sep = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
        ws = wb.create_sheet(path.stem)
        for row in csv.reader(io.StringIO(text), delimiter=sep):
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    """A ZIP with these entry names (any name, '../x' included) and contents."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buf.getvalue()


# the optional files with one row each, for a round that is to have all five annexes (a
# round without them has only the global report and the covernota)
OPTIONAL_FILES = {
    "impactindicatoren.csv": "speerpunt;indicator;eenheid;basiswaarde;basisjaar;waarde;jaar;bron\n"
                             "1;Aandeel hernieuwbare energie;%;6,9;2019;7,4;2020;VEKA\n",
    "outputindicatoren.csv": "project;indicator;eenheid;streefwaarde;realisatie\n"
                             "VV001;Gerenoveerde gebouwen;gebouwen;40;10\n",
    "dashboard.csv": "indicator;categorie;periode;waarde;eenheid;bron\n"
                     "Werkzaamheidsgraad;economisch;2021;74,7;%;Statbel\n",
}
