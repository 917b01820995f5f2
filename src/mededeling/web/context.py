"""What the routes of the web page share: the folders, the checker, the builder.

Kept on the app (`app.extensions`), so each blueprint reads the same state and a test
can make an app of its own with other folders.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from flask import abort, current_app

from mededeling import rounds as r
from mededeling.input.raw import ROUND_DIR_RE
from mededeling.web.builds import Builder


@dataclass
class Site:
    inputs: Path
    out: Path
    checker: r.Checker
    builder: Builder
    previews: "OrderedDict[str, tuple[object, str]]" = field(default_factory=OrderedDict)
    previews_lock: threading.Lock = field(default_factory=threading.Lock)


def site() -> Site:
    return current_app.extensions["mededeling"]


def known_round(meetmoment: str) -> str:
    """The round folder named in the URL, if it is one of the listed rounds."""
    if not ROUND_DIR_RE.match(meetmoment) or meetmoment not in r.meetmomenten(site().inputs):
        abort(404)
    return meetmoment


def find_build(meetmoment: str, folder: str) -> r.Built:
    for built in r.builds(site().out, known_round(meetmoment)):
        if built.name == folder:
            return built
    abort(404)
