"""A final's archive package (issue 13), through `mededeling build --definitief`.

One BagIt bag, zipped as <meetmoment>-archief.zip next to manifest.json: the final
documents, the inputs and the reviewed copies. bagit, the Library of Congress's reference
implementation, validates it here as an archive would.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import bagit
import pytest

from mededeling import __version__
from mededeling.cli import main
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

# every test here builds a final (about 20 s): CI runs them (pytest --slow); the quick suite
# checks the package's bytes in tests/render/test_archive.py, and every final it builds
# (test_finals, test_review_cycle) has its package checked by bagit before it is written
pytestmark = pytest.mark.slow

MEETMOMENT = "2022-04-30"
ARCHIVE = f"{MEETMOMENT}-archief.zip"
REVIEWED = "1-mededeling kabinet Jambon.docx"


def make_round(inputs: Path, communicatie: str = "Tekst over de communicatie.\n") -> Path:
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=5, lichtgroen=2, grijs=1))
    folder = write_round(inputs, RoundSpec(
        MEETMOMENT, 4, projects, [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects],
        vorige=dict(meetmoment="2021-12-31", projecten_oranje=2, vastgelegd=120_000_000,
                    vereffend=20_000_000),
        teksten={"communicatie": communicatie}))
    # a reviewed copy as `mededeling nalezing` keeps it: the final carries it
    (folder / "nalezing").mkdir(exist_ok=True)
    (folder / "nalezing" / REVIEWED).write_bytes(b"PK\x03\x04 een nagelezen exemplaar")
    return folder


def unpack(zip_path: Path, where: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zipped:
        zipped.extractall(where)
    (top,) = where.iterdir()
    return top


@pytest.fixture(scope="module")
def final(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("archief")
    folder = make_round(root / "inputs")
    assert main(["build", str(folder), "--out", str(root / "out"), "--definitief"]) == 0
    return folder, root / "out" / MEETMOMENT


def test_a_final_has_one_archive_package_that_bagit_validates(final, tmp_path):
    _, built = final
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["archief"] == ARCHIVE and (built / ARCHIVE).is_file()
    assert ARCHIVE not in manifest["uitvoer"]  # it holds the manifest: named, not hashed
    top = unpack(built / ARCHIVE, tmp_path)
    assert top.name == f"{MEETMOMENT}-archief"
    bag = bagit.Bag(str(top))
    assert bag.validate()
    info = {k: " ".join(v.split()) for k, v in bag.info.items()}
    assert info["Source-Organization"] == "Vlaamse Regering"
    assert info["Bagging-Date"] == info["Meetmoment"] == MEETMOMENT
    assert (info["Meting"], info["Versie"], info["Mededeling-Versie"]) == ("4", "1", __version__)
    assert info["External-Identifier"] == f"mededeling-{MEETMOMENT}"
    assert ("relanceplan Vlaamse Veerkracht, vierde meting, meetmoment 30 april 2022: de "
            "definitieve versie.") in info["External-Description"]


def test_the_package_holds_the_documents_the_inputs_and_the_reviewed_copy(final, tmp_path):
    folder, built = final
    top = unpack(built / ARCHIVE, tmp_path)
    documents = top / "data" / "documenten"
    assert sorted(p.name for p in documents.iterdir()) == sorted(
        p.name for p in built.iterdir() if p.name != ARCHIVE)
    for path in built.iterdir():
        if path.name != ARCHIVE:
            assert (documents / path.name).read_bytes() == path.read_bytes(), path.name
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    given = top / "data" / "invoer"
    assert sorted(p.relative_to(given).as_posix() for p in given.rglob("*") if p.is_file()) \
        == sorted(manifest["invoer"])
    assert f"{MEETMOMENT}/nalezing/{REVIEWED}" in manifest["invoer"]
    for name in manifest["invoer"]:  # byte for byte the files in the inputs folder
        assert (given / name).read_bytes() == (folder.parent / name).read_bytes(), name
    assert {"mededeling.pdf", "mededeling.docx", "bijlage-1-globaal-rapport.pdf",
            "kerncijfers.xlsx", "manifest.json"} <= {p.name for p in documents.iterdir()}


def test_a_rebuild_gives_the_same_package_byte_for_byte(final, capsys):
    folder, built = final
    before = (built / ARCHIVE).read_bytes()
    assert main(["build", str(folder), "--out", str(built.parent), "--definitief"]) == 0
    assert "al precies zo" in capsys.readouterr().err  # every file the same, the package too
    assert (built / ARCHIVE).read_bytes() == before


def test_a_package_bagit_refuses_stops_the_final(final, monkeypatch, capsys):
    """The package is read back like the documents: one wrong byte and nothing is written."""
    from mededeling import publish

    folder, built = final
    made = publish.archive.package

    def broken(documents, inputs, **info):  # one bit of the PDF changed after bagging
        import io

        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(made(documents, inputs, **info))) as src, \
                zipfile.ZipFile(out, "w") as dst:
            for entry in src.infolist():
                content = src.read(entry)
                if entry.filename.endswith("/data/documenten/mededeling.pdf"):
                    content = content[:200] + bytes([content[200] ^ 1]) + content[201:]
                dst.writestr(entry, content)
        return out.getvalue()

    monkeypatch.setattr(publish.archive, "package", broken)
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    assert main(["build", str(folder), "--out", str(built.parent), "--definitief",
                 "--nieuwe-versie"]) == 1
    err = capsys.readouterr().err
    assert f"{ARCHIVE}: bagit vindt het archiefpakket ongeldig" in err
    assert not (built.parent / f"{MEETMOMENT}-v2").exists()
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before


def test_a_draft_has_no_archive_package(final):
    folder, built = final
    out = built.parent.parent / "ontwerp"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    draft = out / MEETMOMENT
    assert not list(draft.glob("*archief*"))
    assert "archief" not in json.loads((draft / "manifest.json").read_text(encoding="utf-8"))


def test_a_new_version_carries_its_own_package_with_its_number(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--definitief"]) == 0
    make_round(tmp_path / "inputs", communicatie="Een andere tekst over de communicatie.\n")
    assert main(["build", str(folder), "--out", str(out), "--definitief",
                 "--nieuwe-versie"]) == 0
    second = out / f"{MEETMOMENT}-v2"
    top = unpack(second / ARCHIVE, tmp_path / "v2")
    bag = bagit.Bag(str(top))
    assert bag.validate()
    assert (bag.info["Versie"], bag.info["External-Identifier"]) == (
        "2", f"mededeling-{MEETMOMENT}-v2")
    assert (top / "data" / "invoer" / MEETMOMENT / "teksten" / "communicatie.md").read_text(
        encoding="utf-8") == "Een andere tekst over de communicatie.\n"
    # the first final is untouched, its package still valid
    assert bagit.Bag(str(unpack(out / MEETMOMENT / ARCHIVE, tmp_path / "v1"))).validate()
