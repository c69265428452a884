"""Numbering patterns (registration numbers, letter numbers) are text an Admin types,
so they are filled by their own small formatter, never by ``str.format``: a field is a
bare known name with at most a zero-padded width (``{seq}``, ``{seq:04d}``). Python's
format language would also accept ``{seq.__class__}``, ``{seq[0]}``, ``{seq!r}`` and
fields nested in a width (``{seq:{year.real}}``), which look up attributes of the
values; and a width such as ``{seq:999999999}`` builds a gigabyte string.
"""
from __future__ import annotations

import re
import string

SPEC = re.compile(r"0?(?:[1-9][0-9]?)?d?")  # "", "d", "4", "04d", "03"...


def _fields(pattern: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return list(string.Formatter().parse(pattern))  # ValueError when the braces do not pair


def errors(pattern: str, known: set[str]) -> list[str]:
    """What is wrong with a pattern, as plain English keys for the caller to translate."""
    try:
        pieces = _fields(pattern)
    except ValueError:
        return ["malformed"]
    fields = [(name, spec or "", conv) for _, name, spec, conv in pieces if name is not None]
    if any("." in name or "[" in name or conv is not None or "{" in spec for name, spec, conv in fields):
        return ["field_form"]
    names = {name for name, _spec, _conv in fields}
    if "seq" not in names:
        return ["missing_seq"]
    if names - known:
        return ["unknown_field"]
    try:
        fill(pattern, {name: (1 if name in ("seq", "year") else "X") for name in known})
    except (ValueError, KeyError):
        return ["malformed"]
    return []


def fill(pattern: str, values: dict) -> str:
    """The pattern with its fields filled; ValueError for any field that is not a bare
    known name with a plain width (a stored pattern is held to the rule it was saved by)."""
    out = []
    for literal, name, spec, conv in _fields(pattern):
        out.append(literal)
        if name is None:
            continue
        if name not in values or conv is not None or not SPEC.fullmatch(spec or ""):
            raise ValueError(f"field {name!r} is not allowed in a numbering pattern")
        out.append(format(values[name], spec or ""))
    return "".join(out)
