"""How far a build is: the steps as staff name them, and what each step weighs.

A build reports progress through a `Step` callback, `step(what, units)`: `what` is
what is being done from now on (or "" to keep the label shown), `units` the work
finished since the last call. A step is announced when it starts (units 0) and counted
when it ends, so the label always says what is being done now; the PDF workers only
count (their work finishes while the main process is doing something else).

The units are weighted by the time each piece takes, so the bar moves in proportion
to time, and add up exactly to `units_of_work` (tests/render/test_progress.py).
"""

from __future__ import annotations

from typing import Callable

Step = Callable[[str, int], None]  # (what is being done now or "", units finished)


def no_step(what: str, units: int) -> None:
    pass


# Weights in milliseconds: each piece timed alone in a cold final of the sample round
# 2021-12-31 (180 projects, 12 charts), laid out in one process (66 s), on the project's
# two-core machine, 2026-12-01; rounded, at least 1 each. The global report's chunks
# took 41 s of it, reading its PDF back 8 s, its contents 2,8 s, merging 2,2 s. Reading
# back since measured again (1,2 s for that PDF, 0,04 s for a small one), after the read-back
# stopped making poppler convert the colours of a PDF/A (render/readback.py).
# Checked on a cold final with two workers (54 s): the bar stayed within 4 points of the
# share of the time gone by (e.g. 65% at 67% of the time, 86% at 86%).
WEIGHTS: dict[str, int] = {
    "chart": 220,  # one chart drawn (matplotlib)
    "docx": 110,  # one small Word file (the note, an annex, the changes)
    "docx_project": 5,  # the global report's Word file, per project
    "files": 100,  # kerncijfers.json and .xlsx, mededeling.html, controle.html
    "pdf": 1230,  # the note's PDF or a small annex's (HTML made and laid out)
    "pdf_project": 230,  # the global report's PDF, per project laid out (in chunks)
    "toc": 2800,  # the global report's title page and contents (laid out until it fits)
    "merge": 2200,  # the global report's chunks merged and numbered
    "archive": 190,  # a final's archive package made
    "write": 30,  # the files written next to the output folder
    "read_pdf": 40,  # a small PDF read back (a final)
    "read_docx": 5,  # a small Word file read back
    "read_pdf_project": 7,  # the global report's PDF read back, per project
    "read_docx_project": 1,  # the global report's Word file read back, per project
    "archive_check": 100,  # the archive package unpacked and checked by bagit
}


def label(name: str) -> str:
    """A document as staff call it: 'bijlage-1-globaal-rapport' -> 'Globaal rapport'."""
    parts = name.split("-", 2)
    if len(parts) == 3 and parts[0] == "bijlage" and parts[1].isdigit():
        name = parts[2]
    return name.replace("-", " ").capitalize()


def stage(what: str) -> str:
    """A label without its count, which depends on how fast the workers are:
    'Globaal rapport opmaken, 120 van 180 projecten' -> 'Globaal rapport opmaken'."""
    return what.split(" (", 1)[0].split(", ", 1)[0]


def read_weight(ext: str, projects: int, report: bool) -> int:
    """Reading one document back ('pdf' or 'docx'): the global report in proportion to
    its projects."""
    return WEIGHTS[f"read_{ext}_project"] * projects if report else WEIGHTS[f"read_{ext}"]
