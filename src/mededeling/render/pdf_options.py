"""How a PDF is to be written, apart from WeasyPrint itself.

The main process of a build only says what it wants (these options travel to the
layout workers with each job); importing WeasyPrint there would cost about two seconds
of a core the workers need, and of every warm rebuild.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PdfOptions:
    """How a PDF is written: drafts plainly, finals as PDF/A-3b with their sources inside."""

    variant: str | None = None  # 'pdf/a-3b' for the finals
    tags: bool = False  # a tagged (structured) PDF, for screen readers
    attachments: tuple[tuple[str, bytes], ...] = field(default=())  # (file name, content)
    moment: dt.date | None = None  # the date of the attachments: the round's, not today
