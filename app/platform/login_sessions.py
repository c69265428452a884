"""Login sessions as a request sees them: the configured idle timeout and lifetime,
the address and browser of the request. The rules themselves are in app.platform.sessions."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, request

from app.extensions import db
from app.platform import sessions
from app.platform.lockout import utcnow


def idle() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])


def lifetime() -> timedelta:
    """Absolute lifetime of every session, browser or API (SIBIKA_SESSION_HOURS)."""
    return current_app.config["PERMANENT_SESSION_LIFETIME"]


def open_session(user_id: int, kind: str) -> str:
    # The address only (no path or query string) and the browser's own description.
    return sessions.start(db.session, user_id, kind, utcnow(), lifetime(),
                          user_agent=request.user_agent.string, address=request.remote_addr)


def check(sid: str | None, user_id: int) -> str:
    return sessions.check(db.session, sid, user_id, utcnow(), idle(), lifetime())


def active(user_id: int):
    return sessions.active(db.session, user_id, utcnow(), idle(), lifetime())
