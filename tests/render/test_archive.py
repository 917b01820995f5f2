"""The archive package as bytes (render/archive): a BagIt bag in a ZIP, checked by bagit.

bagit is the Library of Congress's reference implementation: what it accepts, archives
take in. These tests make packages from small payloads; tests/publish/test_archive.py
checks the package of a real final.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import bagit
import pytest

from mededeling import __version__
from mededeling.render import archive

DAY = dt.date(2021, 12, 31)
DOCUMENTS = {"mededeling.pdf": b"%PDF-1.7 " + bytes(range(256)) * 40,
             "manifest.json": b'{"definitief": true}\n', "kerncijfers.json": b"{}\n"}
INPUTS = (("plan.toml", b'naam = "Vlaamse Veerkracht"\n'),
          ("2021-12-31/ronde.toml", b"meting = 3\n"),
          ("2021-12-31/teksten/feedback.md", "Één tekst.\n".encode()),
          ("2021-12-31/nalezing/1-kabinet 100%.docx", b"PK\x03\x04 copy"))


def make(version: int = 1, documents: dict[str, bytes] = DOCUMENTS) -> bytes:
    return archive.package(documents, INPUTS, meetmoment=DAY, meting=3,
                           plan="Vlaamse Veerkracht", version=version)


def unpack(data: bytes, where: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        zipped.extractall(where)
    (top,) = where.iterdir()
    return top


def rezip(data: bytes, change) -> bytes:
    """The same ZIP with `change(name, content)` applied to every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info, content)
    return out.getvalue()


def test_bagit_validates_the_package_and_reads_its_metadata(tmp_path):
    top = unpack(make(), tmp_path)
    assert top.name == "2021-12-31-archief" == archive.archive_name("2021-12-31")[:-4]
    bag = bagit.Bag(str(top))
    assert bag.validate() and bag.version_info == (1, 0)
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    info = {k: " ".join(v.split()) for k, v in bag.info.items()}
    payload = sum(len(c) for c in DOCUMENTS.values()) + sum(len(c) for _, c in INPUTS)
    assert info == {
        "Source-Organization": "Vlaamse Regering",
        "External-Identifier": "mededeling-2021-12-31",
        "External-Description": info["External-Description"],
        "Bagging-Date": "2021-12-31",  # the meetmoment, never the clock
        "Bag-Software-Agent": f"mededeling {__version__}",
        "Bag-Size": "10 kB",  # 10 3xx bytes
        "Payload-Oxum": f"{payload}.{len(DOCUMENTS) + len(INPUTS)}",
        "Meetmoment": "2021-12-31",
        "Meting": "3",
        "Versie": "1",
        "Mededeling-Versie": __version__,
    }
    assert info["External-Description"].startswith(
        "Mededeling aan de Vlaamse Regering over de monitoring van het relanceplan Vlaamse "
        "Veerkracht, derde meting, meetmoment 31 december 2021: de definitieve versie.")
    # RFC 8493 recommends lines of at most 79 characters: long values are folded
    assert max(map(len, (top / "bag-info.txt").read_text().splitlines())) <= 79
    assert bag.payload_entries().keys() >= {"data/documenten/mededeling.pdf",
                                             "data/invoer/2021-12-31/teksten/feedback.md"}


def test_the_payload_is_the_files_given_byte_for_byte(tmp_path):
    top = unpack(make(), tmp_path)
    for name, content in DOCUMENTS.items():
        assert (top / "data" / "documenten" / name).read_bytes() == content
    for name, content in INPUTS:
        # '%' is replaced: bagit.py reads no percent-encoded name but a line break back
        assert (top / "data" / "invoer" / name.replace("%", "_")).read_bytes() == content
    files = sorted(p.relative_to(top / "data").as_posix()
                   for p in (top / "data").rglob("*") if p.is_file())
    assert len(files) == len(DOCUMENTS) + len(INPUTS)


def test_the_same_input_gives_the_same_bytes_with_fixed_dates_and_permissions():
    data = make()
    assert make() == data
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        entries = zipped.infolist()
    names = [e.filename for e in entries]
    assert names == sorted(names)
    assert {e.date_time for e in entries} == {(2021, 12, 31, 0, 0, 0)}
    assert {e.external_attr >> 16 for e in entries} == {0o644}
    assert {n.split("/", 1)[0] for n in names} == {"2021-12-31-archief"}
    assert {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
            "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"} <= {
        n.split("/", 1)[1] for n in names}


def test_a_later_version_says_its_number():
    with zipfile.ZipFile(io.BytesIO(make(version=2))) as zipped:
        info = zipped.read("2021-12-31-archief/bag-info.txt").decode()
    assert "External-Identifier: mededeling-2021-12-31-v2\n" in info
    assert "Versie: 2\n" in info and "(versie 2)" in info


def test_check_passes_a_good_package_and_names_what_bagit_refuses():
    data = make()
    assert archive.check(data, "a.zip") == []

    def flip(name: str, content: bytes) -> bytes:  # one byte of one payload file
        if name.endswith("data/documenten/mededeling.pdf"):
            return content[:100] + bytes([content[100] ^ 1]) + content[101:]
        return content

    refused = archive.check(rezip(data, flip), "a.zip")
    assert len(refused) == 1 and refused[0].startswith("a.zip: bagit vindt het "
                                                        "archiefpakket ongeldig")
    assert "mededeling.pdf" in refused[0]
    dropped = rezip(data, lambda n, c: None if n.endswith("kerncijfers.json") else c)
    assert archive.check(dropped, "a.zip")
    assert archive.check(b"geen zip", "a.zip") == [
        "a.zip: het archiefpakket is geen leesbare ZIP (File is not a zip file)"]


def test_bagit_refuses_a_changed_byte_in_the_unpacked_bag(tmp_path):
    """The test has teeth: bagit notices one flipped bit in any payload file."""
    top = unpack(make(), tmp_path)
    target = top / "data" / "invoer" / "2021-12-31" / "ronde.toml"
    content = bytearray(target.read_bytes())
    content[0] ^= 1
    target.write_bytes(bytes(content))
    with pytest.raises(bagit.BagValidationError) as refused:
        bagit.Bag(str(top)).validate()
    assert any("ronde.toml" in str(d) for d in refused.value.details)


def test_two_files_on_one_payload_path_are_a_fault_not_a_lost_file():
    with pytest.raises(ValueError, match="two files"):
        archive.package({}, (("a%b", b"1"), ("a_b", b"2")), meetmoment=DAY, meting=1,
                        plan="Vlaamse Veerkracht")


def test_check_names_an_input_that_is_not_the_one_the_manifest_hashed():
    """A file changed on disk while a final was built: the package would not match."""
    import hashlib

    data = make()
    hashed = {name: hashlib.sha256(content).hexdigest() for name, content in INPUTS}
    assert archive.check(data, "a.zip", hashed) == []
    changed = {**hashed, "2021-12-31/ronde.toml": hashlib.sha256(b"meting = 4\n").hexdigest()}
    assert archive.check(data, "a.zip", changed) == [
        "a.zip: 2021-12-31/ronde.toml is in het archiefpakket niet het invoerbestand van het "
        "manifest (veranderde het tijdens de opbouw?)"]
