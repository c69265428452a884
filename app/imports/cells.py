"""One raw cell (from Excel or CSV) to a typed value, or the problem with it.

Each converter returns the value (None for an empty cell) or raises
:class:`CellProblem` with a translated message. Dates are day-first, as written
in Indonesia; a two-digit year is refused rather than guessed.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time

from babel.dates import get_month_names
from flask_babel import gettext as _

from app.clients.identity import normalise_digits
from app.imports.reading import Formula

# A year outside these is a typing slip or a number that is not a date.
MIN_YEAR, MAX_YEAR = 1950, 2100
# A leading sign that a spreadsheet would run as a formula (CSV/formula injection).
FORMULA_SIGNS = ("=", "+", "-", "@")
_SHOWN = 40  # characters of a bad value quoted back in a message

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{2,4})")
_TIME = re.compile(r"\s+\d{1,2}[:.]\d{2}([:.]\d{2})?")


class CellProblem(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def shown(value) -> str:
    text = str(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def refuse_formula(raw) -> None:
    if isinstance(raw, Formula):
        raise CellProblem(_("The cell holds a formula (%(formula)s); formulas are not read. Type the value itself.",
                            formula=shown(raw.text)))
    if isinstance(raw, str) and raw.lstrip().startswith(FORMULA_SIGNS):
        raise CellProblem(_("A cell may not begin with =, +, - or @ (a spreadsheet would run it as a formula). "
                            "Remove the sign or write the value differently."))


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def text(raw, max_length: int) -> str | None:
    refuse_formula(raw)
    if is_empty(raw):
        return None
    if isinstance(raw, (datetime, date, time)):
        raise CellProblem(_("Excel turned this cell into a date or time. Format the column as text and type the "
                            "value again."))
    if isinstance(raw, bool):
        raise CellProblem(_("The cell holds TRUE/FALSE, not text."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    value = re.sub(r"\s+", " ", str(raw)).strip()
    refuse_formula(value)  # a negative number would become text beginning with "-"
    if len(value) > max_length:
        raise CellProblem(_("Too long: %(length)d characters; at most %(max)d.", length=len(value), max=max_length))
    return value


def nik(raw, max_length: int) -> str | None:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellProblem(_("The NIK is stored as a number, and Excel keeps only 15 digits of a number. Format the "
                            "column as text and type the NIK again."))
    value = text(raw, max_length=64)
    return normalise_digits(value)


def code(raw, choices: dict, aliases: dict | None = None) -> str | None:
    value = text(raw, max_length=60)
    if value is None:
        return None
    by_key = {c.casefold(): c for c in choices}
    by_key.update({a.casefold(): c for a, c in (aliases or {}).items()})
    found = by_key.get(value.casefold())
    if found is None:
        raise CellProblem(_("\"%(value)s\" is not in the list; use one of: %(codes)s.",
                            value=shown(value), codes=", ".join(choices)))
    return found


def number(raw, low: int, high: int) -> int | None:
    refuse_formula(raw)
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise CellProblem(_("Not a whole number."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*\d{1,6}\s*", raw):
        raw = int(raw)
    if not isinstance(raw, int):
        raise CellProblem(_("\"%(value)s\" is not a whole number.", value=shown(raw)))
    if not low <= raw <= high:
        raise CellProblem(_("%(value)d is outside %(low)d-%(high)d.", value=raw, low=low, high=high))
    return raw


def _checked(year: int, month: int, day: int, written: str) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise CellProblem(_("\"%(value)s\" is not a real date (there is no such day).", value=shown(written)))
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise CellProblem(_("The year %(year)d is not plausible (%(low)d-%(high)d).", year=value.year,
                            low=MIN_YEAR, high=MAX_YEAR))
    return value


def _month_number(name: str) -> int | None:
    name = name.casefold()
    for width in ("wide", "abbreviated"):
        for number_, month in get_month_names(width, locale="id").items():
            if month.casefold().rstrip(".") == name:
                return number_
    return {"agt": 8, "agust": 8, "sept": 9, "nop": 11, "des": 12}.get(name)


def _two_digit_year() -> CellProblem:
    return CellProblem(_("Write the year with four digits (e.g. 14/03/2010), so that 10 cannot be read as 1910 "
                         "or 2010."))


def day(raw) -> date | None:
    refuse_formula(raw)
    if is_empty(raw):
        return None
    if isinstance(raw, datetime):
        return _checked(raw.year, raw.month, raw.day, raw.isoformat())
    if isinstance(raw, date):
        return _checked(raw.year, raw.month, raw.day, raw.isoformat())
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _serial(raw)
    if not isinstance(raw, str):
        raise CellProblem(_("\"%(value)s\" is not a date; write it as DD/MM/YYYY (e.g. 14/03/2010).",
                            value=shown(raw)))
    written = raw.strip()
    plain = _TIME.sub("", written, count=1) if _TIME.search(written) else written
    if match := _YMD.fullmatch(plain):
        year, month, day_ = (int(g) for g in match.groups())
        return _checked(year, month, day_, written)
    if match := _DMY.fullmatch(plain):
        day_, month, year_text = match.groups()
        if len(year_text) != 4:
            raise _two_digit_year()
        return _checked(int(year_text), int(month), int(day_), written)
    if match := _DAY_MONTH_NAME.fullmatch(plain):
        day_, month_name, year_text = match.groups()
        month = _month_number(month_name)
        if month is not None:
            if len(year_text) != 4:
                raise _two_digit_year()
            return _checked(int(year_text), month, int(day_), written)
    raise CellProblem(_("\"%(value)s\" is not a date; write it as DD/MM/YYYY (e.g. 14/03/2010).",
                        value=shown(written)))


def _serial(value: float) -> date:
    """An Excel day number (a date cell that lost its format): 40251 is 14/03/2010."""
    from openpyxl.utils.datetime import from_excel

    try:
        converted = from_excel(value)
    except (ValueError, OverflowError, TypeError):
        converted = None
    if not isinstance(converted, datetime) or not MIN_YEAR <= converted.year <= MAX_YEAR:
        raise CellProblem(_("The number %(value)s is not a date; write it as DD/MM/YYYY (e.g. 14/03/2010).",
                            value=shown(value)))
    return converted.date()
