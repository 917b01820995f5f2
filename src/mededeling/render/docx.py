"""The note as a Word document, through the docxtpl template staff can restyle.

The template holds the layout (styles, heading block, footer with page numbers); the
body's sections are written here as WordprocessingML paragraphs in the template's
own styles (Heading 1, List Bullet, ...), so restyling a style in Word restyles the
note. Text is escaped on the way in, always.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx.shared import Cm
from docxtpl import DocxTemplate

from mededeling.core.blocks import (
    INTERNAL, Block, BulletList, Cell, Document, Fields, Figure, Heading, Item, Paragraph, Run,
    Section, Table,
)
from mededeling.render.chart import WIDTH_CM, Chart
from mededeling.note.phrases import Note
from mededeling.render.style import (
    CELL_MARGIN_PT, HEADER_GREY, column_widths, hex_of, word_text_width,
)
from mededeling.render.zips import fixed_zip
from mededeling.core.statuses import STATUSES

HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
BULLET_STYLES = ("ListBullet", "ListBullet2", "ListBullet3")
NUMBER_STYLES = ("ListNumber", "ListNumber2", "ListNumber3")
# a long table starts with at least this many rows on a page (templates/bijlage.css: the
# same rule for the PDF): a table begun with two rows at the foot of a page looked like
# an accident
LEAD_ROWS = 5


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def restart_numbering(tpl: DocxTemplate, style: str = "ListNumber") -> int:
    """A new numbering instance of the style's list, starting at 1: in Word all paragraphs
    of 'List Number' share one count, so a second numbered list would go on at 8."""
    from lxml import etree

    w = f"{{{W_NS}}}"
    styles = tpl.docx.styles.element
    found = styles.xpath(f'.//w:style[@w:styleId="{style}"]//w:numId/@w:val')
    numbering = tpl.docx.part.numbering_part.element
    base = numbering.xpath(f'./w:num[@w:numId="{found[0]}"]/w:abstractNumId/@w:val')
    number = 1 + max(int(n) for n in numbering.xpath("./w:num/@w:numId"))
    num = etree.SubElement(numbering, f"{w}num", {f"{w}numId": str(number)})
    etree.SubElement(num, f"{w}abstractNumId", {f"{w}val": base[0]})
    override = etree.SubElement(num, f"{w}lvlOverride", {f"{w}ilvl": "0"})
    etree.SubElement(override, f"{w}startOverride", {f"{w}val": "1"})
    return number


def bookmark_name(key: str) -> str:
    """A paragraph key as a Word bookmark name (letters, digits and '_', at most 40):
    '3.1/oranje' -> 'mk_3_1__oranje'."""
    name = "mk_" + key.replace("/", "__").replace(".", "_").replace("-", "x")
    return re.sub(r"[^A-Za-z0-9_]", "_", name)[:40]


class _Links:
    """The relationship id of each external link of a document, as docxtpl's build_url_id
    gives it (python-docx's get_or_add_ext_rel: the link's own if the part has one, else
    the lowest free rIdN), without its two walks through all the part's relationships per
    link: with 400 links they took a third of the global report's Word file."""

    def __init__(self, tpl: DocxTemplate):
        self.tpl = tpl
        self._ids: dict[str, str] | None = None
        self._free = 1  # no rIdN below this is free: relationships are only ever added

    def rid(self, url: str) -> str:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        rels = self.tpl.docx.part.rels
        if self._ids is None:  # those the template brought, once
            self._ids = {}
            for rel in rels.values():
                if rel.is_external and rel.reltype == RT.HYPERLINK:
                    self._ids.setdefault(rel.target_ref, rel.rId)
        rid = self._ids.get(url)
        if rid is None:
            while f"rId{self._free}" in rels:  # also those images took meanwhile
                self._free += 1
            rid = self._ids[url] = f"rId{self._free}"
            rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
        return rid


