"""Lockout after repeated failed logins, counted in the database so that every
worker process agrees (FAB's rate limit is per address and, by default, per process).

After ``max_failures`` wrong passwords in a row an account refuses every login,
the right password included, for ``minutes``; then it gets a fresh count.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask_babel import lazy_gettext
from sqlalchemy import func, select, update

from models import Staff

# The one answer to every refused login, on the screens and in the API: a wrong password, an
# unknown or inactive user and a locked account read the same, so the answer never tells
# whether a user name exists.
FAILED_LOGIN = lazy_gettext("Login failed: the user name or password is wrong, or the account is locked for a "
                            "while after too many failed attempts. Try again later or ask the administrator.")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def is_locked(user: Staff, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utcnow())


def record_failure(session, user_id: int, max_failures: int, minutes: int, now: datetime | None = None) -> bool:
    """Count one failure (one atomic UPDATE, safe against concurrent workers);
    True when this failure locked the account."""
    now = now or utcnow()
    session.execute(update(Staff).where(Staff.id == user_id)
                    .values(fail_login_count=func.coalesce(Staff.fail_login_count, 0) + 1))
    count = session.scalar(select(Staff.fail_login_count).where(Staff.id == user_id))
    locked = count is not None and count >= max_failures
    if locked:
        session.execute(update(Staff).where(Staff.id == user_id)
                        .values(locked_until=now + timedelta(minutes=minutes), fail_login_count=0))
    session.commit()
    return locked


def record_success(user: Staff) -> None:
    user.locked_until = None
    user.fail_login_count = 0


def unlock(session, user_id: int) -> None:
    session.execute(update(Staff).where(Staff.id == user_id).values(locked_until=None, fail_login_count=0))
    session.commit()
