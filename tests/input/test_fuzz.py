"""Property-based tests over whole round folders: mutated input ends in a built round or in
located errors with exit 2, never in a traceback.

The quick suite runs 40 cases, CI (--slow) 400; a longer run:
MEDEDELING_FUZZ_EXAMPLES=5000 pytest tests/input/test_fuzz.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mededeling.errors import InvalidInput
from mededeling.pipeline import prepare
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

# the quick suite tries 40 mutated rounds; CI (pytest --slow) 400
EXAMPLES = int(os.environ.get("MEDEDELING_FUZZ_EXAMPLES", "0")) or (
    400 if os.environ.get("MEDEDELING_TESTS_SLOW") else 40)
FILES = ("projecten.csv", "mijlpalen.csv", "financiering.csv", "outputindicatoren.csv",
         "ronde.toml")
NASTY = [
    "", " ", "groen", "VV999", "VV1", "-5", "1e400", "NaN", "inf", "99999999999999999999",
    "1.234,5", "1,234.5", "12,5", "0", "2022-Q9", "1899-Q1", "2999-Q4", "31/02/2021",
    "0001-01-01", "x" * 5000, '"quoted"', "<b>markup</b> & 'x'", "=cmd|' /C calc'!A0",
    "+SUM(A1)", "@import", "ja", "nee", "misschien", "\u202eomgekeerd", "emoji 🎉",
    "line\nbreak", "tab\there", "https://127.0.0.1:9/x", "javascript:alert(1)",
    # as staff type or paste them (the corpus of tests/input/corpus.py, one cell at a time)
    "3,20829E+07", "1e9", "VV0\u200b01", "VV\u0660\u0660\u0661", "V\u0412001", "VV\u00a0001",
    "\uff11\uff12", "nul\x00teken", "v\x0bt", "#N/A", "=A1*2", "Europese middelen (ja/nee)",
    "Status", "status (kleur)", "sep=;", "WAAR",
]


def base_round(root: Path) -> Path:
    inputs = root / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=3, oranje=1, grijs=1))
    folder = write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects],
        extra_csv={"outputindicatoren.csv": "project,indicator,eenheid,streefwaarde,realisatie\n"
                                            "VV001,Laadpalen,stuks,80,12.5\n"}))
    return folder


mutation = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(FILES), st.integers(0, 6), st.integers(0, 12),
              st.sampled_from(NASTY) | st.text(max_size=40)),
    st.tuples(st.just("drop-column"), st.sampled_from(FILES), st.integers(0, 12)),
    st.tuples(st.just("rename-column"), st.sampled_from(FILES), st.integers(0, 12),
              st.sampled_from(["", "Code", "status ", "kolom", "project"])),
    st.tuples(st.just("extra-column"), st.sampled_from(FILES)),
    st.tuples(st.just("empty"), st.sampled_from(FILES)),
    st.tuples(st.just("delete"), st.sampled_from(FILES)),
    st.tuples(st.just("bom"), st.sampled_from(FILES)),
    st.tuples(st.just("semicolon"), st.sampled_from(FILES)),
    st.tuples(st.just("duplicate-row"), st.sampled_from(FILES), st.integers(1, 6)),
    st.tuples(st.just("bytes"), st.sampled_from(FILES), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("encoding"), st.sampled_from(FILES), st.sampled_from(["cp1252", "utf-16"])),
    st.tuples(st.just("line-ends"), st.sampled_from(FILES), st.sampled_from(["\r", "\r\n"])),
    st.tuples(st.just("above-header"), st.sampled_from(FILES),
              st.sampled_from(["sep=,", "sep=;", "Projecten april", "", "sep=|"])),
    st.tuples(st.just("tabs"), st.sampled_from(FILES)),
    st.tuples(st.just("extra-file"), st.sampled_from(
        ["projecten (1).csv", "Mijlpalen.csv", "ronde.xlsm", "notities.txt", "ronde (2).toml"])),
)


def apply(folder: Path, change: tuple) -> None:
    kind, name = change[0], change[1]
    path = folder / name
    if not path.exists() and kind != "extra-file":
        return
    if kind == "delete":
        path.unlink()
        return
    if kind == "empty":
        path.write_bytes(b"")
        return
    if kind == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        return
    if kind == "extra-file":
        (folder / change[1]).write_bytes(b"code\nVV001\n")
        return
    if kind == "encoding":
        content = path.read_bytes().decode("utf-8", errors="replace") + "\u00e9\u00eb"
        path.write_bytes(content.encode(change[2], errors="replace"))
        return
    if kind == "line-ends":
        path.write_bytes(path.read_bytes().replace(b"\n", change[2].encode()))
        return
    if kind == "above-header":
        path.write_bytes(change[2].encode() + b"\n" + path.read_bytes())
        return
    if kind == "tabs":
        path.write_bytes(path.read_bytes().replace(b",", b"\t"))
        return
    if kind == "bytes":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + change[2] + data[len(data) // 2:])
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        return
    if name.endswith(".toml"):
        if kind == "cell":
            lines = text.splitlines()
            i = change[2] % len(lines)
            key = lines[i].split("=")[0].strip() if "=" in lines[i] else "x"
            lines[i] = f"{key} = {change[4]!r}" if change[3] % 2 else f"{key} = {change[4]}"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    rows = [line.split(",") for line in text.splitlines()] or [[""]]
    if kind == "cell":
        r = change[2] % len(rows)
        c = change[3] % len(rows[r])
        value = str(change[4]).replace("\n", " ")
        rows[r][c] = '"' + value.replace('"', '""') + '"' if ("," in value or '"' in value) else value
    elif kind == "drop-column" and len(rows[0]) > 1:
        c = change[2] % len(rows[0])
        rows = [row[:c] + row[c + 1:] for row in rows]
    elif kind == "rename-column":
        rows[0][change[2] % len(rows[0])] = change[3]
    elif kind == "extra-column":
        rows = [row + (["extra"] if i == 0 else ["?"]) for i, row in enumerate(rows)]
    elif kind == "semicolon":
        rows = [[cell.replace(".", ",") for cell in row] for row in rows]
        path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
        return
    elif kind == "duplicate-row" and len(rows) > 1:
        rows.append(rows[change[2] % (len(rows) - 1) + 1])
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")


def to_workbook(folder: Path, edit: int = 0) -> None:
    """The same (mutated) tables as one ronde.xlsx, as staff may hand them in, edited as
    staff edit workbooks (edit: 0 none, 1 a hidden copy, 2 merged cells, 3 a formula)."""
    import csv

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = wb.create_sheet(path.stem[:31] or "leeg")
        raw = path.read_bytes().decode("utf-8", errors="replace").replace("\x00", "")
        for row in csv.reader(raw.splitlines()):
            sheet.append([_cell(v) for v in row])
        path.unlink()
    if edit and wb.sheetnames:
        ws = wb[wb.sheetnames[0]]
        if edit == 1:
            wb.copy_worksheet(ws).title = f"{ws.title} (2)"
            ws.sheet_state = "hidden"
        elif edit == 2:
            ws.merge_cells("A2:B3")
        else:
            ws["B2"] = "=A2*2"
    wb.save(folder / "ronde.xlsx")


def _cell(value: str):
    """Numbers as numbers, the rest as text (an Excel user types both)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    try:
        number = float(value)
        return number if number == number and abs(number) < 1e300 else value
    except ValueError:
        return ILLEGAL_CHARACTERS_RE.sub("", value)


