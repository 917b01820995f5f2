"""Time `mededeling build` of the default round, as a user runs it (a new process each time).

Not a test: run it by hand and quote its figures. usage: .venv/bin/python bench/bench.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = ROOT / ".venv" / "bin" / "mededeling"
    times = []
    with tempfile.TemporaryDirectory() as out:
        for i in range(runs + 1):
            start = time.perf_counter()
            subprocess.run([str(exe), "build", "--out", out], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if i:  # the first run warms the font caches and the disk
                times.append(elapsed)
    print(f"mededeling build (standaardronde), {runs} keer: "
          f"mediaan {statistics.median(times):.2f} s, min {min(times):.2f} s, "
          f"max {max(times):.2f} s")


if __name__ == "__main__":
    main()
