"""The note as a Word document, through the docxtpl template staff can restyle.

The template holds the layout (styles, heading block, footer with page numbers); the
body's sections are written here as WordprocessingML paragraphs in the template's
own styles (Heading 1, List Bullet, ...), so restyling a style in Word restyles the
note. Text is escaped on the way in, always.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx.shared import Cm
from docxtpl import DocxTemplate

from mededeling.blocks import Block, BulletList, Figure, Item, Paragraph, Run, Section
from mededeling.charts import Chart
from mededeling.phrases import Note

HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
BULLET_STYLES = ("ListBullet", "ListBullet2", "ListBullet3")
NUMBER_STYLES = ("ListNumber", "ListNumber2", "ListNumber3")


class _SectionXml:
    """A section's paragraphs, made when docxtpl renders (images need its current part)."""

    def __init__(self, tpl: DocxTemplate, section: Section, charts: dict[str, Chart]):
        self.tpl, self.section, self.charts = tpl, section, charts

    def __html__(self) -> str:
        return "".join(self._section(self.section))

    __str__ = __html__

    def _section(self, section: Section) -> list[str]:
        out = [self._p(HEADING_STYLES.get(section.level, "Heading3"),
                       [Run(f"{section.number}. {section.title}")])]
        for i, block in enumerate(section.blocks):
            follows = section.blocks[i + 1] if i + 1 < len(section.blocks) else None
            if isinstance(block, Paragraph) and isinstance(follows, BulletList):
                # a lead-in sentence stays on the page of its list
                out.append(self._p(None, block.runs, keep_next=True))
                continue
            out.extend(self._block(block))
        for sub in section.subsections:
            out.extend(self._section(sub))
        return out

    def _block(self, block: Block) -> list[str]:
        if isinstance(block, Paragraph):
            return [self._p(None, block.runs)]
        if isinstance(block, BulletList):
            return self._items(block.items, 0, NUMBER_STYLES if block.ordered else BULLET_STYLES)
        if isinstance(block, Figure):
            return [self._figure(block)]
        raise TypeError(block)

    def _items(self, items: tuple[Item, ...], depth: int, styles: tuple[str, ...]) -> list[str]:
        out = []
        for it in items:
            out.append(self._p(styles[min(depth, len(styles) - 1)], it.runs))
            out.extend(self._items(it.children, depth + 1, BULLET_STYLES))
        return out

    def _p(self, style: str | None, runs: tuple[Run, ...] | list[Run],
           keep_next: bool = False) -> str:
        props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            "<w:keepNext/>" if keep_next else "")
        ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
        return f"<w:p>{ppr}{''.join(self._run(r) for r in runs)}</w:p>"

    def _run(self, run: Run) -> str:
        props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
        if run.link:
            props = '<w:rStyle w:val="Hyperlink"/>' + props
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        xml = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'
        if run.link:
            rid = self.tpl.build_url_id(run.link)
            xml = f'<w:hyperlink r:id="{rid}">{xml}</w:hyperlink>'
        return xml

    def _figure(self, block: Figure) -> str:
        chart = self.charts[block.name]
        inline = self.tpl.current_rendering_part.new_pic_inline(
            io.BytesIO(chart.png), Cm(chart.width_cm), Cm(chart.height_cm))
        inline.docPr.set("descr", block.alt)
        inline.docPr.set("title", block.alt[:60])
        pic = inline.xml.split("?>", 1)[-1] if inline.xml.startswith("<?xml") else inline.xml
        return (f'<w:p><w:pPr><w:pStyle w:val="Figuur"/></w:pPr>'
                f"<w:r><w:drawing>{pic}</w:drawing></w:r></w:p>")


def render(template: Path, note: Note, charts: dict[str, Chart], when: dt.date) -> bytes:
    """Render the note; the returned bytes are the same for the same note and date."""
    tpl = DocxTemplate(template)
    context = {
        "note": note,
        "secties": [_SectionXml(tpl, s, charts) for s in note.sections],
    }
    tpl.render(context, autoescape=True)
    props = tpl.docx.core_properties
    moment = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    props.title = note.document_title
    props.author = "Vlaamse Regering"
    props.last_modified_by = "mededeling"
    props.language = "nl-BE"
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1
    buffer = io.BytesIO()
    tpl.save(buffer)
    return fixed_zip(buffer.getvalue(), moment)


def fixed_zip(data: bytes, moment: dt.datetime) -> bytes:
    """Rewrite a ZIP (DOCX) with one fixed timestamp on every entry, so it is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 3
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()

