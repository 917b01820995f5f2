"""mededeling installed as staff install it: a wheel, in a fresh environment, used from a
folder that is not the repository.

Templates, fonts, the web page's files and the lock file are package data; a wheel that
misses one gives a command that cannot build, so the wheel's contents are checked on
every run, and with --slow a fresh venv installs the wheel from the lock and builds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "mededeling"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # a copy of the tracked files only: a wheel built from a work tree would pick up
    # whatever lies there (build/, caches)
    src = out / "src"
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    for name in ("pyproject.toml", "README.md"):  # also while they are being changed
        shutil.copy2(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(out / "dist"), str(src)], check=True, capture_output=True)
    (built,) = (out / "dist").glob("mededeling-*.whl")
    return built


def test_the_wheel_carries_templates_fonts_web_files_and_the_lock(wheel):
    import mededeling

    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert wheel.name.startswith(f"mededeling-{mededeling.__version__}-")
    for folder in ("templates", "fonts", "lock", "web/templates", "web/templates/static"):
        for path in (PACKAGE / folder).iterdir():
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"mededeling/{folder}/{path.name}" in names, path
    assert "mededeling/fonts/OFL.txt" in names  # Carlito's licence goes with it


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_builds_the_sample_from_another_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    lock = PACKAGE / "lock" / "runtime.txt"
    subprocess.run([python, "-m", "pip", "install", "-q", "--require-hashes", "-r", lock],
                   check=True, capture_output=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", wheel], check=True,
                   capture_output=True)
    work = tmp_path / "elders"  # no repository anywhere above it
    shutil.copytree(ROOT / "inputs", work / "inputs")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run([env_dir / "bin" / "mededeling", "build"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    built = work / "output" / "2021-12-31"
    assert (built / "mededeling.pdf").stat().st_size > 10_000
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    made = manifest["gemaakt_met"]
    assert made["vergrendeld"] is True and made["afwijkingen"] == {}
    # the installed package, not this checkout, made it
    where = subprocess.run([python, "-c", "import mededeling; print(mededeling.__file__)"],
                           capture_output=True, text=True, cwd=work, env=env).stdout
    assert str(env_dir) in where and str(ROOT) not in where
