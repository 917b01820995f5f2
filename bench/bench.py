"""Time `mededeling build` as a user runs it (a new process each time). Not a test: run it
by hand and quote its figures.

usage:
  .venv/bin/python bench/bench.py note [N]       the default round, as before: N builds
                                                 (default 5) after one warm-up, median
                                                 (`bench.py [N]` still works; each run into
                                                 an empty --out, i.e. cold; now that the
                                                 build writes the annexes, it times them too)
  .venv/bin/python bench/bench.py ratios [--scale N ...] [--herhaal N] [--per-bestand]
                                                 the speed bars of issue 3, side by side
  .venv/bin/python bench/bench.py check [--herhaal N]
                                                 `mededeling check` of the sample round
                                                 scaled to 1.810 and to 18.000 projects:
                                                 it must grow linearly (issue 11: the
                                                 large one at most 15 times the small one,
                                                 and under a minute)
  .venv/bin/python bench/bench.py web            the web page (`mededeling serve`) as a
                                                 browser sees it: start, pages, a cold and
                                                 a warm draft build of the default round

`ratios` measures, per scale (default: the sample round and the round with ten times the
projects, made by bench/scale_round.py), in one run and on this machine:
  a. cold: our full build (DOCX and PDF, into an empty --out) against the route a user
     would otherwise take, the LibreOffice route: our `--formaten docx` build plus one
     `soffice --headless --convert-to pdf` of every DOCX written, with a fresh LibreOffice
     profile (its creation counted, as a user pays it; a second run with the profile
     already made is shown too). Bars: at most 1,0 on the sample (issue 14; 1,5 in issue 3),
     at most 0,5 at x10.
  b. growth: our cold time at xN over our cold time on the sample (bar: 1,2 N, i.e. 12).
  c. warm: one project's `voortgang` changed, rebuilt into the same --out as a full build
     before it: warm / cold (bar: 0,15, issue 14; 1/3 in issue 3). The changed text is
     looked up in the output.
  d. final: a cold `--definitief` build (PDF/A, tagged, read back, archive package)
     over the cold draft (bar: 1,3; skip with --zonder-definitief).
  e. peak memory: the largest resident set of any single process of a build (bar 1,5 GB),
     from wait4() (the build and the descendants it waited for) and a /proc sampler.
Each timing is the median of --herhaal runs (default 3 on the sample, 1 when scaled).
Everything happens in a temporary folder; inputs/ and output/ are never written. The
builds run a copy of src/ (templates and fonts included) taken at the start (others may
be editing them, and the build's cache is keyed on the code); `--live` runs
.venv/bin/mededeling instead
and then warns when the code changed during the run.
The machine has two cores: other work running at the same time skews the figures, so the
CPU time other processes used during the timings is printed with them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "mededeling"
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
sys.path.insert(0, str(Path(__file__).resolve().parent))

GB = 1024 ** 3
MEMORY_BAR = 1.5 * GB


# --- note: the original benchmark ------------------------------------------------------

def bench_note(runs: int) -> None:
    """The first benchmark: `mededeling build` of the default round. Each run now writes
    into a new empty --out: the build keeps a cache there, and one shared folder (as
    before) would time warm rebuilds after the first."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs + 1):
            out = Path(tmp) / f"out-{i}"
            start = time.perf_counter()
            subprocess.run([str(EXE), "build", "--out", str(out)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if i:  # the first run warms the font caches and the disk
                times.append(elapsed)
            shutil.rmtree(out)
    print(f"mededeling build (standaardronde, koud), {runs} keer: "
          f"mediaan {statistics.median(times):.2f} s, min {min(times):.2f} s, "
          f"max {max(times):.2f} s")


def bench_check(repeat: int) -> None:
    """`mededeling check` (load, validate, compute, phrase; no rendering) of the sample
    round at 1.810 and at 18.000 projects, in a new process each time."""
    bars = {1810: None, 18000: 60.0}
    results: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for projects, (factor, extra) in ((1810, (10, 10)), (18000, (100, 0))):
            inputs = Path(tmp) / f"x{factor}"
            subprocess.run([sys.executable, str(ROOT / "bench" / "scale_round.py"),
                            str(ROOT / "inputs"), "2021-12-31", str(factor), str(inputs),
                            "--extra", str(extra)], check=True, stdout=subprocess.DEVNULL)
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                subprocess.run([str(EXE), "check", str(inputs / "2021-12-31")], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
            results[projects] = statistics.median(times)
            bar = bars[projects]
            print(f"mededeling check, {projects} projecten: mediaan {results[projects]:.1f} s"
                  + (f" ({verdict(results[projects], bar)}: hoogstens {bar:.0f} s)" if bar else ""))
    ratio = results[18000] / results[1810]
    print(f"verhouding 18.000 / 1.810 projecten: {ratio:.1f} ({verdict(ratio, 15.0)}: "
          "hoogstens 15)")


# --- running one process, timed, with its peak memory ---------------------------------

@dataclass
class Run:
    seconds: float
    maxrss: int  # bytes: the largest resident set of one process of the run
    code: int
    stderr: str


def _sampler(sid: int, stop: threading.Event, peak: list[int]) -> None:
    """Peak VmHWM of every process in session sid (catches children nobody waited for)."""
    while not stop.wait(0.25):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
                fields = stat[stat.rindex(b")") + 2:].split()
                if int(fields[3]) != sid:  # field 6 of stat: session id
                    continue
                with open(f"/proc/{entry.name}/status", "rb") as f:
                    for line in f:
                        if line.startswith(b"VmHWM:"):
                            peak[0] = max(peak[0], int(line.split()[1]) * 1024)
                            break
            except (OSError, ValueError, IndexError):
                pass


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=_sampler, args=(proc.pid, stop, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(elapsed, max(usage.ru_maxrss * 1024, peak[0]), proc.returncode, text)


def must(result: Run, what: str) -> Run:
    if result.code != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"{what} mislukte (exit {result.code}):\n{tail}")
    return result


# --- the pieces of `ratios` -----------------------------------------------------------

@dataclass
class Series:
    """Repeated timings of one thing."""

    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")

    @property
    def maxrss(self) -> int:
        return max((r.maxrss for r in self.runs), default=0)


def formats_supported(cli: list[str], env: dict[str, str]) -> bool:
    out = subprocess.run([*cli, "build", "--help"], capture_output=True, text=True, env=env)
    return "--formaten" in out.stdout


def as_installed(src: Path) -> dict[str, str]:
    """The environment that runs the code in `src`, compiled as on a user's machine.

    An installed package has its bytecode (pip compiles it; an editable install's is
    written at the first run). Without it every process of every build compiled our
    modules again (0,1 s of the main process's imports alone), and with
    PYTHONDONTWRITEBYTECODE set, as in a developer's shell, it never stopped doing so."""
    import compileall

    compileall.compile_dir(str(src), quiet=1, workers=1)
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def snapshot(work: Path) -> tuple[list[str], dict[str, str]]:
    """A frozen copy of src/ (with its templates and fonts, package data), and the command
    and environment that run it.

    Others edit the code while this runs; the build's cache is keyed on the code, so an
    edit between a cold and a warm build would make the warm one cold, and timings of
    different versions would be compared. The copy keeps one version for the whole run;
    PYTHONPATH puts it before the editable install's /work/main/src.
    """
    code = work / "code"
    shutil.copytree(ROOT / "src", code / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    env = as_installed(code / "src")
    cli = [str(ROOT / ".venv" / "bin" / "python"), "-c",
           "import sys; from mededeling.cli import run; sys.argv[0] = 'mededeling'; run()"]
    where = subprocess.run([*cli[:2], "import mededeling.resources as p; print(p.TEMPLATES)"],
                           capture_output=True, text=True, env=env).stdout.strip()
    if where != str(code / "src" / "mededeling" / "templates"):
        raise SystemExit(f"de momentopname wordt niet gebruikt (templates: {where!r})")
    return cli, env


class Bench:
    def __init__(self, work: Path, cli: list[str], env: dict[str, str], formaten: bool,
                 lo_warm: bool, per_file: bool, frozen: bool, finals: bool = True):
        self.work = work
        self.finals = finals  # also time a final (issue 14: at most 1,3 times a draft)
        self.cli = cli
        self.env = env
        self.formaten = formaten
        self.lo_warm = lo_warm
        self.per_file = per_file
        self.frozen = frozen  # the code is a snapshot: edits to the tree do not matter
        self.counter = 0

    def fresh(self, prefix: str) -> Path:
        self.counter += 1
        path = self.work / f"{prefix}-{self.counter}"
        path.mkdir()
        return path

    def build(self, round_dir: Path, out: Path, formats: str | None,
              final: bool = False) -> Run:
        cmd = [*self.cli, "build", str(round_dir), "--out", str(out)]
        if formats and self.formaten:
            cmd += ["--formaten", formats]
        if final:
            cmd += ["--definitief"]
        # TMPDIR inside the work folder: whatever the build leaves there is ours to clean
        env = dict(self.env, TMPDIR=str(self.fresh("tmp")))
        return must(run(cmd, self.work, env), f"mededeling build {round_dir.name} ({formats or 'standaard'})")

    def soffice(self, files: list[Path], profile: Path, outdir: Path) -> Run:
        outdir.mkdir(parents=True, exist_ok=True)
        cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]
        result = must(run(cmd, self.work), "soffice --convert-to pdf")
        missing = [f.name for f in files if not (outdir / (f.stem + ".pdf")).is_file()]
        if missing:
            raise SystemExit(f"soffice schreef geen PDF voor: {', '.join(missing)}")
        return result

    def warm_up(self, round_dir: Path) -> None:
        """Disk, font and matplotlib caches, and LibreOffice's binaries: not counted."""
        self.build(round_dir, self.fresh("opwarmen"), None)
        sample = self.fresh("opwarmen-lo")
        (sample / "a.txt").write_text("opwarmen\n", encoding="utf-8")
        self.soffice([sample / "a.txt"], self.fresh("profiel-opwarmen"), sample / "pdf")


def pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:
        return None


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)


def edit_voortgang(round_dir: Path, marker: str) -> str:
    """Append marker to the voortgang of the middle project, written back in the file's
    own dialect; returns the project code."""
    from scale_round import CsvFile

    path = round_dir / "projecten.csv"
    f = CsvFile(path)
    code_col, text_col = f.column("code"), f.column("voortgang")
    if text_col is None:
        raise SystemExit("projecten.csv heeft geen kolom voortgang")
    row = f.rows[len(f.rows) // 2]
    while len(row) <= text_col:
        row.append("")
    row[text_col] = (row[text_col].rstrip() + f" {marker}.").strip()
    f.write(path)
    return row[code_col]


@dataclass
class Scale:
    factor: int
    projects: int = 0
    milestones: int = 0
    full: Series = field(default_factory=lambda: Series("ons, koud, docx+pdf"))
    docx: Series = field(default_factory=lambda: Series("ons, koud, alleen docx"))
    lo_fresh: Series = field(default_factory=lambda: Series("soffice, nieuw profiel"))
    lo_warm: Series = field(default_factory=lambda: Series("soffice, bestaand profiel"))
    warm: Series = field(default_factory=lambda: Series("ons, warm (1 voortgang)"))
    final: Series = field(default_factory=lambda: Series("ons, koud, definitief"))
    n_docx: int = 0
    n_pdf: int = 0
    docx_pdfs: int = 0  # PDFs the docx-only build wrote anyway
    errors: list[str] = field(default_factory=list)
    our_pages: dict[str, int | None] = field(default_factory=dict)
    lo_pages: dict[str, int | None] = field(default_factory=dict)
    per_file: dict[str, float] = field(default_factory=dict)
    warm_seen: list[bool] = field(default_factory=list)
    others: float = 0.0  # CPU of other processes during the timings, in cores
    outside: list[str] = field(default_factory=list)
    code_changed: list[str] = field(default_factory=list)  # when src/ changed


def measure(bench: Bench, inputs: Path, round_name: str, factor: int, extra: int,
            repeat: int) -> Scale:
    from scale_round import scale

    sc = Scale(factor)
    scaled = bench.work / f"inputs-x{factor}"
    print(f"\n== x{factor}: ronde kopiëren en schalen ...", file=sys.stderr, flush=True)
    counts = scale(inputs, round_name, factor, scaled, extra)
    sc.projects = counts[round_name].get("projecten", 0)
    sc.milestones = counts[round_name].get("mijlpalen", 0)
    round_dir = scaled / round_name
    check = must(run([*bench.cli, "check", str(round_dir)], bench.work, bench.env),
                 "mededeling check")
    print(f"   {sc.projects} projecten, {sc.milestones} mijlpalen; check ok "
          f"({check.seconds:.1f} s)", file=sys.stderr, flush=True)

    cpu_before = _cpu()
    code = code_state()
    cache_before = _names(Path.home() / ".cache")
    last_full: Path | None = None
    for i in range(repeat):
        out = bench.fresh(f"x{factor}-vol")
        sc.full.runs.append(bench.build(round_dir, out, "docx,pdf"))
        _say(f"   [{i + 1}/{repeat}] ons docx+pdf {sc.full.runs[-1].seconds:.1f} s")
        if last_full is not None:
            shutil.rmtree(last_full)  # keep the disk small; the last one is rebuilt warm
        last_full = out
        target = out / round_name
        sc.n_pdf = len(list(target.glob("*.pdf")))
        if i == 0:
            sc.our_pages = {p.stem: pages(p) for p in sorted(target.glob("*.pdf"))}

        if bench.finals:  # a final (PDF/A, tagged, read back, archived) into an empty --out
            out_final = bench.fresh(f"x{factor}-definitief")
            sc.final.runs.append(bench.build(round_dir, out_final, None, final=True))
            _say(f"   [{i + 1}/{repeat}] ons definitief {sc.final.runs[-1].seconds:.1f} s")
            shutil.rmtree(out_final)

        out_docx = bench.fresh(f"x{factor}-docx")
        sc.docx.runs.append(bench.build(round_dir, out_docx, "docx"))
        _say(f"   [{i + 1}/{repeat}] ons docx {sc.docx.runs[-1].seconds:.1f} s")
        files = sorted((out_docx / round_name).glob("*.docx"))
        sc.n_docx = len(files)
        sc.docx_pdfs = len(list((out_docx / round_name).glob("*.pdf")))
        if not files:
            raise SystemExit("de build schreef geen enkel DOCX-bestand")
        profile = bench.fresh("profiel")
        lo_out = bench.fresh("lo-pdf")
        sc.lo_fresh.runs.append(bench.soffice(files, profile / "p", lo_out))
        _say(f"   [{i + 1}/{repeat}] soffice nieuw profiel {sc.lo_fresh.runs[-1].seconds:.1f} s")
        if bench.lo_warm:
            sc.lo_warm.runs.append(bench.soffice(files, profile / "p", bench.fresh("lo-pdf")))
            _say(f"   [{i + 1}/{repeat}] soffice bestaand profiel "
                 f"{sc.lo_warm.runs[-1].seconds:.1f} s")
        if i == 0:
            sc.lo_pages = {p.stem: pages(p) for p in sorted(lo_out.glob("*.pdf"))}
            if bench.per_file:
                for f in files:
                    r = bench.soffice([f], profile / "p", bench.fresh("lo-los"))
                    sc.per_file[f.stem] = r.seconds
        shutil.rmtree(out_docx)
    sc.outside = sorted(_names(Path.home() / ".cache") - cache_before)

    if code_state() != code and not bench.frozen:
        sc.code_changed.append("tijdens de koude builds")
    code = code_state()
    # warm: one project's progress text changed, rebuilt into the same --out
    assert last_full is not None
    for i in range(repeat):
        marker = f"Benchwijziging {i + 1} {time.time_ns() % 10**6}"
        code = edit_voortgang(round_dir, marker)
        try:
            sc.warm.runs.append(bench.build(round_dir, last_full, "docx,pdf"))
        except SystemExit as failed:  # keep the cold figures: report, don't lose them
            sc.errors.append(f"warme build: {failed}")
            _say(str(failed))
            break
        _say(f"   [{i + 1}/{repeat}] ons warm {sc.warm.runs[-1].seconds:.1f} s ({code})")
        report = last_full / round_name / "bijlage-1-globaal-rapport.docx"
        if report.is_file():
            sc.warm_seen.append(marker in docx_text(report))
    if code_state() != code and not bench.frozen:
        sc.code_changed.append("tussen de koude en de warme build(s)")
    sc.others = _others(cpu_before, _cpu())
    shutil.rmtree(last_full)
    return sc


def code_state() -> str:
    """Hash of the code and templates: the build's cache is keyed on them, and others may
    be editing them while this runs (a warm build after an edit is a cold one)."""
    import hashlib

    digest = hashlib.sha256()
    for base in (ROOT / "src" / "mededeling",):
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _cpu() -> tuple[float, float, float]:
    """(wall clock, busy CPU seconds of the machine, CPU seconds of this script and its
    children so far)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    busy = (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    ours = sum(sum(resource.getrusage(who)[:2])
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return time.monotonic(), busy, ours


def _others(before: tuple[float, float, float], after: tuple[float, float, float]) -> float:
    """Average cores used in between by processes that are not ours."""
    wall = after[0] - before[0]
    other = (after[1] - before[1]) - (after[2] - before[2])
    return max(0.0, other) / wall if wall > 0 else 0.0


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- the report -----------------------------------------------------------------------

def verdict(value: float, bar: float | None) -> str:
    if value != value:  # NaN: not measured
        return "niet gemeten"
    if bar is None:
        return ""
    return "PASS" if value <= bar else "FAIL"


def report(scales: list[Scale], formaten: bool, lo_warm: bool) -> None:
    print()
    if not formaten:
        print("LET OP: `mededeling build` kent --formaten nog niet: de 'alleen docx'-build is "
              "de standaardbuild (ook PDF), dus de LibreOffice-route is hier te traag.")
    head = f"{'':34}" + "".join(f"{'x' + str(s.factor):>14}" for s in scales)
    print("Tijden (mediaan, s)")
    print(head)
    print(f"{'  projecten / mijlpalen':34}" +
          "".join(f"{f'{s.projects}/{s.milestones}':>14}" for s in scales))

    def line(label: str, values: list[str]) -> None:
        print(f"{label:34}" + "".join(f"{v:>14}" for v in values))

    def t(series: Series) -> str:
        if not series.runs:
            return "-"
        n = len(series.runs)
        return f"{series.median:.1f}" + (f" ({n}x)" if n > 1 else "")

    line("  ons, koud, docx+pdf", [t(s.full) for s in scales])
    line("  ons, koud, alleen docx", [t(s.docx) for s in scales])
    line("  soffice, nieuw profiel", [t(s.lo_fresh) for s in scales])
    if lo_warm:
        line("  soffice, bestaand profiel", [t(s.lo_warm) for s in scales])
    line("  LO-route (docx + soffice nieuw)", [f"{s.docx.median + s.lo_fresh.median:.1f}"
                                               for s in scales])
    if lo_warm:
        line("  LO-route, profiel bestond al", [f"{s.docx.median + s.lo_warm.median:.1f}"
                                                for s in scales])
    line("  ons, warm (1 voortgang gewijzigd)", [t(s.warm) for s in scales])
    line("  ons, koud, definitief", [t(s.final) for s in scales])
    line("  bestanden docx / pdf", [f"{s.n_docx} / {s.n_pdf}" for s in scales])
    line("  soffice s per docx (gemiddeld)", [f"{s.lo_fresh.median / max(s.n_docx, 1):.1f}" for s in scales])
    line("  pagina's ons / LO (alle pdf)",
         [f"{_sum(s.our_pages)} / {_sum(s.lo_pages)}" for s in scales])
    line("  piek RSS ons (MB)", [f"{max(s.full.maxrss, s.docx.maxrss, s.warm.maxrss, s.final.maxrss) / 2**20:.0f}"
                                 for s in scales])
    line("  piek RSS soffice (MB)", [f"{s.lo_fresh.maxrss / 2**20:.0f}" for s in scales])
    line("  CPU van andere processen (kernen)", [f"{s.others:.2f}" for s in scales])

    print("\nVerhoudingen (issue 14; tussen haakjes de grens van issue 3)")
    rows: list[tuple[str, str, float, str]] = []
    base = next((s for s in scales if s.factor == 1), None)
    for s in scales:
        route = s.docx.median + s.lo_fresh.median
        bar = 1.0 if s.factor == 1 else 0.5 if s.factor >= 10 else None
        rows.append((f"koud x{s.factor}: ons / LO-route", f"<= {bar} (1.5)" if bar == 1.0
                     else f"<= {bar}" if bar else "-",
                     s.full.median / route, verdict(s.full.median / route, bar)))
        if lo_warm and s.lo_warm.runs:
            warm_route = s.docx.median + s.lo_warm.median
            rows.append(("  (LO-profiel bestond al)", "info", s.full.median / warm_route, ""))
    for s in scales:
        if base is not None and s is not base:
            growth = s.full.median / base.full.median
            bar = 1.2 * s.factor
            rows.append((f"groei: ons x{s.factor} / ons x1", f"<= {bar:g}", growth,
                         verdict(growth, bar)))
    for s in scales:
        ratio = s.warm.median / s.full.median
        rows.append((f"warm x{s.factor}: warm / koud", "<= 0.15 (0.33)", ratio,
                     verdict(ratio, 0.15)))
    for s in scales:
        if s.final.runs:
            ratio = s.final.median / s.full.median
            rows.append((f"definitief x{s.factor}: / ontwerp", "<= 1.3", ratio,
                         verdict(ratio, 1.3)))
    for s in scales:
        peak = max(s.full.maxrss, s.docx.maxrss, s.warm.maxrss, s.final.maxrss)
        rows.append((f"geheugen x{s.factor}: piek RSS (GB)", "<= 1.5", peak / GB,
                     verdict(peak, MEMORY_BAR)))
    for label, bar, value, result in rows:
        print(f"  {label:34}{bar:>15}{value:>9.2f}  {result}")

    notes = []
    for s in scales:
        if s.warm_seen and not all(s.warm_seen):
            notes.append(f"x{s.factor}: de gewijzigde voortgang staat NIET in bijlage 1 na "
                         "de warme build (verouderde cache?)")
        if not s.warm_seen:
            notes.append(f"x{s.factor}: geen bijlage-1-globaal-rapport.docx; warme wijziging "
                         "niet nagekeken")
        if s.outside:
            notes.append(f"x{s.factor}: nieuw in ~/.cache tijdens de builds: "
                         f"{', '.join(s.outside)} (cache buiten --out?)")
        for error in s.errors:
            notes.append(f"x{s.factor}: MISLUKT: {error.splitlines()[0]} "
                         f"({error.strip().splitlines()[-1]})")
        if s.docx_pdfs:
            notes.append(f"x{s.factor}: de build met alleen docx schreef toch {s.docx_pdfs} "
                         "PDF('s): de LO-route is daardoor te traag gemeten")
        for when in s.code_changed:
            notes.append(f"x{s.factor}: src/ veranderde {when}: die tijden "
                         "horen bij verschillende code (en de cache van de build is ongeldig)")
        if s.per_file:
            shown = ", ".join(f"{k} {v:.1f}" for k, v in s.per_file.items())
            notes.append(f"x{s.factor}: soffice per bestand (bestaand profiel, s): {shown}")
        if s.others > 0.15:
            notes.append(f"x{s.factor}: andere processen gebruikten gemiddeld {s.others:.2f} "
                         "kern tijdens de metingen (van 2); herhaal op een stille machine")
    for n in notes:
        print("  - " + n)


def _sum(d: dict[str, int | None]) -> str:
    values = [v for v in d.values() if v is not None]
    return str(sum(values)) if values else "-"


def bench_ratios(args: argparse.Namespace) -> None:
    inputs = Path(args.inputs).resolve()
    rounds = sorted(p.name for p in inputs.iterdir()
                    if re.match(r"^\d{4}-\d{2}-\d{2}$", p.name) and (p / "ronde.toml").is_file())
    round_name = args.ronde or rounds[-1]
    factors = sorted(set(args.scale or [1, 10]))
    with tempfile.TemporaryDirectory(prefix="mededeling-bench-") as tmp:
        work = Path(tmp)
        if args.live:
            cli, env = [str(EXE)], dict(os.environ)
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # see as_installed
        else:
            cli, env = snapshot(work)
            _say(f"code: momentopname van src/ ({time.strftime('%H:%M:%S')})")
        formaten = formats_supported(cli, env)
        bench = Bench(work, cli, env, formaten, not args.zonder_lo_warm, args.per_bestand,
                      frozen=not args.live, finals=not args.zonder_definitief)
        if not formaten:
            _say("LET OP: --formaten wordt nog niet aanvaard; 'alleen docx' = standaardbuild")
        _say("opwarmen (niet meegeteld) ...")
        bench.warm_up(inputs / round_name)
        scales = []
        for factor in factors:
            repeat = args.herhaal or (3 if factor == 1 else 1)
            extra = args.extra if args.extra is not None else (factor if factor > 1 else 0)
            try:
                scales.append(measure(bench, inputs, round_name, factor, extra, repeat))
            except SystemExit as failed:  # a build broke: report the scales measured so far
                _say(f"x{factor} overgeslagen: {failed}")
        if scales:
            report(scales, formaten, not args.zonder_lo_warm)
        else:
            raise SystemExit("niets gemeten")


def bench_web() -> None:
    """Time what a member of staff waits for on the web page, over real HTTP."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "inputs", work / "inputs")
        log = work / "serve.log"
        t0 = time.perf_counter()
        with open(log, "w") as said:
            server = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "mededeling"), "serve", "--inputs",
                 str(work / "inputs"), "--out", str(work / "output"), "--poort", "0",
                 "--geen-browser"], stdout=said, stderr=said)
        try:
            url = None
            while url is None:
                if server.poll() is not None:
                    raise SystemExit(log.read_text())
                match = re.search(r"draait op (http://\S+/)", log.read_text())
                url = match[1] if match else time.sleep(0.02)
            rows = [("server gestart (URL getoond)", time.perf_counter() - t0)]
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

            def get(path: str) -> str:
                return opener.open(url + path.lstrip("/")).read().decode("utf-8", "replace")

            def timed(label: str, path: str) -> str:
                t = time.perf_counter()
                body = get(path)
                rows.append((label, time.perf_counter() - t))
                return body

            timed("startpagina, eerste keer (3 rondes gecontroleerd)", "/")
            timed("startpagina, opnieuw", "/")
            rnd = latest = re.findall(r'href="/ronde/([\d-]+)"', get("/"))[0]
            timed(f"pagina van {rnd}", f"/ronde/{rnd}")
            timed("voorbeeld van de nota, eerste keer", f"/ronde/{rnd}/voorbeeld")
            timed("voorbeeld van de nota, opnieuw", f"/ronde/{rnd}/voorbeeld")
            for label in ("ontwerp maken, koud (tot 'Klaar' op de pagina)",
                          "ontwerp maken, warm (zelfde invoer)"):
                page = get(f"/ronde/{latest}")
                token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
                t = time.perf_counter()
                opener.open(url + f"ronde/{latest}/opbouwen", urllib.parse.urlencode(
                    {"csrf_token": token, "soort": "ontwerp"}).encode()).read()
                while "Klaar in" not in get(f"/ronde/{latest}"):
                    time.sleep(0.1)
                rows.append((label, time.perf_counter() - t))
            timed("alles als ZIP", f"/ronde/{latest}/uitvoer/{latest}.zip")
        finally:
            server.terminate()
            server.wait(60)
    for label, seconds in rows:
        print(f"{label:<58} {seconds:7.2f} s")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].isdigit():  # the old interface: bench.py [N]
        argv = ["note", *argv]
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    note = sub.add_parser("note", help="the default build of the default round, N times, cold")
    note.add_argument("n", nargs="?", type=int, default=5)
    ratios = sub.add_parser("ratios", help="the speed bars of issue 3")
    ratios.add_argument("--scale", type=int, action="append", metavar="N",
                        help="scale factor to measure; repeatable; 1 = the sample round "
                             "(default: 1 and 10)")
    ratios.add_argument("--herhaal", type=int, metavar="N",
                        help="runs per timing, median taken (default 3 at x1, 1 when scaled)")
    ratios.add_argument("--extra", type=int, metavar="N",
                        help="extra projects in the scaled round (default N for xN: "
                             "180 projects x10 + 10 = 1,810 as in the issue)")
    ratios.add_argument("--inputs", default=str(ROOT / "inputs"),
                        help="inputs folder (read only; default ./inputs)")
    ratios.add_argument("--ronde", help="round name (default: the latest)")
    ratios.add_argument("--zonder-lo-warm", action="store_true",
                        help="skip the second soffice run with an existing profile")
    ratios.add_argument("--zonder-definitief", action="store_true",
                        help="skip the cold final (--definitief) build")
    ratios.add_argument("--live", action="store_true",
                        help="run the live tree (.venv/bin/mededeling) instead of a snapshot "
                             "of src/ taken at the start")
    ratios.add_argument("--per-bestand", action="store_true",
                        help="also convert each DOCX alone (existing profile) and show times")
    sub.add_parser("web", help="the web page: start, pages, a cold and a warm build")
    check = sub.add_parser("check", help="mededeling check at 1.810 and 18.000 projects")
    check.add_argument("--herhaal", type=int, default=1, metavar="N",
                       help="runs per size, median taken (default 1)")
    args = parser.parse_args(argv)
    if args.cmd == "web":
        bench_web()
    elif args.cmd == "check":
        bench_check(args.herhaal)
    elif args.cmd == "note":
        bench_note(args.n)
    else:
        bench_ratios(args)


if __name__ == "__main__":
    main()
