"""The command as staff run it, in a process of its own: it leaves at once when done
(cli.run skips Python's clean-up of memory), and that may lose nothing: its output, its
exit code, its written files, and no worker process may stay behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _command(*args: str, cwd: Path, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mededeling", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, **(env or {})))


def _processes_naming(text: str) -> list[int]:
    """The processes whose command line holds `text` (a build's workers share its own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if text in cmdline:
                found.append(int(entry.name))
    return found


def test_a_check_says_what_it_found_and_exits_with_its_code(small_sample, tmp_path):
    ok = _command("check", str(small_sample / "2021-12-31"), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "is in orde" in ok.stderr
    missing = _command("check", str(tmp_path / "nergens"), cwd=tmp_path)
    assert missing.returncode == 2
    assert "deze map bestaat niet" in missing.stderr


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_a_build_writes_everything_and_leaves_no_worker_behind(small_sample, tmp_path):
    out = tmp_path / f"uit-{os.getpid()}-exit"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = _command("build", str(small_sample / "2021-12-31"), "--out", str(out),
                    cwd=tmp_path, env={"TMPDIR": str(temporary)})
    assert done.returncode == 0, done.stderr
    listed = [Path(line) for line in done.stdout.splitlines()]
    assert listed and all(p.is_file() and p.stat().st_size > 0 for p in listed)
    assert {p.name for p in listed} >= {"mededeling.pdf", "mededeling.docx",
                                        "bijlage-1-globaal-rapport.pdf", "manifest.json"}
    assert "Klaar in" in done.stderr
    assert _processes_naming(str(out)) == []
    # the exit handlers ran: nothing left in the temporary folder the build used
    assert list(temporary.iterdir()) == []


_WITH_CANARY = """
import sys
from mededeling.cli import run


class Canary:
    def __del__(self):  # runs only in Python's own clean-up at exit
        sys.stderr.write("opgeruimd\\n")


canary = Canary()
sys.argv = ["mededeling", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("command", ["build", "check"])
def test_the_command_leaves_without_pythons_clean_up(command, small_sample, tmp_path):
    """A build's workers are stopped first: the pool's own thread once kept every build
    with PDFs on Python's slow exit (a quarter of a second, an eighth of a rebuild)."""
    args = [str(small_sample / "2021-12-31")]
    if command == "build":
        args += ["--out", str(tmp_path / "uit")]
    done = subprocess.run([sys.executable, "-c", _WITH_CANARY, command, *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert ("Klaar in" if command == "build" else "is in orde") in done.stderr
    assert "opgeruimd" not in done.stderr
