"""Static files (CSS, scripts, fonts) kept by the browser instead of fetched again on every page.

Every ``url_for`` of a static endpoint (the app's ``static`` and FAB's ``appbuilder.static``, in our templates and
in FAB's own) gets ``?v=`` the first characters of the file's SHA-256. A request that carries the file's current
version is answered as immutable for a year: a page then loads its two dozen assets from the browser's cache,
not with two dozen requests through the whole request stack. A changed file (an upgrade, an edited stylesheet)
has a new version, hence a new address, so no browser keeps an old copy. A request without the version, or with
an old one (the fonts and images a stylesheet names), is kept for an hour and then revalidated.
"""
from __future__ import annotations

import hashlib
import os
import stat as stat_mode
from functools import lru_cache

from flask import Flask, request
from werkzeug.security import safe_join

VERSION_ARG = "v"
IMMUTABLE = "public, max-age=31536000, immutable"
# Files a stylesheet names by a relative address (fonts, images) carry no version: kept an hour, then revalidated.
AN_HOUR = "public, max-age=3600"


@lru_cache(maxsize=512)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    # Keyed by mtime and size as well as the path, so a file edited while the server runs gets a new version.
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def version(app: Flask, endpoint: str, filename: str) -> str | None:
    """The version of the file behind a static endpoint, or None when there is no such file."""
    blueprint = endpoint.rpartition(".")[0]
    scaffold = app.blueprints.get(blueprint) if blueprint else app
    folder = getattr(scaffold, "static_folder", None)
    path = safe_join(folder, filename) if folder else None
    try:
        found = os.stat(path) if path else None
    except OSError:
        return None
    if found is None or not stat_mode.S_ISREG(found.st_mode):  # no such file, or a folder
        return None
    return _digest(path, found.st_mtime_ns, found.st_size)


def _is_static(endpoint: str | None) -> bool:
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


def init_app(app: Flask) -> None:
    @app.url_defaults
    def _add_version(endpoint, values):
        if _is_static(endpoint) and "filename" in values and VERSION_ARG not in values:
            found = version(app, endpoint, values["filename"])
            if found:
                values[VERSION_ARG] = found

    @app.after_request
    def _cache_versioned(response):
        if _is_static(request.endpoint) and response.status_code == 200:
            asked = request.args.get(VERSION_ARG)
            filename = (request.view_args or {}).get("filename", "")
            current = asked and asked == version(app, request.endpoint, filename)
            response.headers["Cache-Control"] = IMMUTABLE if current else AN_HOUR
        return response
