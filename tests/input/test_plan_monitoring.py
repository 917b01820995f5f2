"""plan.toml's `monitoring` and `monitoring_besluit` (issue 22): section 1's fixed text
is the plan's, validated like its other keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from mededeling.cli import main
from mededeling.pipeline import prepare
from mededeling.note.keyfigures import sentences
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round


def _round(inputs: Path, meetmoment: str = "2022-06-30") -> Path:
    projects = projects_with(*statuses(donkergroen=2))
    return write_round(inputs, RoundSpec(
        meetmoment, 4, projects, [(c, "donkergroen", "2022-Q3") for c, _ in projects],
        [(c, 100_000_000, 1_000_000, 0) for c, _ in projects]))


def test_the_plan_words_the_monitoring(tmp_path):
    inputs = tmp_path / "inputs"
    write_plan(inputs, extra='monitoring = "twee keer per jaar (juni en december)"\n'
                             'monitoring_besluit = "beslissing van de Vlaamse Regering van '
                             '1 maart 2022"\n')
    s = sentences(prepare(_round(inputs)).note.sections)
    assert s["1"].endswith("op het meetmoment 30 juni 2022. Het Vlaams Relanceplan wordt twee "
                           "keer per jaar gemonitord (juni en december), zoals gestipuleerd in "
                           "de beslissing van de Vlaamse Regering van 1 maart 2022.")


def test_without_a_decision_the_sentence_ends_after_the_months(tmp_path):
    inputs = tmp_path / "inputs"
    write_plan(inputs, extra='monitoring = "elk kwartaal"\n')
    s = sentences(prepare(_round(inputs)).note.sections)
    assert s["1"].endswith("Het Vlaams Relanceplan wordt elk kwartaal gemonitord.")


@pytest.mark.parametrize("extra, message", [
    ("monitoring = 3\n", "plan.toml, regel 5, sleutel monitoring: monitoring moet een tekst op "
                         "één regel zijn ‘3’"),
    ('monitoring = ""\n', "sleutel monitoring: monitoring moet een tekst op één regel zijn"),
    ('monitoring_besluit = "Mededeling van 5 februari 2021"\n',
     "sleutel monitoring_besluit: monitoring_besluit zonder monitoring"),
])
def test_a_wrong_monitoring_key_is_an_error(tmp_path, capsys, extra, message):
    inputs = tmp_path / "inputs"
    write_plan(inputs, extra=extra)
    assert main(["check", str(_round(inputs))]) == 2
    assert message in capsys.readouterr().err
