"""The client list filtered to the register entries still incomplete: the list the registration dashboard's
tile "register entries incomplete" opens, with the tile's own count (``app.dashboard.registration``'s
``incomplete_clause``; the list's scope is the client list's own)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from wtforms import BooleanField

from app import access
from app.dashboard.registration import incomplete_clause

REGISTER_INCOMPLETE = "register_incomplete"
LABEL = _("Register entry incomplete")


FilterRegisterIncomplete = access.narrowing(
    "FilterRegisterIncomplete", _("Yes"), "belum_lengkap",
    lambda model, value: incomplete_clause() if value in ("y", "1", True) else None)


def filters_of(col_name: str, datamodel) -> list | None:
    from models import Client

    if col_name == REGISTER_INCOMPLETE and datamodel.obj is Client:
        return [FilterRegisterIncomplete(col_name, datamodel)]
    return None


def search_field() -> BooleanField:
    return BooleanField(LABEL)
