"""Make a scaled copy of a round: every project FACTOR times, under new unique codes.

Why: issue 3 sets speed bars "with ten times the projects" (1,810 projects, 13,000
milestones). No such round exists, so this script multiplies a real one. The copy is a
normal round folder that `mededeling check` accepts, in the same CSV dialect as its
source (separator, decimal comma, BOM, line ends: cells are copied as text, never
re-parsed), so the build under test does the same work per project as on real data.

usage: .venv/bin/python bench/scale_round.py INPUTS_DIR ROUND_NAME FACTOR OUT_INPUTS_DIR
           [--extra N] [--vorige schalen|weglaten]

- OUT_INPUTS_DIR/plan.toml: a copy of plan.toml with relance_projecten and
  reguliere_projecten rewritten as ranges of the new codes (relance first, then regular,
  then projects in neither list, as in the source).
- The round ROUND_NAME and (default `--vorige schalen`) every earlier round folder are
  scaled the same way, so the previous round's figures stay comparable. With
  `--vorige weglaten` only ROUND_NAME is written and the build relies on its `[vorige]`
  table. Either way, the counts and amounts of `[vorige]` in ronde.toml are multiplied by
  FACTOR so the figures stay plausible.
- Copy k of project P gets a new code; all rows that name P (mijlpalen, financiering,
  outputindicatoren, agenderingen) are repeated per copy with that code, and P's
  koppelingen point to the same copy of the linked projects. impactindicatoren,
  dashboard and teksten/ are not per project and are copied unchanged. A round given as
  ronde.xlsx is scaled sheet by sheet the same way.
- relancebudget in plan.toml is multiplied by FACTOR too (the amounts grow with the
  projects, so their shares of the envelope stay as in the source).
- `--extra N` adds one more copy of the first N projects (by code), for instance to reach
  the issue's 1,810 projects from a 180-project round at FACTOR 10 (`--extra 10`).

Codes are `VV` + max(3, digits of the total) digits, numbered 1..total, so FACTOR 1
reproduces a round with codes VV001..VVnnn unchanged.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import sys
import tomllib
from pathlib import Path

ROUND_DIR_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_RE = re.compile(r"^VV(\d{3,})$")
# per-project tables and the column that names the project
PROJECT_COLUMN = {
    "projecten": "code",
    "mijlpalen": "project",
    "financiering": "project",
    "outputindicatoren": "project",
    "agenderingen": "project",
}
VORIGE_KEYS = ("projecten_oranje", "mijlpalen_totaal", "mijlpalen_op_schema",
               "mijlpalen_gerealiseerd", "mijlpalen_vertraagd", "mijlpalen_bij_te_sturen",
               "mijlpalen_stopgezet", "mijlpalen_niet_gestart", "vastgelegd", "vereffend")


# --- CSV in the source's own dialect ---------------------------------------------------

class CsvFile:
    """A CSV file read as text cells, with what is needed to write it back the same way."""

    def __init__(self, path: Path):
        data = path.read_bytes()
        self.bom = data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        first = text.splitlines()[0] if text else ""
        # the same rule as mededeling.input.files: more ';' than ',' in the header means ';'
        self.sep = ";" if first.count(";") > first.count(",") else ","
        self.newline = "\r\n" if "\r\n" in text[: len(first) + 2] else "\n"
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=self.sep))
        self.header: list[str] = rows[0] if rows else []
        self.rows: list[list[str]] = rows[1:]
        self.trailing_newline = text.endswith(("\n", "\r"))

    def column(self, name: str) -> int | None:
        for i, cell in enumerate(self.header):
            if cell.strip().lstrip("\ufeff").strip().lower() == name:
                return i
        return None

    def write(self, path: Path) -> None:
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, delimiter=self.sep, lineterminator=self.newline,
                            quoting=csv.QUOTE_MINIMAL)
        writer.writerow(self.header)
        writer.writerows(self.rows)
        text = buf.getvalue()
        if not self.trailing_newline and text.endswith(self.newline):
            text = text[: -len(self.newline)]
        path.write_bytes((b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8"))


# --- plan codes ------------------------------------------------------------------------

def code_number(code: str) -> int | None:
    m = CODE_RE.match(str(code).strip())
    return int(m[1]) if m else None


def code_set(items: list) -> set[int]:
    """The numbers a plan list covers ('VV001-VV158', 'VV181', 'VV159-180')."""
    numbers: set[int] = set()
    for item in items:
        parts = [p.strip() for p in str(item).split("-")]
        if len(parts) == 2 and parts[1].isdigit():
            parts[1] = "VV" + parts[1]
        nums = [code_number(p) for p in parts]
        if None in nums or len(nums) not in (1, 2):
            raise SystemExit(f"plan.toml: onbekende code of reeks {item!r}")
        numbers.update(range(nums[0], nums[-1] + 1))
    return numbers


class Mapping:
    """(original code, copy index) -> new code, plus the plan's new ranges."""

    def __init__(self, codes: list[str], plan: dict, factor: int, extra: int):
        relance = code_set(plan.get("relance_projecten", []))
        regular = code_set(plan.get("reguliere_projecten", []))
        codes = sorted(set(codes), key=lambda c: (code_number(c) or 0, c))

        def category(code: str) -> int:
            n = code_number(code)
            return 0 if n in relance else 1 if n in regular else 2

        copies = [(k, c) for k in range(factor) for c in codes]
        copies += [(factor, c) for c in codes[:extra]]
        self.total = len(copies)
        self.width = max(3, len(str(self.total)))
        self.new: dict[tuple[str, int], str] = {}
        self.ranges: list[list[str]] = [[], [], []]
        number = 0
        for cat in (0, 1, 2):
            first = number + 1
            for k, c in copies:
                if category(c) == cat:
                    number += 1
                    self.new[(c, k)] = self.code(number)
            if number >= first:
                span = self.code(first) if number == first else \
                    f"{self.code(first)}-{self.code(number)}"
                self.ranges[cat].append(span)
        self.copies_of: dict[str, list[int]] = {}
        for k, c in copies:
            self.copies_of.setdefault(c, []).append(k)

    def code(self, number: int) -> str:
        return f"VV{number:0{self.width}d}"

    def link(self, code: str, k: int) -> str:
        """Copy k of a linked project; copy 0 when that project has no copy k (extras)."""
        code = code.strip()
        return self.new.get((code, k)) or self.new.get((code, 0)) or code


