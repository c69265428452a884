"""Finding a client's records by the client's name: the clause every office-wide list of client-linked
records (progress book, apel, assessments, programmes, documents...) filters by.

The name is a plain column (only the sensitive notes are encrypted at rest), so SQL can search it; the
search is case-insensitive, on the name and the alias, anywhere in them. It narrows rows the access layer
already scoped, it never widens them."""
from __future__ import annotations

from sqlalchemy import ColumnElement, false, func, or_, select

from models import Client

_ESCAPE = "\\"


def _like_pattern(text: str) -> str:
    escaped = text.lower().replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
    return f"%{escaped}%"


def name_matches(client_id_column, text: str | None) -> ColumnElement[bool] | None:
    """``client_id_column`` names a client whose name or alias holds ``text``; None for an empty search."""
    words = " ".join((text or "").split())
    if not words:
        return None
    if len(words) > 150:
        return false()
    pattern = _like_pattern(words)
    named = select(Client.id).where(or_(func.lower(Client.full_name).like(pattern, escape=_ESCAPE),
                                        func.lower(Client.alias).like(pattern, escape=_ESCAPE)))
    return client_id_column.in_(named)
