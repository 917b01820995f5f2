"""Every error mededeling raises for a user to read, and the one way to say it in Dutch.

The command line and the web page both catch these; `message` gives both the same
words, so a refusal reads the same wherever staff meet it. Nothing here imports a
stage: every module may raise these.
"""

from __future__ import annotations

import errno
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mededeling.core.problems import Problem

# exit codes of the command line
EXIT_OK, EXIT_ERROR, EXIT_INVALID, EXIT_FINAL_EXISTS = 0, 1, 2, 3


class InvalidInput(Exception):
    """The round cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: "list[Problem]", total: int | None = None):
        self.problems = sorted(problems, key=lambda p: p.sort_key())
        self.total = total if total is not None else len(self.problems)  # listed or not
        super().__init__(f"{self.total} fout(en) in de invoer")


class Rejected(InvalidInput):
    """An upload that is no valid round: every problem, and the ZIP entries left out
    (a 'projecten (1).csv' is why projecten.csv is missing)."""

    def __init__(self, problems: "list[Problem]", ignored: tuple[str, ...] = (),
                 total: int | None = None):
        super().__init__(problems, total)
        self.ignored = ignored


class Refused(Exception):
    """A build or upload that must not write: the message says why, in Dutch."""


class Busy(Refused):
    """Another build of the same round into the same folder is running."""


class OutputOverInput(Refused):
    """The output folder would be (or lie in) the round's input folder."""


class NotOurs(Refused):
    """The target folder holds files a build did not make: replacing it would lose them."""


class RoundExists(Exception):
    """A round with this meetmoment exists and replacing it was not asked for."""


class FormErrors(Exception):
    """Fields of the upload form that are missing or wrong: field name -> Dutch message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def os_message(exc: OSError) -> str:
    """An OS error as staff can act on it (Python's own words are English)."""
    where = f" ({exc.filename})" if exc.filename else ""
    return {
        errno.ENOSPC: "de schijf is vol",
        errno.EACCES: "geen toestemming om hier te schrijven of te lezen",
        errno.EPERM: "geen toestemming om hier te schrijven of te lezen",
        errno.EROFS: "deze map is alleen-lezen",
        errno.EEXIST: "er staat een bestand waar een map moet komen",
        errno.ENOTDIR: "er staat een bestand waar een map moet komen",
        errno.ENOENT: "een bestand of map is verdwenen tijdens het werk",
        errno.EISDIR: "er staat een map waar een bestand moet komen",
    }.get(exc.errno or 0, f"fout van het besturingssysteem (code {exc.errno})") + where


def message(exc: BaseException) -> str:
    """The headline of a failed build in Dutch, for the command line and the web page:
    what happened, and that nothing was written."""
    from mededeling.core.dutch import count

    if isinstance(exc, InvalidInput):
        return (f"De meetronde kan niet verwerkt worden: "
                f"{count(exc.total, 'fout', 'fouten')}. Er werd niets geschreven.")
    if isinstance(exc, Refused):
        return f"Geweigerd: {exc}. Er werd niets geschreven."
    if isinstance(exc, OSError):
        return (f"Er ging iets mis bij het lezen of schrijven: {os_message(exc)}. Er werd "
                "niets geschreven of overschreven.")
    if isinstance(exc, KeyboardInterrupt):
        return "Onderbroken; er werd niets geschreven of overschreven."
    if isinstance(exc, BrokenProcessPool):
        return ("Een hulpproces dat de PDF's opmaakt, is onverwacht gestopt (misschien was "
                "het geheugen vol of werd het afgesloten). Er werd niets geschreven. Start de "
                "opbouw opnieuw; ze begint met nieuwe hulpprocessen.")
    return f"Onverwachte fout ({type(exc).__name__}): {exc}. Er werd niets geschreven."


def exit_code(exc: BaseException) -> int:
    return EXIT_INVALID if isinstance(exc, InvalidInput) else EXIT_ERROR
