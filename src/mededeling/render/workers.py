"""Processes that lay out HTML into PDF, so both cores work.

WeasyPrint's import, its font set-up and the layout are the longest part of a build.
The pool is forked when the command starts, before pandas, matplotlib or WeasyPrint
are imported in the main process (so the fork is light); each worker then imports
and warms up WeasyPrint while the main process reads, computes and draws.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def _init() -> None:  # runs in each worker
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
    """A pool of warmed-up WeasyPrint processes."""

    def __init__(self, size: int | None = None):
        import multiprocessing

        self.size = size or workers()
        self.broken = False  # a worker died: the pool takes no more work
        # fork is fast and light, but only safe from a process with one thread: a fork
        # while another thread holds a lock (an output buffer, a font library's mutex)
        # leaves the child waiting on it for ever. The command line and `serve` start the
        # pool first; anything else with threads running (a test runner) gets a fork server.
        method = "fork" if _threads() == 1 else "forkserver"
        self._pool = ProcessPoolExecutor(max_workers=self.size,
                                         mp_context=multiprocessing.get_context(method),
                                         initializer=_init)
        for _ in range(self.size):  # start every worker now, not at the first real job
            self._pool.submit(_ready)

    def submit(self, html: str, options=None) -> "Future[bytes]":
        try:
            future = self._pool.submit(_layout, html, options)
        except BrokenProcessPool:
            self.broken = True
            raise
        future.add_done_callback(self._check)
        return future

    def _check(self, future: "Future[bytes]") -> None:
        if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
            self.broken = True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_shared: LayoutPool | None = None


def shared_pool() -> LayoutPool:
    """The pool of this process, started at the first build and kept for the next ones
    (a process that builds more than once, such as the tests, forks its workers once);
    a broken pool is replaced."""
    global _shared
    if _shared is None or _shared.broken:
        if _shared is not None:
            _shared.close()
        _shared = LayoutPool()
    return _shared


def close_shared() -> None:
    """Stop the shared pool now, its pending work cancelled (after Ctrl-C or a failure)."""
    global _shared
    if _shared is not None:
        pool, _shared = _shared, None
        pool.close()
