"""Builds started from the web page: one at a time, in a thread, with their progress.

A build takes seconds to a minute, longer than a page should wait; the page starts it
here and shows its progress until it is done. It runs the same `publish` as the
command line, under the same file lock, so a build from the terminal and one from the
page cannot write over each other.
"""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from mededeling.core.problems import Problem
from mededeling.errors import Busy, InvalidInput, message
from mededeling.write import Lock


@dataclass
class Job:
    """One build from the page, as the page shows it (read while the thread writes it)."""

    meetmoment: str
    final: bool
    new_version: bool
    started: float = field(default_factory=time.monotonic)
    total: int = 0
    done: int = 0
    step: str = "Invoer lezen en controleren"
    state: str = "bezig"  # bezig | klaar | ongewijzigd | geweigerd | controle | fout
    message: str = ""
    notice: str = ""  # the build runs on other versions than the lock's
    target: str | None = None  # name of the output folder written
    problems: tuple[Problem, ...] = ()
    failures: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def running(self) -> bool:
        return self.state == "bezig"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0


class Builder:
    """Runs one build at a time; remembers the last job of each round."""

    def __init__(self, inputs: Path, out: Path, pool: object | None = None,
                 new_pool: Callable[[], object] | None = None):
        """`pool` lays out the PDFs (started before the server's threads, see serve);
        `new_pool` makes another one if a worker dies (by default through a fork server).
        Without either, layout runs in the build's own thread."""
        from mededeling.render.workers import PoolOwner

        self.inputs = inputs
        self.out = out
        # one thread owns the pools: it replaces a broken one, never a request's thread
        self._pools = (PoolOwner(pool, new_pool)  # type: ignore[arg-type]
                       if pool is not None or new_pool is not None else None)
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._thread: threading.Thread | None = None

    def job(self, meetmoment: str) -> Job | None:
        return self._jobs.get(meetmoment)

    def running(self) -> Job | None:
        with self._lock:
            return self._running()

    def _running(self) -> Job | None:
        return next((j for j in self._jobs.values() if j.running), None)

    @contextlib.contextmanager
    def quiet(self, meetmoment: str) -> Iterator[None]:
        """While held, no build of this round runs or starts, from this page or (through
        the file lock) from the command line: for replacing the round's input folder."""
        with self._lock:
            busy = self._running()
            if busy is not None and busy.meetmoment == meetmoment:
                raise Busy(f"er loopt een opbouw van de meetronde {meetmoment}; ze kan pas "
                           "vervangen worden als die klaar is")
            fresh = not (self.out / f".{meetmoment}.lock").exists()
            with Lock(self.out, meetmoment) as lock:
                try:
                    yield
                finally:
                    # an upload is no build: it leaves no lock file of its own behind.
                    # Removed while still held, so a build that opened it meanwhile
                    # was told Busy (Lock does not wait) and the next makes a new one.
                    if fresh:
                        lock.path.unlink(missing_ok=True)

    def start(self, meetmoment: str, final: bool, new_version: bool = False) -> Job:
        """Start a build; raises Busy while another one runs."""
        with self._lock:
            busy = self._running()
            if busy is not None:
                raise Busy(f"er loopt al een opbouw (meetronde {busy.meetmoment}); wacht tot "
                           "die klaar is")
            job = Job(meetmoment, final, new_version)
            self._jobs[meetmoment] = job
            self._thread = threading.Thread(target=self._run, args=(job,), daemon=True,
                                            name=f"opbouw-{meetmoment}")
            self._thread.start()
            return job

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running build (for tests and for a clean stop)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def pool(self) -> object | None:
        """The layout pool the next build uses (a new one if the last broke), or None."""
        return self._pools.pool() if self._pools is not None else None

    def close(self) -> None:
        """Stop the layout workers (after the last build, when the server stops)."""
        if self._pools is not None:
            self._pools.close()

    def _run(self, job: Job) -> None:
        from mededeling.pipeline import prepare
        from mededeling.render.cache import round_store
        from mededeling.render.documents import Mode
        from mededeling.publish import Result, publish, units_of_work
        from mededeling.render.provenance import lock_warning

        def step(what: str, n: int) -> None:
            # the label is what is being done now; the workers only count ("")
            if what:
                job.step = what
            job.done += n

        try:
            round_dir = self.inputs / job.meetmoment
            prep = prepare(round_dir, compare=True, store=round_store(self.out, round_dir))
            formats = ("docx", "pdf")
            job.total = units_of_work(prep, formats, job.final)
            job.notice = lock_warning(job.final) or ""
            job.step = "Opmaak voorbereiden"
            outcome = publish(prep, self.out, formats, Mode(final=job.final), self.pool(), step,
                              job.new_version)
            job.target = outcome.target.name
            job.failures = outcome.failures
            job.state = {Result.WRITTEN: "klaar", Result.UNCHANGED: "ongewijzigd",
                         Result.FINAL_EXISTS: "geweigerd",
                         Result.CHECK_FAILED: "controle"}[outcome.result]
        except InvalidInput as invalid:
            job.problems = tuple(invalid.problems)
            job.state = "fout"
            job.message = message(invalid)
        except BrokenProcessPool as exc:  # a layout worker died (killed, out of memory)
            job.state = "fout"
            job.message = message(exc)
            if self._pools is not None:
                self._pools.renew()  # the next build finds new workers ready
        except Exception as exc:  # shown on the page; the server goes on
            job.state = "fout"
            job.message = message(exc)
        finally:
            job.seconds = time.monotonic() - job.started