class _SectionXml:
    """A section's paragraphs, made when docxtpl renders (images need its current part)."""

    def __init__(self, tpl: DocxTemplate, section: Section, charts: dict[str, Chart],
                 ids: "itertools.count[int]", text_width: int, links: "_Links",
                 changed: str = ""):
        self.tpl, self.section, self.charts, self.ids = tpl, section, charts, ids
        self.text_width = text_width  # twips between the template's margins
        self.changed = changed  # w:date of tracked changes: the round's day, fixed
        self.links = links  # one for all the document's sections

    def __html__(self) -> str:
        return "".join(self._section(self.section))

    __str__ = __html__

    _level = 1  # the level of the section being written

    def _section(self, section: Section) -> list[str]:
        self._level = section.level
        heading = self._p(HEADING_STYLES.get(section.level, "Heading3"),
                          section.heading_runs or [Run(section.heading)],
                          page_break=section.new_page)
        if section.anchor:
            n = next(self.ids)
            heading = heading.replace(
                "</w:pPr>", f'</w:pPr><w:bookmarkStart w:id="{n}" w:name="{section.anchor}"/>', 1
            ).replace("</w:p>", f'<w:bookmarkEnd w:id="{n}"/></w:p>')
        out = [heading]
        # a project's last field ('Koppeling met andere projecten') never starts a page
        # alone: the block before its heading keeps with it (templates/bijlage.css)
        subheads = [i for i, b in enumerate(section.blocks) if isinstance(b, Heading)]
        before_last = subheads[-1] - 1 if section.anchor and len(subheads) > 1 else -1
        for i, block in enumerate(section.blocks):
            follows = section.blocks[i + 1] if i + 1 < len(section.blocks) else None
            if isinstance(block, Paragraph) and (isinstance(follows, BulletList)
                                                 or i == before_last):
                # a lead-in sentence stays on the page of its list
                out.append(self._p(None, block.runs, keep_next=True, key=block.key))
                continue
            if isinstance(block, Table) and i == before_last:
                out.append(self._table(block, keep_after=True))
                continue
            out.extend(self._block(block))
        for sub in section.subsections:
            out.extend(self._section(sub))
        return out

    def _block(self, block: Block) -> list[str]:
        if isinstance(block, Paragraph):  # a lead-in to a table keeps with its first row
            return [self._p(None, block.runs, key=block.key, keep_next=block.keep_with_next)]
        if isinstance(block, BulletList):
            if block.ordered:  # every numbered list starts at 1, not where the last one ended
                return self._items(block.items, 0, NUMBER_STYLES, restart_numbering(self.tpl))
            return self._items(block.items, 0, BULLET_STYLES)
        if isinstance(block, Figure):
            return [self._figure(block)]
        if isinstance(block, Heading):
            # a subhead one level below its section: Word's navigation pane shows it
            style = HEADING_STYLES.get(self._level + 1, "Heading3")
            return [self._p(style, [Run(block.text)], keep_next=True)]
        if isinstance(block, Fields):
            return [self._fields(block)]
        if isinstance(block, Table):
            return [self._table(block)]
        raise TypeError(block)

    def _tc(self, width: int, paragraphs: str, fill: str | None = None) -> str:
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                f"{paragraphs}</w:tc>")

    def _cell(self, cell: Cell, width: int, bold: bool = False, keep_next: bool = False) -> str:
        runs = tuple(Run(r.text, bold or r.bold, r.italic, r.link) for r in cell.runs)
        if cell.status:  # shaded in the status colour, text in the colour that reads on it
            info = STATUSES[cell.status]
            para = self._p("Tabeltekst", runs, colour=hex_of(info.text_colour),
                           keep_next=keep_next)
            return self._tc(width, para, hex_of(info.colour))
        return self._tc(width, self._p("Tabeltekst", runs, right=cell.numeric,
                                       keep_next=keep_next))

    def _tbl(self, widths: list[int], rows: list[str], style: str = "TableGrid",
             keep_next: bool = False) -> str:
        # the small gap after a table; it keeps with what follows where the table does
        gap = "<w:keepNext/>" if keep_next else ""
        # cells padded as in the PDF (not Table Grid's 5,4 pt): the column widths are fitted
        # to their words with this padding
        margin = round(CELL_MARGIN_PT * 20)
        margins = (f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
                   f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>')
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/>'
                f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                f'{margins}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
                '<w:p><w:pPr><w:pStyle w:val="Tabelruimte"/>' + gap + '</w:pPr></w:p>')

    def _table(self, table: Table, keep_after: bool = False) -> str:
        """`keep_after`: its last row and the gap after it keep with what follows."""
        # the same proportions as the PDF: every column at least as wide as its longest word,
        # so Word never cuts a word without a hyphen
        shares = column_widths(table)
        total = sum(shares)
        widths = [int(self.text_width * w / total) for w in shares]
        body = [(row, False) for row in table.rows] + ([(table.total, True)] if table.total else [])
        # a small table stays on one page: each row's paragraphs keep with the next row; a
        # longer one starts with its header and first LEAD_ROWS rows on one page and
        # leaves no row alone on the last: the second-last row keeps with the last
        head = "".join(self._tc(w, self._p("Tabeltekst", [Run(c, bold=True)], keep_next=True),
                                hex_of(HEADER_GREY))
                       for c, w in zip(table.columns, widths))
        rows = [f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>']
        if table.title:  # whose rows these are, atop each page a long table runs on to
            span = (f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/>'
                    f'<w:gridSpan w:val="{len(widths)}"/></w:tcPr>'
                    f'{self._p("Tabeltekst", [Run(table.title, italic=True)], keep_next=True)}'
                    "</w:tc>")
            rows.insert(0, f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{span}</w:tr>")
        for i, (row, bold) in enumerate(body):
            keep = (i < len(body) - 1 if table.keep_together
                    else i < LEAD_ROWS - 1 or i == len(body) - 2) or (
                keep_after and i == len(body) - 1)
            cells = "".join(self._cell(c, w, bold=bold, keep_next=keep) for c, w in zip(row, widths))
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        return self._tbl(widths, rows, keep_next=keep_after)

    def _fields(self, fields: Fields) -> str:
        # a few short fields stay on one page (each row keeps with the next, none splits);
        # a lead-in to a table keeps its last row with the table's first
        widths = [self.text_width * 30 // 100, self.text_width * 70 // 100]
        last = len(fields.rows) - 1
        rows = []
        for i, (label, value) in enumerate(fields.rows):
            keep = fields.keep_together and i < last or fields.keep_with_next and i == last
            tr = "<w:trPr><w:cantSplit/></w:trPr>" if fields.keep_together else ""
            rows.append(f"<w:tr>{tr}"
                        + self._tc(widths[0], self._p("Tabeltekst", [Run(label, bold=True)],
                                                      keep_next=keep))
                        + self._tc(widths[1], self._p("Tabeltekst", value, keep_next=keep))
                        + "</w:tr>")
        return self._tbl(widths, rows, style="Velden", keep_next=fields.keep_with_next)

    def _items(self, items: tuple[Item, ...], depth: int, styles: tuple[str, ...],
               num_id: int | None = None) -> list[str]:
        out = []
        for it in items:
            out.append(self._p(styles[min(depth, len(styles) - 1)], it.runs, key=it.key,
                               num_id=num_id if depth == 0 else None))
            out.extend(self._items(it.children, depth + 1, BULLET_STYLES))
        return out

    def _p(self, style: str | None, runs: tuple[Run, ...] | list[Run],
           keep_next: bool = False, page_break: bool = False, right: bool = False,
           colour: str | None = None, key: str | None = None,
           num_id: int | None = None) -> str:
        props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            if num_id is not None else "") + (
            "<w:keepNext/>" if keep_next else "") + (
            "<w:pageBreakBefore/>" if page_break else "") + (
            '<w:jc w:val="right"/>' if right else "")
        ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
        body = "".join(self._run(r, colour) for r in runs)
        if key:  # the paragraph's key as a bookmark around its text: Word keeps it on edits
            n = next(self.ids)
            body = (f'<w:bookmarkStart w:id="{n}" w:name="{bookmark_name(key)}"/>{body}'
                    f'<w:bookmarkEnd w:id="{n}"/>')
        return f"<w:p>{ppr}{body}</w:p>"

    def _run(self, run: Run, colour: str | None = None) -> str:
        props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "") + (
            f'<w:color w:val="{colour}"/>' if colour else "") + (
            '<w:highlight w:val="yellow"/>' if run.highlight else "")
        if run.link:
            props = '<w:rStyle w:val="Hyperlink"/>' + props
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        if run.change == "del":  # a tracked deletion: the previous note's words
            return (f'<w:del w:id="{next(self.ids)}" w:author="mededeling" '
                    f'w:date="{self.changed}"><w:r>{rpr}<w:delText xml:space="preserve">'
                    f"{escape(run.text)}</w:delText></w:r></w:del>")
        xml = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'
        if run.change == "ins":
            xml = (f'<w:ins w:id="{next(self.ids)}" w:author="mededeling" '
                   f'w:date="{self.changed}">{xml}</w:ins>')
        if run.link and run.link.startswith(INTERNAL):
            xml = f'<w:hyperlink w:anchor="{escape(run.link[len(INTERNAL):])}">{xml}</w:hyperlink>'
        elif run.link:
            rid = self.links.rid(run.link)
            xml = f'<w:hyperlink r:id="{rid}">{xml}</w:hyperlink>'
        return xml

    def _figure(self, block: Figure) -> str:
        chart = self.charts[block.name]
        # as wide as the PDF shows every chart (templates/mededeling.css, figure.grafiek
        # img: the 16 cm text width), in the chart's own proportions: a chart drawn
        # smaller, such as a dashboard series, is scaled up as in the PDF, else its
        # labels shrink to 6 pt in Word
        height_cm = chart.height_cm * WIDTH_CM / chart.width_cm
        inline = self.tpl.current_rendering_part.new_pic_inline(
            io.BytesIO(chart.png), Cm(WIDTH_CM), Cm(height_cm))
        inline.docPr.set("descr", block.alt)
        inline.docPr.set("title", block.alt[:60])
        pic = inline.xml.split("?>", 1)[-1] if inline.xml.startswith("<?xml") else inline.xml
        return (f'<w:p><w:pPr><w:pStyle w:val="Figuur"/></w:pPr>'
                f"<w:r><w:drawing>{pic}</w:drawing></w:r></w:p>")


DRAFT_NS = "urn:mededeling:ontwerp"


def with_draft_texts(data: bytes, texts: dict[str, tuple[str, str]], when: dt.date) -> bytes:
    """The note's paragraphs as this draft has them, and as mededeling computed them, in a
    custom XML part of the Word file (Word and LibreOffice keep such parts): a reviewed
    copy that comes back tells what its reviewer read, so an edit is told apart from
    figures that changed since."""
    import hashlib

    from mededeling.render.zips import new_zip

    body = "".join(f'<alinea sleutel="{escape(k, {chr(34): "&quot;"})}"><tekst>{escape(v)}</tekst>'
                   f"<berekend>{escape(g)}</berekend></alinea>" for k, (v, g) in texts.items())
    item = (f'<?xml version="1.0" encoding="UTF-8"?><mededeling xmlns="{DRAFT_NS}">{body}'
            "</mededeling>").encode("utf-8")
    digest = hashlib.sha256(item).hexdigest().upper()
    guid = f"{{{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}}}"
    props = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem '
             f'ds:itemID="{guid}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/'
             f'2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="{DRAFT_NS}"/>'
             "</ds:schemaRefs></ds:datastoreItem>").encode("utf-8")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/customXmlProps" Target="itemProps9.xml"/></Relationships>'
            ).encode("utf-8")
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = []
    for info in src.infolist():
        content = src.read(info.filename)
        if info.filename == "[Content_Types].xml":
            content = content.replace(b"</Types>", b'<Override PartName="/customXml/itemProps9'
                                      b'.xml" ContentType="application/vnd.openxmlformats-'
                                      b'officedocument.customXmlProperties+xml"/></Types>')
        elif info.filename == "word/_rels/document.xml.rels":
            content = content.replace(b"</Relationships>", b'<Relationship Id="rIdOntwerp" '
                                      b'Type="http://schemas.openxmlformats.org/officeDocument/'
                                      b'2006/relationships/customXml" Target="../customXml/'
                                      b'item9.xml"/></Relationships>')
        parts.append((info.filename, content))
    parts += [("customXml/item9.xml", item), ("customXml/itemProps9.xml", props),
              ("customXml/_rels/item9.xml.rels", rels)]
    moment = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    return new_zip(parts, moment)


