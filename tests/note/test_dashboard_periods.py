"""Annex 5 names its periods in Dutch: dashboard.csv's '2021-Q3' and '2021-09' are data,
a reader sees '2021 K3' (as annex 1 writes a quarter) and 'september 2021'. One phrase
in core.dutch, used by the annex's text, its alt texts and the charts' axes."""

from __future__ import annotations

import pytest

from mededeling.core import dutch as nl
from mededeling.core.blocks import Figure, Section, plain_text
from mededeling.pipeline import prepare


@pytest.mark.parametrize("data, text, axis", [
    ("2021", "2021", "2021"),
    ("2021-Q3", "2021 K3", "2021 K3"),
    ("2019-Q1", "2019 K1", "2019 K1"),
    ("2021-09", "september 2021", "sep. 2021"),
    ("2020-12", "december 2020", "dec. 2020"),
    ("2021-03", "maart 2021", "mrt. 2021"),
    ("2021-05", "mei 2021", "mei 2021"),  # not shortened, so no dot
])
def test_a_period_reads_as_dutch(data, text, axis):
    assert nl.period(data) == text
    assert nl.period(data, short=True) == axis


def test_a_quarter_is_written_as_annex_1_writes_it():
    assert nl.quarter_short(2030, 4) == "2030 K4"
    assert nl.period("2030-Q4") == nl.quarter_short(2030, 4)


def _blocks(sections: tuple[Section, ...]):
    for s in sections:
        yield from s.blocks
        yield from _blocks(s.subsections)


@pytest.fixture(scope="module")
def dashboard(small_sample):
    prep = prepare(small_sample / "2021-12-31")
    annex = next(d for d in prep.annexes if d.name == "bijlage-5-dashboardindicatoren")
    return prep, annex


def test_the_last_value_and_the_alt_texts_name_dutch_periods(dashboard):
    prep, annex = dashboard
    blocks = tuple(_blocks(annex.sections))
    text = plain_text(blocks)
    alts = [b.alt for b in blocks if isinstance(b, Figure)]
    # the sample has every kind of period: quarters, months and years
    assert "Laatste waarde (2021 K3): 95,1" in text  # Uitvoer van goederen
    assert "Laatste waarde (november 2021): 444" in text  # Faillissementen
    assert "Laatste waarde (2020): 11,9%" in text  # Armoede- of sociale-uitsluitingsrisico
    assert any(" van 2019 K3 tot 2021 K3: " in a for a in alts)
    assert any(" van december 2020 tot november 2021: " in a for a in alts)
    for series in prep.annex_figures.dashboard:
        assert f"Laatste waarde ({nl.period(series.points[-1][0])})" in text
    for shown in [text, *alts]:
        assert "-Q" not in shown and "Q1" not in shown and "Q3" not in shown
        assert not any(f"{year}-{m:02d}" in shown for year in range(2013, 2023)
                       for m in range(1, 13)), shown
    assert len(alts) == len(prep.annex_figures.dashboard)
