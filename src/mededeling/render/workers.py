"""Processes that lay out HTML into PDF, so both cores work.

WeasyPrint's import, its font set-up and the layout are the longest part of a build.
The pool is forked when the command starts, before pandas, matplotlib or WeasyPrint
are imported in the main process (so the fork is light); the workers then import and
warm up WeasyPrint one after the other while the main process reads, computes and
draws: two warming up at once took the main process's core as it started, and a rebuild
after one correction, which lays out one chunk, waited for it.
"""

from __future__ import annotations

import atexit
import functools
import heapq
import itertools
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, TypeVar

T = TypeVar("T")

# the order in which waiting work goes to the workers: lower first, then in order given
URGENT = 0  # what the rest of the build waits on (the global report's contents)
NORMAL = 1


def fewer_collections() -> None:
    """Python's cycle collector less often. Laying out a chunk makes millions of small
    objects (boxes, styles) that live until the chunk is done; at the default threshold
    the collector walked them every 700 allocations, an eighth of WeasyPrint's time (three
    chunks: 2,70 s against about 2,3 s, medians of 11 runs). Every object is still freed: the
    collector runs, only less often, and reference counting frees the rest at once. Only
    in the workers, each laying out a bounded chunk: in the main process, which reads
    back a final of ten times the sample's projects, it let the garbage grow to a peak
    of 1,77 GB, where the default collector keeps it at 1,19 GB."""
    import gc

    gc.set_threshold(50_000, 20, 20)


def _init(turn, started, rebuild: bool, folder: str | None = None) -> None:
    """Runs in each worker as it starts, one at a time (`turn`). On a rebuild (the output
    folder has a cache) only the first warms up WeasyPrint: a rebuild after a correction
    lays out one chunk, and the second worker makes the global report's Word file. It
    gets ready for that instead; warming up WeasyPrint as well took 0,6 s of the rebuild's
    two cores for nothing. If it gets layout work after all, WeasyPrint is imported then.
    `folder`: the pool's temporary folder, for all the worker's temporary files."""
    fewer_collections()
    if folder is not None:
        tempfile.tempdir = folder
    with turn:
        first = started.value == 0
        started.value += 1
        if rebuild and not first:
            import mededeling.render.docx  # noqa: F401 - python-docx, docxtpl and lxml
            return
        from mededeling.render.pdf import render
        from mededeling.resources import TEMPLATES

        css = (TEMPLATES / "mededeling.css").read_text(encoding="utf-8")
        render(f"<html lang='nl-BE'><style>{css}</style><p>Pagina <b>één</b></p></html>")


def _ready() -> int:
    return os.getpid()


