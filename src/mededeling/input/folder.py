"""A round folder: which files it holds (the CSVs or one workbook, ronde.toml, the
texts) and the round folders of an inputs folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mededeling.core.problems import Collector
from mededeling.input.cells import CONTROL_RE, control_character
from mededeling.input.csv_file import read_csv
from mededeling.input.raw import (
    REQUIRED_TABLES, ROUND_DIR_RE, TABLES, TEXTS, WORKBOOK, RawRound, RawTable, decode_text,
    looks_like,
)
from mededeling.input.toml_file import read_toml
from mededeling.input.workbook import read_workbook


KNOWN_FILES = frozenset({"ronde.toml", WORKBOOK, "plan.toml", "teksten", "redactie.toml",
                         "nalezing",
                         *(f"{name}.csv" for name in TABLES)})


def _other_files(folder: Path, label: str, problems: Collector) -> set[str]:
    """Name what lies in a round folder and is not read: a file meant as one of the
    contract's under another name is an error (its table would be missing or empty),
    the rest a warning. A workbook with macros or in the old format is named as such.
    Returns the contract's names that were meant (not reported missing again)."""
    meant_names: set[str] = set()
    for path in sorted(folder.iterdir()):
        name = path.name
        if name in KNOWN_FILES or name.startswith((".", "~$")):
            continue  # Excel's lock file '~$ronde.xlsx' while the workbook is open
        stem, suffix = path.stem, path.suffix.lower()
        if suffix in (".xlsm", ".xls", ".xlsb", ".ods"):
            kind = {".xlsm": "een werkmap met macro's (.xlsm)", ".xls": "een oud Excel-bestand "
                    "(.xls)", ".xlsb": "een binaire Excel-werkmap (.xlsb)",
                    ".ods": "een LibreOffice-werkmap (.ods)"}[suffix]
            problems.error(f"{label}/{name}", f"dit is {kind}: het wordt niet gelezen",
                           expected=f"{WORKBOOK}: in Excel Opslaan als > 'Excel-werkmap (.xlsx)'")
            meant_names.add(WORKBOOK)
            continue
        meant = None
        if suffix in (".csv", ".txt"):
            meant = looks_like(stem, TABLES)
            meant = f"{meant}.csv" if meant else None
        elif suffix == ".xlsx":
            meant = WORKBOOK if looks_like(stem, ("ronde",)) else None
        elif suffix == ".toml":
            meant = "ronde.toml" if looks_like(stem, ("ronde",)) else None
        if _not_read(f"{label}/{name}", folder / meant if meant else None,
                     f"ronde.toml, de CSV-bestanden of {WORKBOOK}, teksten/", problems):
            meant_names.add(meant)
    return meant_names


def _not_read(where: str, meant: Path | None, contract: str, problems: Collector) -> bool:
    """A file that is not read: an error when its name looks like the missing `meant`
    (True), else a warning naming what the format reads."""
    if meant is not None and not meant.exists():
        problems.error(where, f"de naam van dit bestand lijkt op {meant.name}, maar is niet zo "
                       "geschreven: het wordt niet gelezen",
                       expected=f"de naam {meant.name} (hernoem het bestand)")
        return True
    problems.warn(where, "dit bestand hoort niet bij het invoerformaat en wordt niet gelezen",
                  expected=contract)
    return False


def load_round(folder: Path, problems: Collector) -> RawRound:
    label = folder.name
    meant = _other_files(folder, label, problems) if folder.is_dir() else set()
    ronde = read_toml(folder / "ronde.toml", f"{label}/ronde.toml", problems)
    csvs = {name: folder / f"{name}.csv" for name in TABLES if (folder / f"{name}.csv").is_file()}
    workbook = folder / WORKBOOK
    files: list[Path] = [folder / "ronde.toml"] if ronde is not None else []
    if (folder / "plan.toml").is_file():  # the plan of this round (see pipeline.plan_of)
        files.append(folder / "plan.toml")
    # the reviewers' wording and the reviewed copies it came from: a final carries them
    if (folder / "redactie.toml").is_file():
        files.append(folder / "redactie.toml")
    if (folder / "nalezing").is_dir():
        files += sorted(p for p in (folder / "nalezing").iterdir()
                        if p.is_file() and not p.name.startswith((".", "~$")))
    tables: dict[str, RawTable | None] = dict.fromkeys(TABLES)
    if workbook.is_file() and csvs:
        problems.error(
            f"{label}/{WORKBOOK}",
            "de map bevat zowel ronde.xlsx als CSV-bestanden ("
            + ", ".join(sorted(p.name for p in csvs.values()))
            + "); welke is juist?",
            expected="ofwel één ronde.xlsx, ofwel de CSV-bestanden")
    elif workbook.is_file():
        files.append(workbook)
        read = read_workbook(workbook, f"{label}/{WORKBOOK}", problems)
        tables.update(read or {})
        for name in REQUIRED_TABLES:
            if read is not None and name not in read:  # else: said why it cannot be read
                problems.error(f"{label}/{WORKBOOK}", "verplicht blad ontbreekt",
                               sheet=name, expected=f"een blad met de naam '{name}'")
    else:
        for name, path in csvs.items():
            files.append(path)
            tables[name] = read_csv(path, f"{label}/{path.name}", name, problems)
        for name in REQUIRED_TABLES:
            if name not in csvs and f"{name}.csv" not in meant and WORKBOOK not in meant:
                problems.error(f"{label}/{name}.csv", "verplicht bestand ontbreekt",
                               expected=f"{name}.csv, of alle tabellen als bladen in {WORKBOOK}")
    texts = folder / "teksten"
    if texts.is_dir():
        for path in sorted(texts.iterdir()):
            if path.suffix == ".md" and path.stem in TEXTS or path.name.startswith((".", "~$")):
                continue
            meant = looks_like(path.stem, TEXTS)
            _not_read(f"{label}/teksten/{path.name}", texts / f"{meant}.md" if meant else None,
                      ", ".join(f"teksten/{t}.md" for t in TEXTS), problems)
    teksten = {}
    for name in TEXTS:
        path = folder / "teksten" / f"{name}.md"
        if path.is_file():
            text = decode_text(path.read_bytes(), f"{label}/teksten/{path.name}", problems,
                               kind="md")
            found = control_character(text) if text is not None else None
            if found is not None:
                assert text is not None
                at = CONTROL_RE.search(text)
                assert at is not None
                problems.error(f"{label}/teksten/{path.name}", f"teken {found} in de tekst",
                               line=text.count("\n", 0, at.start()) + 1,
                               expected="tekst zonder stuurtekens")
            elif text is not None:
                teksten[name] = text
                files.append(path)
    return RawRound(folder, label, ronde, tables, teksten, files)


def is_date(name: str) -> bool:
    try:
        dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def round_folders(inputs: Path, problems: Collector | None = None) -> list[Path]:
    """Round folders of an inputs folder, oldest first (their names are their dates).

    A folder named like a date that does not exist (2021-02-30) is no round: it is
    skipped, and named as a warning when `problems` is given."""
    if not inputs.is_dir():
        return []
    found = []
    for p in sorted(inputs.iterdir()):
        if not (p.is_dir() and ROUND_DIR_RE.match(p.name)):
            continue
        if not is_date(p.name):
            if problems is not None:
                problems.warn(p.name, "deze map heeft de naam van een datum die niet bestaat; "
                              "ze wordt overgeslagen", expected="een map JJJJ-MM-DD met een "
                              "bestaande datum")
            continue
        if (p / "ronde.toml").is_file():
            found.append(p)
    return found
