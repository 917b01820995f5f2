"""Every number a reader sees in a reviewer's text is checked against the figures
(issue 23): a copy that replaced "158" by the full-width "１５９" once reached a final."""

from __future__ import annotations

import pytest

from mededeling.core import model as m
from mededeling.note.edits import check

NOW = ("Het relanceplan telt 158 eenmalige relanceprojecten en investeert 4,3 miljard euro; "
       "1257 mijlpalen, waarvan 12.500 euro, 92,9% en drie digitaliseringsprojecten bij "
       "deze derde meting.")


def edit(text: str) -> m.Edit:
    return m.Edit("2/relanceplan", NOW, text, "Kabinet", "2022-01-20", "nagelezen.docx")


@pytest.mark.parametrize("wrong", [
    "telt １５９ eenmalige",  # full-width digits
    "telt ١٥٩ eenmalige",  # Arabic-Indic digits
    "telt १५९ eenmalige",  # Devanagari digits
    "1.258 mijlpalen",  # a thousands separator the note does not write, another figure
    "1 258 mijlpalen",
    "12 600 euro",
    "92.9%",  # an English decimal point is not 92,9
    "vier digitaliseringsprojecten",  # a number in words
    "bij deze vierde meting",
])
def test_a_figure_the_round_does_not_give_is_a_conflict_in_any_form(wrong):
    conflict = check(edit(NOW + " " + wrong), NOW)
    assert conflict is not None
    assert conflict.reason == "de nagelezen tekst noemt een getal dat niet uit de cijfers volgt"


@pytest.mark.parametrize("same", [
    "telt １５８ eenmalige",  # the same figure in other digits reads as the same figure
    "1.257 mijlpalen", "1 257 mijlpalen", "12 500 euro", "12500 euro",
    "Drie digitaliseringsprojecten", "92,9 %",
])
def test_the_same_figure_written_otherwise_passes(same):
    assert check(edit(NOW + " " + same), NOW) is None


@pytest.mark.parametrize("odd", ["½ miljard", "Ⅻ projecten", "10²"])
def test_a_figure_the_check_cannot_read_is_a_conflict_not_a_pass(odd):
    conflict = check(edit(NOW + " " + odd), NOW)
    assert conflict is not None and "niet te lezen" in conflict.reason
    assert conflict.number == odd.strip("0123456789 ")[0]
