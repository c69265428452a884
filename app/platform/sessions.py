"""Login sessions kept on the server: one row per login, for a browser (its id in the
signed cookie) or an API client (its id in every JWT of that login).

A session ends when it is revoked (logout, "log out everywhere", a password change,
a lockout, deactivation, or ended from the session list), when it sat idle longer
than the idle timeout, or at its absolute lifetime. Every request checks its row, so
ending it works at once in every worker, and a copied cookie or token dies with it.
The last-seen stamp is written at most once a minute, not on every request.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from app.platform.lockout import utcnow
from models import LoginSession

SID_KEY = "_sibika_sid"  # in the signed cookie
WEB, API = "web", "api"
# The last-seen stamp is rewritten at most this often.
TOUCH_SECONDS = 60
USER_AGENT_LENGTH = 255
ADDRESS_LENGTH = 45

VALID, ENDED, IDLE = "valid", "ended", "idle"


def digest(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def start(db_session, user_id: int, kind: str, now: datetime, lifetime: timedelta,
          user_agent: str | None = None, address: str | None = None) -> str:
    """A new session; returns its secret id (stored only as a digest)."""
    sid = secrets.token_urlsafe(32)
    # Sessions begun before one lifetime ago are over whatever they say: the user's table stays small.
    db_session.execute(delete(LoginSession).where(LoginSession.user_id == user_id,
                                                  LoginSession.created_at < now - lifetime))
    db_session.add(LoginSession(token_hash=digest(sid), user_id=user_id, kind=kind, created_at=now,
                                last_seen_at=now, user_agent=(user_agent or "")[:USER_AGENT_LENGTH] or None,
                                address=(address or "")[:ADDRESS_LENGTH] or None))
    db_session.commit()
    return sid


def state(row: LoginSession | None, user_id: int, now: datetime, idle: timedelta, lifetime: timedelta) -> str:
    """The rule: whether a session may go on."""
    if row is None or row.user_id != user_id or row.revoked_at is not None or now - row.created_at > lifetime:
        return ENDED
    if now - row.last_seen_at > idle:
        return IDLE
    return VALID


def check(db_session, sid: str | None, user_id: int, now: datetime, idle: timedelta, lifetime: timedelta) -> str:
    """Whether the session with this secret id may go on; ends an idle one and
    refreshes the last-seen stamp of a live one (at most once a minute)."""
    row = db_session.scalar(select(LoginSession).where(LoginSession.token_hash == digest(sid))) if sid else None
    verdict = state(row, user_id, now, idle, lifetime)
    if verdict == IDLE:
        _revoke(db_session, LoginSession.id == row.id, now)
    elif verdict == VALID and (now - row.last_seen_at).total_seconds() >= TOUCH_SECONDS:
        db_session.execute(update(LoginSession).where(LoginSession.id == row.id).values(last_seen_at=now))
        db_session.commit()
    return verdict


def active(db_session, user_id: int, now: datetime, idle: timedelta, lifetime: timedelta) -> list[LoginSession]:
    """The user's sessions that are still going, the most recently used first."""
    return list(db_session.scalars(
        select(LoginSession).where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None),
                                   LoginSession.created_at >= now - lifetime, LoginSession.last_seen_at >= now - idle)
        .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())))


def is_current(row: LoginSession, sid: str | None) -> bool:
    return sid is not None and row.token_hash == digest(sid)


def end(db_session, session_id: int, user_id: int | None = None, now: datetime | None = None) -> LoginSession | None:
    """End one live session (only one of ``user_id`` when given); None when there is
    no such live session, so that another user's id looks the same as a missing one."""
    query = select(LoginSession).where(LoginSession.id == session_id, LoginSession.revoked_at.is_(None))
    if user_id is not None:
        query = query.where(LoginSession.user_id == user_id)
    row = db_session.scalar(query)
    if row is not None:
        _revoke(db_session, LoginSession.id == row.id, now or utcnow())
    return row


def end_by_sid(db_session, sid: str | None, now: datetime | None = None) -> None:
    """Logout: end the session this cookie carries."""
    if sid:
        _revoke(db_session, LoginSession.token_hash == digest(sid), now or utcnow())


def end_all(db_session, user_id: int, now: datetime | None = None) -> None:
    """End every session of this user, browsers and API tokens alike (they log in again)."""
    _revoke(db_session, LoginSession.user_id == user_id, now or utcnow())


def _revoke(db_session, where, now: datetime) -> None:
    db_session.execute(update(LoginSession).where(where, LoginSession.revoked_at.is_(None)).values(revoked_at=now))
    db_session.commit()
