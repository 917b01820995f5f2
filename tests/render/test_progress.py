"""The progress of a build as staff see it (issue 14): each step named for what is being
done at that moment, in their words, and a bar whose units add up to exactly 100%.

A build is run through `publish` with a recorder as its step callback; the renderers
themselves are wrapped to note the label shown while they work, so a label that stays
on something already finished (the 50 s of 'PDF opgemaakt') fails here.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from roundkit import (
    OPTIONAL_FILES, RoundSpec, projects_with, statuses, write_plan, write_round,
)

from mededeling.pipeline import prepare
from mededeling.publish import Result, publish, units_of_work
from mededeling.render.documents import FORMATS, Mode
from mededeling.render.progress import WEIGHTS, label, stage

PROJECTS = 26  # three chunks of the global report: 12, 12 and 2


class Recorder:
    """A step callback that keeps every call, the label shown and the thread it came from."""

    def __init__(self) -> None:
        self.shown = ""
        self.done = 0
        self.calls: list[tuple[str, int, str]] = []
        self.work: list[tuple[str, str]] = []  # (what was working, the label shown then)
        self.lock = threading.Lock()

    def __call__(self, what: str, n: int) -> None:
        with self.lock:
            if what:
                self.shown = what
            self.done += n
            self.calls.append((what, n, threading.current_thread().name))

    def labels(self) -> list[str]:
        return [what for what, _, _ in self.calls if what]


@pytest.fixture(scope="module")
def round_dir(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("voortgang")
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=20, lichtgroen=4, oranje=1, grijs=1))
    spec = RoundSpec("2022-01-31", 1, projects=projects,
                     milestones=[("VV001", "geel", "2021-Q4"), ("VV002", "donkergroen", "2022-Q2"),
                                 ("VV003", "oranje", "2022-Q1")],
                     finance=[(p[0], 1_000_000, 400_000, 100_000) for p in projects],
                     extra_csv=OPTIONAL_FILES)  # all five annexes, each a stage
    return write_round(inputs, spec)


def watch(monkeypatch, recorder: Recorder) -> None:
    """Note the label shown while each kind of work runs (in this process)."""
    from mededeling.render import archive, charts, docx, pdf, readback

    def wrap(module, name: str, kind: str) -> None:
        original = getattr(module, name)

        def watched(*args, **kwargs):
            recorder.work.append((kind, recorder.shown))
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)

    wrap(pdf, "render", "pdf")
    wrap(docx, "render", "docx")
    wrap(docx, "render_document", "docx")
    wrap(charts, "milestone_chart", "chart")
    wrap(readback, "missing", "read")
    wrap(archive, "check", "archive")


def test_names_and_weights_are_the_staffs():
    assert label("bijlage-1-globaal-rapport") == "Globaal rapport"
    assert label("bijlage-2-covernota") == "Covernota"
    assert label("mededeling") == "Mededeling"
    assert stage("Globaal rapport opmaken, 120 van 180 projecten") == "Globaal rapport opmaken"
    assert stage("Teksten nalezen (2 van 12 documenten)") == "Teksten nalezen"
    assert all(isinstance(w, int) and w >= 1 for w in WEIGHTS.values())


@pytest.mark.slow  # a final laid out in this process: about 15 s
def test_each_label_is_the_work_being_done_and_the_units_add_up_to_100(
        round_dir, tmp_path, monkeypatch):
    prep = prepare(round_dir, compare=True)
    recorder = Recorder()
    watch(monkeypatch, recorder)
    total = units_of_work(prep, FORMATS, final=True)
    outcome = publish(prep, tmp_path / "out", FORMATS, Mode(final=True), None, recorder)

    assert outcome.result is Result.WRITTEN
    assert recorder.done == total  # exactly 100%, not 98% or 103%
    labels = recorder.labels()
    expected_stages = ["Globaal rapport opmaken", "Grafieken tekenen",
                       "PDF's van de mededeling en de bijlagen opmaken", "Word-bestanden maken",
                       "Kerncijfers en controlebestand", "Globaal rapport opmaken",
                       # the report's Word file made while a worker lays out its contents
                       "Inhoudstafel", "Word-bestanden maken", "Inhoudstafel",
                       "Samenvoegen en nummeren", "Word-bestanden maken",
                       "Mededeling opmaken", "Covernota opmaken", "Impactindicatoren opmaken",
                       "Outputindicatoren opmaken", "Dashboardindicatoren opmaken",
                       "Archiefpakket maken", "Bestanden wegschrijven", "Teksten nalezen",
                       "Archiefpakket controleren"]
    seen = [s for i, s in enumerate(map(stage, labels)) if i == 0 or s != stage(labels[i - 1])]
    assert seen == expected_stages
    charts = [x for x in labels if x.startswith("Grafieken tekenen")]
    assert charts == [f"Grafieken tekenen ({i} van {len(charts)})"
                      for i in range(1, len(charts) + 1)]
    assert f"Globaal rapport opmaken, {PROJECTS} van {PROJECTS} projecten" in labels
    assert "Word-bestanden maken (Covernota)" in labels
    assert [x for x in labels if x.startswith("Teksten nalezen")] == [
        f"Teksten nalezen ({i} van 12 documenten)" for i in range(1, 13)]
    # nothing past: no label says something is done while the next thing runs
    assert not [x for x in labels if re.search(r"\b(opgemaakt|klaar|gemaakt)\b", x)]

    # while each piece of work ran, the label named it
    wanted = {"pdf": ("Globaal rapport opmaken", "PDF's van de mededeling", "Inhoudstafel"),
              "docx": ("Word-bestanden maken",), "chart": ("Grafieken tekenen",),
              "read": ("Teksten nalezen",), "archive": ("Archiefpakket controleren",)}
    wrong = [(kind, shown) for kind, shown in recorder.work
             if not shown.startswith(wanted[kind])]
    assert recorder.work and not wrong
    assert {kind for kind, _ in recorder.work} == set(wanted)


@pytest.mark.slow  # layout workers started and a draft laid out: about 15 s
def test_with_workers_they_only_count_and_the_label_follows_the_main_process(round_dir,
                                                                             tmp_path):
    from mededeling.render.workers import LayoutPool

    prep = prepare(round_dir, compare=True)
    recorder = Recorder()
    pool = LayoutPool(2)
    try:
        publish(prep, tmp_path / "out", FORMATS, Mode(), pool, recorder)
    finally:
        pool.close()
    assert recorder.done == units_of_work(prep, FORMATS)
    main = threading.main_thread().name
    # the workers' callbacks (another thread) add units and never change the label
    assert all(what == "" for what, _, thread in recorder.calls if thread != main)
    counts = [int(m[1]) for m in (re.match(r"Globaal rapport opmaken, (\d+) van", x)
                                  for x in recorder.labels()) if m]
    assert counts == sorted(counts) and counts[-1] <= PROJECTS

