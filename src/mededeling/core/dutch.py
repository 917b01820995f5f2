"""The Dutch number, date and list style of the notes (see docs/note-rules.md).

Babel does the formatting (separators, month names); rounding is done here, half up,
on Decimals, because Babel rounds half to even and the notes have always rounded
0,125 to 0,13.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_BE"
MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)

_ORDINALS = {
    1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde", 6: "zesde",
    7: "zevende", 8: "achtste", 9: "negende", 10: "tiende", 11: "elfde", 12: "twaalfde",
    13: "dertiende", 14: "veertiende", 15: "vijftiende", 16: "zestiende",
    17: "zeventiende", 18: "achttiende", 19: "negentiende",
}
_UNITS = {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven",
          8: "acht", 9: "negen"}
_TENS = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig",
         7: "zeventig", 8: "tachtig", 9: "negentig"}


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal | int, max_decimals: int = 0) -> str:
    """A number in running text: no separator up to four digits (Taalunie), a dot from five.

    Rounds half up to ``max_decimals`` and drops trailing zeros.
    """
    value = round_half_up(Decimal(value), max_decimals)
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE,
                          group_separator=abs(value) >= 10_000)


def percent(part: Decimal | int, whole: Decimal | int, decimals: int = 2) -> str:
    """'9,44%': the share of ``part`` in ``whole``, half up, trailing zeros dropped."""
    if not whole:
        return number(0) + "%"
    return number(Decimal(part) * 100 / Decimal(whole), decimals) + "%"


def share(part: Decimal | int, whole: Decimal | int, decimals: int = 2) -> str:
    """A share in a table column: the same form as in running text (see `percent`), so
    a figure reads the same in the note, the covernota and annex 1 ('36,99%', '85%',
    '100%', never '85,00%'). The column aligns on the right, not by padding zeros."""
    return percent(part, whole, decimals)


def _decimals_shown(text: str) -> int:
    number_part = text.rstrip("%").split(",")
    return len(number_part[1]) if len(number_part) == 2 else 0


def percents(*shares: tuple[Decimal | int, Decimal | int], decimals: int = 2) -> tuple[str, ...]:
    """Shares that are compared in one sentence, each as `percent` but all with the same
    number of decimals: '92,9%' beside '92,0%' (not '92%'), '95%' beside '85%'.

    Each is rounded half up to ``decimals``; the figures then all show as many decimals as
    the one that needs most (trailing zeros are dropped only where every figure has them)."""
    values = [round_half_up(Decimal(part) * 100 / Decimal(whole), decimals) if whole
              else Decimal(0) for part, whole in shares]
    shown = max((_decimals_shown(number(v, decimals)) for v in values), default=0)
    pattern = "#,##0" + ("." + "0" * shown if shown else "")
    return tuple(format_decimal(v, format=pattern, locale=LOCALE,
                                group_separator=abs(v) >= 10_000) + "%" for v in values)


def points(change: Decimal | int, max_decimals: int = 2) -> str:
    """A change of a percentage, in procentpunt: '+5 procentpunt', '-0,8 procentpunt'.

    Never '+5' alone (read as 5% of the value) nor '+5%'. After a number 'procentpunt'
    is a unit of measure and stays singular, as 'procent' and 'meter' do ('5 procent',
    '0,3 procentpunt', as Statbel and the NBB write it); the singular also fits the
    narrow 'Verandering' column of annex 3 beside its header."""
    return f"{signed(change, max_decimals)} procentpunt"


def measured_euro(amount: Decimal | int) -> str:
    """A measured amount, rounded to the million: '219 miljoen euro', '1,524 miljard euro'."""
    millions = round_half_up(Decimal(amount) / MILLION, 0)
    if abs(millions) >= 1000:
        return number(millions / 1000, 3) + " miljard euro"
    return number(millions) + " miljoen euro"


def plan_euro(amount: Decimal | int) -> str:
    """A plan amount, exact and trimmed: '4,3 miljard euro', '562,5 miljoen euro'."""
    amount = Decimal(amount)
    if abs(amount) >= BILLION:
        return number(amount / BILLION, 9) + " miljard euro"
    if abs(amount) >= MILLION:
        return number(amount / MILLION, 6) + " miljoen euro"
    return number(amount, 2) + " euro"


def euro(amount: Decimal | int) -> str:
    """An exact amount in a table, to the euro: '1.234.568 euro'."""
    return number(amount) + " euro"


def signed(value: Decimal | int, max_decimals: int = 2) -> str:
    """A change with its sign: '+1,5', '-3', '0'."""
    text = number(value, max_decimals)
    return text if text.startswith("-") or text == "0" else "+" + text


def ordinal(n: int) -> str:
    """'derde', 'eenentwintigste': the measurement's number in words."""
    if n in _ORDINALS:
        return _ORDINALS[n]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        if units == 0:
            return _TENS[tens] + "ste"
        link = "ën" if _UNITS[units].endswith("e") else "en"
        return _UNITS[units] + link + _TENS[tens] + "ste"
    return number(n) + "e"


