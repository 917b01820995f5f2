"""Second-level bullets as the real note has them ('•', then 'o'), in Word, PDF and HTML,
and the annex list kept on the page of the signature in Word (issue 13)."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from lxml import etree

from mededeling.cli import main
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
TEXT = ("Zo loopt de campagne:\n\n"
        "- affiches\n  - in het straatbeeld\n  - op de dijk\n- video's\n\n"
        "1. eerste stap\n  o een deelstap\n2. tweede stap\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tweede-niveau")
    inputs = tmp / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=3))
    folder = write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, [(c, "donkergroen", "2022-Q1") for c, _ in projects],
        [(c, 1_000_000, 1_000, 10) for c, _ in projects], teksten={"communicatie": TEXT}))
    assert main(["build", str(folder), "--out", str(tmp / "out")]) == 0
    return tmp / "out" / "2022-04-30"


def _docx(built):
    with zipfile.ZipFile(built / "mededeling.docx") as z:
        return (etree.fromstring(z.read("word/document.xml")),
                etree.fromstring(z.read("word/styles.xml")),
                etree.fromstring(z.read("word/numbering.xml")))


def _text(p) -> str:
    return "".join(p.itertext())


def _mark(style: str, styles, numbering) -> tuple[str, str, int]:
    """The bullet a paragraph style draws: its numbering's text, font and indent."""
    num = styles.xpath(f'//w:style[@w:styleId="{style}"]//w:numId/@w:val', namespaces=NS)[0]
    abstract = numbering.xpath(f'//w:num[@w:numId="{num}"]/w:abstractNumId/@w:val',
                               namespaces=NS)[0]
    lvl = numbering.xpath(f'//w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]',
                          namespaces=NS)[0]
    return (lvl.find(f"{W}lvlText").get(f"{W}val"),
            lvl.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii"),
            int(lvl.find(f"{W}pPr/{W}ind").get(f"{W}left")))


def test_word_draws_the_second_level_with_an_o_one_step_in(built):
    body, styles, numbering = _docx(built)
    style_of = {_text(p): (p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS) or [None])[0]
                for p in body.iter(f"{W}p")}
    assert style_of["affiches"] == style_of["video's"] == "ListBullet"
    assert style_of["in het straatbeeld"] == style_of["op de dijk"] == "ListBullet2"
    assert style_of["eerste stap"] == "ListNumber"  # under a numbered item, too
    assert style_of["een deelstap"] == "ListBullet2"
    first, second = _mark("ListBullet", styles, numbering), _mark("ListBullet2", styles, numbering)
    assert first[:2] == ("\uf0b7", "Symbol")  # Word's '•'
    assert second[:2] == ("o", "Courier New")
    assert second[2] > first[2]
    # and the note's own second level: the colour codes of section 6.1
    legend = [t for t, s in style_of.items() if s == "ListBullet2" and t.startswith("Grijs:")]
    assert len(legend) == 2  # the projects' and the milestones'


def test_word_keeps_the_annex_list_with_the_signature(built):
    body, _, _ = _docx(built)
    paragraphs = list(body.iter(f"{W}p"))
    texts = [_text(p) for p in paragraphs]
    first = next(i for i, t in enumerate(texts) if t.startswith("BIJLAGE 1:"))
    name = texts.index("Jan JAMBON")
    annexes = sum(t.startswith("BIJLAGE ") for t in texts)  # as many as the round has
    assert name == first + annexes and texts[name + 1].startswith("Minister-president")
    for p in paragraphs[first:name + 1]:  # every annex line and the name: keep with next
        assert p.find(f"{W}pPr/{W}keepNext") is not None, _text(p)
    for p in paragraphs[first:name + 2]:
        assert p.find(f"{W}pPr/{W}keepLines") is not None, _text(p)


def test_pdf_and_html_show_o_on_the_second_level(built):
    layout = subprocess.run(["pdftotext", "-layout", str(built / "mededeling.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert re.search(r"•\s+affiches\s+o\s+in het straatbeeld\s+o\s+op de dijk\s+•\s+video's",
                     layout)
    assert re.search(r"1\.\s+eerste stap\s+o\s+een deelstap\s+2\.\s+tweede stap", layout)
    html = (built / "mededeling.html").read_text(encoding="utf-8")
    assert re.search(r"<li>affiches<ul>\s*<li>in het straatbeeld</li>\s*<li>op de dijk</li>"
                     r"\s*</ul></li>", html)
    assert re.search(r"<ol>\s*<li>eerste stap<ul>\s*<li>een deelstap</li>\s*</ul></li>", html)
    assert re.search(r'li > ul \{[^}]*list-style-type: "o', html)  # the stylesheet is inline


def test_annex_word_files_draw_the_same_marks_as_the_note(built):
    """The annexes' template had only python-docx's repeated dot at every level."""
    for name in ("bijlage-1-globaal-rapport", "bijlage-2-covernota"):
        with zipfile.ZipFile(built / f"{name}.docx") as z:
            styles, numbering = (etree.fromstring(z.read(f"word/{part}.xml"))
                                 for part in ("styles", "numbering"))
        first, second = _mark("ListBullet", styles, numbering), _mark("ListBullet2", styles,
                                                                       numbering)
        assert first[:2] == ("\uf0b7", "Symbol"), name
        assert second[:2] == ("o", "Courier New"), name
        assert second[2] > first[2], name
