"""Display helpers for lists and detail pages (dates the Indonesian way, codes as labels)."""
from __future__ import annotations

from app.platform.ui_dates import ui_date
from models.choices import label


def code_label(mapping: dict):
    return lambda value: label(mapping, value)


def date_formatters(*columns: str) -> dict:
    return {c: ui_date for c in columns}
