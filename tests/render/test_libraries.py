"""render.libraries: WeasyPrint's import (once in every layout worker) runs no compiler
or linker to find its C libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

_SPY = """
import subprocess, sys
ran = []
original = subprocess.Popen.__init__
def spy(self, args, *rest, **kw):
    ran.append(str(args[0] if isinstance(args, (list, tuple)) else args))
    return original(self, args, *rest, **kw)
subprocess.Popen.__init__ = spy
import ctypes.util
before = ctypes.util.find_library
for name in ("_findLib_gcc", "_findLib_ld"):  # the linker searches, even without gcc
    if hasattr(ctypes.util, name):
        def spied(*args, _name=name, _real=getattr(ctypes.util, name)):
            ran.append(_name)
            return _real(*args)
        setattr(ctypes.util, name, spied)
import mededeling.render.pdf
print("restored" if ctypes.util.find_library is before else "replaced")
print("\\n".join(sorted(set(ran))))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker runs on Linux")
def test_weasyprint_loads_its_libraries_without_gcc_or_ld():
    done = subprocess.run([sys.executable, "-c", _SPY], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "restored"
    ran = {line.rsplit("/", 1)[-1] for line in lines[1:]}
    assert not ran & {"gcc", "cc", "ld", "ld.bfd", "collect2", "_findLib_gcc", "_findLib_ld"}, ran
