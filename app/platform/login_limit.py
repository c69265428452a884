"""One rate limit per address for every way of logging in: POST /login/ (the screens)
and POST /api/v1/security/login (the API) draw on the same counter, so being refused
on one route is being refused on the other. It is FAB's limiter, which keeps its
counts in RATELIMIT_STORAGE_URI: shared by every worker when that is a shared store."""
from __future__ import annotations

from flask import current_app, jsonify, render_template, request
from flask_babel import gettext

SCOPE = "login"
_ENDPOINTS_KEY = "sibika_login_endpoints"


def apply(security_manager, api_view) -> None:
    """Put the shared limit on both login routes (after FAB registered their views)."""
    endpoints = {f"{security_manager.auth_view.blueprint.name}.login", f"{api_view.blueprint.name}.login"}
    current_app.extensions[_ENDPOINTS_KEY] = endpoints
    limit = security_manager.limiter.shared_limit(
        lambda: current_app.config["AUTH_RATE_LIMIT"], scope=SCOPE, methods=["POST"],
        # The API's blueprint also holds /refresh, which is not a login.
        exempt_when=lambda: not is_login_request())
    limit(security_manager.auth_view.blueprint)
    limit(api_view.blueprint)


def is_login_request() -> bool:
    return request.endpoint in current_app.extensions.get(_ENDPOINTS_KEY, ())


def too_many_response():
    message = gettext("Too many login attempts from your connection. Please wait a few minutes and try again.")
    if request.path.startswith("/api/"):
        return jsonify(message=message), 429
    return render_template("error.html", title=gettext("Too many login attempts"), message=message), 429
