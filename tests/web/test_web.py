"""The web page, through Flask's test client: what staff see, and what it must refuse."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from roundkit import (RoundSpec, projects_with, statuses, workbook_of, write_plan, write_round,
                      zip_of)

from mededeling.web.app import create_app
from mededeling.web.builds import Builder

ROOT = Path(__file__).resolve().parents[2]


def small_round(inputs: Path, meetmoment: str = "2022-01-31", title: str | None = None,
                meting: int = 1) -> Path:
    projects = projects_with(*statuses(donkergroen=3, lichtgroen=1, grijs=1))
    if title is not None:  # the grey project: the note names it
        projects[4] = (projects[4][0], projects[4][1], title)
    spec = RoundSpec(meetmoment, meting, projects=projects,
                     milestones=[("VV001", "geel", "2021-Q4"), ("VV002", "donkergroen", "2022-Q2"),
                                 ("VV003", "oranje", "2022-Q1"), ("VV005", "grijs", "2023-Q1")],
                     finance=[(p[0], 1_000_000, 400_000, 100_000) for p in projects])
    return write_round(inputs, spec)


@pytest.fixture
def sample_inputs(tmp_path) -> Path:
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    return inputs


@pytest.fixture
def small_inputs(tmp_path) -> Path:
    inputs = tmp_path / "klein"
    write_plan(inputs)
    small_round(inputs)
    return inputs


def client_for(inputs: Path, out: Path):
    app = create_app(inputs, out, Builder(inputs, out))
    app.config["TESTING"] = True
    return app, app.test_client()


def token(client, path: str = "/") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def text_of(response) -> str:
    """The page's text, tags removed and entities decoded: what a person reads."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def upload(client, data: bytes, filename: str = "ronde.xlsx", **fields):
    form = {"meetmoment": "2022-04-30", "meting": "2", "naam": "Jan JAMBON",
            "functie": "Minister-president van de Vlaamse Regering",
            "csrf_token": token(client)}
    form.update(fields)
    form["bestand"] = (io.BytesIO(data), filename)
    return client.post("/nieuw", data=form, content_type="multipart/form-data")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- looking at rounds ----------------------------------------------------------------

def test_the_start_page_lists_the_sample_rounds_newest_first(sample_inputs, tmp_path):
    _, client = client_for(sample_inputs, tmp_path / "out")
    page = text_of(client.get("/"))
    first, second, third = (page.index(d) for d in
                            ("31 december 2021", "30 september 2021", "30 april 2021"))
    assert first < second < third
    assert "derde meting geldig nog niet gemaakt" in page
    assert page.count("geldig") == 3


def test_a_round_with_errors_lists_them_with_file_line_and_column(sample_inputs, tmp_path):
    path = sample_inputs / "2021-12-31" / "projecten.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[3] = lines[3].replace(";donkergroen;", ";<b>paars</b>;", 1)
    assert "<b>paars</b>" in lines[3]
    path.write_text("".join(lines), encoding="utf-8")
    _, client = client_for(sample_inputs, tmp_path / "out")

    assert "1 fout" in text_of(client.get("/"))
    response = client.get("/ronde/2021-12-31")
    body = response.get_data(as_text=True)
    row = re.search(r"<tr><td[^>]*>2021-12-31/projecten.csv</td>.*?</tr>", body)[0]
    cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells[:4] == ["2021-12-31/projecten.csv", "regel 4", "status", "<b>paars</b>"]
    assert "ongeldige waarde" in cells[4]
    assert "<b>paars</b>" not in body  # shown as typed, never as markup
    assert "Documenten maken" not in text_of(response)  # no build of a round that cannot build


def test_a_valid_round_shows_its_key_figures_and_previews_the_note(sample_inputs, tmp_path):
    _, client = client_for(sample_inputs, tmp_path / "out")
    page = text_of(client.get("/ronde/2021-12-31"))
    assert "Gestarte mijlpalen op schema of gerealiseerd 812 van de 874 92,9%" in page
    assert "Vastgelegd 1.524.000.000 euro 35,41%" in page
    preview = client.get("/ronde/2021-12-31/voorbeeld")
    assert preview.status_code == 200
    assert "812 van de 874, of 92,9% van de gestarte mijlpalen" in text_of(preview)
    assert "ONTWERP" in preview.get_data(as_text=True)
    assert not (tmp_path / "out" / "2021-12-31").exists()  # a preview writes no document


