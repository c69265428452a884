"""Display helpers for lists and detail pages (dates the Indonesian way, codes as labels)."""
from __future__ import annotations

from flask_babel import get_locale

from app.dates import long_date, long_datetime
from models.choices import label


def _locale() -> str:
    loc = get_locale()
    return loc.language if loc else "id"


def ui_date(value) -> str:
    return long_date(value, _locale())


def ui_datetime(value) -> str:
    return long_datetime(value, _locale())


def code_label(mapping: dict):
    return lambda value: label(mapping, value)


def date_formatters(*columns: str) -> dict:
    return {c: ui_date for c in columns}
