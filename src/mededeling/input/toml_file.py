"""Reading ronde.toml and plan.toml, with tomllib's messages in the staff's words."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from mededeling.core.problems import Collector
from mededeling.input.raw import decode_text


def read_toml(path: Path, label: str, problems: Collector) -> dict[str, Any] | None:
    if not path.is_file():
        problems.error(label, "bestand ontbreekt")
        return None
    text = decode_text(path.read_bytes(), label, problems, kind="toml")
    if text is None:  # said why; no follow-on 'verplichte sleutel ontbreekt'
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+), column (\d+)", str(exc))
        msg = _toml_message(str(exc).split(" (at line")[0])
        problems.error(label, "geen geldige TOML" + (f": {msg}" if msg else ""),
                       line=int(line[1]) if line else None,
                       column=line[2] if line else None)
        return None
    return data if _plain_strings(data, label, problems, text.splitlines()) else None


def _line_of(lines: list[str], key: str, value: str) -> int | None:
    """The line where `key = "value..."` stands: the key, and the value's text up to its
    first control character (an item of a [[list]] has the same key as the others)."""
    leaf = key.rsplit(".", 1)[-1]
    start = value[:next((i for i, c in enumerate(value) if ord(c) < 32), len(value))][:20]
    for number, line in enumerate(lines, start=1):
        if re.match(rf"\s*{re.escape(leaf)}\s*=", line) and start in line:
            return number
    return None


def _plain_strings(data: Any, label: str, problems: Collector, lines: list[str],
                   key: str = "") -> bool:
    """No control character in any text of the file (a TOML string may carry one as an
    escape, and Word and Excel files cannot hold it): each is named with its key."""
    from mededeling.input.cells import control_character

    ok = True
    if isinstance(data, dict):
        for k, v in data.items():
            ok &= _plain_strings(v, label, problems, lines, f"{key}.{k}" if key else k)
    elif isinstance(data, list):
        for v in data:
            ok &= _plain_strings(v, label, problems, lines, key)
    elif isinstance(data, str):
        found = control_character(data)
        if found is not None:
            problems.error(label, f"teken {found} in de tekst", column=key,
                           line=_line_of(lines, key, data), value=data[:60],
                           expected="tekst zonder stuurtekens")
            return False
    return ok


# tomllib's messages, in the words of the staff who edit ronde.toml and plan.toml
_TOML_NL = (
    ("Invalid date or datetime", "ongeldige datum (bestaat die dag wel?); schrijf JJJJ-MM-DD"),
    ("Cannot declare", "deze sleutel of dit blok staat er twee keer"),
    ("Cannot overwrite a value", "deze sleutel staat er twee keer"),
    ("Cannot redefine", "dit blok staat er twee keer"),
    ("Cannot mutate", "dit blok staat er twee keer"),
    ("Duplicate inline table key", "deze sleutel staat er twee keer"),
    ("Expected '=' after a key", "na de naam van een sleutel moet '=' en een waarde komen"),
    ("Expected ']' at the end of a table", "']' ontbreekt na de naam van het blok"),
    ("Expected ']]' at the end of an array", "']]' ontbreekt na de naam van het blok"),
    ("Expected newline or end of document", "na een waarde mag op dezelfde regel niets meer "
                                            "staan (tekst tussen aanhalingstekens?)"),
    ("Unterminated string", "een tekst zonder sluitend aanhalingsteken"),
    ("Unescaped '\\' in a string", "een \\ in een tekst: schrijf \\\\ of gebruik enkele "
                                     "aanhalingstekens"),
    ("Unclosed array", "een lijst zonder sluitend ']'"),
    ("Unclosed inline table", "een blok zonder sluitend '}'"),
    ("Invalid value", "ongeldige waarde (tekst moet tussen aanhalingstekens)"),
    ("Invalid initial character for a key part", "ongeldig teken aan het begin van een sleutel"),
    ("Invalid statement", "deze regel is geen 'sleutel = waarde' en geen [blok]"),
    ("Found invalid character", "ongeldig teken"),
    ("Illegal character", "ongeldig teken"),
)


def _toml_message(message: str) -> str:
    return next((nl for en, nl in _TOML_NL if message.startswith(en)), "")


TABLE_RE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
KEY_RE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def key_lines(path: Path) -> dict[str, int]:
    """Where each key first stands in a TOML file: 'relancebudget' -> 3, 'vorige' -> 9 (its
    table), 'vorige.meetmoment' -> 10. For locating problems found in the parsed data."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = TABLE_RE.match(line)
        if header:
            table = header[1]
            lines.setdefault(table, number)
            continue
        key = KEY_RE.match(line)
        if key:
            lines.setdefault(f"{table}.{key[1]}" if table else key[1], number)
    return lines