def test_a_round_placed_in_the_inputs_folder_appears(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    assert "31 januari 2022" in text_of(client.get("/"))
    small_round(small_inputs, "2022-05-31", meting=2)
    assert "31 mei 2022" in text_of(client.get("/"))


def test_a_changed_file_is_checked_again_and_a_folder_without_ronde_toml_is_listed(
        small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    assert "geldig" in text_of(client.get("/"))
    path = small_inputs / "2022-01-31" / "mijlpalen.csv"
    path.write_text(path.read_text().replace("2022-Q2", "2022-Q5"))
    (small_inputs / "2022-03-31").mkdir()
    page = text_of(client.get("/"))
    assert re.search(r"31 maart 2022 2022-03-31 \d+ fouten .* 31 januari 2022 2022-01-31 "
                     r"eerste meting 1 fout ", page)
    assert ("2022-03-31/ronde.toml bestand ontbreekt"
            in text_of(client.get("/ronde/2022-03-31")))
    assert "kwartaal 2022-Q5" in text_of(client.get("/ronde/2022-01-31"))


# --- adding a round -------------------------------------------------------------------

def test_an_upload_with_an_error_is_shown_and_not_saved_then_the_corrected_one_is(
        small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    good = workbook_of(source)
    csv_path = source / "projecten.csv"
    csv_path.write_text(csv_path.read_text().replace("donkergroen", "paars", 1))
    bad = workbook_of(source)
    before = tree(small_inputs)

    response = upload(client, bad)
    assert response.status_code == 422
    page = text_of(response)
    # named as the user knows the file, not as the folder it was going to
    assert "ronde.xlsx blad projecten, rij 2 status paars ongeldige waarde" in page
    assert "2022-04-30/ronde.xlsx" not in page
    assert "er werd niets opgeslagen" in page
    assert 'value="2022-04-30"' in response.get_data(as_text=True)  # the form keeps its values
    assert tree(small_inputs) == before

    response = upload(client, good)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/ronde/2022-04-30#top")
    page = text_of(client.get("/ronde/2022-04-30"))
    assert "Meetronde 2022-04-30 toegevoegd." in page
    assert "De invoer is in orde" in page
    assert (small_inputs / "2022-04-30" / "ronde.xlsx").read_bytes() == good
    assert "meting = 2" in (small_inputs / "2022-04-30" / "ronde.toml").read_text()


def test_an_existing_round_is_replaced_only_when_asked_and_is_kept(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    old = tree(small_inputs / "2022-01-31")
    source = small_round(tmp_path / "werk", "2022-01-31")
    data = workbook_of(source)

    response = upload(client, data, meetmoment="2022-01-31", meting="1")
    assert response.status_code == 409
    assert "bestaat al; er werd niets opgeslagen" in text_of(response)
    assert tree(small_inputs / "2022-01-31") == old

    response = upload(client, data, meetmoment="31-01-2022", meting="1", vervangen="ja")
    assert response.status_code == 303
    assert (small_inputs / "2022-01-31" / "ronde.xlsx").read_bytes() == data
    assert tree(small_inputs / ".vervangen" / "2022-01-31-1") == old
    assert "vorige versie is bewaard" in text_of(client.get("/ronde/2022-01-31"))


def test_a_zip_gives_only_the_files_of_a_round_whatever_its_entries_are_called(
        small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    entries = {f"2022-04-30/{p.name}": p.read_bytes() for p in source.glob("*.csv")}
    entries["2022-04-30/Projecten.CSV"] = entries.pop("2022-04-30/projecten.csv")
    entries["2022-04-30/teksten/communicatie.md"] = b"Een *nieuwe* campagne."
    entries["2022-04-30/ronde.toml"] = b"meetmoment = 1999-01-01"
    entries["2022-04-30/../../../ontsnapt.csv"] = b"code\n"
    entries["/etc/cron.d/x"] = b"x"
    entries["__MACOSX/2022-04-30/._projecten.csv"] = b"x"
    response = upload(client, zip_of(entries), filename="../../ronde.zip")
    assert response.status_code == 303
    folder = small_inputs / "2022-04-30"
    assert sorted(tree(folder)) == ["financiering.csv", "mijlpalen.csv", "projecten.csv",
                                    "ronde.toml", "teksten/communicatie.md"]
    assert "meetmoment = 2022-04-30" in (folder / "ronde.toml").read_text()
    page = text_of(client.get("/ronde/2022-04-30"))
    assert "Niet overgenomen uit de ZIP:" in page and "ontsnapt.csv" in page
    assert "ronde.toml (de gegevens van de meetronde komen uit het formulier)" in page
    assert not list(tmp_path.rglob("ontsnapt.csv")) and not list(tmp_path.rglob("x"))


@pytest.mark.parametrize("data,expected", [
    (b"code;titel\nVV001;x\n", "dit is geen Excel-werkmap en geen ZIP-bestand"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "dit is een oud Excel-bestand (.xls)"),
    (zip_of({"leesmij.txt": b"hallo"}), "ronde.xlsx: projecten.csv verplicht bestand ontbreekt"),
])
def test_an_upload_that_is_no_round_is_refused_in_dutch(small_inputs, tmp_path, data, expected):
    _, client = client_for(small_inputs, tmp_path / "out")
    before = tree(small_inputs)
    response = upload(client, data, filename="ronde.xlsx")
    assert response.status_code == 422
    assert expected in text_of(response)
    assert tree(small_inputs) == before
    assert not [p for p in small_inputs.iterdir() if p.name.startswith(".")]  # no work folder


def test_the_form_names_every_field_that_is_wrong(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    before = tree(small_inputs)
    response = upload(client, b"", meetmoment="31/02/2022", meting="nul", naam=" ")
    assert response.status_code == 422
    page = text_of(response)
    for message in ("geef de datum van het meetmoment", "geef het volgnummer van de meting",
                    "geef de naam van wie ondertekent", "kies een Excel-werkmap"):
        assert message in page
    assert tree(small_inputs) == before


def test_an_upload_above_the_limit_is_refused(small_inputs, tmp_path):
    app, client = client_for(small_inputs, tmp_path / "out")
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = upload(client, b"x" * 20_000)
    assert response.status_code == 413
    assert "Het bestand is te groot" in text_of(response)


# --- safe by construction -------------------------------------------------------------

def test_forms_without_a_csrf_token_do_nothing(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    response = client.post("/nieuw", data={
        "meetmoment": "2022-04-30", "meting": "4", "naam": "x", "functie": "y",
        "bestand": (io.BytesIO(workbook_of(source)), "ronde.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Dit formulier is verlopen of kwam niet van deze pagina" in text_of(response)
    response = client.post("/ronde/2022-01-31/opbouwen", data={"soort": "ontwerp"})
    assert response.status_code == 400
    assert not (small_inputs / "2022-04-30").exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("path", [
    "/ronde/..%2F..%2Fetc/uitvoer/x/passwd",
    "/ronde/2022-01-31/uitvoer/..%2F2022-01-31/manifest.json",
    "/ronde/2022-01-31/uitvoer/2022-01-31/..%2F..%2Fklein%2Fplan.toml",
    "/ronde/2022-01-31/uitvoer/2022-01-31/%2E%2E/plan.toml",
    "/ronde/2022-01-31/uitvoer/2022-01-31/geheim.txt",
    "/ronde/2022-01-31/uitvoer/2022-01-31/.2022-01-31.lock",
    "/ronde/2022-01-31/uitvoer/.cache.zip",
    "/ronde/2022-01-31/uitvoer/..%2F..%2Fklein.zip",
    "/ronde/1999-01-01/voorbeeld",
    "/static/..%2F..%2Fpyproject.toml",
    "/static/../../src/mededeling/cli.py",
    "/ronde/2022-01-31/../../plan.toml",
])
def test_requests_that_leave_the_folders_get_an_error_never_a_file(small_inputs, tmp_path, path):
    out = tmp_path / "out"
    build = out / "2022-01-31"
    build.mkdir(parents=True)
    (build / "manifest.json").write_text('{"uitvoer": {"mededeling.pdf": "0"}}')
    (build / "mededeling.pdf").write_bytes(b"%PDF-1.7 echt")
    (build / "geheim.txt").write_text("GEHEIM")  # in the folder, but no output of a build
    _, client = client_for(small_inputs, out)
    assert client.get("/ronde/2022-01-31/uitvoer/2022-01-31/mededeling.pdf").data \
        == b"%PDF-1.7 echt"
    response = client.get(path)
    assert response.status_code in (400, 404)
    body = response.get_data(as_text=True)
    assert "GEHEIM" not in body and "relance_projecten" not in body and "argparse" not in body
    assert "bestaat niet" in text_of(response) or "kan niet verwerkt" in text_of(response)


def test_only_this_machines_names_are_answered(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "aanvaller.example:8000"}).status_code == 400


def test_pages_allow_no_script(sample_inputs, tmp_path):
    _, client = client_for(sample_inputs, tmp_path / "out")
    for path in ("/", "/ronde/2021-12-31", "/ronde/2021-12-31/voorbeeld"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert "<script" not in response.get_data(as_text=True)


def test_titles_with_markup_are_shown_as_typed(small_inputs, tmp_path):
    shutil.rmtree(small_inputs / "2022-01-31")
    small_round(small_inputs, title='<script>alert("x")</script> & <b>vet</b>')
    _, client = client_for(small_inputs, tmp_path / "out")
    preview = client.get("/ronde/2022-01-31/voorbeeld").get_data(as_text=True)
    assert "<script>" not in preview and "&lt;script&gt;" in preview


# --- building and downloading ---------------------------------------------------------

def wait_for(client, app, meetmoment: str) -> str:
    app.extensions["mededeling"].builder.wait(120)
    return text_of(client.get(f"/ronde/{meetmoment}"))


def build(client, meetmoment: str, **fields):
    data = {"soort": "ontwerp", "csrf_token": token(client, f"/ronde/{meetmoment}")}
    data.update(fields)
    return client.post(f"/ronde/{meetmoment}/opbouwen", data=data)


def test_a_round_builds_from_the_page_and_its_files_download(small_inputs, tmp_path):
    from readback import pdf_text

    out = tmp_path / "out"
    app, client = client_for(small_inputs, out)
    response = build(client, "2022-01-31")
    assert response.status_code == 303
    page = wait_for(client, app, "2022-01-31")
    assert re.search(r"Klaar in [\d,]+ s: het ontwerp staat in .*/out/2022-01-31", page)
    assert "Ontwerp in 2022-01-31" in page
    assert "Mededeling aan de Vlaamse Regering mededeling.pdf" in page
    assert "Controlebestand voor de nalezers controle.html" in page
    assert "ontwerp gemaakt" in text_of(client.get("/"))

    pdf = client.get("/ronde/2022-01-31/uitvoer/2022-01-31/mededeling.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "attachment" in pdf.headers["Content-Disposition"]
    saved = tmp_path / "gedownload.pdf"
    saved.write_bytes(pdf.data)
    assert "2 van de 3, of 66,7% van de gestarte mijlpalen" in pdf_text(saved)

    review = client.get("/ronde/2022-01-31/uitvoer/2022-01-31/controle.html")
    assert review.mimetype == "text/html" and "attachment" not in review.headers.get(
        "Content-Disposition", "")

    first = client.get("/ronde/2022-01-31/uitvoer/2022-01-31.zip").data
    assert first == client.get("/ronde/2022-01-31/uitvoer/2022-01-31.zip").data
    archive = zipfile.ZipFile(io.BytesIO(first))
    built = out / "2022-01-31"
    assert {i.filename for i in archive.infolist()} == {
        f"2022-01-31/{p.name}" for p in built.iterdir()}
    assert archive.read("2022-01-31/mededeling.docx") == (built / "mededeling.docx").read_bytes()


@pytest.mark.slow  # two finals through the page: CI runs it (pytest --slow)
def test_a_final_is_never_overwritten_from_the_page(small_inputs, tmp_path):
    out = tmp_path / "out"
    app, client = client_for(small_inputs, out)
    build(client, "2022-01-31", soort="definitief", bevestigd="ja")
    assert "de definitieve versie staat in" in wait_for(client, app, "2022-01-31")
    final = tree(out / "2022-01-31")

    projects = small_inputs / "2022-01-31" / "projecten.csv"
    projects.write_text(projects.read_text().replace("Project VV002", "Project VV002 (nieuw)"))
    build(client, "2022-01-31", soort="definitief", bevestigd="ja")
    page = wait_for(client, app, "2022-01-31")
    assert "bevat een definitieve versie en deze opbouw zou ze wijzigen" in page
    assert "Als nieuwe versie ernaast maken" in page
    assert tree(out / "2022-01-31") == final

    build(client, "2022-01-31", soort="definitief", nieuwe_versie="ja",
          bevestigd="ja")
    page = wait_for(client, app, "2022-01-31")
    assert "staat in" in page and "2022-01-31-v2" in page
    assert "Definitieve versie in 2022-01-31-v2 (versie 2)" in page
    assert tree(out / "2022-01-31") == final
    assert "definitief (2 versies)" in text_of(client.get("/"))


def test_a_second_build_waits_for_the_first(small_inputs, tmp_path):
    app, client = client_for(small_inputs, tmp_path / "out")
    small_round(small_inputs, "2022-05-31", meting=2)
    build(client, "2022-01-31")
    response = build(client, "2022-05-31")
    page = text_of(client.get(response.headers["Location"].split("#")[0]))
    assert "Geweigerd: er loopt al een opbouw (meetronde 2022-01-31)" in page
    wait_for(client, app, "2022-01-31")


def test_serve_says_in_dutch_when_it_cannot_start(small_inputs, tmp_path, capsys):
    import socket

    from mededeling.cli import main

    assert main(["serve", "--inputs", str(tmp_path / "nergens"), "--geen-browser"]) == 2
    assert "De map" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--inputs", str(small_inputs), "--poort", str(port),
                     "--geen-browser"]) == 1
    err = capsys.readouterr().err
    assert f"Poort {port} is al in gebruik" in err and "--poort" in err


def test_a_round_being_built_is_not_replaced(small_inputs, tmp_path):
    from mededeling.web.builds import Job

    app, client = client_for(small_inputs, tmp_path / "out")
    old = tree(small_inputs / "2022-01-31")
    builder = app.extensions["mededeling"].builder
    builder._jobs["2022-01-31"] = Job("2022-01-31", final=True, new_version=False)  # running
    source = small_round(tmp_path / "werk", "2022-01-31")
    response = upload(client, workbook_of(source), meetmoment="2022-01-31", meting="1",
                      vervangen="ja")
    assert response.status_code == 409
    assert ("Geweigerd: er loopt een opbouw van de meetronde 2022-01-31; ze kan pas vervangen "
            "worden als die klaar is. Er werd niets opgeslagen.") in text_of(response)
    assert tree(small_inputs / "2022-01-31") == old
    assert not (small_inputs / ".vervangen").exists()


def test_an_upload_wrong_on_every_row_lists_a_hundred_problems(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    path = source / "mijlpalen.csv"
    header, *rows = path.read_text().splitlines()
    path.write_text("\n".join([header] + [f"VV001,{i},Mijlpaal,2022-Q9,paars,"
                                          for i in range(1, 3001)]) + "\n")
    response = upload(client, zip_of({p.name: p.read_bytes() for p in source.glob("*.csv")}),
                      filename="ronde.zip")
    assert response.status_code == 422
    page = text_of(response)
    assert page.count("ronde.zip: mijlpalen.csv regel") == 100
    assert "en nog 5900 fouten in dit bestand; alleen de eerste 100 staan hier" in page
    assert "ronde.zip bevat 6000 fouten" in page


def test_a_refused_zip_says_which_entries_it_did_not_use(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    entries = {p.name: p.read_bytes() for p in source.glob("*.csv")}
    entries["projecten (1).csv"] = entries.pop("projecten.csv")
    response = upload(client, zip_of(entries), filename="ronde.zip")
    assert response.status_code == 422
    page = text_of(response)
    cause = page.index("‘projecten (1).csv’ uit de ZIP werd niet gebruikt: is dat projecten.csv? "
                       "Geef het die naam en laad de ZIP opnieuw op.")
    unused = page.index("Niet gebruikt uit de ZIP (geen bestand van een meetronde): "
                        "projecten (1).csv.")
    listed = page.index("ronde.zip: projecten.csv verplicht bestand ontbreekt")
    # the cause at the top of the page, before the problems and before the list of rounds
    assert cause < unused < listed < page.index("Meetmoment Meting Invoer Documenten")
    assert page.count("fout") < 10  # no follow-on 'onbekend project' for every row


def test_a_meting_in_other_digits_is_refused_in_the_form(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    for meting in ("²", "①", "٣", "100"):
        response = upload(client, workbook_of(source), meting=meting)
        assert response.status_code == 422
        assert "geef het volgnummer van de meting" in text_of(response)
    assert not (small_inputs / "2022-04-30").exists()


def test_each_port_keeps_its_own_session(small_inputs, tmp_path):
    app = create_app(small_inputs, tmp_path / "out", Builder(small_inputs, tmp_path / "out"),
                     port=8765)
    response = app.test_client().get("/")
    assert response.headers["Set-Cookie"].startswith("mededeling-8765=")


def test_a_build_into_the_inputs_folder_is_refused_and_loses_nothing(small_inputs):
    app, client = client_for(small_inputs, small_inputs)
    before = tree(small_inputs)
    build(client, "2022-01-31")
    page = wait_for(client, app, "2022-01-31")
    assert "Geweigerd: de documenten zouden in de map van de invoer komen" in page
    assert tree(small_inputs) == before


def test_a_small_zip_that_unpacks_to_a_great_deal_is_refused(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    zeros = b"0" * (40 * 1024 * 1024)
    data = zip_of({"projecten.csv": zeros, "mijlpalen.csv": zeros})
    assert len(data) < 1024 * 1024
    response = upload(client, data, filename="ronde.zip")
    assert response.status_code == 422
    assert "mijlpalen.csv het bestand is uitgepakt te groot" in text_of(response)
    assert not (small_inputs / "2022-04-30").exists()


def test_a_build_on_other_versions_than_the_lock_says_so_on_the_page(small_inputs, tmp_path,
                                                                     monkeypatch):
    from mededeling.render import provenance

    monkeypatch.setattr(provenance, "lock_differences",
                        lambda: (("matplotlib", "3.11.2", "3.12.0"),))
    app, client = client_for(small_inputs, tmp_path / "out")
    build(client, "2022-01-31")
    page = wait_for(client, app, "2022-01-31")
    assert ("Let op: Deze opbouw draait op andere versies dan de vergrendelde: matplotlib "
            "3.12.0 (vergrendeld: 3.11.2).") in page


# --- issue 14: a team of staff ------------------------------------------------------

def fake_final(out: Path, meetmoment: str) -> Path:
    """A final in out/<meetmoment>, as the manifest says (no build needed to refuse one)."""
    folder = out / meetmoment
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(
        '{"definitief": true, "uitvoer": {"mededeling.pdf": "0"}}')
    (folder / "mededeling.pdf").write_bytes(b"%PDF-1.7 definitief")
    return folder


def test_errors_of_the_previous_round_are_not_blamed_on_the_upload(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    path = small_inputs / "2022-01-31" / "mijlpalen.csv"
    path.write_text(path.read_text().replace("2022-Q2", "2022-Q5"))
    good = workbook_of(small_round(tmp_path / "werk", "2022-04-30", meting=2))
    response = upload(client, good, filename="april.xlsx")
    assert response.status_code == 422
    page = text_of(response)
    assert ("De vorige meetronde 2022-01-31 bevat fouten; verbeter die eerst." in page)
    assert 'href="/ronde/2022-01-31"' in response.get_data(as_text=True)
    assert "april.xlsx is in orde, maar er werd niets opgeslagen" in page
    assert "Verbeter het bestand" not in page and "2022-01-31/mijlpalen.csv" not in page
    assert page.index("verbeter die eerst") < page.index("Meetmoment Meting Invoer")
    assert not (small_inputs / "2022-04-30").exists()

    # a folder placed by hand, still empty: its own problems, the other round only named
    (small_inputs / "2022-03-31").mkdir()
    page = text_of(client.get("/ronde/2022-03-31"))
    assert "De vorige meetronde 2022-01-31 bevat fouten; verbeter die eerst." in page
    assert "2022-03-31/ronde.toml bestand ontbreekt" in page
    assert "2022-01-31/mijlpalen.csv" not in page
    start = text_of(client.get("/"))
    assert "31 maart 2022 2022-03-31" in start and "eerste meting 1 fout" in start


def test_a_draft_beside_a_final_is_said_before_and_goes_beside_it(small_inputs, tmp_path):
    out = tmp_path / "out"
    final = tree(fake_final(out, "2022-01-31"))
    app, client = client_for(small_inputs, out)
    page = text_of(client.get("/ronde/2022-01-31"))
    assert (f"Er staat al een definitieve versie in {out}/2022-01-31; die blijft zoals ze is. "
            f"Een ontwerp komt ernaast, in {out}/2022-01-31-v2.") in page
    assert "Ontwerp ernaast maken" in page
    build(client, "2022-01-31")  # the plain draft button: no refusal after a whole build
    page = wait_for(client, app, "2022-01-31")
    assert re.search(r"Klaar in [\d,]+ s: het ontwerp staat in .*/out/2022-01-31-v2\.", page)
    assert "Ontwerp in 2022-01-31-v2 (versie 2)" in page and "Geweigerd" not in page
    assert tree(out / "2022-01-31") == final

    # draft and final ZIPs never share a name
    names = {folder: client.get(f"/ronde/2022-01-31/uitvoer/{folder}.zip")
             .headers["Content-Disposition"] for folder in ("2022-01-31", "2022-01-31-v2")}
    assert "mededeling-2022-01-31-definitief.zip" in names["2022-01-31"]
    assert "mededeling-2022-01-31-v2-ontwerp.zip" in names["2022-01-31-v2"]
    assert "(mededeling-2022-01-31-v2-ontwerp.zip)" in page

    # the next draft is made again in that folder, not as 'versie 3'
    assert f"Een ontwerp komt ernaast, in {out}/2022-01-31-v2." in \
        text_of(client.get("/ronde/2022-01-31"))
    build(client, "2022-01-31")
    page = wait_for(client, app, "2022-01-31")
    assert re.search(r"Klaar in [\d,]+ s: het ontwerp staat in .*/out/2022-01-31-v2\.", page)
    assert not (out / "2022-01-31-v3").exists() and tree(out / "2022-01-31") == final


def test_a_final_is_only_made_when_confirmed(small_inputs, tmp_path):
    out = tmp_path / "out"
    app, client = client_for(small_inputs, out)
    body = client.get("/ronde/2022-01-31").get_data(as_text=True)
    assert re.search(r'<input type="checkbox" name="bevestigd" value="ja" required>', body)
    assert "Ik weet dat een definitieve versie niet meer gewijzigd of verwijderd kan worden" \
        in text_of(client.get("/ronde/2022-01-31"))
    response = build(client, "2022-01-31", soort="definitief")
    assert response.status_code == 303
    page = text_of(client.get("/ronde/2022-01-31"))
    assert "Er werd niets gemaakt: vink eerst aan dat de definitieve versie" in page
    assert app.extensions["mededeling"].builder.job("2022-01-31") is None
    assert not (out / "2022-01-31").exists()


def test_the_start_page_with_many_rounds_checks_each_only_when_its_files_change(
        small_inputs, tmp_path, monkeypatch):
    import time

    from mededeling import rounds

    for n in range(2, 25):  # 24 rounds, a month apart
        small_round(small_inputs, f"{2022 + (n - 1) // 12}-{(n - 1) % 12 + 1:02d}-28", meting=n)
    checked: list[str] = []
    real = rounds.prepare
    monkeypatch.setattr(rounds, "prepare", lambda folder, **k: (checked.append(folder.name),
                                                                  real(folder, **k))[1])
    _, client = client_for(small_inputs, tmp_path / "out")
    first = text_of(client.get("/"))
    assert first.count("geldig") == 24 and len(checked) == 24
    started = time.perf_counter()
    second = client.get("/")
    seconds = time.perf_counter() - started
    assert text_of(second) == first and len(checked) == 24  # none checked again
    assert seconds < 1.5, f"tweede keer laden duurde {seconds:.2f} s"

    # a change in one round: that round and the next one (its previous round changed)
    path = small_inputs / "2022-06-28" / "mijlpalen.csv"
    path.write_text(path.read_text().replace("2022-Q2", "2022-Q5"))
    checked.clear()
    page = text_of(client.get("/"))
    assert sorted(checked) == ["2022-06-28", "2022-07-28"]
    assert "wacht op 2022-06-28" in page  # the next round is not said to hold the error


def test_a_build_running_is_not_said_to_be_not_made(small_inputs, tmp_path):
    from mededeling.web.builds import Job

    app, client = client_for(small_inputs, tmp_path / "out")
    app.extensions["mededeling"].builder._jobs["2022-01-31"] = Job("2022-01-31", False, False)
    page = text_of(client.get("/"))
    assert "wordt nu gemaakt" in page and "nog niet gemaakt" not in page


def test_a_long_text_field_is_not_called_a_large_file(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    response = upload(client, b"x", functie="x" * (2 * 1024 * 1024))
    assert response.status_code == 413
    page = text_of(response)
    assert "Een tekstveld van het formulier is veel te lang" in page
    assert "Het bestand is te groot" not in page


def test_an_accepted_upload_leaves_no_lock_file(small_inputs, tmp_path):
    out = tmp_path / "out"
    _, client = client_for(small_inputs, out)
    response = upload(client, workbook_of(small_round(tmp_path / "werk", "2022-04-30")))
    assert response.status_code == 303
    assert not list(out.glob(".*.lock"))


def test_a_form_from_another_site_is_refused_even_with_a_token(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    data = {"soort": "ontwerp", "csrf_token": token(client, "/ronde/2022-01-31")}
    response = client.post("/ronde/2022-01-31/opbouwen", data=data,
                           headers={"Origin": "http://aanvaller.example"})
    assert response.status_code == 403
    assert "kwam niet van deze pagina maar van een andere website" in text_of(response)
    assert not (tmp_path / "out").exists()
    response = client.post("/ronde/2022-01-31/opbouwen", data=data,
                           headers={"Origin": "http://localhost"})
    assert response.status_code == 303  # the page itself (the test client's host)
    client.application.extensions["mededeling"].builder.wait(120)


def test_the_server_header_names_no_versions(small_inputs, tmp_path):
    from werkzeug.serving import WSGIRequestHandler

    from mededeling.web.serve import _handler

    handler = _handler(WSGIRequestHandler)
    assert handler.version_string(object.__new__(handler)) == "mededeling"


def test_english_fragments_are_said_in_dutch(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    source = small_round(tmp_path / "werk", "2022-04-30")
    entries = {p.name: p.read_bytes() for p in source.glob("*.csv")}
    entries["projecten.csv"] = b'"' + b"x" * 200_000 + b"\n"  # an unclosed quote, on line 1
    page = text_of(upload(client, zip_of(entries), filename="ronde.zip"))
    assert ("ronde.zip: projecten.csv regel 1 een cel is langer dan 131.072 tekens: staat er "
            "ergens een aanhalingsteken") in page
    assert "field limit" not in page and "(Error)" not in page


def test_a_reviewed_copy_with_damaged_comments_is_refused_in_dutch(small_inputs, tmp_path):
    import zipfile as zf

    from mededeling.input.reviewed import NotADraft, read

    copy = tmp_path / "nagelezen.docx"
    with zf.ZipFile(copy, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org'
                   '/wordprocessingml/2006/main"><w:body/></w:document>')
        z.writestr("word/comments.xml", "<w:comments><niet gesloten")
    with pytest.raises(NotADraft, match="de opmerkingen van het Word-bestand zijn beschadigd"):
        read(copy)


def test_the_round_page_offers_the_reviewed_copies_upload(small_inputs, tmp_path):
    _, client = client_for(small_inputs, tmp_path / "out")
    body = client.get("/ronde/2022-01-31").get_data(as_text=True)
    assert 'action="/ronde/2022-01-31/nalezing#nalezing"' in body
    assert 'name="nagelezen" accept=".docx" multiple' in body
    response = client.post("/ronde/2022-01-31/nalezing", data={
        "csrf_token": token(client, "/ronde/2022-01-31"),
        "nagelezen": (io.BytesIO(b"geen word"), "Nagelezen door Jan.docx")},
        content_type="multipart/form-data")
    page = text_of(client.get("/ronde/2022-01-31"))
    assert "Niet overgenomen: Nagelezen door Jan.docx" in page  # the user's name of the file
