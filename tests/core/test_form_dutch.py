"""Issue 22's conventions of core/dutch and of the counted phrases, one case at a time."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mededeling.core import dutch as nl
from mededeling.note.annexes import output_lead


@pytest.mark.parametrize("title, expected", [
    ("Digitale 'één-loket'-werking", "‘Digitale “één-loket”-werking’"),
    ('Digitale "één-loket"-werking', "‘Digitale “één-loket”-werking’"),
    ("Digitale ‘één-loket’-werking", "‘Digitale “één-loket”-werking’"),
    ("Digitale “één-loket”-werking", "‘Digitale “één-loket”-werking’"),
    ("Vlaanderen’s ‘beste’ plan", "‘Vlaanderen’s “beste” plan’"),  # an apostrophe stays
    ("auto's en 's-Hertogenbosch", "‘auto's en 's-Hertogenbosch’"),
    ("‘Heel’ en ‘half’", "‘“Heel” en “half”’"),
    ("'Renovatiegolf'", "‘Renovatiegolf’"),  # wrapped by staff: not quoted twice
    ("“Renovatiegolf”", "‘Renovatiegolf’"),
    ("Overkophuizen", "‘Overkophuizen’"),
])
def test_quotes_in_a_title_nest(title, expected):
    assert nl.quoted(title) == expected


@pytest.mark.parametrize("shares, decimals, expected", [
    (((929, 1000), (9196, 10000)), 1, ("92,9%", "92,0%")),  # not 'ten opzichte van 92%'
    (((95, 100), (85, 100)), 2, ("95%", "85%")),
    (((1, 3), (1, 2)), 2, ("33,33%", "50,00%")),
    (((1, 8), (1, 3)), 1, ("12,5%", "33,3%")),
    (((0, 0), (1, 4)), 1, ("0%", "25%")),  # no decimal needed: none shown
])
def test_compared_shares_have_the_same_decimals(shares, decimals, expected):
    assert nl.percents(*shares, decimals=decimals) == expected
    for (part, whole), text in zip(shares, expected):  # the same figure as percent() gives
        assert Decimal(text.rstrip("%").replace(",", ".")) == \
            Decimal(nl.percent(part, whole, decimals).rstrip("%").replace(",", "."))


@pytest.mark.parametrize("change, expected", [
    (5, "+5 procentpunt"), (Decimal("0.5"), "+0,5 procentpunt"), (-1, "-1 procentpunt"),
    (Decimal("-0.8"), "-0,8 procentpunt"), (0, "0 procentpunt"),
])
def test_a_change_of_a_percentage_is_in_procentpunt(change, expected):
    assert nl.points(change) == expected


@pytest.mark.parametrize("value, expected", [
    (1200, "1200"), (Decimal("1200.5"), "1200,5"), (9999, "9999"), (12_500, "12.500"),
    (-6890, "-6890"), (44_100, "44.100"),
])
def test_one_rule_for_four_and_five_digits(value, expected):
    assert nl.number(value, 2) == expected
    if value == int(value):  # an amount of annex 1: the same rule
        assert nl.euro(value) == f"{expected} euro"


@pytest.mark.parametrize("args, expected", [
    ((150, 150, 150, 150), "De 150 projecten hebben elk één outputindicator, alle met een "
                           "streefwaarde. De realisatiegraad is de realisatie gedeeld door de "
                           "streefwaarde."),
    ((150, 150, 150, 180), "150 projecten hebben elk één outputindicator, alle met een "
                           "streefwaarde."),
    ((30, 12, 25, 180), "12 projecten hebben samen 30 outputindicatoren, waarvan 25 met een "
                        "streefwaarde."),
    ((3, 1, 0, 10), "1 project heeft 3 outputindicatoren, geen enkele met een streefwaarde. "
                    "Zonder streefwaarde is er geen realisatiegraad."),
    ((1, 1, 1, 10), "1 project heeft één outputindicator, met een streefwaarde."),
    ((1, 1, 0, 1), "1 project heeft één outputindicator, zonder streefwaarde."),
    ((2, 2, 2, 2), "De 2 projecten hebben elk één outputindicator, beide met een streefwaarde."),
    ((4, 2, 1, 9), "2 projecten hebben samen 4 outputindicatoren, waarvan 1 met een "
                   "streefwaarde."),
    ((0, 0, 0, 9), "Voor deze meting werden geen outputindicatoren opgegeven."),
])
def test_annex_4_counts_read_as_a_person_writes_them(args, expected):
    assert output_lead(*args).startswith(expected)
