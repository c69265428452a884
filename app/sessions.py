"""Browser sessions: an absolute lifetime (PERMANENT_SESSION_LIFETIME), an idle
timeout, and "log out everywhere".

Each session remembers the user's ``session_epoch`` at login; raising the epoch
in the database (a password reset, the "log out everywhere" button, an admin's
action) ends every session of that user at its next request, in every worker.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from models import Staff

EPOCH_KEY = "_sibika_epoch"
SEEN_KEY = "_sibika_seen"
# The last-seen stamp is rewritten at most this often (every write re-sends the cookie).
TOUCH_SECONDS = 60

VALID, ENDED_ELSEWHERE, IDLE = "valid", "ended_elsewhere", "idle"


def start(session: dict, user: Staff, now: datetime) -> None:
    session[EPOCH_KEY] = user.session_epoch or 0
    session[SEEN_KEY] = int(now.timestamp())


def check(session: dict, user: Staff, now: datetime, idle_minutes: int) -> str:
    """Whether a logged-in session may go on; refreshes the last-seen stamp."""
    if session.get(EPOCH_KEY) != (user.session_epoch or 0):
        return ENDED_ELSEWHERE
    seen = session.get(SEEN_KEY)
    stamp = int(now.timestamp())
    if seen is None or stamp - seen > idle_minutes * 60:
        return IDLE
    if stamp - seen >= TOUCH_SECONDS:
        session[SEEN_KEY] = stamp
    return VALID


def end_all(db_session, user_id: int) -> None:
    """End every session of this user (they log in again)."""
    db_session.execute(update(Staff).where(Staff.id == user_id)
                       .values(session_epoch=Staff.session_epoch + 1))
    db_session.commit()
