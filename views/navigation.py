"""Where a user returns after a save: the page they came from."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


def came_from(default: str) -> str:
    """The page to return to: ``next`` from the form or the link, else the referring page of this
    site; only a path on this site (never another host), and never the page of the form itself."""
    for candidate in (request.form.get("next"), request.args.get("next"), request.referrer):
        if not candidate:
            continue
        parts = urlsplit(candidate)
        if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != request.host):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not path.startswith("//") and "\\" not in path and parts.path != request.path:
            return path
    return default
