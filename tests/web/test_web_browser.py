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


def serving(base: Path, small_sample: Path):
    """`mededeling serve` on a copy of the small sample in `base`, on a free port: yields
    (url, inputs, out) and stops the server after."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium ontbreekt (/usr/bin/chromium): ./scripts/setup --tests "
                    "installeert het")
    inputs, out = base / "inputs", base / "output"
    shutil.copytree(small_sample, inputs)
    log = base / "serve.log"
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
def served(tmp_path_factory, small_sample):
    """A copy of the small cut of the sample inputs, served on a free port."""
    yield from serving(tmp_path_factory.mktemp("web"), small_sample)


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
    expect(errors).to_contain_text("ronde.xlsx")  # the file as uploaded
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


# --- issue 14: the paths a team of staff runs into, at a desk and on a phone ----------

WIDTHS = (1280, 400)


@pytest.fixture
def team(tmp_path, small_sample):
    """A server of its own on a fresh copy of the small sample (these tests break rounds
    and place finals, which the walk-through above must not see)."""
    yield from serving(tmp_path, small_sample)


def fits(page) -> None:
    """Nothing wider than the window: the page never scrolls sideways."""
    wide, inner = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= inner, f"de pagina is {wide} px breed in een venster van {inner} px"


def near_top(locator, most: int = 700) -> None:
    """Seen without scrolling far: the element starts within the first screen or so."""
    from playwright.sync_api import expect

    expect(locator).to_be_visible()
    top = locator.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    assert top < most, f"staat pas op {top:.0f} px"


def shots_dir(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("MEDEDELING_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def upload_in(page, url: str, path: Path, meetmoment: str = "2022-04-30") -> None:
    page.goto(url)
    page.set_input_files("#bestand", str(path))
    page.fill("#meetmoment", meetmoment)
    page.get_by_role("button", name="Opladen en controleren").click()


def test_an_upload_says_its_cause_and_the_previous_rounds_errors_at_the_top(
        team, browser, tmp_path):
    from roundkit import zip_of

    import urllib.request

    url, inputs, _ = team
    with urllib.request.urlopen(url) as response:  # the real server: no versions named
        assert response.headers["Server"] == "mededeling"
    shots = shots_dir(tmp_path)
    latest = inputs / "2021-12-31"
    entries = {p.name: p.read_bytes() for p in latest.glob("*.csv")}
    entries["projecten (1).csv"] = entries.pop("projecten.csv")
    renamed = tmp_path / "ronde.zip"
    renamed.write_bytes(zip_of(entries))
    good = tmp_path / "april.xlsx"
    good.write_bytes(workbook_of(latest))
    milestones = latest / "mijlpalen.csv"
    original = milestones.read_bytes()
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="nl-BE")
        upload_in(page, url, renamed)
        near_top(page.get_by_text("‘projecten (1).csv’ uit de ZIP werd niet gebruikt: is dat "
                                  "projecten.csv?"))
        fits(page)
        page.screenshot(path=shots / f"14-oorzaak-{width}.png", full_page=True)

        # the previous round breaks: a valid upload is not blamed for it
        milestones.write_bytes(original.replace(b"2022-Q", b"2022-Q9", 1))
        upload_in(page, url, good)
        near_top(page.get_by_text("De vorige meetronde 2021-12-31 bevat fouten; verbeter die "
                                  "eerst."))
        expect_no = page.get_by_text("Verbeter het bestand")
        assert expect_no.count() == 0
        fits(page)
        page.screenshot(path=shots / f"14-vorige-ronde-{width}.png", full_page=True)
        page.get_by_role("link", name="2021-12-31").first.click()
        assert page.url.endswith("/ronde/2021-12-31")
        page.locator("table.problemen").first.wait_for()
        fits(page)  # the error table of the round, at this width
        page.screenshot(path=shots / f"14-fouten-{width}.png", full_page=True)
        milestones.write_bytes(original)
        page.close()
    assert not (inputs / "2022-04-30").exists()


@pytest.mark.slow
def test_a_draft_beside_a_final_and_a_final_asked_for_at_both_widths(team, browser, tmp_path):
    from playwright.sync_api import expect

    url, inputs, out = team
    shots = shots_dir(tmp_path)
    final = out / "2021-12-31"
    final.mkdir(parents=True)
    (final / "manifest.json").write_text(
        '{"definitief": true, "uitvoer": {"mededeling.pdf": "0", "mededeling.docx": "0"}}')
    (final / "mededeling.pdf").write_bytes(b"%PDF-1.7 definitief")
    (final / "mededeling.docx").write_bytes(b"PK definitief")
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="nl-BE")
        page.goto(url + "ronde/2021-12-31")
        said = page.get_by_text("Er staat al een definitieve versie in")
        expect(said).to_contain_text("Een ontwerp komt ernaast, in")
        expect(said).to_contain_text("2021-12-31-v2")
        expect(page.get_by_role("button", name="Ontwerp ernaast maken")).to_be_visible()
        expect(page.get_by_text("Alles als ZIP (mededeling-2021-12-31-definitief.zip)")) \
            .to_be_visible()
        fits(page)
        page.screenshot(path=shots / f"14-ronde-{width}.png", full_page=True)

        # a final is asked for: without the box ticked the browser does not send the form
        page.get_by_role("button", name="Definitieve versie maken").click()
        confirm = page.get_by_role("checkbox", name=re.compile("Ik weet dat een definitieve"))
        assert confirm.evaluate("e => e.validity.valueMissing")
        assert not any(p.name.startswith("2021-12-31-v") for p in out.iterdir())
        page.goto(url + "ronde/2021-09-30")
        fits(page)
        page.close()

    page = browser.new_page(viewport={"width": 400, "height": 900}, locale="nl-BE")
    page.goto(url + "ronde/2021-12-31")
    page.get_by_role("button", name="Ontwerp ernaast maken").click()
    expect(page.get_by_text("Klaar in")).to_be_visible(timeout=240_000)
    expect(page.get_by_text("het ontwerp staat in")).to_contain_text("2021-12-31-v2")
    expect(page.get_by_role("heading", name="Ontwerp in 2021-12-31-v2 (versie 2)")).to_be_visible()
    assert (final / "mededeling.pdf").read_bytes() == b"%PDF-1.7 definitief"
    fits(page)  # with the download table of two builds
    page.screenshot(path=shots / "14-ontwerp-ernaast-400.png", full_page=True)
    page.close()
