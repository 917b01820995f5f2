"""Rounds that test the documents as a signer turns their pages (issue 22): many short
projects, many speerpunten with long names, very few projects. Written with roundkit,
through the real loader, beside the sample.
"""

from __future__ import annotations

from pathlib import Path

from roundkit import RoundSpec, write_plan, write_round

MEETMOMENT = "2021-12-31"


def short_projects(inputs: Path, count: int = 180) -> Path:
    """`count` projects with short texts (the round writer's one-line omschrijving and
    voortgang), one or two milestones and one finance row each: the round whose annex 1
    gave a page to each project's last field."""
    last = f"VV{count:03d}"
    write_plan(inputs, relance=f'"VV001-{last}"', regulier="")
    projects = [(f"VV{n:03d}", "donkergroen" if n % 4 else "lichtgroen") for n in range(1, count + 1)]
    milestones = []
    for code, _ in projects:
        milestones.append((code, "donkergroen", "2021-Q3"))
        if int(code[2:]) % 2:
            milestones.append((code, "geel", "2022-Q1"))
    finance = [(code, 1_000_000, 500_000, 250_000) for code, _ in projects]
    return write_round(inputs, RoundSpec(MEETMOMENT, 3, projects, milestones, finance))


LONG = ("het versterken van de veerkracht van de Vlaamse economie en samenleving door "
        "gerichte investeringen in")


def many_speerpunten(inputs: Path, speerpunten: int = 12, projects: int = 3) -> Path:
    """A plan of many speerpunten with long names, a handful of projects with long titles,
    one impact indicator per speerpunt and a toelichting of several paragraphs: annex 2's
    charts and tables grow with the speerpunten, annex 3 has a small table per speerpunt."""
    inputs.mkdir(parents=True, exist_ok=True)
    plan = ['naam = "Vlaamse Veerkracht"', "relancebudget = 4_300_000_000",
            f'relance_projecten = ["VV001-VV{projects:03d}"]', "reguliere_projecten = []", ""]
    for n in range(1, speerpunten + 1):
        plan += ["[[speerpunten]]", f"nummer = {n}", f'naam = "Speerpunt {n}: {LONG} domein {n}"',
                 "", "[[clusters]]", f"nummer = {n}", f'naam = "Cluster {n}"', f"speerpunt = {n}",
                 ""]
    (inputs / "plan.toml").write_text("\n".join(plan), encoding="utf-8")
    rows = [(f"VV{n:03d}", ("donkergroen", "oranje", "rood")[n % 3],
             f"Project {n} met een lange titel over {LONG} de regio en haar steden en gemeenten")
            for n in range(1, projects + 1)]
    milestones = [(code, status, quarter) for code, *_ in rows
                  for status, quarter in (("donkergroen", "2021-Q2"), ("geel", "2021-Q4"),
                                          ("oranje", "2022-Q2"), ("grijs", "2026-Q4"))]
    finance = [(code, 90_000_000 * i, 60_000_000 * i, 20_000_000 * i)
               for i, (code, *_) in enumerate(rows, start=1)]
    impact = ["speerpunt;indicator;eenheid;basiswaarde;basisjaar;waarde;jaar;bron"]
    impact += [f"{n};Indicator {n} over {LONG} de samenleving;%;{10 + n},5;2019;{11 + n},2;2021;"
               f"Statistiek Vlaanderen" for n in range(1, speerpunten + 1)]
    toelichting = "\n\n".join(
        f"Alinea {i}: de impactindicatoren geven per speerpunt een beeld van de "
        "maatschappelijke en economische context waarin het relanceplan wordt uitgevoerd. "
        "Ze meten niet het effect van één afzonderlijk project; een verandering is het "
        "resultaat van vele factoren." for i in range(1, 5))
    # the previous round's key figures, so the note compares (sections 3 and 4)
    spec = RoundSpec(MEETMOMENT, 3, rows, milestones, finance,
                     extra_csv={"impactindicatoren.csv": "\n".join(impact) + "\n"},
                     teksten={"impactindicatoren": toelichting})
    folder = write_round(inputs, spec)
    return folder


def near_a_page(inputs: Path, count: int = 12) -> Path:
    """`count` projects whose fiche ran just over a page in the old layout (a two-line
    voortgang, a three-line omschrijving, six milestones): each took two pages, the
    second holding only 'Koppeling met andere projecten' (the issue's 338 pages)."""
    import csv
    import io

    folder = short_projects(inputs, count)
    path = folder / "projecten.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    for row in rows[1:]:
        row[header.index("voortgang")] = ("De mijlpaal ‘Lancering van de oproep’ werd "
                                          "gerealiseerd. Momenteel loopt ‘Beoordeling van "
                                          "de aanvragen’.")
        row[header.index("omschrijving")] = (
            "Dit project heeft als doel de dienstverlening sneller en beter te maken. De "
            "middelen worden ingezet via projectoproepen aan lokale besturen en "
            "organisaties, met aandacht voor de samenwerking tussen de betrokken "
            "entiteiten en een goede opvolging.")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    steps = (("2021-Q1", "donkergroen"), ("2021-Q3", "donkergroen"), ("2022-Q1", "geel"),
             ("2022-Q3", "donkergroen"), ("2023-Q2", "grijs"), ("2023-Q4", "grijs"))
    lines = ["project,nummer,omschrijving,kwartaal,status,toelichting"]
    lines += [f"{row[0]},{n},Mijlpaal {n} van het project,{quarter},{status},"
              for row in rows[1:] for n, (quarter, status) in enumerate(steps, start=1)]
    (folder / "mijlpalen.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
