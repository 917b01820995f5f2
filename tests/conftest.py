import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true",
                     help="also run the full-size builds of the sample (CI runs them)")


def pytest_configure(config):
    if config.getoption("--slow"):  # also seen by the test processes of pytest-xdist
        os.environ["MEDEDELING_TESTS_SLOW"] = "1"


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="full-size build: run with --slow (CI does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def once(tmp_path_factory, name: str, make) -> Path:
    """A folder made once for the whole run, also when pytest-xdist runs the tests in two
    processes: the first makes it under a lock, the other finds it made."""
    import fcntl

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each process's own
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".klaar").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / ".klaar").write_text("")
    return folder


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample round of 31 December 2021, built once through the CLI for all tests."""
    from mededeling.cli import main

    def build(out: Path) -> None:
        assert main(["build", str(ROOT / "inputs" / "2021-12-31"), "--out", str(out)]) == 0

    return once(tmp_path_factory, "voorbeeld-output", build) / "2021-12-31"


@pytest.fixture(scope="session")
def small_sample(tmp_path_factory) -> Path:
    """Two small rounds cut from the sample, with every case (see smallround)."""
    from smallround import make_small_inputs

    return once(tmp_path_factory, "klein", lambda f: make_small_inputs(f / "inputs")) / "inputs"


@pytest.fixture(scope="session")
def small_sample_build(small_sample, tmp_path_factory) -> Path:
    """The small round of 31 December 2021, built once through the CLI."""
    from mededeling.cli import main

    def build(out: Path) -> None:
        assert main(["build", str(small_sample / "2021-12-31"), "--out", str(out)]) == 0

    return once(tmp_path_factory, "klein-output", build) / "2021-12-31"
