"""Dates as the reader's language writes them ("5 Januari 2027"), for pages and their templates."""
from __future__ import annotations

from flask_babel import get_locale, get_timezone

from app.dates import long_date, long_datetime, month_year


def reader_language() -> str:
    loc = get_locale()
    return loc.language if loc else "id"


def ui_date(value) -> str:
    return long_date(value, reader_language())


def ui_datetime(value) -> str:
    return long_datetime(value, reader_language(), get_timezone())


def ui_month(value) -> str:
    return month_year(value, reader_language())
