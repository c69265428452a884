"""The office a member of the public chose: remembered in a cookie, never defaulted silently. Public pages name an
office by its code, never by an internal id."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request
from flask_babel import lazy_gettext as _
from sqlalchemy import select

from app.extensions import db
from models import Office

COOKIE = "sibika_kantor"
ONE_YEAR = 365 * 24 * 3600
CHOOSE = _("Choose the Bapas office you want to read about.")


def choices() -> list[tuple[str, str]]:
    return [(o.code, o.name) for o in db.session.scalars(select(Office).order_by(Office.name))]


def by_code(code: str | None) -> Office | None:
    code = (code or "").strip()
    return db.session.scalars(select(Office).where(Office.code == code)).first() if code else None


def from_request() -> tuple[Office | None, object | None]:
    """(the office, None) when one is chosen in the query (``?kantor=CODE``) or remembered in the cookie;
    (None, a message) when the query names none or an unknown one; (None, None) before any choice."""
    if "kantor" in request.args:
        office = by_code(request.args["kantor"])
        return (office, None) if office else (None, CHOOSE)
    return by_code(request.cookies.get(COOKIE)), None


def remembered() -> Office | None:
    return by_code(request.cookies.get(COOKIE))


def remember(response, office: Office | None):
    if office is not None and request.cookies.get(COOKIE) != office.code:
        response.set_cookie(COOKIE, office.code, max_age=ONE_YEAR, httponly=True, samesite="Lax",
                            secure=bool(current_app.config.get("HTTPS")))
    return response


def local_path(target: str | None) -> str | None:
    """``target`` when it is a path on this site (no scheme, no host, not protocol-relative), else None."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
