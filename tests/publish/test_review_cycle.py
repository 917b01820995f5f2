"""The review cycle (issue 12) through the command line: a reviewer edits the draft in
Word (tracked and untracked, with a comment), `mededeling nalezing` takes it back, the
next build uses the wording; data that moves under an edit is a conflict that a draft
shows and a final refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mededeling.cli import main
from readback import docx_text, normalise, pdf_text
from wordedit import WordEdit

ROUND = "2021-12-31"
WHEN = "2022-01-10T09:30:00Z"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and not p.name.endswith(".lock")}


@pytest.fixture
def reviewed(small_sample, small_sample_build, tmp_path):
    """A copy of the small sample and its draft's note edited as a cabinet would."""
    inputs = tmp_path / "inputs"
    shutil.copytree(small_sample, inputs)
    out = tmp_path / "out"
    # the draft's pieces, laid out already: a rebuild lays out only what the edits change
    shutil.copytree(small_sample_build.parent / ".cache", out / ".cache")
    edit = WordEdit(small_sample_build / "mededeling.docx")
    edit.tracked("mk_3_1__oranje", "bijkomende aandacht nodig", "extra aandacht nodig",
                 "Kabinet Jambon", WHEN)
    edit.untracked("mk_3_3__middelen", " Dit geldt voor alle relanceprojecten.")
    edit.comment("mk_3_2__statussen", "Kabinet Diependaele", WHEN,
                 "Kan de vertraging per speerpunt?")
    copy = edit.save(tmp_path / "mededeling-kabinet.docx")
    return inputs, out, copy


def test_a_reviewed_copy_comes_back_and_the_next_build_uses_its_wording(reviewed, capsys):
    inputs, out, copy = reviewed
    capsys.readouterr()
    assert main(["nalezing", str(inputs / ROUND), str(copy)]) == 0
    said = capsys.readouterr().err
    assert "2 alinea('s) met de tekst van de nalezers overgenomen" in said
    assert "3.1/oranje (door Kabinet Jambon)" in said
    assert "3.3/middelen (door onbekend (zonder bijgehouden wijzigingen))" in said
    assert "verwijderd door Kabinet Jambon 2022-01-10T09:30:00Z: ‘bijkomende aandacht nodig’" in said
    assert "3.2/statussen: Kabinet Diependaele 2022-01-10T09:30:00Z: Kan de vertraging" in said
    toml = (inputs / ROUND / "redactie.toml").read_text(encoding="utf-8")
    assert toml.count("\n[[alinea]]\n") == 2 and toml.count("\n[[opmerking]]\n") == 1
    assert (inputs / ROUND / "nalezing" / "1-mededeling-kabinet.docx").read_bytes() == \
        copy.read_bytes()

    assert main(["build", str(inputs / ROUND), "--out", str(out)]) == 0
    built = out / ROUND
    for text in (docx_text(built / "mededeling.docx"), pdf_text(built / "mededeling.pdf"),
                 normalise((built / "mededeling.html").read_text(encoding="utf-8"))):
        assert "extra aandacht nodig (oranje)" in text
        assert "bijkomende aandacht nodig (oranje)" not in text
        assert "Dit geldt voor alle relanceprojecten." in text
    review = (built / "controle.html").read_text(encoding="utf-8")
    assert "Kan de vertraging per speerpunt?" in review and "1 open" in review
    assert "Conflicten met de cijfers (0)" in review

    # a second review keeps the first version of redactie.toml
    assert main(["nalezing", str(inputs / ROUND), str(copy)]) == 0
    (kept,) = (inputs / ROUND / "nalezing").glob("redactie-*.toml")
    assert kept.read_text(encoding="utf-8") == toml
    # the same copy twice: kept twice under its own number, its comment not repeated
    again = (inputs / ROUND / "redactie.toml").read_text(encoding="utf-8")
    assert again.count("\n[[opmerking]]\n") == 1
    assert sorted(p.name for p in (inputs / ROUND / "nalezing").glob("*.docx")) == [
        "1-mededeling-kabinet.docx", "2-mededeling-kabinet.docx"]


def test_figures_that_move_under_an_edit_are_a_conflict_a_final_refuses(reviewed, capsys):
    inputs, out, copy = reviewed
    assert main(["nalezing", str(inputs / ROUND), str(copy)]) == 0
    projects = inputs / ROUND / "projecten.csv"
    text = projects.read_bytes().decode("utf-8-sig")
    # VV168, not one of the orange group that ronde.toml names ([[aandacht]])
    line = next(l for l in text.splitlines() if l.startswith("VV168;"))
    projects.write_text(text.replace(line, line.replace(";oranje;", ";donkergroen;")),
                        encoding="utf-8")
    assert main(["build", str(inputs / ROUND), "--out", str(out), "--formaten", "docx"]) == 0
    built = out / ROUND
    review = (built / "controle.html").read_text(encoding="utf-8")
    assert "Conflicten met de cijfers (1)" in review and "veranderden sinds de nalezing" in review
    assert '<w:highlight w:val="yellow"/>' in __import__("zipfile").ZipFile(
        built / "mededeling.docx").read("word/document.xml").decode()
    assert "<mark>" in (built / "mededeling.html").read_text(encoding="utf-8")
    before = snapshot(out)
    capsys.readouterr()
    assert main(["build", str(inputs / ROUND), "--out", str(out), "--definitief"]) == 2
    err = capsys.readouterr().err
    assert "redactie.toml, sleutel tekst: alinea 3.1/oranje: de cijfers of de tekst onder deze " \
           "alinea veranderden sinds de nalezing" in err
    assert snapshot(out) == before


