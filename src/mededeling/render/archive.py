"""A final's archive package: one BagIt bag (RFC 8493) in a ZIP, as digital archives take it in.

The bag holds the final documents under data/documenten/ and the files the round was made
from under data/invoer/ (named as in manifest.json's "invoer", so the reviewed copies
under <meetmoment>/nalezing/ too), with a manifest and a tag manifest in sha256 and sha512.

The bag is written here, in memory, not by `bagit.make_bag`: that function changes the
process's working folder while it runs (the web page builds in a thread beside others),
dates the bag with today's clock unless told otherwise and lists the tag files in the
order the file system gives them. Written here, the same build gives the same bytes on
any machine. The Library of Congress's `bagit` then checks the result before a final is
written (`check`, called by publish.verify) and in the tests: the reference
implementation, not this module, says the bag is valid.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import tempfile
import textwrap
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from mededeling.render.zips import new_zip

ALGORITHMS = ("sha256", "sha512")
DOCUMENTS = "data/documenten"
INPUTS = "data/invoer"
SOURCE_ORGANIZATION = "Vlaamse Regering"
BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
_UNSAFE = re.compile(r"[%\r\n]")


def archive_name(meetmoment: str) -> str:
    """The archive's file name in a final's folder: '2021-12-31-archief.zip'."""
    return f"{meetmoment}-archief.zip"


def _payload_path(folder: str, name: str) -> str:
    # RFC 8493 would percent-encode '%', CR and LF in a manifest; bagit.py reads only the
    # line breaks back, so such a character (possible only in the name of a reviewed
    # copy) is replaced, and the bag stays valid for both
    return f"{folder}/{_UNSAFE.sub('_', name)}"


def _manifest(files: dict[str, bytes], algorithm: str) -> bytes:
    lines = (f"{hashlib.new(algorithm, content).hexdigest()}  {path}\n"
             for path, content in sorted(files.items()))
    return "".join(lines).encode("utf-8")


def _size(n_bytes: int) -> str:
    """Bag-Size as a person reads it, in the documents' number style: '12,3 MB'."""
    from mededeling.core import dutch as nl

    if n_bytes < 1024 * 1024:
        return f"{nl.number(max(1, round(n_bytes / 1024)))} kB"
    return f"{nl.number(Decimal(n_bytes) / (1024 * 1024), 1)} MB"


def _tag_file(fields: Iterable[tuple[str, str]]) -> bytes:
    """bag-info.txt: one 'Label: value' per field, long values folded as RFC 8493 allows."""
    lines = []
    for label, value in fields:
        lines += textwrap.wrap(f"{label}: {value}", width=79, subsequent_indent="  ",
                               break_long_words=False, break_on_hyphens=False)
    return ("\n".join(lines) + "\n").encode("utf-8")


def bag_info(*, meetmoment: dt.date, meting: int, plan: str, version: int,
             software: str, payload: dict[str, bytes]) -> list[tuple[str, str]]:
    """The fields of bag-info.txt: who made the bag, what it is, and its own checks.

    Bagging-Date is the meetmoment, as every date in a final is: the same build gives the
    same bytes, also when it is made again years later."""
    from mededeling.core import dutch as nl

    total = sum(len(content) for content in payload.values())
    identifier = f"mededeling-{meetmoment.isoformat()}" + (f"-v{version}" if version > 1 else "")
    description = (f"Mededeling aan de Vlaamse Regering over de monitoring van het "
                   f"relanceplan {plan}, {nl.ordinal(meting)} meting, meetmoment "
                   f"{nl.date(meetmoment)}: de definitieve versie"
                   + (f" (versie {version})" if version > 1 else "")
                   + f". In {DOCUMENTS}/ de mededeling en haar bijlagen (Word, PDF/A, "
                   f"HTML), de kerncijfers en het manifest; in {INPUTS}/ de invoer waaruit "
                   "ze gemaakt zijn, met de nagelezen exemplaren.")
    return [
        ("Source-Organization", SOURCE_ORGANIZATION),
        ("External-Identifier", identifier),
        ("External-Description", description),
        ("Bagging-Date", meetmoment.isoformat()),
        ("Bag-Software-Agent", f"mededeling {software}"),
        ("Bag-Size", _size(total)),
        ("Payload-Oxum", f"{total}.{len(payload)}"),
        ("Meetmoment", meetmoment.isoformat()),
        ("Meting", str(meting)),
        ("Versie", str(version)),
        ("Mededeling-Versie", software),
    ]


def package(documents: dict[str, bytes], inputs: Iterable[tuple[str, bytes]], *,
            meetmoment: dt.date, meting: int, plan: str, version: int = 1) -> bytes:
    """The archive package of a final as ZIP bytes: the documents and the input files
    (by their names in manifest.json) in one bag, under a single folder named as the ZIP."""
    from mededeling import __version__

    payload: dict[str, bytes] = {}
    for folder, files in ((DOCUMENTS, documents.items()), (INPUTS, inputs)):
        for name, content in files:
            path = _payload_path(folder, name)
            if path in payload:
                raise ValueError(f"two files would be {path} in the archive")
            payload[path] = content
    tags = {"bagit.txt": BAGIT_TXT}
    tags.update({f"manifest-{alg}.txt": _manifest(payload, alg) for alg in ALGORITHMS})
    tags["bag-info.txt"] = _tag_file(bag_info(
        meetmoment=meetmoment, meting=meting, plan=plan, version=version,
        software=__version__, payload=payload))
    tags.update({f"tagmanifest-{alg}.txt": _manifest(dict(tags), alg) for alg in ALGORITHMS})
    top = archive_name(meetmoment.isoformat()).removesuffix(".zip")
    moment = dt.datetime.combine(meetmoment, dt.time())
    entries = sorted({**tags, **payload}.items())
    return new_zip(((f"{top}/{path}", content) for path, content in entries), moment,
                   mode=0o644)


def check(data: bytes, name: str, inputs: dict[str, str] | None = None) -> list[str]:
    """What bagit, the Library of Congress's reference implementation, finds wrong with
    an archive package (unpacked into a temporary folder): nothing, or why it is invalid.

    `inputs` (name -> sha256, as manifest.json's "invoer"): the input files the package
    must hold, as the manifest and the PDFs' attachments have them; a file changed on
    disk while the final was being built would otherwise go unnoticed."""
    import bagit

    # its English log lines are not for the staff: what is wrong is returned, in Dutch
    logging.getLogger("bagit").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory(prefix="archief-") as tmp:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zipped:
                tops = {entry.split("/", 1)[0] for entry in zipped.namelist()}
                zipped.extractall(tmp)
        except (zipfile.BadZipFile, OSError) as error:
            return [f"{name}: het archiefpakket is geen leesbare ZIP ({error})"]
        if len(tops) != 1:
            return [f"{name}: het archiefpakket heeft niet één map bovenaan"]
        try:
            bag = bagit.Bag(str(Path(tmp) / tops.pop()))
            bag.validate(processes=1)
        except bagit.BagError as error:
            details = "; ".join(str(d) for d in getattr(error, "details", None) or ())
            return [f"{name}: bagit vindt het archiefpakket ongeldig (bagit: {error}"
                    + (f"; {details}" if details else "") + ")"]
    held = {path: digests.get("sha256") for path, digests in bag.entries.items()}
    return [f"{name}: {given} is in het archiefpakket niet het invoerbestand van het "
            "manifest (veranderde het tijdens de opbouw?)"
            for given, digest in sorted((inputs or {}).items())
            if held.get(_payload_path(INPUTS, given)) != digest]
