"""No NUL character reaches the database: PostgreSQL refuses it in any text (a query with one fails
outright), SQLite would store an invisible character nobody can search for. A NUL cannot be typed, only
pasted or sent on purpose, so a request carrying one in its address, form or JSON body is refused before
anything reads it, with a message that says what to do; nothing is saved."""
from __future__ import annotations

from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _

TITLE = _("The input contains an invisible character")
MESSAGE = _("A field holds a NUL character (usually pasted from another program), which cannot be saved. "
            "Nothing was saved: go back, retype the text of that field and send it again.")


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def carries_nul() -> bool:
    """Whether the request's query, form fields or JSON body hold a NUL (uploaded files are checked by
    app.platform.uploads, not here)."""
    if "\x00" in request.path:
        return True
    for values in (request.args, request.form):
        if any("\x00" in k or _has_nul(v) for k, v in values.items(multi=True)):
            return True
    return request.is_json and _has_nul(request.get_json(silent=True))


def refuse_nul():
    """before_request: a 400 in the reader's language (JSON for the API), before any query runs."""
    if not carries_nul():
        return None
    if request.path.startswith("/api/"):
        return jsonify(message=str(MESSAGE)), 400
    return render_template("error.html", title=TITLE, message=MESSAGE), 400


def init_app(app) -> None:
    app.before_request(refuse_nul)