# problems about a whole file (it is missing, empty of sheets, too large, unreadable as a
# workbook) have the file as their place; every other problem names a line, column or sheet
WHOLE_FILE = ("verplicht bestand ontbreekt", "bestand ontbreekt", "het bestand is te groot",
              "de werkmap", "de map bevat zowel", "en nog ", "dit is ", "dit bestand hoort",
              "de naam van dit bestand", "deze map heeft")


def located(problem) -> bool:
    return (problem.line is not None or problem.column is not None
            or problem.sheet is not None or problem.message.startswith(WHOLE_FILE))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=3), st.booleans(), st.integers(0, 3))
def test_mutated_rounds_are_built_or_refused_with_located_errors(changes, workbook, edit):
    """Through the compute layer, as `mededeling check` runs it: a prepared round, or
    InvalidInput whose every problem says where (file and line, column or sheet) and
    reads as Dutch; never another exception."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        folder = base_round(root)
        for change in changes:
            apply(folder, change)
        if workbook:
            to_workbook(folder, edit)
        try:
            prep = prepare(folder)
        except InvalidInput as invalid:
            assert invalid.problems and invalid.total >= len(
                [p for p in invalid.problems if not p.message.startswith("en nog ")])
            for problem in invalid.problems:
                assert problem.file, problem
                assert located(problem), f"no place: {problem}"
                assert "Error" not in str(problem) and "Traceback" not in str(problem), problem
        else:
            assert prep.figures.projects.total == len(prep.round.projects)
            for warning in prep.warnings:
                assert warning.file and located(warning), f"no place: {warning}"
    finally:
        shutil.rmtree(root, ignore_errors=True)
