"""The global report is laid out in chunks and merged (render/assemble.py); a final must
still be one tagged PDF: the chunks' structure trees joined, headings, tables and links
where a screen reader looks for them (issue 13)."""

from __future__ import annotations

import io

import pikepdf

from mededeling.core.blocks import INTERNAL
from mededeling.render.assemble import merge
from mededeling.render.pdf import PdfOptions, render
from pdftags import structure, tagged_text

FINAL = PdfOptions("pdf/a-3b", tags=True)


def chunk(*codes: str, link_to: str = "") -> bytes:
    parts = []
    for code in codes:
        link = f'<a href="{INTERNAL}{link_to}">zie {link_to}</a>' if link_to else ""
        parts.append(
            f'<section id="{code}" style="break-before: page"><h2>{code} Project {code}</h2>'
            f"<p>Omschrijving van {code}. {link}</p>"
            "<table><thead><tr><th>Mijlpaal</th><th>Status</th></tr></thead>"
            f"<tbody><tr><td>Start {code}</td><td>op schema</td></tr></tbody></table>"
            "</section>")
    return render(f'<html lang="nl-BE"><body>{"".join(parts)}</body></html>', FINAL)


def test_merged_chunks_form_one_structure_tree(tmp_path):
    front = render('<html lang="nl-BE"><body><h1>Bijlage 1</h1><p>Inhoud</p></body></html>',
                   FINAL)
    parts = [front, chunk("VV001", "VV002", link_to="VV004"), chunk("VV003", "VV004",
                                                                     link_to="VV001")]
    merged = merge(parts)
    path = tmp_path / "rapport.pdf"
    path.write_bytes(merged)
    with pikepdf.open(io.BytesIO(merged)) as pdf:
        assert len(pdf.pages) == 5
        kinds = structure(pdf)
        assert kinds["/H1"] == 1 and kinds["/H2"] == 4
        assert kinds["/Table"] == 4 and kinds["/TH"] == 8 and kinds["/TD"] == 8
        assert kinds["/Link"] == 4
        # the links across chunks jump to their project's page and stay tagged
        targets = [pdf.pages.index(pikepdf.Page(a.A.D[0])) for page in pdf.pages
                   for a in page.obj.get("/Annots", []) if a.get("/A", {}).get("/S") == "/GoTo"]
        assert targets == [4, 4, 1, 1]
    text = tagged_text(path)
    # poppler reads each heading's text through the merged tree, in reading order
    headings = [line.strip().strip('"') for previous, line in
                zip(text.splitlines(), text.splitlines()[2:]) if previous.strip() == "H2 (block)"]
    assert headings == [f"VV00{i} Project VV00{i}" for i in range(1, 5)]
    assert "Start VV003" in text and "Bijlage 1" in text


def test_page_numbers_are_artifacts_not_content(tmp_path):
    merged = merge([chunk("VV001"), chunk("VV002")])
    with pikepdf.open(io.BytesIO(merged)) as pdf:
        for page in pdf.pages:
            ops = pikepdf.parse_content_stream(page)
            inside, numbered = 0, False
            for operands, operator in ops:
                if operator == pikepdf.Operator("BDC") and operands[0] == "/Artifact":
                    inside += 1
                elif operator == pikepdf.Operator("EMC") and inside:
                    inside -= 1
                elif operator == pikepdf.Operator("Tj") and "Pagina" in str(operands[0]):
                    numbered = inside > 0
            assert numbered


def test_an_untagged_part_leaves_the_whole_untagged():
    merged = merge([chunk("VV001"), render("<html><body><h2>los</h2></body></html>")])
    with pikepdf.open(io.BytesIO(merged)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
