"""Downloads of a build's files, one by one or all in a ZIP.

A download is looked up among the files a build's manifest lists, never joined from
the request, so nothing outside the output folder can be reached.
"""

from __future__ import annotations

import datetime as dt
import io

from flask import Blueprint, abort, send_file

from mededeling import rounds as r
from mededeling.render.zips import new_zip
from mededeling.web import pages
from mededeling.web.context import find_build
from mededeling.web.round_page import DOCUMENT_POLICY

downloads = Blueprint("uitvoer", __name__)


@downloads.get("/ronde/<meetmoment>/uitvoer/<folder>/<name>")
def download(meetmoment: str, folder: str, name: str):
    built = find_build(meetmoment, folder)
    if name not in built.files:
        abort(404)
    response = send_file(built.folder / name, as_attachment=name not in pages.INLINE,
                         download_name=name, max_age=0)
    if name in pages.INLINE:
        response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


@downloads.get("/ronde/<meetmoment>/uitvoer/<folder>.zip")
def download_all(meetmoment: str, folder: str):
    built = find_build(meetmoment, folder)
    return send_file(io.BytesIO(zip_of(built)), mimetype="application/zip",
                     as_attachment=True, download_name=pages.zip_name(built),
                     max_age=0)


def zip_of(built: r.Built) -> bytes:
    """Every file of a build in one ZIP, dated with the round (the same bytes every time)."""
    try:
        moment = dt.datetime.fromisoformat(built.name[:10])
    except ValueError:  # a folder named like a date that is none ('2022-02-30')
        moment = dt.datetime(1980, 1, 1)
    return new_zip(((f"{built.name}/{name}", (built.folder / name).read_bytes())
                    for name in built.files), moment)
