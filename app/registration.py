"""Registration numbers (nomor register klien): one pattern per office.

The pattern is an office setting, e.g. ``BA.{seq:04d}/{year}`` or
``REG-{office}-{year}-{seq:05d}``. Only three fields exist, so a typo in the
setting is caught when it is saved, not when a client is registered.
"""
from __future__ import annotations

import string

DEFAULT_PATTERN = "BA.{seq:04d}/{year}"
FIELDS = {"seq", "year", "office"}


def pattern_errors(pattern: str, fields: set[str] = FIELDS) -> list[str]:
    """Problems with a numbering pattern (registration numbers, letter numbers), as
    plain English keys for the caller to translate."""
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
    except ValueError:
        return ["malformed"]
    if "seq" not in names:
        return ["missing_seq"]
    if names - fields:
        return ["unknown_field"]
    try:
        pattern.format(**{name: (1 if name in ("seq", "year") else "X") for name in fields})
    except (ValueError, KeyError, IndexError):
        return ["malformed"]
    return []


def format_number(pattern: str, seq: int, year: int, office_code: str) -> str:
    return pattern.format(seq=seq, year=year, office=office_code)
