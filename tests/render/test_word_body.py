"""An annex's Word body as render.docx writes it: its sections are put in after docxtpl's
own pass over the template (for speed), and must come out as docxtpl would make them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from mededeling.core.blocks import Document, Paragraph, Run, Section
from mededeling.render.docx import render_document
from mededeling.resources import TEMPLATES

WHEN = dt.date(2021, 12, 31)


def _document_xml(doc: Document) -> str:
    data = render_document(TEMPLATES / "bijlage.docx", doc, {}, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def _doc(*sections: Section) -> Document:
    return Document("bijlage-9-proef", "Bijlage 9: proef", "ondertitel", sections)


def test_line_breaks_and_tabs_in_a_text_become_word_breaks_and_tabs():
    text = "eerste regel\ntweede regel\tna een tab"
    xml = _document_xml(_doc(Section("", "VV001 Proef", (Paragraph((Run(text),)),),
                                     anchor="VV001")))
    body = xml[xml.index("eerste regel"):]
    body = body[:body.index("</w:p>")]
    assert re.search(r"eerste regel</w:t><w:br/><w:t[^>]*>tweede regel", body)
    assert "<w:tab/>" in body and "na een tab" in body
    assert "\n" not in body and "\t" not in body


def test_sections_land_where_the_template_puts_them_once_in_order():
    sections = [Section("", f"VV00{i} Project {i}", (Paragraph((Run(f"tekst {i}"),)),),
                        anchor=f"VV00{i}") for i in range(1, 4)]
    xml = _document_xml(_doc(*sections))
    assert "mededeling:secties" not in xml
    places = [xml.index(f"Project {i}") for i in range(1, 4)]
    assert places == sorted(places)
    assert xml.index("ondertitel") < places[0] < xml.index("<w:sectPr")
    assert all(xml.count(f"tekst {i}") == 1 for i in range(1, 4))


def test_a_link_used_in_several_sections_is_one_relationship():
    url = "https://www.vlaanderen.be/vlaamse-veerkracht"
    sections = [Section("", f"VV00{i} Project {i}",
                        (Paragraph((Run("Webpagina", link=url),)),), anchor=f"VV00{i}")
                for i in range(1, 4)]
    data = render_document(TEMPLATES / "bijlage.docx", _doc(*sections), {}, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        xml = z.read("word/document.xml").decode("utf-8")
    ids = re.findall(r'Id="(rId\d+)"[^>]*Target="' + re.escape(url), rels)
    ids += re.findall(r'Target="' + re.escape(url) + r'"[^>]*Id="(rId\d+)"', rels)
    assert len(ids) == 1
    assert xml.count(f'r:id="{ids[0]}"') == 3