def render(template: Path, note: Note, charts: dict[str, Chart], when: dt.date,
           ontwerp: str = "") -> bytes:
    """Render the note; the returned bytes are the same for the same note and date."""
    tpl = DocxTemplate(template)
    ids = itertools.count(1)
    width = word_text_width(template)
    changed = f"{when.isoformat()}T00:00:00Z"
    links = _Links(tpl)
    context = {
        "note": note,
        "secties": [_SectionXml(tpl, s, charts, ids, width, links, changed)
                    for s in note.sections],
        "ontwerp": ontwerp,
    }
    if note.marks:  # a note compared with the previous one: its header as changes too
        writer = _SectionXml(tpl, Section("", "", ()), charts, ids, width, links, changed)
        context["note"] = _marked_header(note, writer._run)
    tpl.render(context, autoescape=True)
    body = tpl.docx.element.body
    if body.find(f".//{{{W_NS}}}ins") is not None or body.find(f".//{{{W_NS}}}del") is not None:
        mark_paragraphs(body, ids, changed)
    return _save(tpl, note.document_title, when)


def _marked_header(note: Note, run_xml) -> Note:
    """The note as the template shows it, with each header text that changed (Betreft,
    an annex line, the signature, ...) as tracked changes: the template prints a text
    inside a run of its own (w:r/w:t); the changes' runs go in its place, that run
    closed before them and opened again after them (empty, mark_paragraphs drops it)."""
    from markupsafe import Markup

    return note.with_marked_header(lambda runs: Markup(
        "</w:t></w:r>" + "".join(run_xml(r) for r in runs) + "<w:r><w:t>"))


