"""Where the time of a build goes: a sampling profile of every process of one build
(the main process and the PDF workers), by stage, and the moment each stage starts.

Not a test and not part of the product: run it by hand before and after a change to
loading or rendering, and quote it in bench/README.md.

usage:
  .venv/bin/python bench/profile.py [--tree DIR] [--warm] [--definitief] [--py-spy PATH]

--tree      the checkout whose src/ is profiled (default: this one); a snapshot of its
            src/ is taken first, as bench.py does, so edits meanwhile do not matter
--warm      profile a rebuild after one project's `voortgang` changed (a full build into
            the same --out first, not profiled)
--definitief  profile a final instead of a draft
--raw FILE  keep the raw stacks (py-spy's `--format raw`) for a closer look

It needs py-spy (a sampling profiler; `pip install py-spy` into any environment, it is
not part of the project's lock) and samples 100 times a second. The shares are of CPU
samples summed over all processes: on two cores, wall time is about half the total when
both workers are busy. Everything runs in a temporary folder.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

# (stage, pattern on the stack); the first that matches a sample's stack counts it
STAGES = [
    ("PDF: worker opstarten (import, opwarmen)", r"_init \(mededeling/render/workers"),
    ("PDF: HTML en CSS (stijlen berekenen)", r"get_all_computed_styles|_build_layout_context|"
                                            r"weasyprint/html|tinyhtml5|HTML\.__init__"),
    ("PDF: opmaak (layout)", r"layout_document|build_formatting_structure"),
    ("PDF: tekenen en schrijven", r"generate_pdf|Document\.write_pdf|pydyf"),
    ("samenvoegen (pikepdf)", r"assemble\.py"),
    ("teksten nalezen", r"readback\.py"),
    ("archiefpakket", r"archive\.py"),
    ("grafieken (matplotlib)", r"charts\.py"),
    ("Word (docxtpl)", r"render/docx\.py|docxtpl"),
    ("HTML-sjablonen (jinja)", r"render/html\.py"),
    ("inlezen, controleren, berekenen", r"pipeline\.py"),
    ("imports", r"_find_and_load"),
]


def aggregate(raw: Path) -> tuple[collections.Counter, int]:
    counts: collections.Counter = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        total += int(n)
        for stage, pattern in STAGES:
            if re.search(pattern, stack):
                counts[stage] += int(n)
                break
        else:
            counts["overig"] += int(n)
    return counts, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", default=str(ROOT))
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--definitief", action="store_true")
    parser.add_argument("--py-spy", default=shutil.which("py-spy") or "py-spy")
    parser.add_argument("--raw", help="keep py-spy's raw stacks in this file")
    args = parser.parse_args()
    tree = Path(args.tree).resolve()
    with tempfile.TemporaryDirectory(prefix="mededeling-profiel-") as tmp:
        work = Path(tmp)
        shutil.copytree(tree / "src", work / "src",
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        shutil.copytree(tree / "inputs", work / "inputs")
        round_dir = sorted((work / "inputs").glob("20*-*-*"))[-1]
        from bench import as_installed

        env = as_installed(work / "src")
        python = str(ROOT / ".venv" / "bin" / "python")
        build = [python, "-m", "mededeling", "build", str(round_dir), "--out",
                 str(work / "out"), *(["--definitief"] if args.definitief else [])]
        if args.warm:
            subprocess.run(build, env=env, capture_output=True, check=True)
            from bench import edit_voortgang

            edit_voortgang(round_dir, "Profielwijziging")
        raw = work / "profiel.txt"
        started = time.perf_counter()
        process = subprocess.Popen(
            [args.py_spy, "record", "--subprocesses", "--format", "raw", "-r", "100",
             "-o", str(raw), "--", *build], env=env, stderr=subprocess.PIPE, text=True,
            stdout=subprocess.DEVNULL)
        timeline, other = [], []
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("… "):
                timeline.append((time.perf_counter() - started, line[2:].strip()))
            else:
                other.append(line.rstrip())
        process.wait()
        if not raw.is_file():
            raise SystemExit("geen profiel geschreven:\n" + "\n".join(other[-20:]))
        wall = time.perf_counter() - started
        counts, total = aggregate(raw)
        if args.raw:
            shutil.copyfile(raw, args.raw)
    kind = ("warm" if args.warm else "koud") + (", definitief" if args.definitief else "")
    print(f"Profiel van {tree.name} ({kind}): {wall:.1f} s wand (py-spy inbegrepen), "
          f"{total / 100:.1f} s CPU in steekproeven over alle processen")
    for stage, n in counts.most_common():
        print(f"  {stage:40} {n / 100:6.1f} s  {n / total:6.1%}")
    print("Tijdlijn (begin van elke stap, s):")
    for at, what in timeline:
        print(f"  {at:6.2f}  {what}")


if __name__ == "__main__":
    main()
