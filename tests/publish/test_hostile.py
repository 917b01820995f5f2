"""Hostile input: URLs and markup in every text field make no request and show as text."""

from __future__ import annotations

import http.server
import threading
import pytest

from mededeling.cli import main
from readback import docx_text, pdf_text
from roundkit import PROJECT_COLUMNS, RoundSpec, projects_with, statuses, write_plan, write_round


@pytest.fixture
def loopback():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_urls_and_markup_everywhere_make_no_request(tmp_path, loopback, capsys):
    base, hits = loopback
    html = (f'<img src="{base}/img.png"> <link rel="stylesheet" href="{base}/x.css"> '
            f'<style>@import url({base}/y.css);</style> <a href="{base}/a">a</a> '
            f'url({base}/z.png) & "quotes"')
    quoted = html.replace('"', '""')  # as a CSV cell
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = [(c, s, f"{c} {html}") for c, s in projects_with(*statuses(donkergroen=3, rood=1))]
    milestones = [(c, "donkergroen", "2022-Q1") for c, *_ in projects]
    folder = write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, milestones,
        [(c, 100_000_000, 30_000_000, 5_000_000) for c, *_ in projects],
        teksten={name: f"Tekst {html}\n\n![beeld]({base}/md.png)\n\n[link]({base}/md)\n\n"
                       f"<iframe src='{base}/frame'></iframe>\n\n[script](javascript:alert(1))\n"
                 for name in ("communicatie", "feedback", "impactindicatoren")},
        extra_csv={
            "agenderingen.csv": "project,datum,titel,url\n"
                                f"VV001,2022-01-14,\"{quoted}\",{base}/besluit\n",
            "dashboard.csv": "indicator,categorie,periode,waarde,eenheid,bron\n"
                             f"\"Werk {quoted}\",economisch,2021,5,%,{base}/bron\n"
                             f"\"Werk {quoted}\",economisch,2022,6,%,{base}/bron\n",
            "outputindicatoren.csv": "project,indicator,eenheid,streefwaarde,realisatie\n"
                                     f"VV001,\"{quoted}\",{base}/e,10,5\n",
        }))
    rows = (folder / "projecten.csv").read_text().splitlines()
    header = rows[0].split(",")
    assert header == PROJECT_COLUMNS
    # a webpage that points at the server too: a link, never fetched
    rows[1] = rows[1].replace("https://www.vlaanderen.be/vv001", f"{base}/webpagina")
    (folder / "projecten.csv").write_text("\n".join(rows) + "\n")

    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out)]) == 0
    assert hits == []
    built = out / "2022-04-30"
    for read, ext in ((pdf_text, "pdf"), (docx_text, "docx")):
        report = read(built / f"bijlage-1-globaal-rapport.{ext}")
        assert f'VV001 <img src="{base}/img.png">' in report
        note = read(built / f"mededeling.{ext}")
        assert f"Tekst <img src=\"{base}/img.png\">" in note
        assert "<iframe" in note
    page = (built / "mededeling.html").read_text(encoding="utf-8")
    assert "<img src=\"http" not in page and "<iframe" not in page
    assert f'<a href="{base}/md">link</a>' in page  # http(s) links stay links
    assert "href=\"javascript" not in page  # other schemes never become links