@pytest.mark.parametrize("wrong", ["5", "５"])  # also in full-width digits (issue 23)
def test_a_number_the_figures_do_not_give_is_a_conflict(small_sample, small_sample_build,
                                                        tmp_path, capsys, wrong):
    inputs = tmp_path / "inputs"
    shutil.copytree(small_sample, inputs)
    edit = WordEdit(small_sample_build / "mededeling.docx")
    edit.tracked("mk_3_1__oranje", "Voor 4 van de 34", f"Voor {wrong} van de 34", "Kabinet",
                 WHEN)
    copy = edit.save(tmp_path / "nagelezen.docx")
    assert main(["nalezing", str(inputs / ROUND), str(copy)]) == 0
    capsys.readouterr()
    assert main(["build", str(inputs / ROUND), "--out", str(tmp_path / "final"),
                 "--definitief"]) == 2
    err = capsys.readouterr().err
    assert "alinea 3.1/oranje: de nagelezen tekst noemt een getal dat niet uit de cijfers " \
           "volgt ‘5’" in err
    assert not (tmp_path / "final" / ROUND).exists()


def test_a_copy_of_another_round_or_an_annex_is_refused(small_sample, small_sample_build,
                                                         tmp_path, capsys):
    import re
    import zipfile

    inputs = tmp_path / "inputs"
    shutil.copytree(small_sample, inputs)
    other = tmp_path / "september.docx"  # this draft, as if made for September
    with zipfile.ZipFile(small_sample_build / "mededeling.docx") as src, \
            zipfile.ZipFile(other, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dc:subject>[^<]*", b"<dc:subject>mededeling 2021-09-30", data)
            dst.writestr(info, data)
    assert main(["nalezing", str(inputs / ROUND), str(other)]) == 2
    assert ("dit is een ontwerp van de mededeling van 2021-09-30, niet van 2021-12-31"
            in capsys.readouterr().err)
    assert main(["nalezing", str(inputs / ROUND),
                 str(small_sample_build / "bijlage-2-covernota.docx")]) == 2
    assert "dit is geen ontwerp van de mededeling" in capsys.readouterr().err
    (tmp_path / "kapot.docx").write_bytes(b"geen zip")
    assert main(["nalezing", str(inputs / ROUND), str(tmp_path / "kapot.docx")]) == 2
    assert "kapot.docx: dit is geen Word-bestand (.docx)" in capsys.readouterr().err
    assert not (inputs / ROUND / "redactie.toml").exists()


@pytest.mark.slow  # LibreOffice takes its time to start: CI runs it (pytest --slow)
def test_a_copy_that_went_through_libreoffice_comes_back_the_same(reviewed, tmp_path, capsys):
    import os
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice ontbreekt (soffice): ./scripts/setup --tests installeert het")
        pytest.skip("LibreOffice ontbreekt: ./scripts/setup --tests installeert het")
    inputs, out, copy = reviewed
    converted = tmp_path / "libreoffice"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "docx", "--outdir", str(converted), str(copy)],
                   check=True, capture_output=True, timeout=180)
    assert main(["nalezing", str(inputs / ROUND), str(converted / copy.name)]) == 0
    said = capsys.readouterr().err
    assert "2 alinea('s) met de tekst van de nalezers overgenomen" in said
    assert "3.1/oranje (door Kabinet Jambon)" in said
    assert "Kan de vertraging per speerpunt?" in said
    assert main(["build", str(inputs / ROUND), "--out", str(out), "--formaten", "docx"]) == 0
    text = docx_text(out / ROUND / "mededeling.docx")
    assert "extra aandacht nodig (oranje)" in text
    assert "Dit geldt voor alle relanceprojecten." in text


def test_reviewed_copies_are_taken_back_from_the_web_page(reviewed, tmp_path):
    import io
    import re

    from mededeling.web.app import create_app
    from mededeling.web.builds import Builder

    inputs, out, copy = reviewed
    app = create_app(inputs, out, Builder(inputs, out))
    client = app.test_client()
    page = client.get(f"/ronde/{ROUND}").get_data(as_text=True)
    assert "Nalezing overnemen" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = client.post(f"/ronde/{ROUND}/nalezing", data={
        "csrf_token": token,
        "nagelezen": [(io.BytesIO(copy.read_bytes()), "../../kabinet Jambon.docx")]},
        content_type="multipart/form-data")
    assert response.status_code == 303
    shown = client.get(f"/ronde/{ROUND}").get_data(as_text=True)
    assert "2 alinea(&#39;s) en 1 opmerking(en) overgenomen in redactie.toml" in shown
    assert (inputs / ROUND / "redactie.toml").is_file()
    kept = sorted(p.name for p in (inputs / ROUND / "nalezing").iterdir())
    assert kept == ["1-1-kabinet Jambon.docx"]  # the name shown, never a path


