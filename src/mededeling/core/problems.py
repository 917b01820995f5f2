"""Problems found in the input, located the way the user will look for them.

Staff fix these in Excel or a text editor, so every problem names the file, the line as
an editor shows it (the header is line 1) or the sheet and row of a workbook, the
column, the value found and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from mededeling.errors import InvalidInput


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    sheet: str | None = None
    warning: bool = False

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"blad {self.sheet}")
            if self.line is not None:
                parts.append(f"rij {self.line}")
        elif self.line is not None:
            parts.append(f"regel {self.line}")
        if self.column is not None:
            if not self.file.endswith(".toml"):
                parts.append(f"kolom {self.column}")
            elif self.column.isdigit():  # tomllib's position within the line
                parts.append(f"teken {self.column}")
            else:
                parts.append(f"sleutel {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        if self.value is not None:
            value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f" \u2018{value}\u2019"
        if self.expected:
            text += f"; verwacht: {self.expected}"
        return text if text.endswith((".", "?", "!")) else text + "."

    def sort_key(self) -> tuple:
        """Files in the order the others depend on them (plan, ronde.toml, projecten
        first), so a wrong project code comes before the rows that then point nowhere."""
        folder = self.file.split("/")[0] if "/" in self.file else ""
        if self.file.endswith("plan.toml"):  # the plan before any round it is the plan of
            folder = ""
        return (folder,
                _rank(self.sheet or self.file.rsplit("/", 1)[-1]), self.file, self.sheet or "",
                self.line or 0, self.column or "", self.message)


_FIRST = ("plan", "ronde", "projecten")


def _rank(name: str) -> int:
    stem = name.split(".")[0]
    return _FIRST.index(stem) if stem in _FIRST else len(_FIRST)


MAX_PER_FILE = 100  # problems listed per file (and sheet); the rest are counted


class Collector:
    """Gathers problems so that validation can go on after the first one.

    A wrong file (another export, a shifted column) can give a problem on every row:
    after MAX_PER_FILE of a file only their number is kept, so a page or a terminal
    lists what a person can act on, and memory stays small whatever the file."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._counts: dict[tuple[str, str | None, bool], int] = {}
        self.error_count = 0  # every error found, listed or not

    def add(self, problem: Problem) -> None:
        key = (problem.file, problem.sheet, problem.warning)
        if not problem.warning:
            self.error_count += 1
        if problem.line == 1:
            # about the header: always listed, never counted in the cap, because it is
            # most often the cause of the rest
            (self.warnings if problem.warning else self.errors).append(problem)
            return
        n = self._counts[key] = self._counts.get(key, 0) + 1
        if n <= MAX_PER_FILE:
            (self.warnings if problem.warning else self.errors).append(problem)

    def error(self, file: str, message: str, **where: object) -> None:
        self.add(Problem(file, message, **where))  # type: ignore[arg-type]

    def warn(self, file: str, message: str, **where: object) -> None:
        self.add(Problem(file, message, warning=True, **where))  # type: ignore[arg-type]

    def extend(self, other: "Collector") -> None:
        """Take over the errors of another collector (the previous round's)."""
        self.errors.extend(other.errors)
        self.error_count += other.error_count
        for (file, sheet, warning), n in other._counts.items():
            if not warning:
                self._counts[(file, sheet, warning)] = n

    def _more(self, warning: bool) -> list[Problem]:
        from mededeling.core.dutch import number

        return [Problem(file, f"en nog {number(n - MAX_PER_FILE)} "
                        + ("waarschuwingen" if warning else "fouten")
                        + f" in dit bestand; alleen de eerste {MAX_PER_FILE} staan hier",
                        sheet=sheet, warning=warning)
                for (file, sheet, w), n in self._counts.items()
                if w == warning and n > MAX_PER_FILE]

    def locate(self, file: str, lines: dict[str, int]) -> None:
        """Give the problems of a TOML file the line of the key they name, where it
        stands in the file (validation works on the parsed data, which has no lines)."""
        import dataclasses

        def placed(p: Problem) -> Problem:
            if p.file != file or p.line is not None or not p.column:
                return p
            line = lines.get(p.column) or lines.get(p.column.split(".")[0])
            return dataclasses.replace(p, line=line) if line else p

        self.errors = [placed(p) for p in self.errors]
        self.warnings = [placed(p) for p in self.warnings]

    def all_warnings(self) -> list[Problem]:
        return self.warnings + self._more(True)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors + self._more(False), self.error_count)
