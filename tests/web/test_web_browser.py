"""The web page end to end, in a real headless Chromium, as a member of staff uses it.

`mededeling serve` runs as its own process on a free port; Playwright drives Debian's
Chromium (installed by `./scripts/setup --tests`), never a browser of its own. The
screenshots of every page are kept in the test's folder, or in $MEDEDELING_SCREENSHOTS.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from mededeling.pipeline import prepare
from mededeling.note.keyfigures import checks
from mededeling.render.readback import missing
from roundkit import workbook_of

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# as root in a closed network: no sandbox, no GPU, no calls home
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def served(tmp_path_factory, small_sample):
    """A copy of the small cut of the sample inputs, served on a free port."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium ontbreekt (/usr/bin/chromium): ./scripts/setup --tests "
                    "installeert het")
    base = tmp_path_factory.mktemp("web")
    inputs, out = base / "inputs", base / "output"
    shutil.copytree(small_sample, inputs)
    log = base / "serve.log"  # a file, not a pipe: a full pipe would stall the server
    with open(log, "w") as said:
        process = subprocess.Popen(
            [sys.executable, "-m", "mededeling", "serve", "--inputs", str(inputs), "--out",
             str(out), "--poort", "0", "--geen-browser"], stderr=said, stdout=said)
    url = None
    deadline = time.monotonic() + 60
    while url is None and time.monotonic() < deadline and process.poll() is None:
        match = re.search(r"draait op (http://127\.0\.0\.1:\d+/)", log.read_text())
        url = match[1] if match else time.sleep(0.1)
    if url is None:
        process.kill()
        pytest.fail("mededeling serve startte niet:\n" + log.read_text())
    yield url, inputs, out
    process.terminate()
    process.wait(60)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def workbook_with_status(source: bytes, row: int, status: str) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(source))
    ws = wb["projecten"]
    column = [c.value for c in ws[1]].index("status") + 1
    ws.cell(row=row, column=column, value=status)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_upload_fix_build_and_download_in_a_browser(served, browser, tmp_path):
    from playwright.sync_api import expect

    url, inputs, out = served
    shots = Path(os.environ.get("MEDEDELING_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                            locale="nl-BE")

    page.goto(url)
    expect(page.get_by_role("heading", name="Meetrondes")).to_be_visible()
    for day in ("31 december 2021", "30 september 2021"):
        expect(page.get_by_role("link", name=day)).to_be_visible()
    page.screenshot(path=shots / "1-start.png", full_page=True)

    # a round not in this repo, placed in the inputs folder by hand, with an error
    placed = inputs / "2022-08-31"
    shutil.copytree(inputs / "2021-12-31", placed)
    toml = placed / "ronde.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2021-12-31", "2022-08-31")
                    .replace("meting = 3", "meting = 5"), encoding="utf-8")
    projects = placed / "projecten.csv"
    lines = projects.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    code = lines[5].split(";")[0]
    lines[5] = "VX" + lines[5][2:]  # VV015 -> VX015: no project code
    projects.write_text("".join(lines), encoding="utf-8")
    page.reload()
    placed_row = page.get_by_role("row").filter(has_text="31 augustus 2022")
    expect(placed_row).to_contain_text("vijfde meting")
    expect(placed_row).to_contain_text("fout")
    page.get_by_role("link", name="31 augustus 2022").click()
    errors = page.locator("table.problemen")
    cause = errors.locator("tbody tr").first  # the wrong code, before the rows it orphans
    expect(cause).to_contain_text("2022-08-31/projecten.csv")
    expect(cause).to_contain_text("regel 6")
    expect(cause).to_contain_text("VX" + code[2:])
    expect(page.get_by_role("button", name="Ontwerp maken")).to_have_count(0)
    page.screenshot(path=shots / "1b-ronde-met-fouten.png", full_page=True)
    shutil.rmtree(placed)
    page.goto(url)

    # the small round of December as one workbook, handed in as the fourth meting
    sample_workbook = workbook_of(inputs / "2021-12-31")
    bad = tmp_path / "ronde.xlsx"
    bad.write_bytes(workbook_with_status(sample_workbook, 3, "paars"))
    page.set_input_files("#bestand", str(bad))
    page.fill("#meetmoment", "2022-04-30")
    expect(page.locator("#meting")).to_have_value("4")  # the next meting, filled in
    page.get_by_role("button", name="Opladen en controleren").click()
    errors = page.locator("table.problemen")
    expect(errors).to_contain_text("2022-04-30/ronde.xlsx")
    expect(errors).to_contain_text("blad projecten, rij 3")
    expect(errors).to_contain_text("paars")
    expect(page.get_by_role("alert").first).to_contain_text("er werd niets opgeslagen")
    assert not (inputs / "2022-04-30").exists()
    page.screenshot(path=shots / "2-fout-bij-opladen.png", full_page=True)

    good = tmp_path / "verbeterd" / "ronde.xlsx"
    good.parent.mkdir()
    good.write_bytes(sample_workbook)
    page.set_input_files("#bestand", str(good))
    expect(page.locator("#meetmoment")).to_have_value("2022-04-30")  # kept from the first try
    page.get_by_role("button", name="Opladen en controleren").click()
    expect(page).to_have_url(re.compile(r"/ronde/2022-04-30#top$"))
    expect(page.get_by_role("status").first).to_contain_text("Meetronde 2022-04-30 toegevoegd.")
    expect(page.get_by_text("De invoer is in orde")).to_be_visible()
    preview = page.frame_locator("iframe.voorbeeld")
    expect(preview.get_by_role("heading", name="MEDEDELING AAN DE VLAAMSE REGERING")).to_be_visible()
    page.screenshot(path=shots / "3-ronde.png", full_page=True)

    page.get_by_role("button", name="Ontwerp maken").click()
    expect(page.locator("progress")).to_be_visible()
    page.screenshot(path=shots / "4-bezig.png")
    expect(page.get_by_text("Klaar in")).to_be_visible(timeout=180_000)  # the page refreshes
    expect(preview.get_by_role("heading", name="MEDEDELING AAN DE VLAAMSE REGERING")).to_be_visible()
    page.screenshot(path=shots / "5-klaar.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Mededeling aan de Vlaamse Regering (PDF)").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    assert pdf.name == "mededeling.pdf"
    prep = prepare(inputs / "2022-04-30")
    sentences = checks(prep.note, prep.annexes)["mededeling"]
    assert len(sentences) > 5 and missing(pdf, sentences) == []
    assert (out / "2022-04-30" / "mededeling.pdf").read_bytes() == pdf.read_bytes()

    page.goto(url + "ronde/2022-04-30/voorbeeld")
    expect(page.get_by_text("VOORTGANG UITVOERING RELANCEPROJECTEN")).to_be_visible()
    page.screenshot(path=shots / "6-voorbeeld.png")
    page.goto(url + "ronde/2022-04-30/uitvoer/..%2F..%2Finputs/plan.toml")
    expect(page.get_by_text("Deze pagina of dit bestand bestaat niet.")).to_be_visible()
    page.screenshot(path=shots / "7-niet-gevonden.png")
    page.close()
