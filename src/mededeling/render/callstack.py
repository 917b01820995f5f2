"""Deep Python call stacks without CPython 3.11's chunk thrashing.

CPython keeps the frames of Python functions on a stack made of 16 KiB chunks. A call
that does not fit in the current chunk gets a new one from the system (`mmap`), and the
chunk is handed back (`munmap`) when that call returns. A loop whose calls sit right at a
chunk's edge gets and returns a chunk on every call (CPython issue gh-142183, fixed in
3.13 and 3.14 by keeping one chunk aside; not in 3.11 or 3.12).

WeasyPrint's layout is such a loop: laying out one chunk of the global report asked the
system for a chunk about 10.000 times, a tenth of the worker's time in the kernel (10
chunks: 0,5 to 0,7 s of system time and 81.000 page faults; through `deep` 0,03 to 0,06 s
and 10.000, the same bytes out).

`deep(fn, ...)` calls `fn` from a frame that claims 2 MiB of stack slots it never uses:
CPython gives that frame a chunk of 4 MiB (the next power of two with its margin), and
everything `fn` calls runs in the 2 MiB left of it, far deeper than any layout goes.
The slots are never written, so the system only supplies the pages the calls use.
"""

from __future__ import annotations

import sys
from typing import Callable, TypeVar

T = TypeVar("T")

_SLOTS = 1 << 18  # stack slots of 8 bytes the trampoline's frame claims: 2 MiB


def _trampoline(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def _deepened() -> Callable:
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return _trampoline  # no chunked frame stack: nothing to work around
    code = _trampoline.__code__
    _trampoline.__code__ = code.replace(co_stacksize=max(code.co_stacksize, _SLOTS))
    return _trampoline


_call = _deepened()


def deep(fn: Callable[..., T], *args, **kwargs) -> T:
    """fn(*args, **kwargs), with room on the frame stack for its deepest calls."""
    return _call(fn, *args, **kwargs)
