"""Round folders as staff really hand them in: one case per way a file goes wrong.

Each case starts from the same clean round (six projects, nl-BE CSV as Excel exports it,
a `[vorige]` table) and changes it the way a person with Excel or a text editor would.
It says what `mededeling` must answer: the exit code, and a text the first problem of
the answer holds (for a round that builds: a text one of its warnings holds). Run as a
script to write every case as a folder for a look by hand:

    .venv/bin/python tests/input/corpus.py /tmp/gevallen
"""

from __future__ import annotations

import io
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roundkit import RoundSpec, projects_with, statuses, workbook_of, write_plan, write_round  # noqa: E402

MEETMOMENT = "2022-04-30"


def base(inputs: Path) -> Path:
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=4, lichtgroen=1, grijs=1))
    return write_round(inputs, RoundSpec(
        MEETMOMENT, 4, projects, [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects],
        vorige=dict(meetmoment="2021-12-31", projecten_oranje=1),
        teksten={"communicatie": "De campagne loopt.\n"}), nl_dialect=True)


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]  # the round folder, changed in place
    exit: int
    first: str  # in the first problem listed (exit 2), or in one warning (exit 0)
    alone: bool = False  # the cause is the only problem: nothing follows from it


# --- small tools ------------------------------------------------------------------------

def text(folder: Path, name: str) -> str:
    return (folder / name).read_bytes().decode("utf-8-sig")


def write(folder: Path, name: str, content: str, encoding: str = "utf-8") -> None:
    (folder / name).write_bytes(content.encode(encoding))


def replace(name: str, old: str, new: str, count: int = 1, encoding: str = "utf-8"):
    def change(folder: Path) -> None:
        content = text(folder, name)
        assert old in content, (name, old)
        write(folder, name, content.replace(old, new, count), encoding)
    return change


def reencode(name: str, encoding: str, old: str = "Loopt.", new: str = "Loopt één."):
    return replace(name, old, new, encoding=encoding)


def as_workbook(then: Callable | None = None):
    """The CSVs as one ronde.xlsx (text cells, as workbook_of makes them), then edited."""
    def change(folder: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(workbook_of(folder)))
        for path in folder.glob("*.csv"):
            path.unlink()
        if then is not None:
            then(wb)
        wb.save(folder / "ronde.xlsx")
    return change


def hide_and_copy(wb) -> None:
    source = wb["projecten"]
    copy = wb.copy_worksheet(source)
    copy.title = "projecten (2)"
    source.sheet_state = "hidden"


def merge_status(wb) -> None:
    ws = wb["projecten"]
    column = [c.value for c in ws[1]].index("status") + 1
    letter = ws.cell(row=1, column=column).column_letter
    ws.merge_cells(f"{letter}3:{letter}4")


def formula_in_amount(wb) -> None:
    ws = wb["financiering"]
    ws["D3"] = "=C3*0,3"  # openpyxl stores no computed value: as a workbook never opened in Excel


def error_value(wb) -> None:
    ws = wb["financiering"]
    ws["D4"] = "#N/A"


def hide_row(wb) -> None:
    wb["financiering"].row_dimensions[4].hidden = True  # a project's euros, hidden to leave out


def filter_out_row(wb) -> None:
    ws = wb["mijlpalen"]  # an autofilter leaves row 3 out: Excel marks it hidden too
    ws.auto_filter.ref = ws.dimensions
    ws.row_dimensions[3].hidden = True


def hide_column(wb) -> None:
    ws = wb["projecten"]
    column = [c.value for c in ws[1]].index("status") + 1
    ws.column_dimensions[ws.cell(row=1, column=column).column_letter].hidden = True


def extra_sheet(wb) -> None:
    wb.create_sheet("Blad1")["A1"] = "notities"


def other_round(inputs_name: str, meting: int, meetmoment: str = "2022-01-31"):
    """A second round folder before this one, with the given meting."""
    def change(folder: Path) -> None:
        earlier = folder.parent / meetmoment
        shutil.copytree(folder, earlier)
        toml = text(earlier, "ronde.toml").replace(f"meetmoment = {MEETMOMENT}",
                                                   f"meetmoment = {meetmoment}")
        write(earlier, "ronde.toml", toml.replace("meting = 4", f"meting = {meting}"))
    return change


def rename(old: str, new: str):
    def change(folder: Path) -> None:
        (folder / old).rename(folder / new)
    return change


def both(*changes: Callable[[Path], None]):
    def change(folder: Path) -> None:
        for c in changes:
            c(folder)
    return change