def mark_paragraphs(body, ids: "itertools.count[int]", changed: str) -> None:
    """A paragraph whose every word is deleted has its paragraph mark deleted too, one
    whose every word is inserted its mark inserted: accepting all changes leaves no empty
    paragraph where a gone one stood, rejecting all none where a new one stands. Empty
    runs (w:r with only an empty w:t) are dropped."""
    from lxml import etree

    w = f"{{{W_NS}}}"
    for p in body.iter(f"{w}p"):
        kinds = set()
        for r in list(p.iter(f"{w}r")):
            texts = [t for t in r if t.tag in (f"{w}t", f"{w}delText")]
            if texts and not any(t.text for t in texts) and len(r) == len(texts) + (
                    r.find(f"{w}rPr") is not None):
                r.getparent().remove(r)
                continue
            parent = r.getparent()
            kinds.add(parent.tag if parent.tag in (f"{w}ins", f"{w}del") else None)
        last_in_cell = p.getparent().tag == f"{w}tc" and p.getnext() is None
        if len(kinds) != 1 or None in kinds or last_in_cell:  # a cell keeps its last mark
            continue
        ppr = p.find(f"{w}pPr")
        if ppr is None:
            ppr = etree.Element(f"{w}pPr")
            p.insert(0, ppr)
        rpr = ppr.find(f"{w}rPr")
        if rpr is None:  # after every other property but a section's and a change's
            rpr = etree.Element(f"{w}rPr")
            later = [c for c in ppr if c.tag in (f"{w}sectPr", f"{w}pPrChange")]
            if later:
                later[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, etree.Element(kinds.pop(), {f"{w}id": str(next(ids)),
                                                   f"{w}author": "mededeling",
                                                   f"{w}date": changed}))


