"""A small copy of the sample inputs that still has every case, for the quick suite.

The sample has 180 projects in three rounds; laying all of it out takes most of a
minute. This keeps two rounds (a previous folder, so every comparison is made) and
the projects that carry the cases the documents must show: every project status
(VV003 made red and VV004 stopped, with its milestones), a milestone 'bij te sturen'
(VV113), the grey ones, the realised one, the orange group, and the regular projects
VV159-VV180 with VV181, the project added later. The files keep their own format
(plain CSV, and Excel's nl-BE CSV with BOM), so the loader is exercised as with the
full sample. Links to projects that are left out are dropped.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = ("2021-09-30", "2021-12-31")
KEEP = frozenset({"VV001", "VV002", "VV003", "VV004", "VV015", "VV056", "VV057", "VV058",
                  "VV113", "VV137", "VV142", "VV146",
                  *(f"VV{n:03d}" for n in range(159, 182))})
# in the latest round only: the statuses the sample does not have
PROJECT_STATUS = {"VV003": "rood", "VV004": "blauw"}
MILESTONE_STATUS = {"VV004": "blauw"}


def _rewrite(path: Path, latest: bool) -> None:
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    sep = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header, body = rows[0], rows[1:]
    key = "code" if "code" in header else "project" if "project" in header else None
    kept = []
    for row in body:
        record = dict(zip(header, row))
        if key is not None and record.get(key) not in KEEP:
            continue
        if "koppelingen" in record:
            record["koppelingen"] = "; ".join(
                c.strip() for c in record["koppelingen"].split(";") if c.strip() in KEEP)
        if latest and path.name == "projecten.csv" and record["code"] in PROJECT_STATUS:
            record["status"] = PROJECT_STATUS[record["code"]]
        if latest and path.name == "mijlpalen.csv" and record["project"] in MILESTONE_STATUS:
            record["status"] = MILESTONE_STATUS[record["project"]]
        kept.append([record.get(c, "") for c in header])
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(kept)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


def _keep_groups(path: Path) -> None:
    """ronde.toml's [[aandacht]] groups (the sample keeps them last) with only those whose
    projects are all kept: a group naming a project left out would be an error."""
    text = path.read_text(encoding="utf-8")
    head, found, _ = text.partition("[[aandacht]]")
    if not found:
        return
    kept = [g for g in tomllib.loads(text)["aandacht"] if set(g["projecten"]) <= KEEP]
    path.write_text(head + "".join(
        f"[[aandacht]]\ngroep = {json.dumps(g['groep'], ensure_ascii=False)}\n"
        f"projecten = {json.dumps(g['projecten'])}\n\n" for g in kept), encoding="utf-8")


def make_small_inputs(dest: Path) -> Path:
    """inputs/ with plan.toml and the two small rounds; returns the inputs folder."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "inputs" / "plan.toml", dest / "plan.toml")
    for name in ROUNDS:
        shutil.copytree(ROOT / "inputs" / name, dest / name)
        for path in sorted((dest / name).glob("*.csv")):
            _rewrite(path, latest=name == ROUNDS[-1])
        _keep_groups(dest / name / "ronde.toml")
    return dest
