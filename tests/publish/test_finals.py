"""Drafts for reviewers, finals for the archive (issue 4), through the CLI.

PDF/A cannot be validated with veraPDF here; these tests check with pikepdf what can be
checked: the PDF/A identification in the XMP metadata, the output intent, embedded
fonts, the attachments, language and title.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from mededeling.cli import main
from pdftags import structure
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

MEETMOMENT = "2022-04-30"


def make_round(inputs: Path, status_of_vv003: str = "donkergroen") -> Path:
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=5, lichtgroen=2, grijs=1))
    projects[2] = ("VV003", status_of_vv003)
    return write_round(inputs, RoundSpec(
        MEETMOMENT, 4, projects, [(c, "donkergroen", "2022-Q1") for c, *_ in projects],
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects],
        vorige=dict(meetmoment="2021-12-31", projecten_oranje=2, vastgelegd=120_000_000,
                    vereffend=20_000_000),
        teksten={"communicatie": "Tekst over de communicatie.\n"}))


def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode()
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("draft")
    folder = make_round(root / "inputs")
    assert main(["build", str(folder), "--out", str(root / "out")]) == 0
    return root / "out" / MEETMOMENT


@pytest.fixture(scope="module")
def final(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("final")
    folder = make_round(root / "inputs")
    assert main(["build", str(folder), "--out", str(root / "out"), "--definitief"]) == 0
    return folder, root / "out" / MEETMOMENT


def test_drafts_say_ontwerp_on_every_page(draft):
    pdfs = sorted(draft.glob("*.pdf"))
    assert len(pdfs) == 3  # the note and the two annexes of a round without optional files
    for pdf in pdfs:
        pages = pages_text(pdf)
        assert pages and all("ONTWERP" in page for page in pages), pdf.name
    for docx in sorted(draft.glob("*.docx")):
        with zipfile.ZipFile(docx) as z:
            headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
        assert any(">ONTWERP<" in h for h in headers), docx.name
    assert json.loads((draft / "manifest.json").read_text())["definitief"] is False


def test_finals_are_pdfa_with_their_sources_and_no_draft_mark(final):
    folder, built = final
    inputs = sorted(p.relative_to(folder.parent).as_posix()
                    for p in [folder.parent / "plan.toml", *folder.rglob("*")] if p.is_file())
    for pdf in sorted(built.glob("*.pdf")):
        assert not any("ONTWERP" in page for page in pages_text(pdf)), pdf.name
        with pikepdf.open(pdf) as doc:
            meta = doc.open_metadata()
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
            assert str(doc.Root.OutputIntents[0].S) == "/GTS_PDFA1"
            assert str(doc.Root.Lang) == "nl-BE"
            assert sorted(doc.attachments) == sorted(inputs + ["kerncijfers.json"])
            assert doc.attachments["kerncijfers.json"].get_file().read_bytes() == \
                (built / "kerncijfers.json").read_bytes()
            for page in doc.pages:
                for font in page.obj.Resources.get("/Font", {}).values():
                    desc = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                    assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            kinds = structure(doc)  # every final tagged, the merged global report too
            assert kinds["/H1"] == 1 or pdf.name == "mededeling.pdf", pdf.name
            if pdf.name == "bijlage-1-globaal-rapport.pdf":  # each project a H2 with its tables
                assert kinds["/H2"] == 8 + 1 and kinds["/Table"] >= 8, kinds
                # its subheads one level below the projects: no level skipped
                assert kinds["/H3"] >= 8 * 5 and not kinds["/H4"] and not kinds["/H5"], kinds
    for docx in sorted(built.glob("*.docx")):
        with zipfile.ZipFile(docx) as z:
            assert not any(b"ONTWERP" in z.read(n) for n in z.namelist() if "header" in n)


def test_manifest_lists_the_hash_of_every_output_and_input(final):
    folder, built = final
    manifest = json.loads((built / "manifest.json").read_text())
    assert manifest["definitief"] is True
    # the archive package holds the manifest: named by it, not hashed (test_archive.py)
    assert manifest["archief"] == f"{MEETMOMENT}-archief.zip"
    outputs = {p.name for p in built.iterdir()} - {"manifest.json", manifest["archief"]}
    assert set(manifest["uitvoer"]) == outputs
    for name, digest in manifest["uitvoer"].items():
        assert hashlib.sha256((built / name).read_bytes()).hexdigest() == digest
    for name, digest in manifest["invoer"].items():
        assert hashlib.sha256((folder.parent / name).read_bytes()).hexdigest() == digest
    assert f"{MEETMOMENT}/projecten.csv" in manifest["invoer"]


def test_the_manifest_says_what_made_the_documents(final):
    """For the archivist who rebuilds years later and gets other bytes: why."""
    from importlib.metadata import version

    import mededeling
    from mededeling.resources import FONTS

    _, built = final
    made = json.loads((built / "manifest.json").read_text())["gemaakt_met"]
    assert made["mededeling"] == mededeling.__version__
    assert made["python"].split()[-1] == ".".join(map(str, __import__("sys").version_info[:3]))
    for dist in ("weasyprint", "pydyf", "matplotlib", "docxtpl", "python-docx", "pikepdf"):
        assert made["bibliotheken"][dist] == version(dist)
    assert re.fullmatch(r"\d+\.\d+\.\d+", made["systeem"]["pango"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", made["systeem"]["harfbuzz"])
    fonts = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in FONTS.glob("*.ttf")}
    assert made["lettertypes"] == fonts and len(fonts) == 4
    # this test environment was installed from the lock, as scripts/setup does
    assert made["vergrendeld"] is True and made["afwijkingen"] == {}
    # the PDFs embed the package's Carlito, not a system font
    with pikepdf.open(built / "mededeling.pdf") as pdf:
        names = {str(f.get("/BaseFont")) for page in pdf.pages
                 for f in page.Resources.get("/Font", {}).values()}
    assert names and all("Carlito" in n for n in names), names


def test_a_build_on_other_versions_than_the_lock_says_so(tmp_path, capsys, monkeypatch):
    from mededeling.render import provenance

    monkeypatch.setattr(provenance, "lock_differences",
                        lambda: (("weasyprint", "70.0", "71.2"),))
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--formaten", "docx"]) == 0
    err = capsys.readouterr().err
    assert ("Let op: Deze opbouw draait op andere versies dan de vergrendelde: weasyprint 71.2 "
            "(vergrendeld: 70.0).") in err
    assert "kunnen daardoor verschillen" not in err  # a draft: no word about finals
    made = json.loads((out / MEETMOMENT / "manifest.json").read_text())["gemaakt_met"]
    assert made["vergrendeld"] is False
    assert made["afwijkingen"] == {"weasyprint": {"vergrendeld": "70.0", "geïnstalleerd": "71.2"}}
    assert "eerdere definitieve versie" in provenance.lock_warning(final=True)


def test_the_cache_key_changes_with_the_software(monkeypatch):
    from mededeling.render import cache, provenance

    before = cache.key("stuk")
    cache.code_fingerprint.cache_clear()
    made = dict(provenance.made_with())
    monkeypatch.setattr(provenance, "made_with", lambda: {**made, "python": "CPython 3.99.0"})
    monkeypatch.setattr(cache, "made_with", provenance.made_with)
    try:
        assert cache.key("stuk") != before
    finally:
        cache.code_fingerprint.cache_clear()


def test_two_finals_in_two_folders_are_byte_identical(final, tmp_path):
    folder, built = final
    assert main(["build", str(folder), "--out", str(tmp_path / "again"), "--definitief"]) == 0
    again = tmp_path / "again" / MEETMOMENT
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in built.iterdir())
    for path in built.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.slow  # five finals: CI runs it (pytest --slow)
def test_a_changed_final_is_refused_and_a_new_version_goes_beside_it(tmp_path, capsys):
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--definitief"]) == 0
    before = {p.name: p.read_bytes() for p in (out / MEETMOMENT).iterdir()}
    assert main(["build", str(folder), "--out", str(out), "--definitief"]) == 0
    assert "al precies zo" in capsys.readouterr().err

    make_round(tmp_path / "inputs", status_of_vv003="oranje")
    assert main(["build", str(folder), "--out", str(out), "--definitief"]) == 3
    assert "bevat een definitieve versie" in capsys.readouterr().err
    assert main(["build", str(folder), "--out", str(out)]) == 3  # a draft neither
    assert {p.name: p.read_bytes() for p in (out / MEETMOMENT).iterdir()} == before

    assert main(["build", str(folder), "--out", str(out), "--definitief",
                 "--nieuwe-versie"]) == 0
    assert (out / f"{MEETMOMENT}-v2" / "manifest.json").is_file()
    assert {p.name: p.read_bytes() for p in (out / MEETMOMENT).iterdir()} == before


def test_a_broken_phrase_makes_the_read_back_check_refuse_the_final(tmp_path, capsys,
                                                                    monkeypatch):
    from mededeling.render import docx

    original = docx._SectionXml._run

    def slipped(self, run, colour=None):  # the renderer drops a figure: 811 for 812
        from mededeling.core.blocks import Run

        return original(self, Run(run.text.replace("van de 8 relanceprojecten",
                                                   "van de 9 relanceprojecten"),
                                  run.bold, run.italic, run.link), colour)

    monkeypatch.setattr(docx._SectionXml, "_run", slipped)
    folder = make_round(tmp_path / "inputs")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--definitief"]) == 1
    err = capsys.readouterr().err
    assert "Geweigerd: de controle van de teksten of het archiefpakket faalde" in err
    assert "mededeling.docx: de zin ‘7 van de 8 relanceprojecten (87,5%) zijn opgestart" in err
    assert "mededeling.pdf" not in err.split("faalde")[1]  # the PDF is right
    assert not (out / MEETMOMENT).exists()


def test_attachments_are_a_sorted_name_tree_listed_once_in_af(final):
    """What archives check: a name tree's keys in order, each file once in /AF."""
    import warnings

    _, built = final
    for path in sorted(built.glob("*.pdf")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # pikepdf warns 'keys are not sorted'
            with pikepdf.open(path) as pdf:
                tree = pikepdf.NameTree(pdf.Root.Names.EmbeddedFiles)
                names = list(tree.keys())
                af = list(pdf.Root.AF)
        assert names == sorted(names) and len(names) == 7, path.name
        assert len(af) == len({a.objgen for a in af}) == len(names), path.name


def test_word_files_say_what_made_them_and_that_their_language_is_dutch(draft):
    """Nothing carried over from the template's maker (issue 13)."""
    for path in sorted(draft.glob("*.docx")):
        with zipfile.ZipFile(path) as z:
            app = z.read("docProps/app.xml").decode()
            core = z.read("docProps/core.xml").decode()
            settings = z.read("word/settings.xml").decode()
            styles = z.read("word/styles.xml").decode()
        assert "<Application>mededeling</Application>" in app, path.name
        assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
        assert "python-docx" not in core and "<dc:subject>mededeling 2022-04-30" in core
        assert "proofState" not in settings
        default = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, flags=re.S)[0]
        assert 'w:lang w:val="nl-BE"' in default, path.name


