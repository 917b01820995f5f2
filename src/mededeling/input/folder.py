"""A round folder: which files it holds (the CSVs or one workbook, ronde.toml, the
texts) and the round folders of an inputs folder."""

from __future__ import annotations

from pathlib import Path

from mededeling.core.problems import Collector
from mededeling.input.csv_file import read_csv
from mededeling.input.raw import (
    REQUIRED_TABLES, ROUND_DIR_RE, TABLES, TEXTS, WORKBOOK, RawRound, RawTable, decode_text,
)
from mededeling.input.toml_file import read_toml
from mededeling.input.workbook import read_workbook


def load_round(folder: Path, problems: Collector) -> RawRound:
    label = folder.name
    ronde = read_toml(folder / "ronde.toml", f"{label}/ronde.toml", problems)
    csvs = {name: folder / f"{name}.csv" for name in TABLES if (folder / f"{name}.csv").is_file()}
    workbook = folder / WORKBOOK
    files: list[Path] = [folder / "ronde.toml"] if ronde is not None else []
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
        tables.update(read)
        for name in REQUIRED_TABLES:
            if name not in read:
                problems.error(f"{label}/{WORKBOOK}", "verplicht blad ontbreekt",
                               sheet=name, expected=f"een blad met de naam '{name}'")
    else:
        for name, path in csvs.items():
            files.append(path)
            tables[name] = read_csv(path, f"{label}/{path.name}", name, problems)
        for name in REQUIRED_TABLES:
            if name not in csvs:
                problems.error(f"{label}/{name}.csv", "verplicht bestand ontbreekt",
                               expected=f"{name}.csv, of alle tabellen als bladen in {WORKBOOK}")
    teksten = {}
    for name in TEXTS:
        path = folder / "teksten" / f"{name}.md"
        if path.is_file():
            text = decode_text(path.read_bytes(), f"{label}/teksten/{path.name}", problems)
            if text is not None:
                teksten[name] = text
                files.append(path)
    return RawRound(folder, label, ronde, tables, teksten, files)


def round_folders(inputs: Path) -> list[Path]:
    """Round folders of an inputs folder, oldest first (their names are their dates)."""
    if not inputs.is_dir():
        return []
    return sorted(p for p in inputs.iterdir()
                  if p.is_dir() and ROUND_DIR_RE.match(p.name) and (p / "ronde.toml").is_file())
