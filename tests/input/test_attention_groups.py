"""ronde.toml [[aandacht]]: the orange and red projects section 3.1 names as a group,
checked against the round (issue 13), and staff's nested Markdown lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from mededeling.errors import InvalidInput
from mededeling.input.markdown import narrative
from mededeling.note.keyfigures import sentences
from mededeling.pipeline import prepare
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round


def round_with(tmp_path: Path, groups: str, **counts: int) -> Path:
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(**(counts or dict(donkergroen=4, oranje=4, rood=2))))
    folder = write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, [(c, "donkergroen", "2022-Q1") for c, _ in projects],
        [(c, 1_000_000, 1_000, 10) for c, _ in projects]))
    with (folder / "ronde.toml").open("a", encoding="utf-8") as f:
        f.write(groups)
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        prepare(folder)
    return [f"{p.where}: {p.message} ‘{p.value}’" for p in caught.value.problems]


GROUP = '\n[[aandacht]]\ngroep = "{groep}"\nprojecten = [{codes}]\n'


def group(codes: str, groep: str = "digitaliseringsprojecten") -> str:
    return GROUP.format(groep=groep, codes=codes)


def test_a_group_is_named_with_its_number_in_words_and_the_rest_one_by_one(tmp_path):
    # VV005-VV008 orange, VV009-VV010 red
    folder = round_with(tmp_path, group('"VV007", "VV005"') + group('"VV009", "VV010"', "ziekenhuizen"))
    s = sentences(prepare(folder).note.sections)["3.1"]
    assert ("Dit betreft twee digitaliseringsprojecten VV005 en VV007, het project VV006 ‘Project "
            "VV006’ en het project VV008 ‘Project VV008’.") in s
    assert "(rood). Dit betreft twee ziekenhuizen VV009 en VV010." in s


def test_without_groups_the_sentence_is_unchanged(tmp_path):
    s = sentences(prepare(round_with(tmp_path, "")).note.sections)["3.1"]
    assert ("Dit betreft de projecten VV005 ‘Project VV005’, VV006 ‘Project VV006’, VV007 "
            "‘Project VV007’ en VV008 ‘Project VV008’.") in s


def test_unknown_code_wrong_status_and_a_code_twice_are_errors_naming_ronde_toml(tmp_path):
    folder = round_with(tmp_path, group('"VV005", "VV999"') + group('"VV001", "VV005"', "andere"))
    found = problems(folder)
    assert found == [
        "2022-04-30/ronde.toml, regel 8, sleutel aandacht.projecten: onbekend project in "
        "[[aandacht]] ‘VV999’",
        "2022-04-30/ronde.toml, regel 12, sleutel aandacht.projecten: project in [[aandacht]] is "
        "niet oranje of rood in deze meting ‘VV001 (donkergroen)’",
        "2022-04-30/ronde.toml, regel 12, sleutel aandacht.projecten: project staat meer dan "
        "eens in [[aandacht]] ‘VV005’",
    ]


def test_a_group_of_one_a_mixed_group_and_no_description_are_errors(tmp_path):
    folder = round_with(tmp_path, group('"VV005"') + group('"VV006", "VV009"')
                        + '\n[[aandacht]]\nprojecten = ["VV007", "VV008"]\n')
    found = problems(folder)
    assert any("noemt minstens twee projecten ‘['VV005']’" in p for p in found)
    assert any("mengt oranje en rode projecten ‘VV006, VV009’" in p for p in found)
    assert any("regel 16, sleutel aandacht.groep: groep in [[aandacht]] zonder omschrijving"
               in p for p in found)


def test_aandacht_must_be_a_list_of_tables(tmp_path):
    found = problems(round_with(tmp_path, '\n[aandacht]\ngroep = "één tabel"\n'))
    assert found == ["2022-04-30/ronde.toml, regel 8, sleutel aandacht: [[aandacht]] moet een "
                     "lijst van groepen zijn ‘None’"]


def _tree(source: str) -> list:
    """Each list of a text as (ordered, [(text, [children's texts])])."""
    out = []
    for _, blocks in narrative(source).groups:
        for b in blocks:
            if hasattr(b, "items"):
                out.append((b.ordered, [("".join(r.text for r in it.runs),
                                         ["".join(r.text for r in c.runs) for c in it.children])
                                        for it in b.items]))
    return out


@pytest.mark.parametrize("source", [
    "- een\n  - sub\n- twee\n",            # Markdown as documented
    "- een\n   o sub\n- twee\n",           # Word's second level pasted as text
    "• een\n\to sub\n• twee\n",
])
def test_a_nested_bullet_becomes_the_items_child(source):
    assert _tree(source) == [(False, [("een", ["sub"]), ("twee", [])])]


@pytest.mark.parametrize("source", [
    "1. een\n   - sub\n2. twee\n",          # CommonMark: under the item's text
    "1. een\n  - sub\n2. twee\n",           # two spaces, as for a bullet
    "1. een\n  o sub\n2. twee\n",
])
def test_a_nested_item_under_a_numbered_one_stays_in_the_numbered_list(source):
    assert _tree(source) == [(True, [("een", ["sub"]), ("twee", [])])]


def test_an_o_outside_a_list_is_a_word_and_a_paragraph_ends_the_list():
    assert _tree("o zo\n\n- een\n\nTekst.\n") == [(False, [("een", [])])]
    blocks = narrative("o zo mooi\n").groups[0][1]
    assert "".join(r.text for r in blocks[0].runs) == "o zo mooi"
