"""Registration numbers (nomor register klien): one pattern per office.

The pattern is an office setting, e.g. ``BA.{seq:04d}/{year}`` or
``REG-{office}-{year}-{seq:05d}``. Only three fields exist, so a typo in the
setting is caught when it is saved, not when a client is registered.
"""
from __future__ import annotations

import re
import string

from app.platform import number_pattern

DEFAULT_PATTERN = "BA.{seq:04d}/{year}"
FIELDS = {"seq", "year", "office"}


def pattern_errors(pattern: str, fields: set[str] = FIELDS) -> list[str]:
    """Problems with a numbering pattern (registration numbers, letter numbers), as
    plain English keys for the caller to translate (the rule: app.platform.number_pattern)."""
    return number_pattern.errors(pattern, fields)


def format_number(pattern: str, seq: int, year: int, office_code: str) -> str:
    return number_pattern.fill(pattern, {"seq": seq, "year": year, "office": office_code})


def parse_number(pattern: str, number: str, office_code: str) -> tuple[int, int | None] | None:
    """(seq, year) of a number written in this pattern, or None when it is not.

    The inverse of :func:`format_number`, used to move the counter past numbers
    that were typed or imported rather than taken (``year`` is None when the
    pattern has no year). Only an exact round trip counts, so a number that
    merely resembles the pattern is never read wrongly.
    """
    if pattern_errors(pattern):
        return None
    regex = []
    for literal, field, _spec, _conv in string.Formatter().parse(pattern):
        regex.append(re.escape(literal))
        if field == "seq":
            regex.append(r"(?P<seq>\d+)")
        elif field == "year":
            regex.append(r"(?P<year>\d{4})")
        elif field == "office":
            regex.append(re.escape(office_code))
    try:
        match = re.fullmatch("".join(regex), number)
    except re.error:
        return None
    if match is None:
        return None
    seq = int(match["seq"])
    year = int(match["year"]) if "year" in match.groupdict() else None
    if format_number(pattern, seq, year or 2000, office_code) != number:
        return None
    return seq, year
