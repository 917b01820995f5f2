"""The Dutch number, date and list style of note-rules.md."""

import datetime as dt
from decimal import Decimal

import pytest

from mededeling.core import dutch as nl
@pytest.mark.parametrize("value, expected", [
    (812, "812"), (1483, "1483"), (9999, "9999"), (12500, "12.500"), (1_000_000, "1.000.000"),
    (0, "0"),
])
def test_numbers_in_running_text_have_no_separator_up_to_four_digits(value, expected):
    assert nl.number(value) == expected


@pytest.mark.parametrize("part, whole, decimals, expected", [
    (17, 180, 2, "9,44%"), (153, 180, 2, "85%"), (165, 1006, 2, "16,4%"),
    (465, 1257, 2, "36,99%"), (812, 874, 1, "92,9%"), (644, 675, 1, "95,4%"),
    (1, 800, 2, "0,13%"),  # 0,125: half up, where Babel would round to even (0,12)
    (1, 8, 0, "13%"), (0, 180, 2, "0%"), (5, 0, 2, "0%"),
])
def test_percentages_round_half_up_and_drop_trailing_zeros(part, whole, decimals, expected):
    assert nl.percent(part, whole, decimals) == expected


def test_fifteen_point_sixty_three_percent():
    assert nl.percent(Decimal("12.5"), 80) == "15,63%"


@pytest.mark.parametrize("amount, expected", [
    (1_524_000_000, "1,524 miljard euro"), (218_700_000, "219 miljoen euro"),
    (750_000_000, "750 miljoen euro"), (2_000_000_000, "2 miljard euro"),
    (999_600_000, "1 miljard euro"), (142_100_000, "142 miljoen euro"),
    (2_160_000_000, "2,16 miljard euro"), (500_000, "1 miljoen euro"),
])
def test_measured_amounts_are_rounded_to_the_million(amount, expected):
    assert nl.measured_euro(amount) == expected


@pytest.mark.parametrize("amount, expected", [
    (4_300_000_000, "4,3 miljard euro"), (4_215_000_000, "4,215 miljard euro"),
    (1_139_500_000, "1,1395 miljard euro"), (562_500_000, "562,5 miljoen euro"),
    (3_000_000_000, "3 miljard euro"), (75_000_000, "75 miljoen euro"),
    (250_000, "250.000 euro"),
])
def test_plan_amounts_are_exact_and_trimmed(amount, expected):
    assert nl.plan_euro(amount) == expected


@pytest.mark.parametrize("n, word", [
    (1, "eerste"), (2, "tweede"), (3, "derde"), (8, "achtste"), (12, "twaalfde"),
    (20, "twintigste"), (21, "eenentwintigste"), (22, "tweeëntwintigste"),
    (33, "drieëndertigste"), (40, "veertigste"),
])
def test_ordinals_in_words(n, word):
    assert nl.ordinal(n) == word


def test_dates_months_quarters_and_lists():
    assert nl.date(dt.date(2021, 12, 31)) == "31 december 2021"
    assert nl.quarter(2030, 4) == "het vierde kwartaal van 2030"
    assert nl.months_of([dt.date(2021, 9, 30), dt.date(2021, 4, 30)]) == "april en september 2021"
    assert nl.months_of([dt.date(2021, 12, 31), dt.date(2022, 4, 30)]) == \
        "december 2021 en april 2022"
    assert nl.join(["A", "B", "C"]) == "A, B en C"
    assert nl.join(["A"]) == "A"
    assert nl.quoted("Overkophuizen") == "\u2018Overkophuizen\u2019"


@pytest.mark.parametrize("part, whole, expected", [
    (37, 100, "37%"), (263, 1000, "26,3%"), (3678, 10000, "36,78%"), (1, 1, "100%"),
    (0, 0, "0%"), (1, 8, "12,5%"), (1, 3, "33,33%"), (2, 3, "66,67%"),
])
def test_a_share_in_a_table_has_the_form_of_the_note(part, whole, expected):
    """The same figure in the same form in every document (issue 22): a table column
    aligns on the right, not by zeros the note does not write."""
    assert nl.share(part, whole) == expected == nl.percent(part, whole)
