"""The colour code of the monitoring reports, in one table.

The colours are part of the report's language: DOCX, HTML/PDF and every chart take them
from here, so a status looks the same wherever a reader meets it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str
    colour: str  # hex RGB, with '#'
    text_colour: str  # readable text on that colour
    project_label: str  # what the status means for a project
    milestone_label: str  # what it means for a milestone (legend of the charts)


STATUSES: dict[str, Status] = {
    s.code: s
    for s in (
        Status("donkergroen", "#1E7B34", "#FFFFFF", "opgestart na agendering VR", "op schema"),
        Status("lichtgroen", "#8CCB5E", "#000000", "opgestart", "op schema"),
        Status("oranje", "#F08A00", "#000000", "bijkomende aandacht nodig", "vertraagd"),
        Status("rood", "#D52B1E", "#FFFFFF", "bijkomende actie noodzakelijk", "bij te sturen"),
        Status("geel", "#FFD400", "#000000", "gerealiseerd", "gerealiseerd"),
        Status("grijs", "#A0A0A0", "#000000", "nog niet gestart", "nog niet gestart"),
        Status("blauw", "#2F6FB5", "#FFFFFF", "stopgezet", "stopgezet"),
    )
}

PROJECT_STATUSES: tuple[str, ...] = (
    "donkergroen", "lichtgroen", "oranje", "rood", "geel", "grijs", "blauw",
)
# Milestones have no 'lichtgroen': on schedule is donkergroen.
MILESTONE_STATUSES: tuple[str, ...] = ("donkergroen", "oranje", "rood", "geel", "grijs", "blauw")

# Stacking order of the milestone chart: done first, then running, then waiting.
MILESTONE_CHART_ORDER: tuple[str, ...] = ("geel", "donkergroen", "oranje", "rood", "blauw", "grijs")

STARTED_PROJECT = frozenset({"lichtgroen", "donkergroen", "geel"})
ON_SCHEDULE_OR_REALISED = frozenset({"donkergroen", "geel"})
# project statuses that say the project was put on the agenda of the Vlaamse Regering
# ('opgestart na agendering VR', and a realised project, which the note counts as
# 'bijkomend geagendeerd' too): such a project without a row in agenderingen.csv is a
# warning of the check, and annex 1 does not deny the agendering. One set for the note's
# count, the check and annex 1, so they cannot contradict each other.
AGENDA_STATUSES = frozenset({"donkergroen", "geel"})
