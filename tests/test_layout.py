"""The project as a newcomer and an archivist meet it: documented in its own repository,
one version string, and a package layout that follows the pipeline.

docs/input-format.md is the contract staff write rounds to; it is tested against the
code's SCHEMAS here, so the two cannot drift apart.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import mededeling
from mededeling.input.schemas import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_graph_follows_the_pipeline_and_its_page_is_current():
    run = subprocess.run([sys.executable, "scripts/import_graph.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def _tables_of(doc: str) -> dict[str, list[tuple[str, str]]]:
    """'## projecten.csv' -> [(column, 'ja'|'nee'), ...] from the table under it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for part in re.split(r"^## ", doc, flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        name = heading.split()[0]
        if not name.endswith(".csv"):
            continue
        rows = [line for line in body.splitlines() if line.startswith("|")]
        assert rows and re.match(r"\|\s*kolom\s*\|\s*verplicht\s*\|\s*inhoud\s*\|", rows[0]), name
        found[name[:-4]] = [
            (re.sub(r"[`\s]", "", cells[1]), cells[2].strip())
            for cells in (row.split("|") for row in rows[2:])]
    return found


def test_the_input_format_documents_every_column_of_the_schemas():
    documented = _tables_of((ROOT / "docs" / "input-format.md").read_text(encoding="utf-8"))
    assert set(documented) == set(SCHEMAS)
    for table, columns in SCHEMAS.items():
        assert documented[table] == [(c.name, "ja" if c.required else "nee") for c in columns], \
            table


def test_nothing_in_the_product_points_outside_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in (".ttf", ".docx", ".xlsx", ".png") or not path.is_file():
            continue
        if name.startswith("tests/") or name == "CHANGELOG.md":
            continue
        if re.search(r"\.\./shared|shared/spec|shared/tools", path.read_text(encoding="utf-8")):
            offenders.append(name)
    assert offenders == []


def test_one_version_string():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, flags=re.M)
    assert released and released[0] == mededeling.__version__


@pytest.mark.parametrize("name", ["input-format.md", "note-rules.md", "glossary.md",
                                  "naming.md", "architecture.md"])
def test_the_docs_are_there_and_linked_from_the_readme(name):
    assert (ROOT / "docs" / name).stat().st_size > 1000
    assert f"docs/{name}" in (ROOT / "README.md").read_text(encoding="utf-8")
