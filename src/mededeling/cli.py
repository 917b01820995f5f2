"""The `mededeling` command, in Dutch for the staff who run it.

Exit codes: 0 done, 2 invalid input (every problem is printed, nothing is written),
3 a final exists and would change (nothing is written), 1 anything else (a failed
read-back check of a final among them).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from mededeling.core.problems import Problem
from mededeling.errors import (
    EXIT_ERROR, EXIT_FINAL_EXISTS, EXIT_INVALID, EXIT_OK, InvalidInput, Refused, exit_code,
    message,
)

# argparse's own words, in Dutch (it looks them up through gettext at call time)
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}
argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: fout: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mededeling",
        description="Maakt de Mededeling aan de Vlaamse Regering over de monitoring van het "
                    "relanceplan uit de gegevens van één meetronde.",
        epilog="Een meetronde is een map met de naam van het meetmoment (bv. "
               "inputs/2021-12-31) met ronde.toml, projecten.csv, mijlpalen.csv en "
               "financiering.csv (of één ronde.xlsx); plan.toml staat in de map erboven.")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", parser_class=_Parser)
    sub.required = True
    build = sub.add_parser(
        "build", help="controleer een meetronde en maak de mededeling (DOCX, PDF, HTML)",
        description="Controleert de meetronde en schrijft de mededeling als Word, PDF en "
                    "HTML, met kerncijfers.json, in MAP/<meetmoment>/.")
    build.add_argument("ronde", nargs="?", metavar="RONDE",
                       help="map van de meetronde (standaard: de laatste in ./inputs)")
    build.add_argument("--out", metavar="MAP", default="output",
                       help="map voor de documenten (standaard: ./output)")
    build.add_argument("--formaten", metavar="LIJST", default="docx,pdf", type=_formats,
                       help="welke formaten: docx, pdf of docx,pdf (standaard: beide)")
    build.add_argument("--definitief", action="store_true",
                       help="maak de definitieve versie: zonder ONTWERP, PDF/A-3b met de "
                            "invoerbestanden als bijlage, na een controle van de teksten")
    build.add_argument("--nieuwe-versie", action="store_true",
                       help="staat er al een andere definitieve versie, schrijf deze dan "
                            "ernaast als <meetmoment>-v2, -v3, ... (een ontwerp opnieuw "
                            "in de laatste van die mappen als daar een ontwerp staat)")
    check = sub.add_parser("check", help="controleer een meetronde zonder iets te schrijven",
                           description="Controleert de meetronde en meldt elke fout met "
                                       "bestand, regel en kolom. Schrijft niets.")
    check.add_argument("ronde", nargs="?", metavar="RONDE",
                       help="map van de meetronde (standaard: de laatste in ./inputs)")
    review = sub.add_parser(
        "nalezing", help="neem de wijzigingen en opmerkingen van nagelezen Word-bestanden over",
        description="Leest nagelezen exemplaren van het ontwerp (mededeling.docx, met of "
                    "zonder bijgehouden wijzigingen, met opmerkingen) en schrijft hun tekst "
                    "per alinea in redactie.toml van de meetronde; de volgende opbouw "
                    "gebruikt die tekst en controleert er elk getal van.")
    review.add_argument("ronde", metavar="RONDE", help="map van de meetronde (of de datum)")
    review.add_argument("bestanden", nargs="+", metavar="NAGELEZEN.docx",
                        help="een of meer nagelezen exemplaren van mededeling.docx")
    serve = sub.add_parser(
        "serve", help="open de webpagina: meetrondes controleren, opladen, bekijken en maken",
        description="Start een webpagina op deze computer (alleen bereikbaar via "
                    "127.0.0.1) om meetrondes te controleren, een nieuwe meetronde op te "
                    "laden, de nota te bekijken, de documenten te maken en ze te downloaden.")
    serve.add_argument("--inputs", metavar="MAP", default="inputs",
                       help="map met plan.toml en de meetrondes (standaard: ./inputs)")
    serve.add_argument("--out", metavar="MAP", default="output",
                       help="map voor de documenten (standaard: ./output)")
    serve.add_argument("--poort", metavar="N", type=_port, default=8000,
                       help="poort op 127.0.0.1 (standaard: 8000; 0 kiest een vrije poort)")
    serve.add_argument("--geen-browser", action="store_true",
                       help="open de browser niet zelf")
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(
            f"ongeldige poort '{text}'; geef een getal van 0 tot 65535")
    return int(text)


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    if not chosen or any(p not in ("docx", "pdf") for p in chosen):
        raise argparse.ArgumentTypeError(f"onbekend formaat in '{text}'; kies docx, pdf of docx,pdf")
    return chosen


def find_round(arg: str | None) -> Path:
    """The round folder meant by the argument: a path, a date in ./inputs, or the latest."""
    from mededeling.input.folder import round_folders

    if arg:
        path = Path(arg)
        if not path.is_dir() and (Path("inputs") / arg).is_dir():
            path = Path("inputs") / arg
        if path.is_file():  # a file of the round: the folder it is in was meant
            raise InvalidInput([Problem(arg, "dit is een bestand, geen map van een meetronde",
                                        expected=f"de map waarin het staat: {path.parent}")])
        if not path.is_dir():
            raise InvalidInput([Problem(arg, "deze map bestaat niet",
                                        expected="de map van een meetronde, bv. inputs/2021-12-31")])
        return path
    rounds = round_folders(Path("inputs"))
    later = sorted(p.name for p in Path("inputs").glob("[0-9]*") if p.is_dir()
                   and not (p / "ronde.toml").is_file()
                   and (not rounds or p.name > rounds[-1].name))
    for name in later:  # a new round placed without its ronde.toml: say which one is built
        _say(f"Let op: de map inputs/{name} heeft geen ronde.toml en telt niet als meetronde"
             + (f"; de laatste meetronde is {rounds[-1].name}." if rounds else "."))
    if not rounds:
        raise InvalidInput([Problem(
            "inputs", "geen meetronde gevonden",
            expected="een map inputs/JJJJ-MM-DD met ronde.toml, of geef de map van de ronde op")])
    return rounds[-1]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _report(problems: list[Problem] | tuple[Problem, ...], heading: str) -> None:
    if problems:
        _say(heading)
        for problem in problems:
            _say(f"  - {problem}")


class _Steps:
    """Progress of a build: a Rich bar on a terminal, plain stage lines otherwise (each
    stage once, without the counts that depend on timing, so a log reads the same every
    time). A step names what is being done now; "" only counts (render/progress)."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None
        self.last = ""

    def start(self, total: int) -> None:
        if sys.stderr.isatty():
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<48}"), BarColumn(),
                                TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Opmaak voorbereiden", total=total)

    def __call__(self, what: str, n: int) -> None:
        from mededeling.render.progress import stage

        if self.bar is not None:
            self.bar.update(self.task, advance=n, **({"description": what} if what else {}))
        elif what and stage(what) != self.last:
            self.last = stage(what)
            _say(f"… {self.last}")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM cleans up like Ctrl-C: nothing half-written stays


