"""Same input, same bytes: ZIP containers (DOCX, XLSX, a final's archive package) written
without the current time.

A rebuilt archive must compare equal to the old one, so every ZIP entry gets the
round's date and fixed permissions, whatever the library that wrote it put there.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Callable, Iterable


def _entry(name: str, moment: dt.datetime, mode: int = 0o600) -> zipfile.ZipInfo:
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = mode << 16
    entry.create_system = 3
    return entry


def new_zip(files: Iterable[tuple[str, bytes]], moment: dt.datetime,
            mode: int = 0o600) -> bytes:
    """A ZIP of the files as given, every entry dated `moment` with the permissions `mode`
    (0o644 for a package others unpack and read): the same bytes every time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, content in files:
            dst.writestr(_entry(name, moment, mode), content)
    return out.getvalue()


def fixed_zip(data: bytes, moment: dt.datetime,
              patch: "Callable[[str, bytes], bytes] | None" = None) -> bytes:
    """Rewrite a ZIP (DOCX, XLSX) with one fixed timestamp on every entry, so it is
    reproducible; `patch` may rewrite an entry's content on the way (by name)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = _entry(info.filename, moment)
            content = src.read(info.filename)
            if patch is not None:
                content = patch(info.filename, content)
            dst.writestr(entry, content)
    return out.getvalue()

