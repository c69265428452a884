"""Indonesian (and English) date formatting for screens and letters."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_datetime

LONG_DATE = "d MMMM y"  # 5 Januari 2027


def long_date(value: date | datetime | None, locale: str = "id") -> str:
    """``5 Januari 2027``; an empty string for no date (never "None")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _format(value, LONG_DATE, locale)


def long_datetime(value: datetime | None, locale: str = "id", tzinfo=None) -> str:
    """``5 Januari 2027 14.05`` (Indonesian uses a dot between hours and minutes).

    A naive value is UTC (as stored); ``tzinfo`` is the zone to show it in."""
    if value is None:
        return ""
    return format_datetime(value, "d MMMM y HH.mm" if locale == "id" else "d MMMM y HH:mm", tzinfo=tzinfo,
                           locale=locale)


def month_year(value: date | None, locale: str = "id") -> str:
    """``Oktober 2026``."""
    return _format(value, "MMMM y", locale) if value else ""


@lru_cache(maxsize=8192)
def _format(value: date, pattern: str, locale: str) -> str:
    # Pure and called once per date shown: a list of 500 due items printed 500 dates through Babel.
    return format_date(value, pattern, locale=locale)
