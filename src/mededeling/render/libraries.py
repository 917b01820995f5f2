"""WeasyPrint's C libraries found without running the linker.

WeasyPrint opens Pango, HarfBuzz and fontconfig by trying names for every platform in
turn ('libpango-1.0-0', 'pango-1.0', ..., 'libpango-1.0.so.0'). For each name that is
not a file, cffi asks `ctypes.util.find_library`, which on Linux reads the ldconfig cache
and then runs gcc and ld to look further: 17 compiler and linker runs before the
Linux names came up, and 6 more for HarfBuzz's optional vector library, which is not
installed here. Every layout worker did this as it started: 0,14 s of its 0,45 s import.

During WeasyPrint's import, a name is looked up in the ldconfig cache only. A library
that is not in the cache, only on LD_LIBRARY_PATH, is still found: WeasyPrint's list ends
with each library's full file name ('libpango-1.0.so.0'), which the system's loader
finds on that path itself.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator


@contextlib.contextmanager
def cache_only_lookup() -> Iterator[None]:
    """For the time of an import: `ctypes.util.find_library` is process-wide, so another
    thread looking a library up meanwhile (the web page's provenance) also gets the
    cache-only answer, which is the same for every library in the cache."""
    import ctypes.util

    ldconfig = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if not sys.platform.startswith("linux") or ldconfig is None:
        yield  # elsewhere find_library runs no linker (or we cannot say how it looks)
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = ldconfig
    try:
        yield
    finally:
        ctypes.util.find_library = original