def run() -> None:
    """The command's entry point (`mededeling`, `python -m mededeling`): main(), then out
    at once. Python's own clean-up of a build's objects at exit took 0,3 to 0,45 s, a
    seventh of a rebuild after one correction. Everything is written by then: the
    workers are stopped, the exit handlers run (temporary files, logging) and the output
    flushed; only the freeing of memory is left to the system. Not when another thread
    still works (the web page's builds): then Python's own exit waits for it."""
    import atexit
    import threading

    code = main()
    if "mededeling.render.workers" in sys.modules:
        from mededeling.render.workers import close_shared

        close_shared()  # first: the pool's own manager thread is one that would keep us
    if any(t.is_alive() and not t.daemon for t in threading.enumerate()
           if t is not threading.current_thread()):
        raise SystemExit(code)
    atexit._run_exitfuncs()  # noqa: SLF001 - what a normal exit runs first
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    previous_handler = None
    if threading.current_thread() is threading.main_thread():
        previous_handler = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _main(argv)
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)


def _build(prep, args, out: Path, mode, pool, steps: "_Steps", started: float) -> int:
    """Render, check a final, and put the files in place; say how it went."""
    from mededeling.publish import Result, publish, units_of_work

    from mededeling.render.provenance import lock_warning

    notice = lock_warning(mode.final)
    if notice:
        _say(f"Let op: {notice}")
    steps.start(units_of_work(prep, args.formaten, mode.final))
    try:
        outcome = publish(prep, out, args.formaten, mode, pool, steps, args.nieuwe_versie)
    finally:
        steps.stop()
    target = outcome.target
    if outcome.result is Result.UNCHANGED:
        _say(f"De definitieve versie in {target} is al precies zo; niets gewijzigd.")
        return EXIT_OK
    if outcome.result is Result.FINAL_EXISTS:
        _say(f"Geweigerd: {target} bevat een definitieve versie en deze opbouw zou ze "
             "wijzigen. Er werd niets geschreven. Gebruik --nieuwe-versie om de nieuwe "
             "versie ernaast te schrijven, of kies een andere map met --out.")
        return EXIT_FINAL_EXISTS
    if outcome.result is Result.CHECK_FAILED:
        _report(outcome.failures, "Geweigerd: de controle van de teksten of het archiefpakket "
                                  "faalde; er werd niets geschreven.")
        return EXIT_ERROR
    _say(f"Klaar in {time.perf_counter() - started:.1f} s: {target}")
    for name in outcome.files:
        print(target / name)
    return EXIT_OK