@pytest.mark.slow  # a final lays out every document as PDF/A: CI runs it (pytest --slow)
def test_a_final_with_reviewed_wording_reads_it_back_and_a_new_paragraph_is_kept_as_a_remark(
        reviewed, tmp_path, capsys):
    import zipfile

    inputs, out, _ = reviewed
    edit = WordEdit(out.parent / "mededeling-kabinet.docx")
    xml = edit.xml
    anchor = xml.index("</w:p>", xml.index('w:name="mk_3_3__bedragen"')) + len("</w:p>")
    edit.xml = (xml[:anchor] + '<w:p><w:ins w:id="990" w:author="Kabinet Jambon" '
                'w:date="2022-01-10T09:30:00Z"><w:r><w:t>Een nieuwe alinea van het kabinet.'
                "</w:t></w:r></w:ins></w:p>" + xml[anchor:])
    copy = edit.save(tmp_path / "met-nieuwe-alinea.docx")
    assert main(["nalezing", str(inputs / ROUND), str(copy)]) == 0
    said = capsys.readouterr().err
    assert "Niet geplaatst" in said and "Een nieuwe alinea van het kabinet." in said
    assert main(["build", str(inputs / ROUND), "--out", str(out), "--definitief"]) == 0
    built = out / ROUND
    assert "extra aandacht nodig (oranje)" in pdf_text(built / "mededeling.pdf")
    review = (built / "controle.html").read_text(encoding="utf-8")
    assert "Niet geplaatste tekst: Een nieuwe alinea van het kabinet." in review
    assert "2 open" in review
    import pikepdf

    with pikepdf.open(built / "mededeling.pdf") as pdf:
        attached = set(pdf.attachments)
    assert f"{ROUND}/redactie.toml" in attached
    assert f"{ROUND}/nalezing/1-met-nieuwe-alinea.docx" in attached
    assert zipfile.is_zipfile(built / "mededeling.docx")


def test_joined_split_and_deleted_paragraphs_and_figures_moved_since_the_draft(
        small_sample, small_sample_build, tmp_path, capsys):
    """Word edits that move paragraph marks, and a draft older than the data: each comes
    back as the reviewer meant it, never as old text over new figures (review of issue 12)."""
    import json

    inputs = tmp_path / "inputs"
    shutil.copytree(small_sample, inputs)
    read = json.loads((small_sample_build / "kerncijfers.json").read_text(encoding="utf-8"))
    texts = read["alineas"]
    edit = WordEdit(small_sample_build / "mededeling.docx")
    edit.join_next("mk_3_1__oranje")  # rood joins oranje
    edit.delete("mk_3_1__grijs")
    edit.split("mk_3_1__blauw", "Het gaat over")  # Enter in the middle, nothing else
    copy = edit.save(tmp_path / "nagelezen.docx")
    # the data moves after the draft went out: the realised project gets a new title
    projects = inputs / ROUND / "projecten.csv"
    data = projects.read_bytes().decode("utf-8-sig")
    projects.write_text(data.replace("Compensatiebesluit KO (Kinderopvang)",
                                     "Compensatiebesluit Kinderopvang"), encoding="utf-8")
    capsys.readouterr()
    assert main(["nalezing", str(inputs / ROUND), str(copy)]) == 0
    from mededeling.input.redactie import read as read_redactie
    from mededeling.core.problems import Collector

    edits, _ = read_redactie(inputs / ROUND, Collector())
    by_key = {e.key: e for e in edits}
    assert set(by_key) == {"3.1/oranje", "3.1/rood", "3.1/grijs"}  # not geel, not blauw
    assert by_key["3.1/oranje"].text.startswith(" ".join(texts["3.1/oranje"].split()))
    assert by_key["3.1/oranje"].text.endswith(" ".join(texts["3.1/rood"].split()))
    assert by_key["3.1/rood"].text == "" and by_key["3.1/grijs"].text == ""
    assert main(["build", str(inputs / ROUND), "--out", str(tmp_path / "out"), "--formaten",
                 "docx"]) == 0
    text = docx_text(tmp_path / "out" / ROUND / "mededeling.docx")
    assert text.count(" ".join(texts["3.1/rood"].split())) == 1  # once, in the joined paragraph
    assert " ".join(texts["3.1/grijs"].split()) not in text
    assert " ".join(texts["3.1/blauw"].split()) in text  # the split paragraph kept whole
    assert "Compensatiebesluit Kinderopvang" in text  # the figures of now, not the draft's