class _TocXml:
    """A table of contents field, filled in already so it reads before Word updates it."""

    def __init__(self, doc: Document, pages: dict | None = None, width: int = 9072):
        self.doc = doc
        self.pages = pages or {}  # anchor -> page, as the PDF lays the annex out
        self.width = width

    def __html__(self) -> str:
        if not self.doc.toc:
            return ""
        tabs = (f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{self.width}"/></w:tabs>'
                if self.pages else "")
        entries = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="TOC1"/>{tabs}</w:pPr>'
            f'<w:hyperlink w:anchor="{escape(s.anchor or "")}" w:history="1"><w:r>'
            f'<w:t xml:space="preserve">{escape(s.heading)}</w:t></w:r>'
            + (f'<w:r><w:tab/></w:r>{_page_ref(s.anchor, self.pages[s.anchor])}'
               if s.anchor in self.pages else "")
            + "</w:hyperlink></w:p>"
            for s in self.doc.toc_entries)
        return ('<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Inhoud</w:t></w:r>'
                '</w:p><w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r>'
                '<w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>' + entries +
                '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')

    __str__ = __html__


def _page_ref(anchor: str, page: object) -> str:
    """The page of a project's bookmark as a PAGEREF field (what Word's own contents
    hold), its shown value the PDF's page: Word and LibreOffice count the page in their
    own layout, where the projects follow one another without the PDF's page breaks."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            f'xml:space="preserve"> PAGEREF {escape(anchor)} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{escape(str(page))}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def render_document(template: Path, doc: Document, charts: dict[str, Chart],
                    when: dt.date, ontwerp: str = "", toc_pages: dict | None = None) -> bytes:
    """An annex in Word: the same blocks as its PDF, in the template's styles. The contents
    show `toc_pages` (the PDF layout's pages: Word's own layout is close) until Word
    updates the field."""
    tpl = DocxTemplate(template)
    ids = itertools.count(1)
    width = word_text_width(template)
    links = _Links(tpl)
    body = _AfterTemplate([_SectionXml(tpl, s, charts, ids, width, links)
                           for s in doc.sections])
    tpl.render({"doc": doc, "inhoud": _TocXml(doc, toc_pages, width), "ontwerp": ontwerp,
                "secties": [body]}, autoescape=True)
    body.put_in(tpl)
    return _save(tpl, doc.title, when)


class _AfterTemplate:
    """The sections of an annex, made while docxtpl renders the template (a picture needs
    the part being rendered) but put in place after it: docxtpl reworks every paragraph
    of what it renders with regular expressions (tabs and line breaks in text) and walks
    every table (columns left out by a loop): two fifths of the time of the global
    report's Word file, for XML that has neither. What docxtpl would change in it is
    done here too (its own resolve_listing; pictures numbered as its fix_docpr_ids
    numbers them), so the bytes are the same."""

    MARK = "mededeling:secties"

    def __init__(self, sections: list[_SectionXml]):
        self.sections = sections
        self.xml = ""

    def __html__(self) -> str:
        self.xml = "".join(s.__html__() for s in self.sections)
        return f"<w:p><w:r><w:t>{self.MARK}</w:t></w:r></w:p>"

    def put_in(self, tpl: DocxTemplate) -> None:
        from docx.oxml.ns import nsmap, qn
        from lxml import etree

        xml = self.xml
        if any(c in xml for c in "\t\n\a\f"):  # as docxtpl renders them: tab, break, ...
            xml = tpl.resolve_listing(xml)
        # our tables have a column in the grid for every cell (fix_tables would add none)
        body = tpl.docx.element.body
        mark = next(p for p in body.iterchildren(qn("w:p"))
                    if p.xpath("string(.)") == self.MARK)
        namespaces = " ".join(f'xmlns:{prefix}="{uri}"'
                              for prefix, uri in sorted(tpl.docx.element.nsmap.items()) if prefix)
        for element in etree.fromstring(f"<w:body {namespaces}>{xml}</w:body>"):
            mark.addprevious(element)
        body.remove(mark)
        # every picture numbered again, in order, as docxtpl's fix_docpr_ids numbers them
        # (it takes a tree of plain lxml elements, not python-docx's)
        pictures = etree.XPath("//wp:docPr", namespaces={"wp": nsmap["wp"]})
        for n, picture in enumerate(pictures(tpl.docx.element), start=1001):
            picture.set("id", str(n))


def _save(tpl: DocxTemplate, title: str, when: dt.date) -> bytes:
    props = tpl.docx.core_properties
    moment = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    props.title = title
    # which note this is: a reviewed copy handed back is recognised by it
    props.subject = f"mededeling {when.isoformat()}"
    props.author = "Vlaamse Regering"
    props.last_modified_by = "mededeling"
    props.language = "nl-BE"
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.comments = ""  # not python-docx's 'generated by python-docx'
    buffer = io.BytesIO()
    tpl.save(buffer)
    return fixed_zip(buffer.getvalue(), moment, _clean_part)


APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties"><Application>mededeling</Application>'
           b"<DocSecurity>0</DocSecurity></Properties>")


def _clean_part(name: str, content: bytes) -> bytes:
    """What the template carried over from the program that made it, put right: no other
    application named, no stale page and word counts (Word counts anew), no 'spelling
    checked' mark (it was not), Dutch (Belgium) as the language of the text."""
    if name == "docProps/app.xml":
        return APP_XML
    if name == "word/settings.xml":
        return re.sub(rb"<w:proofState[^>]*/>", b"", content)
    if name == "word/styles.xml":
        return re.sub(rb'(<w:rPrDefault>.*?<w:lang )w:val="[^"]*"', rb'\1w:val="nl-BE"',
                      content, count=1, flags=re.S)
    return content
