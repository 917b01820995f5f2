"""mededeling-wijzigingen.docx read as a person reads it (issue 22): two small rounds,
the previous one and this one, with a project's title changed, counts changed, a project
added, a list item replaced, another meting (so Betreft changes) and another function
of the signatory. Built through the CLI, read back from the Word files' XML.
"""

from __future__ import annotations

import copy
import html
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from roundkit import OPTIONAL_FILES as OPTIONAL  # all five annexes, to leave one out of

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
w = f"{{{W}}}"
PREVIOUS, CURRENT = "2022-04-30", "2022-08-31"

COMMUNICATIE = """## Communicatie over monitoring

De Vlaamse Regering communiceert over de uitvoering van het plan:

- De Vlaamse Regering hanteert een apart label ‘Vlaamse Veerkracht’.
{middle}- De mededeling staat op de [website Vlaamse Veerkracht](https://www.vlaanderen.be/vv).
"""
OLD_ITEMS = "- Een campagne op sociale media liep in het voorjaar.\n"
NEW_ITEMS = ("- Er verschenen video’s over zes projecten in de kijker.\n"
             "- Elke maand verschijnt een nieuwsbrief voor de lokale besturen.\n")


def _rounds(inputs: Path) -> tuple[Path, Path]:
    from roundkit import RoundSpec, write_plan, write_round

    write_plan(inputs)
    before = [("VV001", "donkergroen"), ("VV002", "donkergroen"), ("VV003", "donkergroen"),
              ("VV004", "donkergroen"), ("VV005", "lichtgroen"), ("VV006", "lichtgroen"),
              ("VV007", "oranje", "Project VV007"), ("VV008", "grijs", "Relanceproject 008"),
              ("VV009", "grijs", "Oude titel")]
    after = [("VV001", "donkergroen"), ("VV002", "donkergroen"), ("VV003", "donkergroen"),
             ("VV004", "donkergroen"), ("VV005", "donkergroen"), ("VV006", "lichtgroen"),
             ("VV007", "oranje", "Versnelde uitrol digitale meters"),  # its title changed
             ("VV008", "lichtgroen", "Relanceproject 008"), ("VV009", "grijs", "Oude titel"),
             ("VV030", "grijs", "Renovatie van sportinfrastructuur")]  # a project added

    def milestones(projects: list[tuple], realised: int) -> list[tuple[str, str, str]]:
        out = []
        for i, p in enumerate(projects):
            out += [(p[0], "geel" if i < realised else "donkergroen", "2022-Q1"),
                    (p[0], "donkergroen", "2022-Q3"), (p[0], "grijs", "2023-Q2")]
        return out

    def finance(projects: list[tuple], k: int) -> list[tuple]:
        return [(p[0], 1_000_000, 100_000 * k, 10_000 * k) for p in projects]

    old = write_round(inputs, RoundSpec(
        PREVIOUS, 1, before, milestones(before, 2), finance(before, 1),
        teksten={"communicatie": COMMUNICATIE.format(middle=OLD_ITEMS)}, extra_csv=OPTIONAL))
    new = write_round(inputs, RoundSpec(
        CURRENT, 2, after, milestones(after, 5), finance(after, 3),
        teksten={"communicatie": COMMUNICATIE.format(middle=NEW_ITEMS)}, extra_csv=OPTIONAL))
    toml = new / "ronde.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'functie = "Minister-president van de Vlaamse Regering"',
        'functie = "Minister-president van de Vlaamse Regering en Vlaams minister van '
        'Economie"'), encoding="utf-8")
    return old, new


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(inputs, out): both rounds built, each as its own build made it."""
    from mededeling.cli import main

    base = tmp_path_factory.mktemp("redline")
    old, new = _rounds(base / "inputs")
    for folder in (old, new):
        assert main(["build", str(folder), "--out", str(base / "out"), "--formaten",
                     "docx"]) == 0
    return base / "inputs", base / "out"


# --- reading a Word file's tracked changes --------------------------------------------

def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml")).find(f"{w}body")


def _is_mark(el: etree._Element) -> bool:
    """A paragraph mark's w:ins or w:del (in w:pPr/w:rPr), not a change of text."""
    return el.getparent().tag == f"{w}rPr"


