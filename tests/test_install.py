"""mededeling installed as staff install it: a wheel, in a fresh environment, used from a
folder that is not the repository.

Templates, fonts, the web page's files and the lock file are package data; a wheel that
misses one gives a command that cannot build, so the wheel's contents are checked on
every run, and with --slow a fresh venv installs the wheel from the lock and builds.

The fresh venv uses the pip that Python brings (ensurepip), never the machine's cache or
an upgraded pip: CI once passed where a fresh machine failed, because the bundled pip
(23.x) refuses a hashed lock that pins fonttools but not the fonttools[woff] WeasyPrint
asks for, and only once the index has a newer fonttools than the lock's. Whether it has
one depends on the day, so the lock's extras are also checked without any index.
"""

from __future__ import annotations

import ensurepip
import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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
    # built with this environment's locked setuptools, as scripts/setup builds
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(out / "dist"), str(src)],
                   check=True, capture_output=True)
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


def _locked(name: str) -> list[Requirement]:
    """The requirements of one lock file, each without its hashes."""
    reqs = []
    for line in (PACKAGE / "lock" / name).read_text(encoding="utf-8").splitlines():
        line = line.strip().rstrip("\\").strip()
        if line and not line.startswith(("#", "--")):
            reqs.append(Requirement(line))
    return reqs


@pytest.mark.parametrize("lock", ["runtime.txt", "test.txt"])
def test_the_lock_pins_every_extra_that_a_locked_package_asks_for(lock):
    # without an index: each installed package's own requirements (its metadata), as pip
    # reads them; an extra asked for but not pinned is what the bundled pip refuses
    pinned = {canonicalize_name(r.name): r for r in _locked(lock)}
    missing = []
    for parent in pinned.values():
        try:
            wanted = metadata.requires(parent.name) or []
        except metadata.PackageNotFoundError:  # another platform's package
            continue
        for text in wanted:
            req = Requirement(text)
            applies = req.marker is None or any(
                req.marker.evaluate({"extra": extra}) for extra in {"", *parent.extras})
            name = canonicalize_name(req.name)
            if applies and name in pinned and not req.extras <= pinned[name].extras:
                missing.append(f"{parent.name} -> {text}")
    assert missing == [], f"scripts/lock (--no-strip-extras) should pin: {missing}"


def test_the_installers_are_locked_with_hashes_too():
    text = (PACKAGE / "lock" / "tools.txt").read_text(encoding="utf-8")
    # each pin with its hashes on the lines after it: 'name==1.0 \\' '--hash=sha256:...'
    blocks = [b for b in text.split("\n") if b and not b.startswith((" ", "#"))]
    tools = {canonicalize_name(r.name): r for r in _locked("tools.txt")}
    assert {"pip", "setuptools", "setuptools-scm", "wheel"} <= set(tools)
    assert len(blocks) == len(tools)
    for req in tools.values():
        assert str(req.specifier).startswith("=="), req
        after = text.split(f"{req.name}{req.specifier}", 1)[1].lstrip(" \\\n")
        assert after.startswith("--hash=sha256:"), req
    # the setup of this checkout (as in CI) installed exactly these, not the newest pip
    if Path(sys.prefix) == ROOT / ".venv":
        for name in ("pip", "setuptools"):
            assert metadata.version(name) == str(tools[name].specifier)[2:], name


def _fresh_venv(where: Path, python: str = sys.executable) -> Path:
    """A venv with the pip its Python brings: nothing from this machine's pip, cache or
    upgrades (PIP_NO_CACHE_DIR below), as on a machine that has only Python."""
    subprocess.run([python, "-m", "venv", str(where)], check=True, capture_output=True)
    return where / "bin" / "python"


def _fresh_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("PIP_REQUIRE")}
    env["PIP_NO_CACHE_DIR"] = "1"
    return env


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_builds_the_sample_from_another_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    bundled = subprocess.run([python, "-m", "pip", "--version"], capture_output=True,
                             text=True, check=True).stdout.split()[1]
    assert bundled == ensurepip.version()  # the pip Python brought, not an upgraded one
    lock = PACKAGE / "lock" / "runtime.txt"
    installed = subprocess.run([python, "-m", "pip", "install", "-q", "--require-hashes",
                                "-r", lock], capture_output=True, text=True, env=_fresh_env())
    assert installed.returncode == 0, installed.stderr[-3000:]
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


def _another_python(version: str) -> str | None:
    """A Python of that version that runs: on PATH, or one that pyenv keeps (its shim
    answers only for the selected version)."""
    home = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = [shutil.which(f"python{version}"),
             *map(str, sorted((home / "versions").glob(f"{version}.*/bin/python{version}")))]
    for python in filter(None, found):
        if subprocess.run([python, "-c", "1"], capture_output=True).returncode == 0:
            return python
    return None


@pytest.mark.slow
@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_the_lock_installs_with_the_pip_of_another_python(version, wheel, tmp_path):
    python = _another_python(version)
    if python is None:
        pytest.skip(f"no Python {version} on this machine")
    fresh = _fresh_venv(tmp_path / "venv", python)
    env = _fresh_env()
    for step in (["--require-hashes", "-r", PACKAGE / "lock" / "runtime.txt"],
                 ["--no-deps", wheel]):
        run = subprocess.run([fresh, "-m", "pip", "install", "-q", *step],
                             capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr[-3000:]
    check = subprocess.run([fresh.parent / "mededeling", "check", ROOT / "inputs" / "2021-12-31"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
