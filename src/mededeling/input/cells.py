"""Cell converters: one raw cell (text from a CSV, a value from a workbook) to its
column's type, or `Bad` with what was expected.

Each converter knows only its cell; where a value comes from (file, line, column) is
added by `schemas.typed_rows`, which reports the problem.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from babel.numbers import NumberFormatError, parse_decimal

from mededeling.core import model as m
from mededeling.input.raw import RawTable


MAX_AMOUNT = Decimal(10) ** 12  # above a thousand billion euro is a typing error
MAX_NUMBER = Decimal(10) ** 15  # any other number: beyond this is no figure of a round
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SCIENTIFIC_RE = re.compile(r"^-?[0-9]+([.,][0-9]+)?[eE][-+]?[0-9]+$")
SCRIPTS = {"CYRILLIC": "Cyrillisch", "GREEK": "Grieks", "ARABIC": "Arabisch",
           "FULLWIDTH": "breed (full-width)", "DEVANAGARI": "Devanagari",
           "HEBREW": "Hebreeuws", "ARMENIAN": "Armeens"}


URL_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


NL_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class Bad(ValueError):
    """A cell that cannot be read as its column's type; carries what was expected."""

    def __init__(self, expected: str, message: str = "ongeldige waarde"):
        super().__init__(message)
        self.expected = expected
        self.message = message


def describe(char: str) -> str:
    """A character a person cannot see or tell apart, in words: 'U+200B (onzichtbaar)'."""
    code = f"U+{ord(char):04X}"
    category = unicodedata.category(char)
    name = unicodedata.name(char, "")
    if char == "\u00a0":
        return f"{code} (vaste spatie)"
    if category in ("Cf", "Zs", "Zl", "Zp") or char == "\u00ad":
        return f"{code} (onzichtbaar)"
    if category == "Cc":
        return f"{code} (stuurteken)"
    script = next((nl for en, nl in SCRIPTS.items() if name.startswith(en)), None)
    if category == "Nd":
        return f"{code} (cijfer uit een ander schrift" + (f": {script})" if script else ")")
    if category.startswith("L"):
        return f"{code} (letter uit een ander schrift" + (f": {script})" if script else ")")
    return f"{code} (teken buiten het gewone alfabet)"


def odd_character(text: str) -> str | None:
    """The first character that does not belong in a code or number (anything but
    printable ASCII), described; None when there is none."""
    char = next((c for c in text if not (" " <= c <= "~")), None)
    return describe(char) if char is not None else None


def control_character(text: str) -> str | None:
    """A control character (NUL, vertical tab, ...) that no text field may hold: Word and
    Excel files cannot carry most of them. Tabs and line breaks are text."""
    found = CONTROL_RE.search(text)  # the Cc category, but for tab and line breaks
    return describe(found[0]) if found else None


def _plain(text: str, expected: str) -> str:
    """Refuse a look-alike or invisible character in a code or a number, by name."""
    odd = odd_character(text)
    if odd is not None:
        raise Bad(expected, f"teken {odd} in")
    return text


def as_text(value: Any, table: RawTable) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return str(value).strip()


def as_int(value: Any, table: RawTable) -> int:
    if isinstance(value, bool):
        raise Bad("een geheel getal")
    if isinstance(value, int):
        return value
    text = _plain(str(value).strip(), "een geheel getal met de cijfers 0-9")
    if re.fullmatch(r"-?[0-9]+", text) and len(text) <= 15:
        return int(text)
    raise Bad("een geheel getal")


def as_decimal(value: Any, table: RawTable) -> Decimal:
    number = _number(value, table)
    if abs(number) >= MAX_NUMBER:
        raise Bad("een getal onder 1.000.000 miljard", "onwaarschijnlijk groot getal")
    return number