def resolved(path: Path, accept: bool) -> list[str]:
    """The paragraphs' texts after accepting every tracked change (or rejecting every
    one), as Word does it: a paragraph whose mark is removed joins the next one."""
    body = copy.deepcopy(_body(path))
    drop, keep = (f"{w}del", f"{w}ins") if accept else (f"{w}ins", f"{w}del")
    for el in [e for e in body.iter(drop) if not _is_mark(e)]:
        el.getparent().remove(el)
    for el in [e for e in body.iter(keep) if not _is_mark(e)]:
        parent, at = el.getparent(), el.getparent().index(el)
        for child in list(el):
            parent.insert(at, child)
            at += 1
        parent.remove(el)
    lines, carry = [], ""
    for p in body.iter(f"{w}p"):
        text = "".join(t.text or "" for t in p.iter(f"{w}t", f"{w}delText"))
        if p.find(f"{w}pPr/{w}rPr/{drop}") is not None:
            carry += text
            continue
        lines.append(carry + text)
        carry = ""
    return [line for line in lines if line.strip()]


def plain(path: Path) -> list[str]:
    """The paragraphs' texts of a Word file without tracked changes."""
    body = _body(path)
    assert body.find(f".//{w}ins") is None and body.find(f".//{w}del") is None
    texts = ("".join(t.text or "" for t in p.iter(f"{w}t")) for p in body.iter(f"{w}p"))
    return [t for t in texts if t.strip()]


def pieces(p: etree._Element) -> list[tuple[str | None, str]]:
    """A paragraph as (None | 'del' | 'ins', text), run by run, neighbours of a kind
    joined."""
    out: list[tuple[str | None, str]] = []
    for t in p.iter(f"{w}t", f"{w}delText"):
        kind = None
        for up in t.iterancestors(f"{w}ins", f"{w}del"):
            kind = etree.QName(up).localname
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + (t.text or ""))
        elif t.text:
            out.append((kind, t.text))
    return out


def paragraphs(path: Path) -> list[tuple[str, list[tuple[str | None, str]], str | None]]:
    """(style, pieces, 'del'/'ins' where the paragraph mark is changed) of each paragraph."""
    out = []
    for p in _body(path).iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        mark = p.find(f"{w}pPr/{w}rPr")
        marked = None
        if mark is not None:
            for kind in ("ins", "del"):
                if mark.find(f"{w}{kind}") is not None:
                    marked = kind
        if pieces(p):
            out.append((style.get(f"{w}val") if style is not None else "", pieces(p), marked))
    return out


def _changes(built: tuple[Path, Path]) -> Path:
    return built[1] / CURRENT / "mededeling-wijzigingen.docx"


def _paragraph(built, start: str) -> list[tuple[str | None, str]]:
    found = [ps for _, ps, _ in paragraphs(_changes(built))
             if "".join(t for k, t in ps if k != "del").startswith(start)]
    assert len(found) == 1, start
    return found[0]


# --- the tests --------------------------------------------------------------------------

def test_accepting_every_change_gives_this_note_and_rejecting_them_the_previous_one(built):
    _, out = built
    changes = _changes(built)
    assert resolved(changes, accept=True) == plain(out / CURRENT / "mededeling.docx")
    assert resolved(changes, accept=False) == plain(out / PREVIOUS / "mededeling.docx")


def test_a_changed_title_is_the_whole_old_title_deleted_and_the_whole_new_inserted(built):
    ps = _paragraph(built, "Voor 1 van de 10 relanceprojecten")
    at = ps.index(("del", "VV007 ‘Project VV007’"))
    assert ps[at + 1] == ("ins", "VV007 ‘Versnelde uitrol digitale meters’")
    assert ps[at - 1][1].endswith("Dit betreft het project ")  # the words around: unchanged


def test_a_project_added_to_a_list_of_titles_is_inserted_whole_the_others_stay(built):
    ps = _paragraph(built, "2 relanceprojecten")
    deleted = [t for k, t in ps if k == "del"]
    inserted = [t for k, t in ps if k == "ins"]
    kept = "".join(t for k, t in ps if k is None)
    assert any("VV008 ‘Relanceproject 008’" in t for t in deleted)  # started since
    assert any("VV030 ‘Renovatie van sportinfrastructuur’" in t for t in inserted)
    assert "VV009 ‘Oude titel’" in kept  # still grey: not deleted and inserted again


def test_numbers_that_changed_stand_old_deleted_then_new_inserted(built):
    ps = _paragraph(built, "7 van de 10 relanceprojecten")
    at = ps.index(("del", "(66,67%)"))
    assert ps[at + 1] == ("ins", "(70%)")
    ps = _paragraph(built, "Het relanceplan telt")
    assert ps[1:3] == [("del", "9"), ("ins", "10")]


