"""Display helpers for lists and detail pages (dates the Indonesian way, codes as labels)."""
from __future__ import annotations

from flask_babel import get_locale, get_timezone

from app.dates import long_date, long_datetime, month_year
from models.choices import label


def _locale() -> str:
    loc = get_locale()
    return loc.language if loc else "id"


def ui_date(value) -> str:
    return long_date(value, _locale())


def ui_datetime(value) -> str:
    return long_datetime(value, _locale(), get_timezone())


def ui_month(value) -> str:
    return month_year(value, _locale())


def code_label(mapping: dict):
    return lambda value: label(mapping, value)


def date_formatters(*columns: str) -> dict:
    return {c: ui_date for c in columns}