def duplicate_then_error(folder: Path) -> None:
    lines = text(folder, "projecten.csv").splitlines()
    lines.insert(2, lines[1])  # VV001 twice: lines 2 and 3
    lines[5] = lines[5].replace("donkergroen", "paars")  # VV004, now on line 6
    write(folder, "projecten.csv", "\n".join(lines) + "\n")


def header_only(name: str):
    def change(folder: Path) -> None:
        write(folder, name, text(folder, name).splitlines()[0] + "\n")
    return change


def unclosed_quote(folder: Path) -> None:
    content = text(folder, "projecten.csv")
    write(folder, "projecten.csv", content.replace("Loopt.", '"Loopt.' + "x" * 140_000, 1))


def impossible_date_folder(folder: Path) -> None:
    (folder.parent / "2021-02-30").mkdir()
    (folder.parent / "2021-02-30" / "ronde.toml").write_text("meting = 1\n")


def broken_workbook(folder: Path) -> None:
    for path in folder.glob("*.csv"):
        path.unlink()
    (folder / "ronde.xlsx").write_bytes(b"PK\x03\x04 afgebroken bij het kopieren")


def title_row(wb) -> None:
    ws = wb["financiering"]
    ws.insert_rows(1)
    ws["A1"], ws["B1"] = "Financiering relanceplan", "stand 31/12/2021"


def empty_cell_far_down(wb) -> None:
    from openpyxl.styles import PatternFill

    wb["mijlpalen"]["A250000"].fill = PatternFill("solid", fgColor="FFFF00")