def test_no_change_begins_or_ends_inside_a_word_or_a_title(built):
    title = re.compile(r"‘[^\n]{0,300}?’(?!\w)")
    seen = 0
    for _, ps, _ in paragraphs(_changes(built)):
        for side, other in (("del", "ins"), ("ins", "del")):
            text, cuts, pos = "", [], 0
            for kind, t in ps:
                if kind == other:
                    continue
                if kind == side:
                    cuts.append((pos, pos + len(t)))
                text += t
                pos += len(t)
            inside = [(m.start() + 1, m.end() - 1) for m in title.finditer(text)]
            for start, end in cuts:
                seen += 1
                for edge in (start, end):
                    if 0 < edge < len(text):
                        assert not (text[edge - 1].isalnum() and text[edge].isalnum()), (
                            text[max(edge - 30, 0):edge] + "|" + text[edge:edge + 30])
                    assert not any(a <= edge <= b and not (start <= a - 1 and b + 1 <= end)
                                   for a, b in inside), text[max(edge - 30, 0):edge + 30]
    assert seen > 40


def test_betreft_samenvatting_headings_annexes_and_signature_carry_the_changes(built):
    ps = _paragraph(built, "Betreft: ")
    assert [p for p in ps if p[0]] == [("del", "eerste"), ("ins", "tweede"),
                                        ("del", "30 april"), ("ins", "31 augustus")]
    ps = _paragraph(built, "Samenvatting: ")
    assert ("del", "eerste") in ps and ("ins", "tweede") in ps
    heading = [(s, ps) for s, ps, _ in paragraphs(_changes(built))
               if "".join(t for k, t in ps if k != "del").startswith("3. VOORTGANG")]
    assert heading == [("Heading1", [(None, "3. VOORTGANG UITVOERING RELANCEPROJECTEN "),
                                     ("del", "30 APRIL"), ("ins", "31 AUGUSTUS"),
                                     (None, " 2022")])]
    ps = _paragraph(built, "BIJLAGE 1: ")
    assert ("del", "30 april") in ps and ("ins", "31 augustus") in ps
    assert ("ins", " en Vlaams minister van Economie") in _paragraph(
        built, "Minister-president van de Vlaamse Regering")
    assert ("ins", " EN VLAAMS MINISTER VAN ECONOMIE") in _paragraph(built, "MINISTER-PRESIDENT")


def test_a_replaced_list_item_is_deleted_and_the_new_ones_inserted_where_it_stood(built):
    items = [(style, ps, mark) for style, ps, mark in paragraphs(_changes(built))
             if style == "ListBullet" and "".join(t for _, t in ps).startswith(
                 ("De Vlaamse Regering hanteert", "Een campagne", "Er verschenen",
                  "Elke maand", "De mededeling staat"))]
    assert [(ps, mark) for _, ps, mark in items] == [
        ([(None, "De Vlaamse Regering hanteert een apart label ‘Vlaamse Veerkracht’.")], None),
        ([("del", "Een campagne op sociale media liep in het voorjaar.")], "del"),
        ([("ins", "Er verschenen video’s over zes projecten in de kijker.")], "ins"),
        ([("ins", "Elke maand verschijnt een nieuwsbrief voor de lokale besturen.")], "ins"),
        ([(None, "De mededeling staat op de website Vlaamse Veerkracht.")], None)]


def test_paragraphs_that_are_new_are_inserted_whole_with_their_paragraph_mark(built):
    ps = [(p, mark) for _, p, mark in paragraphs(_changes(built))
          if "".join(t for _, t in p).startswith("Er werd 1 project bijkomend opgestart")]
    assert len(ps) == 1 and ps[0][1] == "ins" and {k for k, _ in ps[0][0]} == {"ins"}


def test_the_web_page_shows_the_same_marks(built, tmp_path):
    from mededeling.web.app import create_app
    from mededeling.web.builds import Builder

    inputs, _ = built
    app = create_app(inputs, tmp_path / "out", Builder(inputs, tmp_path / "out"))
    page = app.test_client().get(f"/ronde/{CURRENT}/wijzigingen").get_data(as_text=True)
    assert ("<strong>Betreft:</strong> Monitoring relanceplan Vlaamse Veerkracht: "
            "<del>eerste</del><ins>tweede</ins> meting <del>30 april</del><ins>31 augustus"
            "</ins> 2022") in page
    assert ("<h2>3. VOORTGANG UITVOERING RELANCEPROJECTEN <del>30 APRIL</del><ins>31 AUGUSTUS"
            "</ins> 2022</h2>") in page
    on_page = [(kind, html.unescape(re.sub(r"<[^>]+>", "", text)))
               for kind, text in re.findall(r"<(del|ins)>(.*?)</\1>", page, flags=re.S)]
    in_word = [(k, t) for _, ps, _ in paragraphs(_changes(built)) for k, t in ps if k]
    assert on_page == in_word and len(in_word) > 40


