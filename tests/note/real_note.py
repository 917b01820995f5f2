"""How much of the real note of 31 December 2021 the sample round says word for word.

The real note (its text as pdftotext gave it, /work/shared/spec/mededeling-2021-12-31.txt)
is cut into the sentences of its sections 1 to 6; each sentence of more than eight words
is looked for in the text of the sample's note, both with the whitespace, the bullets and
the final punctuation left out. Sentences whose figures differ because of the sample data
are expected to miss; the rest should not. Run it as a script for the list:

    .venv/bin/python tests/note/real_note.py [--missing]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path("/work/shared/spec/mededeling-2021-12-31.txt")
MIN_WORDS = 9  # 'longer than about eight words'
# abbreviations whose full stop does not end a sentence
ABBREVIATIONS = ("t.e.m.", "m.b.t.", "m.a.w.", "nl.", "o.a.", "bv.")
CONTINUED = {"de", "het", "een", "van", "in", "op", "aan", "en"}  # a line ending so goes on


def _units(text: str) -> list[str]:
    """Paragraphs and list items of sections 1-6, one line each."""
    start = text.index("1. INLEIDING")
    end = text.index("BIJLAGE 1:")
    units: list[list[str]] = []
    fresh = True
    for raw in text[start:end].splitlines():
        line = raw.strip()
        if (not line or line.startswith("http") or re.fullmatch(r"Pagina \d+ van \d+", line)
                or re.fullmatch(r"[\d.]*\s*[^a-z]{4,}", line)):  # a heading or its tail
            fresh = True
            continue
        bullet = re.match(r"^(•|o |\d\. )\s*", line)
        if bullet:
            line = line[bullet.end():]
        # a blank line inside a sentence is pdftotext's, not the note's
        joined = units and (line[0].islower() or units[-1][-1].split()[-1] in CONTINUED)
        if bullet or (fresh and not joined):
            units.append([])
        units[-1].append(line)
        fresh = False
    return [" ".join(u) for u in units]


def _sentences(unit: str) -> list[str]:
    protected = unit
    for abbr in ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\0"))
    parts = re.split(r"(?<=[.;!?])\s+(?=[A-Z0-9‘])|(?<=:)\s+(?=[A-Z‘])", protected)
    return [p.replace("\0", ".") for p in parts]


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .:;")


def real_sentences(spec: Path = SPEC) -> list[str]:
    """The sentences of sections 1-6 of the real note longer than eight words."""
    out = []
    for unit in _units(spec.read_text(encoding="utf-8")):
        for sentence in _sentences(unit):
            sentence = normalise(sentence)
            if len(sentence.split()) >= MIN_WORDS:
                out.append(sentence)
    return out


def sample_text(folder: Path = ROOT / "inputs" / "2021-12-31") -> str:
    """The text of the sample's note, sections 1-6, through the compute layer."""
    from mededeling.core.blocks import plain_text
    from mededeling.pipeline import prepare

    lines: list[str] = []

    def walk(sections) -> None:
        for s in sections:
            lines.append(s.heading)
            lines.append(plain_text(s.blocks))
            walk(s.subsections)

    walk(prepare(folder).note.sections)
    return " ".join(normalise(line) + "." for line in "\n".join(lines).splitlines())


def measure(text: str, spec: Path = SPEC) -> tuple[list[str], list[str]]:
    """(found, missing) sentences of the real note in `text`."""
    found, missing = [], []
    for sentence in real_sentences(spec):
        (found if sentence in text else missing).append(sentence)
    return found, missing


if __name__ == "__main__":
    found, missing = measure(sample_text())
    print(f"{len(found)} of {len(found) + len(missing)} sentences word for word")
    if "--missing" in sys.argv:
        for sentence in missing:
            print("-", sentence)