def ole_workbook(folder: Path) -> None:
    for path in folder.glob("*.csv"):
        path.unlink()
    (folder / "ronde.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


CASES = [
    # text files as Excel and editors save them
    Case("windows-1252", reencode("projecten.csv", "cp1252"), 0, "Windows-1252"),
    Case("gemengde-codering", lambda f: (f / "projecten.csv").write_bytes(
        text(f, "projecten.csv").replace("Loopt.", "Loopt één.", 1).encode("utf-8")
        .replace(b"Loopt", b"Loopt \x80", 1)), 2, "gemengde codering", alone=True),
    Case("utf-16", lambda f: write(f, "projecten.csv", text(f, "projecten.csv"), "utf-16"),
         2, "projecten.csv, regel 1: het bestand is UTF-16-tekst", alone=True),
    Case("leeg-bestand", lambda f: write(f, "projecten.csv", ""), 2,
         "projecten.csv, regel 1: het bestand is leeg", alone=True),
    Case("titelrij", lambda f: write(f, "projecten.csv", "Projecten ronde april\n"
                                     + text(f, "projecten.csv")), 2,
         "projecten.csv, regel 1: boven de kopregel staat 1 regel (een titel?)", alone=True),
    Case("sep-regel", lambda f: write(f, "projecten.csv", "sep=;\n" + text(f, "projecten.csv")),
         0, ""),
    Case("sep-regel-cr", lambda f: write(f, "projecten.csv", ("sep=;\n" + text(f, "projecten.csv"))
                                         .replace("\n", "\r")), 0, ""),
    Case("alleen-sep-regel", lambda f: write(f, "projecten.csv", "sep=;\n"), 2,
         "projecten.csv, regel 2: het bestand is leeg", alone=True),
    Case("tabs", lambda f: write(f, "projecten.csv", text(f, "projecten.csv").replace(";", "\t")),
         2, "projecten.csv, regel 1: de kolommen zijn gescheiden door tabs", alone=True),
    Case("geen-scheidingsteken", lambda f: write(f, "projecten.csv",
                                                 text(f, "projecten.csv").replace(";", "|")),
         2, "projecten.csv, regel 1: de kopregel heeft maar één kolom"),
    Case("cr-regeleinden", both(lambda f: write(f, "mijlpalen.csv", text(f, "mijlpalen.csv")
                                                .replace("\n", "\r")),
                                replace("mijlpalen.csv", "VV003;1;", "VV003;x;")),
         2, "mijlpalen.csv, regel 4, kolom nummer: ongeldige waarde ‘x’"),
    Case("cel-te-lang", unclosed_quote, 2, "een cel is langer dan 131.072 tekens"),
    # headers as a person writes them
    Case("kolom-met-haakjes", replace("projecten.csv", "herstelplan", "Herstelplan (ja/nee)"), 2,
         "kolom Herstelplan (ja/nee): kolomnaam lijkt op herstelplan"),
    Case("kolom-met-spaties", replace("financiering.csv", "vastgelegd", "Vast gelegd"), 2,
         "kolom Vast gelegd: kolomnaam lijkt op vastgelegd"),
    Case("kolom-met-accent", replace("projecten.csv", "omschrijving", "omschrïjving"), 2,
         "kolomnaam lijkt op omschrijving"),
    Case("kolom-hoofdletters", replace("projecten.csv", "herstelplan", "HERSTELPLAN"), 0, ""),
    Case("onbekende-kolom", replace("projecten.csv", ";herstelplan\n", ";herstelplan;opmerking\n"),
         0, "kolom opmerking: onbekende kolom: ze wordt niet gelezen"),
    # numbers and codes a person did not mean
    Case("wetenschappelijke-notatie", replace("financiering.csv", "30.000.000", "3,2E+07"), 2,
         "getal in wetenschappelijke notatie ‘3,2E+07’"),
    Case("arabische-cijfers", replace("projecten.csv", "VV002", "VV\u0660\u0660\u0662"), 2,
         "teken U+0660 (cijfer uit een ander schrift: Arabisch) in"),
    Case("brede-cijfers", replace("financiering.csv", "100.000.000", "\uff11\uff10\uff10"), 2,
         "teken U+FF11 (cijfer uit een ander schrift: breed (full-width)) in"),
    Case("onzichtbaar-teken", replace("projecten.csv", "VV003", "VV0\u200b03"), 2,
         "teken U+200B (onzichtbaar) in ‘VV0\u200b03’"),
    Case("cyrillische-letter", replace("projecten.csv", "VV004", "V\u0412004"), 2,
         "teken U+0412 (letter uit een ander schrift: Cyrillisch)"),
    Case("vaste-spatie", replace("mijlpalen.csv", "VV005", "VV\u00a0005"), 2,
         "teken U+00A0 (vaste spatie)"),
    Case("stuurteken", replace("projecten.csv", "Project VV002", "Project\x0bVV002"), 2,
         "teken U+000B (stuurteken) in de cel"),
    Case("groot-getal", replace("financiering.csv", "5.000.000", "5.000.000.000.000.000.000",
                                count=1), 2, "onwaarschijnlijk groot bedrag"),
    Case("duizendtal-of-decimaal", replace("financiering.csv", "5.000.000", "5,000"), 2,
         "dubbelzinnig bedrag ‘5,000’"),
    Case("vastgelegd-boven-beleidsruimte", replace("financiering.csv", "30.000.000", "130.000.000"),
         0, "vastgelegd is hoger dan de beleidsruimte van deze rij"),
    Case("mijlpalen-alleen-kopregel", header_only("mijlpalen.csv"), 0,
         "het bestand bevat geen enkele mijlpaal"),
    # one cause, not a flood
    Case("projecten-onder-andere-naam", rename("projecten.csv", "projecten (1).csv"), 2,
         "projecten (1).csv: de naam van dit bestand lijkt op projecten.csv", alone=True),
    Case("dubbele-code-dan-fout", duplicate_then_error, 2,
         "projecten.csv, regel 3, kolom code: dubbele projectcode (ook op regel 2)"),
    # rounds out of order
    Case("vorige-na-deze", replace("ronde.toml", "meetmoment = 2021-12-31",
                                   "meetmoment = 2022-06-30"), 2,
         "ronde.toml, regel 9, sleutel vorige.meetmoment: de vorige meting ligt niet vóór deze"),
    Case("meting-overgeslagen", other_round("2022-01-31", 2), 2,
         "ronde.toml, regel 2, sleutel meting: meting 4 volgt niet op meting 2"),
    Case("zelfde-meting", other_round("2022-01-31", 4), 2,
         "meting 4 volgt niet op meting 4 van de vorige meetronde 2022-01-31"),
    Case("map-onmogelijke-datum", impossible_date_folder, 0,
         "2021-02-30: deze map heeft de naam van een datum die niet bestaat"),
    Case("meting-te-groot", replace("ronde.toml", "meting = 4", "meting = 10000000000000000000000000000"),
         2, "sleutel meting: ongeldig of ontbrekend volgnummer"),
    Case("vorige-oneindig", replace("ronde.toml", "projecten_oranje = 1", "projecten_oranje = inf"),
         2, "sleutel vorige.projecten_oranje: ongeldig getal in [vorige]"),
    Case("stuurteken-in-ronde-toml", replace("ronde.toml", "Jan JAMBON", "Jan\\u000bJAMBON"), 2,
         "ronde.toml, regel 5, sleutel ondertekening.naam: teken U+000B (stuurteken) in de tekst"),
    Case("stuurteken-in-plan", lambda f: (f.parent / "plan.toml").write_text(
        (f.parent / "plan.toml").read_text().replace("Mobiliteit", "Mobi\\u0000liteit")), 2,
         "plan.toml, regel 21, sleutel clusters.naam: teken U+0000 (stuurteken) in de tekst"),
    Case("stuurteken-in-tekst", lambda f: write(f, "teksten/communicatie.md",
                                                "Eerste regel.\n\nDe \x0ccampagne.\n"), 2,
         "teksten/communicatie.md, regel 3: teken U+000C (stuurteken) in de tekst"),
    # ronde.toml and texts in another encoding: their own advice, no follow-on
    Case("ronde-toml-windows-1252", replace("ronde.toml", "Jan JAMBON", "Jan JAMBON é",
                                            encoding="cp1252"), 2,
         "ronde.toml, regel 5: het bestand is geen UTF-8-tekst", alone=True),
    Case("tekst-windows-1252", lambda f: write(f, "teksten/communicatie.md",
                                               "De campagne één.\n", "cp1252"), 2,
         "teksten/communicatie.md, regel 1: het bestand is geen UTF-8-tekst"),
    Case("tekst-als-word", lambda f: (f / "teksten" / "communicatie.md").rename(
        f / "teksten" / "Communicatie.docx"), 2,
         "teksten/Communicatie.docx: de naam van dit bestand lijkt op communicatie.md"),
    Case("tekst-extra", lambda f: (f / "teksten" / "notities.txt").write_text("x"), 0,
         "teksten/notities.txt: dit bestand hoort niet bij het invoerformaat"),
    # workbooks as staff edit them
    Case("werkmap", as_workbook(), 0, ""),
    Case("verborgen-blad-en-kopie", as_workbook(hide_and_copy), 2,
         "ronde.xlsx, blad projecten: het blad ‘projecten’ is verborgen; het zichtbare blad "
         "‘projecten (2)’ lijkt een kopie"),
    Case("werkmap-titelrij", as_workbook(title_row), 2,
         "ronde.xlsx, blad financiering, rij 1: boven de kopregel staat 1 rij (een titel?)",
         alone=True),
    Case("opgemaakte-lege-cel", as_workbook(empty_cell_far_down), 0, ""),
    Case("extra-blad", as_workbook(extra_sheet), 0,
         "ronde.xlsx, blad Blad1: blad hoort niet bij het invoerformaat"),
    Case("samengevoegde-cellen", as_workbook(merge_status), 2,
         "samengevoegde cel (E3:E4)"),
    Case("formule-zonder-waarde", as_workbook(formula_in_amount), 2,
         "ronde.xlsx, blad financiering, rij 3, kolom vastgelegd: formule zonder berekende waarde"),
    Case("foutwaarde", as_workbook(error_value), 2,
         "blad financiering, rij 4, kolom vastgelegd: foutwaarde in de cel ‘#N/A’"),
    Case("verborgen-rij", as_workbook(hide_row), 0,
         "ronde.xlsx, blad financiering, rij 4: verborgen rij: ze wordt gelezen en telt mee"),
    Case("weggefilterde-rij", as_workbook(filter_out_row), 0,
         "ronde.xlsx, blad mijlpalen, rij 3: verborgen rij: ze wordt gelezen en telt mee"),
    Case("verborgen-kolom", as_workbook(hide_column), 0,
         "ronde.xlsx, blad projecten, rij 1, kolom status: verborgen kolom: ze wordt gelezen"),
    Case("wachtwoord", ole_workbook, 2, "de werkmap is beveiligd met een wachtwoord", alone=True),
    Case("kapotte-werkmap", broken_workbook, 2, "de werkmap kan niet gelezen worden", alone=True),
    Case("xlsm", both(as_workbook(), rename("ronde.xlsx", "ronde.xlsm")), 2,
         "ronde.xlsm: dit is een werkmap met macro's (.xlsm)"),
]


def make(case: Case, root: Path) -> Path:
    """The case as a round folder under root/inputs; returns the round folder."""
    folder = base(root / "inputs")
    case.change(folder)
    return folder


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "gevallen")
    for case in CASES:
        where = make(case, target / case.name)
        print(f"{where}  (verwacht: code {case.exit}, {case.first or 'geen melding'})")
