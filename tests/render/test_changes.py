"""The note as changes against the previous round's note (issue 12, first part):
mededeling-wijzigingen.docx with Word's tracked changes, the same on the web page, and
a key per paragraph that travels in the Word file as a bookmark.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from mededeling.pipeline import prepare
from mededeling.render.docx import bookmark_name

SOFFICE = shutil.which("soffice")


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def views(xml: str) -> tuple[str, str]:
    """(the text as it was, the text as it is now): a reader of the tracked changes
    rejecting them all, or accepting them all."""
    before, after = [], []
    for part in re.findall(r"<w:ins .*?</w:ins>|<w:del .*?</w:del>|<w:t[ >].*?</w:t>|</w:p>",
                           xml, flags=re.S):
        texts = "".join(re.findall(r"<w:(?:t|delText)(?: [^>]*)?>(.*?)</w:(?:t|delText)>",
                                   part, flags=re.S))
        texts = html.unescape(texts)
        if part == "</w:p>":
            before.append(" "), after.append(" ")
        elif part.startswith("<w:ins "):
            after.append(texts)
        elif part.startswith("<w:del "):
            before.append(texts)
        else:
            before.append(texts), after.append(texts)
    return " ".join("".join(before).split()), " ".join("".join(after).split())


@pytest.fixture(scope="module")
def compared(small_sample, small_sample_build):
    prep = prepare(small_sample / "2021-12-31", compare=True)
    return small_sample_build, prep


def test_the_changes_hold_the_previous_figures_deleted_and_this_rounds_inserted(compared):
    from mededeling.core.blocks import keyed_texts

    built, prep = compared
    xml = _xml(built / "mededeling-wijzigingen.docx")
    assert re.search(r'<w:ins w:id="\d+" w:author="mededeling" w:date="2021-12-31T00:00:00Z">',
                     xml)
    assert re.search(r'<w:del w:id="\d+" w:author="mededeling" w:date="2021-12-31T00:00:00Z">',
                     xml)
    before, after = views(xml)
    old, new = keyed_texts(prep.previous_note.sections), keyed_texts(prep.note.sections)
    for key in ("3.1/opgestart", "3.1/oranje", "3.2/statussen", "3.3/bedragen"):
        assert old[key] != new[key], key  # the sample's figures moved here
        assert " ".join(old[key].split()) in before, key
        assert " ".join(new[key].split()) in after, key
    # a paragraph only this round has is an insertion; one only the previous had, a deletion
    assert "3.1/blauw" in new and "3.1/blauw" not in old
    assert " ".join(new["3.1/blauw"].split()) not in before


def test_every_paragraph_has_its_key_as_a_bookmark_in_the_word_file(compared):
    built, _ = compared
    keys = json.loads((built / "kerncijfers.json").read_text(encoding="utf-8"))["alineas"]
    xml = _xml(built / "mededeling.docx")
    names = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', xml)
    assert len(keys) > 40 and len(set(names)) == len(names)
    for key in keys:
        assert bookmark_name(key) in names, key
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", bookmark_name(key))


def test_a_round_without_a_previous_folder_has_no_changes_file(tmp_path):
    from mededeling.cli import main
    from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=3))
    folder = write_round(inputs, RoundSpec("2022-04-30", 1, projects,
                                           [(c, "donkergroen", "2022-Q1") for c, _ in projects],
                                           [(c, 1_000_000, 1_000, 10) for c, _ in projects]))
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--formaten", "docx"]) == 0
    built = tmp_path / "out" / "2022-04-30"
    assert (built / "mededeling.docx").exists()
    assert not (built / "mededeling-wijzigingen.docx").exists()


def test_the_web_page_shows_the_same_changes(compared, small_sample, tmp_path):
    from mededeling.core.blocks import keyed_texts
    from mededeling.web.app import create_app
    from mededeling.web.builds import Builder

    _, prep = compared
    app = create_app(small_sample, tmp_path / "out", Builder(small_sample, tmp_path / "out"))
    client = app.test_client()
    assert "wat veranderde sinds de vorige mededeling" in client.get(
        "/ronde/2021-12-31").get_data(as_text=True)
    page = client.get("/ronde/2021-12-31/wijzigingen").get_data(as_text=True)
    assert "<del>" in page and "<ins>" in page
    new = keyed_texts(prep.note.sections)["3.1/oranje"]
    shown = " ".join(html.unescape(re.sub(r"<del>.*?</del>|<[^>]+>", "", page)).split())
    assert " ".join(new.split()) in shown
    assert client.get("/ronde/2021-09-30/wijzigingen").status_code == 404  # no earlier folder


@pytest.mark.slow  # LibreOffice takes its time to start: CI runs it (pytest --slow)
def test_libreoffice_shows_the_tracked_changes_and_keeps_the_bookmarks(compared, tmp_path):
    """Not every reviewer uses Word: LibreOffice opens the changes with both the old and
    the new words, and a round trip through it keeps the paragraphs' bookmarks."""
    from mededeling.core.blocks import keyed_texts

    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice ontbreekt (soffice): ./scripts/setup --tests installeert het")
        pytest.skip("LibreOffice ontbreekt: ./scripts/setup --tests installeert het")

    built, prep = compared
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo'}"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(built / "mededeling-wijzigingen.docx")],
                   check=True, capture_output=True, timeout=180)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "mededeling-wijzigingen.pdf"),
                                    "-"], capture_output=True, text=True).stdout.split())
    old = keyed_texts(prep.previous_note.sections)["3.1/oranje"]
    new = keyed_texts(prep.note.sections)["3.1/oranje"]
    removed = [w for w in old.split() if w not in new.split()]
    added = [w for w in new.split() if w not in old.split()]
    assert removed and added
    assert all(w in text for w in removed) and all(w in text for w in added)

    again = tmp_path / "terug"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "docx", "--outdir",
                    str(again), str(built / "mededeling.docx")],
                   check=True, capture_output=True, timeout=180)
    names = set(re.findall(r'w:name="([^"]+)"', _xml(again / "mededeling.docx")))
    keys = keyed_texts(prep.note.sections)
    assert {bookmark_name(k) for k in keys} <= names
