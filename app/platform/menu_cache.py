"""The navbar's menu drawn once per set of rights and language, not on every page.

Drawing the menu was most of a page's template time: one ``has_access`` per entry and a macro per entry, on every
page, 403 pages included. What the menu shows follows from three things only, so the drawn HTML is kept under
them:

* the names of the user's builtin roles (their grants are code, app.platform.roles, fixed while the process runs;
  the memo goes with them if ``builtin_roles`` is replaced),
* the (permission, view) pairs of the user's database roles, read for this request (one query, shared with the
  permission checks of app.platform.permission_cache),
* the language and the application's root path (the entries' labels and addresses).

The roles come from the user loaded for this request, so a role taken away or a permission removed from a
database role changes the key and shows from the next page on; nothing needs to be invalidated.
"""
from __future__ import annotations

import threading

from flask import current_app, g, request
from flask_babel import get_locale
from jinja2 import pass_context
from markupsafe import Markup

TEMPLATE = "appbuilder/navbar_menu.html"
LIMIT = 256  # distinct role sets x languages; far more than an office has

_drawn: dict[tuple, Markup] = {}
_lock = threading.Lock()


def key(sm, user) -> tuple | None:
    """What the menu of ``user`` depends on, or None when it must be drawn afresh (no logged-in officer)."""
    if user is None or not getattr(user, "is_authenticated", False) or g.get("_api_key_user", False):
        return None
    builtin, db_ids = sm.split_roles(sm.get_user_roles(user))
    granted = sm.db_role_grants(db_ids) if db_ids else frozenset()
    return (id(sm.builtin_roles), tuple(sorted(role.name for role in builtin)), granted, str(get_locale()),
            request.script_root)


@pass_context
def cached_menu(context) -> Markup:
    """The menu's HTML: drawn by the template the first time for its key, then taken as it was drawn."""
    found = key(current_app.appbuilder.sm, g.get("_login_user"))
    if found is not None and found in _drawn:
        return _drawn[found]
    html = Markup(context.environment.get_template(TEMPLATE).render(context.get_all()))
    if found is not None:
        with _lock:
            if len(_drawn) >= LIMIT:
                _drawn.clear()
            _drawn[found] = html
    return html


def forget() -> None:
    """Drop every drawn menu (tests that change the menu itself)."""
    with _lock:
        _drawn.clear()
