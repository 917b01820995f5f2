"""A PDF layout worker that dies in the middle of a build from the web page (issue 14):
the page says so in Dutch, nothing is written, the broken pool is let go and the next
build runs on new workers (started through a fork server by the pool's own thread)."""

from __future__ import annotations

import html
import os
import re
import signal
import time
from pathlib import Path

import pytest
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round

from mededeling.render import documents
from mededeling.web.app import create_app
from mededeling.web.builds import Builder

MEETMOMENT = "2022-01-31"


@pytest.fixture
def inputs(tmp_path) -> Path:
    inputs = tmp_path / "invoer"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=20, lichtgroen=3, grijs=1))
    write_round(inputs, RoundSpec(
        MEETMOMENT, 1, projects=projects,
        milestones=[("VV001", "geel", "2021-Q4"), ("VV002", "donkergroen", "2022-Q2")],
        finance=[(p[0], 1_000_000, 400_000, 100_000) for p in projects]))
    return inputs


def text_of(response) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def start_build(client) -> None:
    page = client.get(f"/ronde/{MEETMOMENT}").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = client.post(f"/ronde/{MEETMOMENT}/opbouwen",
                           data={"soort": "ontwerp", "csrf_token": csrf})
    assert response.status_code == 303


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # not yet reaped


@pytest.mark.slow  # two builds and two pools of layout workers: about 20 s
def test_a_worker_killed_mid_build_is_said_in_dutch_and_the_next_build_works(
        inputs, tmp_path, monkeypatch):
    out = tmp_path / "uitvoer"
    builder = Builder(inputs, out, new_pool=lambda: _pool())  # started by its own thread
    app = create_app(inputs, out, builder)
    app.config["TESTING"] = True
    client = app.test_client()
    killed: list[int] = []
    shown: list[str] = []
    draw = documents.draw_charts

    def kill_then_draw(prep, store, step):
        # the global report's chunks are with the workers now: one of them dies
        shown.append(text_of(client.get(f"/ronde/{MEETMOMENT}")))
        killed.extend(builder.pool().pids())
        os.kill(killed[0], signal.SIGKILL)
        return draw(prep, store, step)

    monkeypatch.setattr(documents, "draw_charts", kill_then_draw)
    start_build(client)
    builder.wait(120)
    page = text_of(client.get(f"/ronde/{MEETMOMENT}"))
    # while it ran, the page named the work under way, in the staff's words
    assert "Bezig: ontwerp · Globaal rapport opmaken" in shown[0]
    assert "Een hulpproces dat de PDF's opmaakt, is onverwacht gestopt" in page
    assert "Er werd niets geschreven. Start de opbouw opnieuw" in page
    assert "Onverwachte fout" not in page and "BrokenProcessPool" not in page
    assert not (out / MEETMOMENT).exists()

    monkeypatch.setattr(documents, "draw_charts", draw)
    start_build(client)
    builder.wait(120)
    page = text_of(client.get(f"/ronde/{MEETMOMENT}"))
    assert re.search(r"Klaar in [\d,]+ s: het ontwerp staat in .*/2022-01-31", page), page
    assert (out / MEETMOMENT / "bijlage-1-globaal-rapport.pdf").read_bytes()[:5] == b"%PDF-"
    new = builder.pool()
    assert new.method == "forkserver" and not set(killed) & set(new.pids())
    deadline = time.monotonic() + 10  # the broken pool's other workers were ended too
    while not all(map(gone, killed)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(map(gone, killed))
    builder.close()


def _pool():
    from mededeling.render.workers import LayoutPool

    return LayoutPool(2, method="forkserver")