# --- one table -------------------------------------------------------------------------

def scale_rows(name: str, header_index, rows: list[list], mapping: Mapping) -> list[list]:
    """Rows of one per-project table, repeated per copy with remapped codes, in code order.

    header_index(column) gives a column's index or None; cells may be str or (xlsx) other.
    """
    col = header_index(PROJECT_COLUMN[name])
    links = header_index("koppelingen") if name == "projecten" else None
    keyed: list[tuple[int, int, list]] = []
    for i, row in enumerate(rows):
        code = str(row[col]).strip() if col is not None and col < len(row) and row[col] is not None else ""
        ks = mapping.copies_of.get(code)
        if not ks:  # not a project of the round: leave it as it is (check will say)
            keyed.append((10**12, i, list(row)))
            continue
        for k in ks:
            new = list(row)
            new[col] = mapping.new[(code, k)]
            if links is not None and links < len(new) and new[links] not in (None, ""):
                parts = [p.strip() for p in str(new[links]).split(";") if p.strip()]
                new[links] = "; ".join(mapping.link(p, k) for p in parts)
            keyed.append((code_number(new[col]) or 0, i, new))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [r for _, _, r in keyed]


def project_codes(folder: Path) -> list[str]:
    path = folder / "projecten.csv"
    if path.is_file():
        f = CsvFile(path)
        col = f.column("code")
        return [r[col].strip() for r in f.rows if col is not None and col < len(r) and r[col].strip()]
    book = folder / "ronde.xlsx"
    if book.is_file():
        import openpyxl

        wb = openpyxl.load_workbook(book, read_only=True)
        if "projecten" not in wb.sheetnames:
            return []
        rows = list(wb["projecten"].iter_rows(values_only=True))
        head = [str(h or "").strip().lower() for h in rows[0]] if rows else []
        if "code" not in head:
            return []
        i = head.index("code")
        return [str(r[i]).strip() for r in rows[1:] if r and i < len(r) and r[i]]
    return []


# --- ronde.toml ------------------------------------------------------------------------

def scale_vorige(text: str, factor: int) -> str:
    """Multiply the counts and amounts of the [vorige] table by factor, keeping the text."""
    out, in_vorige = [], False
    key_re = re.compile(r"^(\s*)(" + "|".join(VORIGE_KEYS) + r")(\s*=\s*)([0-9_]+(?:\.[0-9_]+)?)(.*)$")
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            in_vorige = stripped.startswith("[vorige]")
        m = key_re.match(line.rstrip("\r\n")) if in_vorige else None
        if m:
            raw = m[4].replace("_", "")
            value = float(raw) * factor if "." in raw else int(raw) * factor
            shown = f"{value:_}" if isinstance(value, int) else repr(value)
            ending = line[len(line.rstrip("\r\n")):]
            line = f"{m[1]}{m[2]}{m[3]}{shown}{m[5]}{ending}"
        out.append(line)
    return "".join(out)


def scale_aandacht(text: str, mapping: "Mapping") -> str:
    """The project codes of [[aandacht]] groups, renamed as the projects are (the first
    copy keeps its group; the other copies are listed one by one, as ungrouped ones)."""
    out, in_group = [], False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            in_group = stripped.startswith("[[aandacht]]")
        if in_group:
            line = re.sub(r"(?<=[\"'])VV\d+(?=[\"'])", lambda m: mapping.link(m[0], 0), line)
        out.append(line)
    return "".join(out)