def _layout(html: str, options=None) -> bytes:  # runs in a worker
    from mededeling.render.pdf import render

    return render(html, options)


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def _threads() -> int:
    """The threads of this process, also those Python's threading module does not know
    (a test runner's, a C library's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


class LayoutPool:
    """A pool of warmed-up WeasyPrint processes.

    Work waits here, in order of priority, and goes to the workers as they come free (a
    process pool only takes work first come, first served): the contents of the global
    report, which the merge waits on, are laid out before annexes given to it earlier,
    and the annexes fill the time of the merge and its Word file instead of delaying them.
    """

    def __init__(self, size: int | None = None, method: str | None = None,
                 rebuild: bool = False):
        """`method`: how workers start ('fork', 'forkserver', 'spawn'); by default fork
        from a process with one thread, else a fork server. `rebuild`: most of the work is
        likely in the cache (see _init)."""
        import multiprocessing

        self.size = size or workers()
        self._broken = False  # a worker died: the pool takes no more work
        # fork is fast and light, but only safe from a process with one thread: a fork
        # while another thread holds a lock (an output buffer, a font library's mutex)
        # leaves the child waiting on it for ever. The command line and `serve` start the
        # pool first; anything else with threads running (a test runner) gets a fork server.
        self.method = method or ("fork" if _threads() == 1 else "forkserver")
        context = multiprocessing.get_context(self.method)
        # the workers' temporary files (WeasyPrint's copies of the fonts, 2,8 MB each) in
        # one folder of the pool's: a worker that is killed cannot remove its own, the pool
        # removes them all when it stops (or, for a pool let go broken, at exit)
        self._folder = tempfile.mkdtemp(prefix="mededeling-opmaak-")
        self._remove_folder = functools.partial(shutil.rmtree, self._folder, True)
        atexit.register(self._remove_folder)
        self._pool = ProcessPoolExecutor(max_workers=self.size, mp_context=context,
                                         initializer=_init,
                                         initargs=(context.Lock(), context.Value("i", 0),
                                                   rebuild, self._folder))
        # start every worker now, not at the first real job
        self._started = [self._pool.submit(_ready) for _ in range(self.size)]
        self._waiting: list[tuple[int, int, Callable, tuple, Future]] = []  # a heap
        self._order = itertools.count()
        self._lock = threading.Condition()
        self._stopped = False
        self._feeders: list[threading.Thread] = []  # started at the first job (after the fork)

    @property
    def broken(self) -> bool:
        """A worker died (during a build or between two): the pool takes no more work."""
        # the executor marks itself broken as soon as it sees a worker gone, also one that
        # died idle; `_broken` is its own flag (no public one exists)
        return self._broken or bool(getattr(self._pool, "_broken", False))

    def pids(self, timeout: float = 60) -> tuple[int, ...]:
        """The process ids of the workers that have started (for a test that stops one)."""
        return tuple(sorted({f.result(timeout) for f in self._started}))

    def submit(self, html: str, options=None, priority: int = NORMAL) -> "Future[bytes]":
        """The PDF of `html`, laid out by a worker when its turn comes (see the class)."""
        return self.call(_layout, html, options, priority=priority)

    def call(self, function: Callable[..., T], *args, priority: int = NORMAL
             ) -> "Future[T]":
        """`function(*args)` in a worker when its turn comes: other work for a worker that
        would be idle (a rebuild after one correction lays out one chunk, on one worker).
        `function` is a module's own function, and it and `args` must pickle."""
        if self.broken:
            raise BrokenProcessPool("een opmaakproces is gestopt")
        future: Future[T] = Future()
        with self._lock:
            if self._stopped:
                raise RuntimeError("de opmaakprocessen zijn gestopt")
            heapq.heappush(self._waiting, (priority, next(self._order), function, args, future))
            if not self._feeders:
                # one feeder per worker: no job is sent before a worker is free for it,
                # so an urgent one never waits behind a job sent ahead
                self._feeders = [threading.Thread(target=self._feed, daemon=True,
                                                  name=f"opmaak-{i}")
                                 for i in range(self.size)]
                for feeder in self._feeders:
                    feeder.start()
            self._lock.notify()
        return future

    def _feed(self) -> None:
        """One at a time: the most urgent waiting job to the pool, its result to its
        future."""
        while True:
            with self._lock:
                while not self._waiting and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                *_, function, args, future = heapq.heappop(self._waiting)
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = self._pool.submit(function, *args).result()
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on it
                if isinstance(exc, BrokenProcessPool):
                    self._broken = True
                future.set_exception(exc)
            else:
                future.set_result(result)

    def _stop(self) -> None:
        """No more work: what still waits is cancelled, the feeders end."""
        with self._lock:
            self._stopped = True
            waiting, self._waiting = self._waiting, []
            self._lock.notify_all()
        for *_, future in waiting:
            future.cancel()

    def close(self) -> None:
        self._stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._remove_folder()
        atexit.unregister(self._remove_folder)

    def abandon(self) -> None:
        """Let a broken pool go without waiting for it: its pending work is cancelled, and
        the executor's own thread ends the workers that are left."""
        self._stop()
        self._pool.shutdown(wait=False, cancel_futures=True)


_shared: LayoutPool | None = None


def shared_pool(rebuild: bool = False) -> LayoutPool:
    """The pool of this process, started at the first build and kept for the next ones
    (a process that builds more than once, such as the tests, forks its workers once);
    a broken pool is replaced. `rebuild`: see LayoutPool."""
    global _shared
    if _shared is None or _shared.broken:
        if _shared is not None:
            _shared.abandon()
        _shared = LayoutPool(rebuild=rebuild)
    return _shared


def close_shared() -> None:
    """Stop the shared pool now, its pending work cancelled (after Ctrl-C or a failure)."""
    global _shared
    if _shared is not None:
        pool, _shared = _shared, None
        pool.close()


class PoolOwner:
    """The layout pool of a process that serves pages (and so runs threads): one thread
    of its own starts, replaces and stops every pool, so two builds never race to replace
    one, and a replacement never forks the server (a fork from a process with threads can
    leave a worker waiting for ever on a lock another thread held). A pool found broken
    (a worker died) is let go, its work cancelled, and a new one started through a fork
    server, which starts workers from a clean process of its own."""

    def __init__(self, pool: LayoutPool | None = None,
                 new_pool: Callable[[], LayoutPool] | None = None):
        self._pool = pool
        self._new_pool = new_pool or (lambda: LayoutPool(method="forkserver"))
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="opmaakpool")
        self._closed = threading.Event()

    def pool(self) -> LayoutPool:
        """A working pool: the current one, or a new one in place of a broken one."""
        return self._thread.submit(self._working).result()

    def renew(self) -> None:
        """After a build found the pool broken: let it go and start the next one now, in
        the background, so the next build finds its workers ready."""
        if not self._closed.is_set():
            self._thread.submit(self._working)

    def _working(self) -> LayoutPool:
        if self._pool is not None and self._pool.broken:
            broken, self._pool = self._pool, None
            broken.abandon()
        if self._pool is None:
            self._pool = self._new_pool()
        return self._pool

    def close(self) -> None:
        """Stop the pool (when the server stops)."""
        self._closed.set()

        def stop() -> None:
            if self._pool is not None:
                pool, self._pool = self._pool, None
                pool.close()

        self._thread.submit(stop).result()
        self._thread.shutdown(wait=True)
