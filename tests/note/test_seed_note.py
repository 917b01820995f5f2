"""The sample round of 31 December 2021 gives every figure of the seed note's section 3.

Built through the CLI, then read back from the DOCX and the PDF as text: what the
Government reads, not the context the renderer was given. 812, not the seed's 811.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readback import docx_text, pdf_text

ROOT = Path(__file__).resolve().parents[2]

VV137 = "VV137 ‘Eenmalige initiatieven om mensen die reeds psychisch kwetsbaar waren, te ondersteunen’"
VV142 = "VV142 ‘Versterking aanpak intrafamiliaal geweld – bewustmakingscampagnes’"
VV146 = "VV146 ‘Compensatiebesluit KO (Kinderopvang) – extra tussenkomst IKT (inkomenstarief)’"
VV113 = "VV113 ‘Blended-care jeugdhulp – Bandbreedte’"

SECTION_3 = [
    # 3.1
    "171 van de 180 relanceprojecten (95%) zijn opgestart op 31 december 2021",
    "17 projecten of 9,44% hebben de status ‘opgestart’ maar kenden nog geen formele agendering "
    "op de Vlaamse Regering. Deze projecten krijgen de kleur lichtgroen.",
    "153 projecten of 85% hebben de status ‘opgestart na agendering VR’, en kenden al een "
    "agendering op de Vlaamse Regering. Deze projecten krijgen de kleur donkergroen.",
    f"1 project krijgt de status ‘gerealiseerd’. Het gaat over {VV146}.",
    "Voor 7 van de 180 relanceprojecten (3,89%) is op meetmoment 31 december 2021 bijkomende "
    "aandacht nodig (oranje). Dit betreft drie digitaliseringsprojecten binnen de Vlaamse "
    "overheid VV056, VV057 en VV058, twee investeringsprojecten in cultuurhuizen VV078 en VV087, "
    "het project VV120 ‘Verbeteren van de Sociale Kaart’ en het project VV168 ‘Versnelde uitrol "
    "digitale meters’.",
    "Geen enkel relanceproject krijgt de projectstatus ‘rood’ op het meetmoment 31 december "
    "2021, waarbij bijkomende actie noodzakelijk is.",
    f"2 relanceprojecten (1,11%) zijn nog niet gestart (grijs) op 31 december 2021. Het gaat "
    f"over: {VV137} en {VV142}.",
    "In vergelijking met de meting in april en september 2021 is duidelijk vooruitgang geboekt. "
    "Nog slechts 2 projecten moeten formeel van start gaan. Kanttekening is wel dat het aantal "
    "projecten waarvoor bijkomende aandacht nodig is toeneemt, nl. van 1 naar 7 projecten.",
    # 3.2
    "De grafiek hieronder toont de status van alle mijlpalen van de 180 relanceprojecten tot de "
    "datum van de laatste mijlpaal die werd opgenomen in het vierde kwartaal van 2030.",
    "Het aantal gestarte mijlpalen dat op schema is daalde tussen september 2021 en december "
    "2021 van 479 (47,61%) naar 465 (36,99%), maar het aantal gerealiseerde mijlpalen steeg van "
    "165 (16,40%) naar 347 (27,61%).",
    "Voor 61 mijlpalen (4,85%) wordt een vertraging vastgesteld, dat waren er bij de vorige "
    "meting 28 (2,78%).",
    f"De bij te sturen mijlpaal bevindt zich in project {VV113}.",
    "Tot slot zijn er ook 383 mijlpalen die, geheel volgens schema, nog niet zijn gestart en "
    "waar dus nog geen activiteit te melden valt.",
    "Bij deze derde meting zijn 812 van de 874, of 92,9% van de gestarte mijlpalen op schema of "
    "reeds gerealiseerd, ten opzichte van 95,4% bij de vorige meting.",
    # 3.3
    "1,524 miljard euro of 35,41% van de 4,3 miljard euro aan relancemiddelen was vastgelegd op "
    "meetmoment 31 december 2021. Dat is het dubbele van het bedrag in september 2021 "
    "(750 miljoen euro).",
    "219 miljoen euro of 5,08% van de 4,3 miljard euro aan relancemiddelen was eind december "
    "2021 vereffend. Dat is 142 miljoen euro meer dan in september 2021.",
]

ELSEWHERE = [
    "MEDEDELING AAN DE VLAAMSE REGERING",
    "Betreft: Monitoring relanceplan Vlaamse Veerkracht: derde meting 31 december 2021",
    "Het relanceplan telt 158 eenmalige relanceprojecten (elk project kreeg een code van VV001 "
    "t.e.m. VV158) en investeert de komende jaren 4,3 miljard euro",
    "PMV-instrumenten (4,215 miljard euro)",
    "Welzijn en Zorg: 1,1395 miljard euro",
    "Extra middelen voor het uitbreidingsbeleid welzijn: 562,5 miljoen euro",
    "3. VOORTGANG UITVOERING RELANCEPROJECTEN 31 DECEMBER 2021",
    "op de derde voortgangsrapportering werd op 28 januari 2022 besproken in de Taskforce.",
    "55 van de 180 projecten van het relanceplan ‘Vlaamse Veerkracht’ zijn opgenomen",
    "BIJLAGE 5: Overzicht dashboardindicatoren",
    "Jan JAMBON",
]


def test_every_figure_of_the_seed_is_computed():
    """The compute layer alone, quickly: the documents are read back below (--slow)."""
    from mededeling.note.keyfigures import sentences
    from mededeling.pipeline import prepare

    prep = prepare(ROOT / "inputs" / "2021-12-31")
    text = " ".join(" ".join(sentences(prep.note.sections).values()).split())
    for sentence in SECTION_3:
        assert sentence in text
    assert "811" not in text


# the whole sample, built and read back: CI runs these (pytest --slow)
@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    return sample_build


@pytest.fixture(scope="module", params=["docx", "pdf"])
def text(request, built) -> str:
    path = built / f"mededeling.{request.param}"
    return docx_text(path) if request.param == "docx" else pdf_text(path)


@pytest.mark.slow
@pytest.mark.parametrize("sentence", SECTION_3 + ELSEWHERE)
def test_every_figure_of_the_seed_stands_in_the_built_documents(text, sentence):
    assert sentence in text


@pytest.mark.slow
def test_the_seeds_slip_is_not_repeated(text):
    assert "811" not in text


@pytest.mark.slow
def test_pages_are_numbered_in_the_pdf(built):
    from pypdf import PdfReader

    pages = PdfReader(built / "mededeling.pdf").pages
    assert len(pages) >= 5
    assert f"Pagina 1 van {len(pages)}" in pages[0].extract_text()
    assert f"Pagina {len(pages)} van {len(pages)}" in pages[-1].extract_text()


@pytest.mark.slow
def test_kerncijfers_holds_the_figures_and_the_sentences(built):
    data = json.loads((built / "kerncijfers.json").read_text(encoding="utf-8"))
    ms = data["cijfers"]["milestones"]
    assert (ms["on_track"], ms["started"], ms["total"]) == (812, 874, 1257)
    assert ms["last_quarter"] == "2030-Q4"
    assert data["cijfers"]["projects"]["by_status"]["oranje"] == 7
    assert data["cijfers"]["finance"]["vastgelegd"] == 1_524_000_000
    assert data["cijfers"]["previous"]["milestones_by_status"]["donkergroen"] == 479
    assert "812 van de 874" in data["tekst"]["3.2"]


@pytest.mark.slow
def test_chart_is_embedded_with_alt_text(built):
    import zipfile

    with zipfile.ZipFile(built / "mededeling.docx") as z:
        names = z.namelist()
        body = z.read("word/document.xml").decode()
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    assert 'descr="Staafdiagram van de 1257 mijlpalen per gepland kwartaal' in body
    html = (built / "mededeling.html").read_text(encoding="utf-8")
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="Staafdiagram van de 1257 mijlpalen' in html
