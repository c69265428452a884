"""From a table of raw cells to rows keyed by client field.

A column is found by its header, wherever it stands. Every header problem of the
file is reported at once: unknown (renamed) columns, with the closest template
header as a hint; required columns that are missing; a header written twice;
data under no header. Optional columns may be left out of the file.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from flask_babel import gettext as _

from app.imports.columns import COLUMNS, normalise_header
from app.imports.reading import FileRefused, Limits, Table, filled, read_table

_BY_HEADER = {normalise_header(c.header): c for c in COLUMNS}


@dataclass
class RawRow:
    number: int  # as in the spreadsheet (the header is row 1)
    cells: dict  # field -> raw cell value


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _suggestion(text: str, seen: dict[str, int]) -> str | None:
    """A renamed column is most likely one not found, and a required one first."""
    for required, cutoff in ((True, 0.5), (False, 0.6)):
        absent = {normalise_header(c.header): c.header for c in COLUMNS
                  if c.field not in seen and c.required == required}
        guess = difflib.get_close_matches(normalise_header(text), list(absent), n=1, cutoff=cutoff)
        if guess:
            return absent[guess[0]]
    return None


def map_columns(table: Table) -> tuple[dict[int, str], list[str]]:
    """(column index -> field, problems with the headers)."""
    found: dict[int, str] = {}
    seen: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    problems: list[str] = []
    for index, raw in enumerate(table.headers):
        if not filled(raw):
            continue
        text = str(raw).strip()
        column = _BY_HEADER.get(normalise_header(text))
        if column is None:
            unknown.append((index, text))
        elif column.field in seen:
            problems.append(_("The column \"%(header)s\" appears twice (columns %(first)s and %(second)s).",
                              header=column.header, first=column_letter(seen[column.field]),
                              second=column_letter(index)))
        else:
            seen[column.field] = index
            found[index] = column.field
    for index, text in unknown:
        guess = _suggestion(text, seen)
        if guess:
            problems.append(_("Column %(letter)s \"%(header)s\" is not a column of the template; did you mean "
                              "\"%(suggestion)s\"?", letter=column_letter(index), header=text[:60],
                              suggestion=guess))
        else:
            problems.append(_("Column %(letter)s \"%(header)s\" is not a column of the template.",
                              letter=column_letter(index), header=text[:60]))
    for column in COLUMNS:
        if column.required and column.field not in seen:
            problems.append(_("The required column \"%(header)s\" is missing.", header=column.header))
    named = {index for index, raw in enumerate(table.headers) if filled(raw)}
    unnamed = sorted({index for _number, cells in table.rows for index, value in enumerate(cells)
                      if index not in named and filled(value)})
    for index in unnamed:
        problems.append(_("Column %(letter)s has data but no header.", letter=column_letter(index)))
    return found, problems


def parse(data: bytes, limits: Limits) -> list[RawRow]:
    """The rows of an uploaded file, or FileRefused naming every problem of its shape."""
    table = read_table(data, limits)
    found, problems = map_columns(table)
    if problems:
        raise FileRefused(*problems)
    return [RawRow(number, {found[i]: value for i, value in enumerate(cells) if i in found})
            for number, cells in table.rows]