# --- the compared note itself, on notes changed by hand -----------------------------------

def lines(note, side: str | None = None) -> list[str]:
    """A note's texts in reading order (header, headings, paragraphs, items, annex list,
    signature); of a compared note with every change accepted ('accept') or rejected."""
    from mededeling.core.blocks import BulletList, Paragraph

    gone = {"accept": "del", "reject": "ins"}.get(side or "")
    marks = dict(note.marks)

    def text(runs) -> str:
        return "".join(r.text for r in runs if r.change is None or r.change != gone)

    def field(name: str, plain: str) -> str:
        return text(marks[name]) if name in marks else plain

    out = [field(f, getattr(note, f))
           for f in ("functie_hoofding", "titel", "betreft", "samenvatting")]

    def items(its) -> None:
        for it in its:
            out.append(text(it.runs))
            items(it.children)

    def walk(s) -> None:
        out.append(text(s.heading_runs) if s.heading_runs else s.heading)
        for b in s.blocks:
            if isinstance(b, Paragraph):
                out.append(text(b.runs))
            elif isinstance(b, BulletList):
                items(b.items)
        for sub in s.subsections:
            walk(sub)

    for s in note.sections:
        walk(s)
    out += [field(f"bijlage/{i}", b) for i, b in enumerate(note.bijlagen)]
    out += [field("ondertekening.naam", note.ondertekening.naam),
            field("ondertekening.functie", note.ondertekening.functie)]
    return [line for line in out if line.strip()]


@pytest.fixture(scope="module")
def notes(built):
    from mededeling.pipeline import prepare

    inputs, _ = built
    prep = prepare(inputs / CURRENT, compare=True)
    return prep.previous_note, prep.note


def _without_annex_3(note):
    """The note of a round without impactindicatoren: 6.3 and annex 3 left out, the
    sections and annexes after them numbered one lower."""
    import dataclasses

    six = note.sections[-1]
    subs = [s for s in six.subsections if s.number != "6.3"]
    subs = [dataclasses.replace(s, number=f"6.{i}") for i, s in enumerate(subs, start=1)]
    annexes = [b for b in note.bijlagen if not b.startswith("BIJLAGE 3:")]
    annexes = [re.sub(r"^BIJLAGE \d+", f"BIJLAGE {i}", b) for i, b in enumerate(annexes, 1)]
    return dataclasses.replace(note, sections=note.sections[:-1] + (
        dataclasses.replace(six, subsections=tuple(subs)),), bijlagen=tuple(annexes))


def _without_a_child_item(note):
    """Section 2 without the first item under 'Welzijn en Zorg'."""
    import dataclasses

    from mededeling.core.blocks import BulletList

    two = note.sections[1]
    blocks = list(two.blocks)
    at = max(i for i, b in enumerate(blocks) if isinstance(b, BulletList))
    items = list(blocks[at].items)
    items[-1] = dataclasses.replace(items[-1], children=items[-1].children[1:])
    blocks[at] = dataclasses.replace(blocks[at], items=tuple(items))
    return dataclasses.replace(note, sections=(note.sections[0], dataclasses.replace(
        two, blocks=tuple(blocks))) + note.sections[2:])


@pytest.mark.parametrize("case", ["rounds", "going back", "annex left out",
                                  "annex back", "child item gone"])
def test_accepting_the_compared_note_gives_the_new_one_and_rejecting_it_the_old(notes, case):
    from mededeling.note.comparison import compare

    before, after = notes
    before, after = {
        "rounds": (before, after),
        "going back": (after, before),
        "annex left out": (after, _without_annex_3(after)),
        "annex back": (_without_annex_3(after), after),
        "child item gone": (after, _without_a_child_item(after)),
    }[case]
    assert lines(before) != lines(after)
    compared = compare(before, after)
    assert lines(compared, "accept") == lines(after)
    assert lines(compared, "reject") == lines(before)