def test_the_read_back_names_each_failure_in_document_order(final):
    """The documents are read two at a time, the global report first; what is found
    missing is still listed document by document, PDF before Word, as before."""
    from mededeling.publish import verify

    _, built = final
    files = {p.name: p.read_bytes() for p in sorted(built.iterdir()) if p.is_file()}
    data = json.loads(files["kerncijfers.json"])
    for stem in data["controle"]:
        data["controle"][stem].append(f"Een zin die nergens staat ({stem})")
    files["kerncijfers.json"] = json.dumps(data).encode()
    del files["bijlage-2-covernota.docx"]
    failures = verify(built, files, units={"bijlage-1-globaal-rapport.pdf": 90,
                                           "bijlage-1-globaal-rapport.docx": 30})
    expected = []
    for stem in data["controle"]:
        for ext in ("pdf", "docx"):
            name = f"{stem}.{ext}"
            expected.append(f"{name}: het document ontbreekt" if name not in files else
                            f"{name}: de zin ‘Een zin die nergens staat ({stem})’ staat er "
                            "niet (zo) in")
    assert failures == expected
    assert len(expected) == 2 * len(data["controle"]) >= 6


def test_a_worker_reads_the_report_back_early_and_verify_uses_its_text(final):
    """read_early: the global report's text read by a layout worker from the bytes the
    build writes, the same text as read from the written file; verify judges by it."""
    from mededeling.publish import read_early, verify
    from mededeling.render.readback import pdf_text
    from mededeling.render.workers import shared_pool

    _, built = final
    files = {p.name: p.read_bytes() for p in sorted(built.iterdir()) if p.is_file()}
    report = "bijlage-1-globaal-rapport.pdf"
    early = read_early(files, {report: 90, "mededeling.pdf": 1}, shared_pool())
    assert list(early) == [report]
    assert early[report]() == pdf_text(built / report)
    assert verify(built, files, early=early) == []
    failures = verify(built, files, early={report: lambda: "een andere tekst"})
    assert failures and all(f.startswith(f"{report}: de zin ") for f in failures)
    assert read_early(files, {report: 90}, None) == {}

    def stopped() -> str:  # the worker died or its work was cancelled
        from concurrent.futures.process import BrokenProcessPool

        raise BrokenProcessPool("een opmaakproces is gestopt")
    assert verify(built, files, early={report: stopped}) == []  # read here instead
    other_bytes = dict(files, **{report: files[report] + b"\n"})  # not what was written
    assert verify(built, other_bytes, early={report: lambda: "een andere tekst"}) == []