# --- a round folder ------------------------------------------------------------------

def scale_folder(src: Path, dst: Path, mapping: Mapping, factor: int) -> dict[str, int]:
    dst.mkdir(parents=True)
    counts: dict[str, int] = {}
    for item in sorted(src.iterdir()):
        target = dst / item.name
        stem = item.stem
        if item.is_dir():
            shutil.copytree(item, target)
        elif item.name == "ronde.toml":
            text = scale_vorige(item.read_text(encoding="utf-8"), factor)
            target.write_text(scale_aandacht(text, mapping), encoding="utf-8", newline="")
        elif item.suffix == ".csv" and stem in PROJECT_COLUMN:
            f = CsvFile(item)
            f.rows = scale_rows(stem, f.column, f.rows, mapping)
            f.write(target)
            counts[stem] = len(f.rows)
        elif item.name == "ronde.xlsx":
            counts.update(scale_workbook(item, target, mapping))
        else:
            shutil.copy2(item, target)
    return counts


def scale_workbook(src: Path, dst: Path, mapping: Mapping) -> dict[str, int]:
    import openpyxl

    wb = openpyxl.load_workbook(src)
    counts = {}
    for name in PROJECT_COLUMN:
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        if not rows:
            continue
        header = [str(h or "").strip().lower() for h in rows[0]]
        body = [r for r in rows[1:] if any(c not in (None, "") for c in r)]

        def index(column: str, header=header):
            return header.index(column) if column in header else None

        scaled = scale_rows(name, index, body, mapping)
        if ws.max_row > 1:
            ws.delete_rows(2, ws.max_row - 1)
        for row in scaled:
            ws.append(row)
        counts[name] = len(scaled)
    wb.save(dst)
    return counts


def scale(inputs: Path, round_name: str, factor: int, out: Path, extra: int = 0,
          vorige: str = "schalen") -> dict[str, dict[str, int]]:
    """Write the scaled copy; returns the row counts per round and table."""
    if factor < 1:
        raise SystemExit("FACTOR moet 1 of meer zijn")
    src_round = inputs / round_name
    if not (src_round / "ronde.toml").is_file():
        raise SystemExit(f"geen meetronde: {src_round}")
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} bestaat al en is niet leeg")
    rounds = [p for p in sorted(inputs.iterdir())
              if p.is_dir() and ROUND_DIR_RE.match(p.name) and (p / "ronde.toml").is_file()
              and p.name <= round_name]
    if vorige == "weglaten":
        rounds = [src_round]
    plan_text = (inputs / "plan.toml").read_text(encoding="utf-8")
    plan = tomllib.loads(plan_text)
    codes = [c for r in rounds for c in project_codes(r)]
    mapping = Mapping(codes, plan, factor, extra)

    out.mkdir(parents=True, exist_ok=True)
    for key, spans in (("relance_projecten", mapping.ranges[0]),
                       ("reguliere_projecten", mapping.ranges[1])):
        value = "[" + ", ".join(f'"{s}"' for s in spans) + "]"
        plan_text, n = re.subn(rf"(?ms)^(\s*{key}\s*=\s*)\[.*?\]", lambda m: m[1] + value,
                               plan_text, count=1)
        if not n and spans:  # not in the source: add it before the first table
            plan_text = re.sub(r"(?m)^\[", f"{key} = {value}\n[", plan_text, count=1)
    # the envelope grows with the projects, so shares of it stay plausible
    plan_text = re.sub(r"(?m)^(\s*relancebudget\s*=\s*)([0-9_]+)",
                       lambda m: f"{m[1]}{int(m[2].replace('_', '')) * factor:_}", plan_text,
                       count=1)
    tomllib.loads(plan_text)  # still valid TOML
    (out / "plan.toml").write_text(plan_text, encoding="utf-8", newline="")

    counts = {}
    for r in rounds:
        counts[r.name] = scale_folder(r, out / r.name, mapping, factor)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", type=Path, help="INPUTS_DIR with plan.toml and round folders")
    parser.add_argument("round_name", help="ROUND_NAME, e.g. 2021-12-31")
    parser.add_argument("factor", type=int, help="FACTOR: copies of every project")
    parser.add_argument("out", type=Path, help="OUT_INPUTS_DIR (new or empty)")
    parser.add_argument("--extra", type=int, default=0,
                        help="one more copy of the first N projects (default 0)")
    parser.add_argument("--vorige", choices=("schalen", "weglaten"), default="schalen",
                        help="scale the earlier round folders too (default), or leave them "
                             "out and rely on [vorige] in ronde.toml")
    args = parser.parse_args(argv)
    counts = scale(args.inputs, args.round_name, args.factor, args.out, args.extra, args.vorige)
    for name, tables in counts.items():
        shown = ", ".join(f"{t} {n}" for t, n in tables.items())
        print(f"{args.out / name}: {shown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
