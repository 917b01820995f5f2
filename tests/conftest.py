import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample round of 31 December 2021, built once through the CLI for all tests."""
    from mededeling.cli import main

    out = tmp_path_factory.mktemp("output")
    assert main(["build", str(ROOT / "inputs" / "2021-12-31"), "--out", str(out)]) == 0
    return out / "2021-12-31"