def _review(round_dir: Path, files: list[Path]) -> int:
    """`mededeling nalezing`: what was taken over, the comments, what found no place."""
    from mededeling.review_cycle import take

    missing = [f for f in files if not f.is_file()]
    if missing:
        _say(f"Dit bestand bestaat niet: {missing[0]}. Er werd niets overgenomen.")
        return EXIT_INVALID
    taken = take(round_dir, files)
    _say(f"Nagelezen exemplaren bewaard in {round_dir.name}/: " + ", ".join(taken.kept))
    _say(f"{len(taken.edits)} alinea('s) met de tekst van de nalezers overgenomen in "
         f"{taken.redactie}:")
    for edit in taken.edits:
        _say(f"  - {edit.key} (door {edit.by}): {edit.text}")
    if taken.changes:
        _say("Bijgehouden wijzigingen:")
        for key, change in taken.changes:
            _say(f"  - {key or 'niet geplaatst'}: {change.kind} door {change.author} "
                 f"{change.date}: ‘{change.text}’")
    _say(f"{len(taken.remarks)} opmerking(en):")
    for remark in taken.remarks:
        _say(f"  - {remark.key or 'niet geplaatst'}: {remark.author} {remark.date}: "
             f"{remark.text}")
    if taken.unplaced:
        _say("Niet geplaatst (geen alinea van de mededeling gevonden; neem ze zelf over):")
        for text in taken.unplaced:
            _say(f"  - {text}")
    _say("De volgende opbouw gebruikt deze tekst; elk getal erin wordt gecontroleerd.")
    return EXIT_OK


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    pool = None
    steps = _Steps()
    try:
        if args.opdracht == "serve":
            from mededeling.web.serve import serve

            return serve(Path(args.inputs), Path(args.out), args.poort, not args.geen_browser)
        if args.opdracht == "nalezing":
            return _review(find_round(args.ronde), [Path(f) for f in args.bestanden])
        if args.opdracht == "build" and "pdf" in args.formaten:
            # forked before the heavy imports, so the fork is light and both cores work
            from mededeling.render import workers

            # a rebuild into a folder with a cache: see workers._init
            pool = workers.shared_pool(rebuild=(Path(args.out) / ".cache").is_dir())
        from mededeling import pipeline

        round_dir = find_round(args.ronde)
        store = None
        if args.opdracht == "build":  # the previous round's note is kept between builds
            from mededeling.render.cache import round_store

            store = round_store(Path(args.out), round_dir)
        prep = pipeline.prepare(round_dir, progress=lambda s: _say(f"… {s}"),
                                compare=args.opdracht == "build", store=store)
        _report(prep.warnings, f"{len(prep.warnings)} waarschuwing(en):")
        if args.opdracht == "check":
            _say(f"De meetronde {round_dir.name} is in orde: "
                 f"{prep.figures.projects.total} projecten, "
                 f"{prep.figures.milestones.total} mijlpalen.")
            from mededeling.note.annex_list import announcement

            for line in announcement(prep.round):
                _say(line)
            return EXIT_OK
        from mededeling.render.documents import Mode

        out = Path(args.out)
        mode = Mode(final=args.definitief)
        if mode.final and set(args.formaten) != {"docx", "pdf"}:
            _say("Een definitieve versie bevat altijd Word en PDF; --formaten wordt genegeerd.")
            args.formaten = ("docx", "pdf")
        return _build(prep, args, out, mode, pool, steps, started)
    except (Exception, KeyboardInterrupt) as exc:
        # one Dutch headline for every failure, the same words as the web page's
        steps.stop()
        if isinstance(exc, InvalidInput):
            _report(exc.problems, message(exc))
        else:
            _say(message(exc))
        if pool is not None and not isinstance(exc, (InvalidInput, Refused)):
            from mededeling.render.workers import close_shared

            close_shared()  # its work may be half done: cancel it, the next build forks anew
        if os.environ.get("MEDEDELING_DEBUG") and not isinstance(exc, (InvalidInput, Refused)):
            raise
        return exit_code(exc)