def date(day: dt.date) -> str:
    """'31 december 2021'."""
    return format_date(day, "d MMMM y", locale=LOCALE)


def month(day: dt.date) -> str:
    """'december'."""
    return format_date(day, "MMMM", locale=LOCALE)


def month_year(day: dt.date) -> str:
    """'september 2021'."""
    return format_date(day, "MMMM y", locale=LOCALE)


def months_of(days: Iterable[dt.date]) -> str:
    """'april en september 2021'; years are named once per run of the same year."""
    days = sorted(days)
    groups: list[tuple[int, list[str]]] = []
    for day in days:
        if groups and groups[-1][0] == day.year:
            groups[-1][1].append(month(day))
        else:
            groups.append((day.year, [month(day)]))
    return join(f"{join(months)} {year}" for year, months in groups)


def quarter(year: int, q: int) -> str:
    """'het vierde kwartaal van 2030'."""
    return f"het {ordinal(q)} kwartaal van {year}"


def quarter_short(year: int, q: int) -> str:
    """'2030 K4': a quarter where words would not fit, as the tables of annex 1 write it."""
    return f"{year} K{q}"


def _month_short(day: dt.date) -> str:
    """'dec.', 'mei': Babel's abbreviation, with the dot Dutch writes after a shortened
    word (CLDR's Dutch abbreviations have none); a name that is not shortened has none."""
    short = format_date(day, "MMM", locale=LOCALE).rstrip(".")
    return short if short == month(day) else short + "."


def period(text: str, short: bool = False) -> str:
    """A period of dashboard.csv as a reader reads it, never its data form: a year as it
    is ('2021'), a quarter as annex 1 writes one ('2021 K3', not '2021-Q3'), a month by
    name ('september 2021'; ``short`` for a crowded chart axis: 'sep. 2021').

    The input contract (docs/input-format.md) allows only these three forms, checked when
    the round is read; anything else is a bug, not a user's mistake."""
    year, _, rest = text.partition("-")
    if not rest:
        return year
    if rest.startswith("Q"):
        return quarter_short(int(year), int(rest[1:]))
    day = dt.date(int(year), int(rest), 1)
    return f"{_month_short(day)} {year}" if short else month_year(day)


def join(items: Iterable[str], last: str = "en") -> str:
    """'A, B en C'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


# quotes inside a title: each pair becomes typographic double quotes, so that it nests in
# the single quotes the notes put around a title. A straight or typographic apostrophe
# inside a word ('auto's', 'Vlaanderen’s') is no quote and stays as it is.
_INNER_QUOTES = (
    re.compile("\u201c(.*?)\u201d"),  # “...” already typographic doubles
    re.compile('"(.*?)"'),  # "..."
    re.compile("\u2018(.*?)\u2019(?!\\w)"),  # ‘...’ (a ’ before a letter is an apostrophe)
    re.compile("(?<!\\w)'(?=\\S)(.*?)(?<=\\S)'(?!\\w)"),  # '...' not inside a word
)
_WRAPPERS = (("\u2018", "\u2019"), ("'", "'"), ('"', '"'), ("\u201c", "\u201d"))


def title(text: str) -> str:
    """A title as every document shows it, in running text and in a table alike: quotes
    inside it typographic double quotes ('Fietsbrug "Noord"' -> 'Fietsbrug “Noord”'), a
    pair that staff put around the whole title dropped."""
    text = text.strip()
    for left, right in _WRAPPERS:
        inner = text[len(left):-len(right)]
        if (len(text) > 2 and text.startswith(left) and text.endswith(right)
                and left not in inner and right not in inner):
            text = inner.strip()
            break
    for pattern in _INNER_QUOTES:
        text = pattern.sub(lambda m: "\u201c" + m.group(1) + "\u201d", text)
    return text


def quoted(text: str) -> str:
    """A title between typographic single quotes, as the notes quote them; quotes inside
    the title become typographic double quotes, so they nest (see `title`):
    "Digitale 'één-loket'-werking" -> ‘Digitale “één-loket”-werking’."""
    return f"\u2018{title(text)}\u2019"


def plural(n: int, singular: str, plural_form: str) -> str:
    return singular if n == 1 else plural_form


def count(n: int, word: str, plural_form: str) -> str:
    """'1 project', '12 projecten': a number and the noun that agrees with it."""
    return f"{number(n)} {plural(n, word, plural_form)}"