def test_a_section_left_out_stands_deleted_where_it_stood(notes):
    from mededeling.note.comparison import compare

    _, note = notes
    compared = compare(note, _without_annex_3(note))
    six = compared.sections[-1].subsections
    assert [[(r.change, r.text) for r in s.heading_runs] for s in six] == [
        [], [],
        [("del", "6.3. NOTA IMPACTINDICATOREN")],
        [("del", "6.4."), ("ins", "6.3."), (None, " OVERZICHT OUTPUTINDICATOREN")],
        [("del", "6.5."), ("ins", "6.4."), (None, " OVERZICHT DASHBOARDINDICATOREN")]]
    assert {r.change for b in six[2].blocks for r in b.runs} == {"del"}
    assert compared.bijlagen[2] == "BIJLAGE 3: Nota impactindicatoren"
    marks = dict(compared.marks)
    assert [(r.change, r.text) for r in marks["bijlage/2"]] == [
        ("del", "BIJLAGE 3: Nota impactindicatoren")]
    assert [(r.change, r.text) for r in marks["bijlage/3"]] == [
        (None, "BIJLAGE "), ("del", "4:"), ("ins", "3:"), (None, " Overzicht outputindicatoren")]


def test_the_sample_compared_reads_back_as_both_notes(small_sample):
    from mededeling.note.comparison import compare
    from mededeling.pipeline import prepare

    prep = prepare(small_sample / "2021-12-31", compare=True)
    compared = compare(prep.previous_note, prep.note)
    assert lines(compared, "accept") == lines(prep.note)
    assert lines(compared, "reject") == lines(prep.previous_note)


# --- the rules within a text ---------------------------------------------------------------

def _shown(runs) -> list[tuple[str | None, str]]:
    return [(r.change, r.text) for r in runs]


@pytest.mark.parametrize("before, after, expected", [
    # the title: one deletion and one insertion, never "VV014VV030 ‘Relance..."
    ("Het gaat over VV014 ‘Relanceproject 014’ (oranje).",
     "Het gaat over VV030 ‘Renovatie van sportinfrastructuur’ (oranje).",
     [(None, "Het gaat over "), ("del", "VV014 ‘Relanceproject 014’"),
      ("ins", "VV030 ‘Renovatie van sportinfrastructuur’"), (None, " (oranje).")]),
    # a number with its share: old deleted, new inserted, next to each other
    ("daalde van 479 (47,61%) tot nu.", "daalde van 465 (36,99%) tot nu.",
     [(None, "daalde van "), ("del", "479 (47,61%)"), ("ins", "465 (36,99%)"),
      (None, " tot nu.")]),
    # changes with two short words between them: one change
    ("Het aantal steeg van 300 naar 479 op schema.",
     "Het aantal daalde van 479 naar 465 op schema.",
     [(None, "Het aantal "), ("del", "steeg van 300 naar 479"),
      ("ins", "daalde van 479 naar 465"), (None, " op schema.")]),
    # a longer word that stays, stays ('september 2021' moved from the end to the start)
    ("tussen april 2021 en september 2021 was het zo.",
     "tussen september 2021 en december 2021 was het zo.",
     [(None, "tussen "), ("del", "april 2021 en "), (None, "september 2021 "),
      ("ins", "en december 2021 "), (None, "was het zo.")]),
    # a word is never cut: 'projecten' does not become 'project' + 'en'
    ("De projecten lopen.", "De project loopt.",
     [(None, "De "), ("del", "projecten lopen."), ("ins", "project loopt.")]),
    # a sentence with nothing much in common: whole, the sentence after it compared
    ("Op 30 april zijn 300 mijlpalen op schema. Tot slot 9 andere.",
     "Het aantal mijlpalen op schema steeg van 300 naar 479. Tot slot 10 andere.",
     [("del", "Op 30 april zijn 300 mijlpalen op schema."),
      ("ins", "Het aantal mijlpalen op schema steeg van 300 naar 479."),
      (None, " Tot slot "), ("del", "9"), ("ins", "10"), (None, " andere.")]),
    # one title more in a list: the titles that stay are not deleted and inserted again
    ("over: VV001 ‘Eerste’ en VV002 ‘Tweede’.",
     "over: VV001 ‘Eerste’, VV002 ‘Tweede’ en VV003 ‘Derde’.",
     [(None, "over: VV001 ‘Eerste’"), ("del", " en"), ("ins", ","), (None, " VV002 ‘Tweede’"),
      ("ins", " en VV003 ‘Derde’"), (None, ".")]),
])
def test_changes_within_a_text_read_as_a_person_follows_them(before, after, expected):
    from mededeling.note.comparison import word_diff

    runs = word_diff(before, after)
    assert _shown(runs) == expected
    assert "".join(r.text for r in runs if r.change != "del") == after
    assert "".join(r.text for r in runs if r.change != "ins") == before
