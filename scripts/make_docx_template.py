"""Write templates/mededeling.docx and bijlage.docx, the Word templates of the note
and of its annexes.

The template is a normal Word document that staff may open and restyle (fonts,
spacing, colours of the styles); this script is only how its first version was made,
kept so that the template can be regenerated after a change of layout here. Each Jinja
tag is written as one run, so Word has not split it.

usage: python scripts/make_docx_template.py [TEMPLATES_DIR]
writes mededeling.docx (the note) and bijlage.docx (the five annexes) there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "Calibri"  # LibreOffice shows it as Carlito, metrically the same


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/end runs."""
    for kind, text in (("begin", None), ("instr", code), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        if kind == "separate":
            paragraph.add_run("1")


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-BE")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before in (("Heading 1", 12, 18), ("Heading 2", 11, 12), ("Heading 3", 11, 8)):
        style = styles[name]
        style.font.name = BODY_FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True

    title = styles["Title"]
    title.font.name = BODY_FONT
    title.font.size = Pt(16)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.space_before = Pt(36)
    title.paragraph_format.space_after = Pt(36)
    # the default Title style draws a border line under it: not in the note
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)

    aanhef = styles.add_style("Aanhef", WD_STYLE_TYPE.PARAGRAPH)
    aanhef.base_style = normal
    aanhef.font.bold = True
    aanhef.font.size = Pt(10)
    aanhef.paragraph_format.space_after = Pt(0)

    figuur = styles.add_style("Figuur", WD_STYLE_TYPE.PARAGRAPH)
    figuur.base_style = normal
    figuur.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figuur.paragraph_format.space_before = Pt(6)
    figuur.paragraph_format.space_after = Pt(12)

    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True

    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)

    kop = styles.add_style("Tussenkop", WD_STYLE_TYPE.PARAGRAPH)
    kop.base_style = normal
    kop.font.bold = True
    kop.paragraph_format.space_before = Pt(10)
    kop.paragraph_format.space_after = Pt(3)
    kop.paragraph_format.keep_with_next = True

    cell = styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(9.5)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0

    gap = styles.add_style("Tabelruimte", WD_STYLE_TYPE.PARAGRAPH)
    gap.base_style = normal
    gap.font.size = Pt(4)
    gap.paragraph_format.space_after = Pt(0)

    fields = styles.add_style("Velden", WD_STYLE_TYPE.TABLE)
    fields.base_style = styles["Normal Table"] if "Normal Table" in [x.name for x in styles] else None

    toc = styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    toc.base_style = normal
    # single-spaced, nothing after: LibreOffice then lays the contents out on as many pages
    # as the PDF, so the page numbers it shows (the PDF's) are right there too
    toc.paragraph_format.space_after = Pt(0)
    toc.paragraph_format.line_spacing = 1.0


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark = header.add_run("{{ ontwerp }}")  # 'ONTWERP' on drafts, empty on finals
    mark.bold = True
    mark.font.size = Pt(16)
    mark.font.color.rgb = RGBColor(0xC8, 0x1E, 0x1E)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Pagina ")
    _field(footer, "PAGE")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(9)


# the marks of the note's bullet levels, as the real note has them: '•', then 'o', then '▪'
BULLET_MARKS = {"ListBullet2": ("o", "Courier New"), "ListBullet3": ("\uf0a7", "Wingdings")}


def _second_level_bullets(doc) -> None:
    """'List Bullet 2' with Word's 'o' (Courier New), 'List Bullet 3' with its square,
    where python-docx's default template repeats the first level's dot."""
    numbering = doc.part.numbering_part.element
    for style, (mark, font) in BULLET_MARKS.items():
        for lvl in numbering.xpath(f'.//w:lvl[w:pStyle[@w:val="{style}"]]'):
            lvl.find(qn("w:lvlText")).set(qn("w:val"), mark)
            fonts = lvl.find(qn("w:rPr")).find(qn("w:rFonts"))
            for attr in ("w:ascii", "w:hAnsi"):
                fonts.set(qn(attr), font)


def build(target: Path) -> None:
    doc = Document()
    _styles(doc)
    _page(doc)
    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.style = doc.styles["Aanhef"]
    body.add_run("{{ note.functie_hoofding }}")

    doc.add_paragraph("{{ note.titel }}", style="Title")

    p = doc.add_paragraph()
    p.add_run("Betreft: ").bold = True
    p.add_run("{{ note.betreft }}")
    p.paragraph_format.space_after = Pt(12)
    p = doc.add_paragraph()
    p.add_run("Samenvatting: ").bold = True
    p.add_run("{{ note.samenvatting }}")
    p.paragraph_format.space_after = Pt(12)

    doc.add_paragraph("{%p for sectie in secties %}")
    doc.add_paragraph("{{p sectie }}")
    doc.add_paragraph("{%p endfor %}")

    # the annex list and the signature on one page: never a last page with only the
    # list's tail and the signature (each annex line keeps with the next, down to the name)
    doc.add_paragraph("{%p for bijlage in note.bijlagen %}")
    p = doc.add_paragraph("{{ bijlage }}")
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.keep_together = True
    doc.add_paragraph("{%p endfor %}")

    p = doc.add_paragraph("{{ note.ondertekening.naam }}")
    p.paragraph_format.space_before = Pt(36)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.keep_together = True
    p = doc.add_paragraph("{{ note.ondertekening.functie }}")
    p.paragraph_format.keep_together = True
    _second_level_bullets(doc)

    core = doc.core_properties
    core.title = "Mededeling aan de Vlaamse Regering"
    core.author = "Vlaamse Regering"
    core.language = "nl-BE"
    doc.save(target)


def build_annex(target: Path) -> None:
    """The one template of the five annexes: title block, contents, body."""
    doc = Document()
    _styles(doc)
    _page(doc)
    title = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    title.style = doc.styles["Title"]
    title.paragraph_format.space_before = Pt(0)
    title.paragraph_format.space_after = Pt(6)
    title.add_run("{{ doc.title }}")
    p = doc.add_paragraph("{{ doc.subtitle }}")
    p.paragraph_format.space_after = Pt(18)
    doc.add_paragraph("{{p inhoud }}")
    doc.add_paragraph("{%p for sectie in secties %}")
    doc.add_paragraph("{{p sectie }}")
    doc.add_paragraph("{%p endfor %}")
    # a nested list in an annex draws the note's marks too: '•', then 'o'
    _second_level_bullets(doc)
    core = doc.core_properties
    core.title = "Bijlage bij de Mededeling aan de Vlaamse Regering"
    core.author = "Vlaamse Regering"
    core.language = "nl-BE"
    doc.save(target)


if __name__ == "__main__":
    folder = (Path(sys.argv[1]) if len(sys.argv) > 1
              else Path(__file__).resolve().parents[1] / "src" / "mededeling" / "templates")
    build(folder / "mededeling.docx")
    build_annex(folder / "bijlage.docx")
