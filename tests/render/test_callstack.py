"""render.callstack: a layout's calls get their stack memory once, not on every call.

The loop below is the pattern that cost WeasyPrint a tenth of its time on CPython 3.11: a
call whose frame does not fit in what is left of the current 16 KiB stack chunk, made
over and over. Each such call had CPython map a fresh chunk (a page fault at least) and
unmap it on return."""

from __future__ import annotations

import sys
import threading

import pytest

resource = pytest.importorskip("resource")  # page faults as the system counts them

from mededeling.render.callstack import deep
from mededeling.render.pdf import render

CALLS = 5000


def _wide():  # given a frame of 16 KiB below, more than a chunk holds besides its caller
    return 1


_wide.__code__ = _wide.__code__.replace(co_stacksize=2048)


def _loop() -> int:
    return sum(_wide() for _ in range(CALLS))


def _faults_in_a_fresh_thread(fn) -> int:
    """Minor page faults while `fn` runs in a new thread (whose frame stack starts empty,
    so where its chunks end does not depend on the test runner's depth)."""
    out = {}

    def body():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        out["total"] = fn()
        out["faults"] = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert out["total"] == CALLS
    return out["faults"]


def test_calls_under_deep_get_stack_memory_once():
    assert _faults_in_a_fresh_thread(lambda: deep(_loop)) < CALLS // 10


@pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info[:2] not in
                    ((3, 11), (3, 12)), reason="the chunk thrashing of CPython 3.11 and 3.12")
def test_without_deep_the_same_calls_map_a_chunk_each():
    """The check above would pass for nothing if the loop never crossed a chunk's edge."""
    assert _faults_in_a_fresh_thread(_loop) >= CALLS


def test_deep_passes_arguments_results_and_errors_through():
    assert deep(divmod, 17, 5) == (3, 2)
    assert deep(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    with pytest.raises(ZeroDivisionError):
        deep(divmod, 1, 0)


def test_a_pdf_laid_out_under_deep_is_the_same_as_without():
    from mededeling.render import pdf

    html = ("<html lang='nl-BE'><body>"
            + "".join(f"<section><h2>Project {i}</h2><table><tr><td>{i}</td><td>tekst "
                      f"van project {i}</td></tr></table></section>" for i in range(40))
            + "</body></html>")
    assert render(html) == pdf._render(html, None)  # noqa: SLF001