def _number(value: Any, table: RawTable) -> Decimal:
    if isinstance(value, bool):
        raise Bad("een getal")
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        # a space or no-break space between the thousands is how many people write them
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        _plain(text, "een getal met de cijfers 0-9")
        if SCIENTIFIC_RE.match(text):
            # Excel writes a long number so (3,20829E+07) when its column is too narrow or
            # formatted 'Standaard': the digits after the fifth are lost
            raise Bad("het getal voluit, zoals 32082900: zet in Excel de kolom op 'Getal' "
                      "en sla opnieuw op", "getal in wetenschappelijke notatie")
        try:
            if table.comma_decimals:
                number = parse_decimal(text, locale="nl_BE", strict=True)
            else:
                if not re.fullmatch(r"-?\d+(\.\d+)?", text):
                    raise InvalidOperation
                number = Decimal(text)
        except (NumberFormatError, InvalidOperation, ValueError):
            raise Bad("een getal met decimale komma, zoals 1.234,5"
                      if table.comma_decimals else "een getal met decimaal punt, zoals 1234.5")
    if not number.is_finite():
        raise Bad("een eindig getal")
    return number


AMBIGUOUS_RE = {False: re.compile(r"^-?[0-9]{1,3}\.[0-9]{3}$"),  # decimal point: '1.200'
                True: re.compile(r"^-?[0-9]{1,3},[0-9]{3}$")}  # decimal comma: '1,200'


def as_amount(value: Any, table: RawTable) -> Decimal:
    text = value.strip().replace("€", "").strip() if isinstance(value, str) else ""
    if AMBIGUOUS_RE[table.comma_decimals].match(text):
        # '1.200' in a file with decimal points is 1,2 euro; whoever typed it most likely
        # meant 1.200 euro (and '1,200' in an nl-BE file, 1.200 in English): an amount has
        # no third decimal, so neither reading is taken
        raise Bad("het bedrag zonder scheidingsteken voor de duizendtallen (1200), of met "
                  "twee decimalen (1200.00 of 1200,00)", "dubbelzinnig bedrag")
    number = _number(value, table)
    if number < 0:
        raise Bad("een bedrag van 0 euro of meer", "negatief bedrag")
    if number >= MAX_AMOUNT:
        raise Bad("een bedrag onder 1.000 miljard euro", "onwaarschijnlijk groot bedrag")
    return number


def parse_date(text: str) -> dt.date | None:
    """A date as staff type it: 2021-12-31, or the Belgian 31/12/2021, 31-12-2021,
    31.12.2021; None when it is no date (or a day that does not exist)."""
    text = text.strip()
    nl = NL_DATE_RE.match(text)
    try:
        return (dt.date(int(nl[3]), int(nl[2]), int(nl[1])) if nl
                else dt.date.fromisoformat(text))
    except ValueError:
        return None


def as_date(value: Any, table: RawTable) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        parsed = parse_date(str(value))
        if parsed is None:
            raise Bad("een datum, zoals 2021-12-31 of 31/12/2021")
        day = parsed
    if not 2000 <= day.year <= 2100:
        raise Bad("een datum tussen 2000 en 2100", "datum buiten bereik")
    return day


def as_quarter(value: Any, table: RawTable) -> m.Quarter:
    quarter = m.Quarter.parse(_plain(str(value).strip(), "een kwartaal zoals 2022-Q3"))
    if quarter is None:
        raise Bad("een kwartaal zoals 2022-Q3")
    if not 2000 <= quarter.year <= 2100:
        raise Bad("een kwartaal tussen 2000 en 2100", "kwartaal buiten bereik")
    return quarter


def as_code(value: Any, table: RawTable) -> str:
    text = _plain(str(value).strip(), "een projectcode: VV en drie of meer cijfers, zoals VV001")
    if not m.CODE_RE.match(text):
        raise Bad("een projectcode: VV en drie of meer cijfers, zoals VV001")
    return text


def as_yes_no(value: Any, table: RawTable) -> bool:
    text = str(value).strip().lower()
    if text in ("ja", "nee"):
        return text == "ja"
    raise Bad("ja of nee")


def as_url(value: Any, table: RawTable) -> str:
    text = str(value).strip()
    if not URL_RE.match(text):
        raise Bad("een webadres dat begint met http:// of https://")
    return text


def as_list(value: Any, table: RawTable) -> tuple[str, ...]:
    return tuple(p.strip() for p in str(value).split(";") if p.strip())


def one_of(options: tuple[str, ...], what: str) -> Callable[[Any, RawTable], str]:
    def convert(value: Any, table: RawTable) -> str:
        text = str(value).strip().lower()
        if text in options:
            return text
        raise Bad(f"{what}: " + " of ".join([", ".join(options[:-1]), options[-1]]))
    return convert
