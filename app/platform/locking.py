"""Optimistic locking: no edit silently overwrites another one.

Every editable record carries a ``version`` that SQLAlchemy raises on each
UPDATE (``version_id_col``: the UPDATE says ``WHERE version = <as loaded>``, so
a concurrent writer cannot slip in between). A form or an API call states the
version its user started from; when the record has moved on since, the save is
refused with a message that names who changed it and when (from the audit log),
and the caller keeps the user's input.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.platform.dates import long_datetime
from models import AuditLog

# Name of the hidden form field / JSON key that carries the version a user started from.
FORM_FIELD = "record_version"
JSON_FIELD = "version"


class StaleEdit(DomainError):
    """Somebody saved the record after this user opened it."""

    status_code = 409


def is_versioned(model) -> bool:
    return inspect(model).version_id_col is not None


def version_of(obj) -> int | None:
    mapper = inspect(obj).mapper
    column = mapper.version_id_col
    return None if column is None else getattr(obj, mapper.get_property_by_column(column).key)


def parse_version(raw) -> int | None:
    """The version a caller sent: None when none was sent; a DomainError when it is not a number."""
    if raw is None or (isinstance(raw, str) and raw.strip() in ("", '""', "*")):
        return None
    if isinstance(raw, bool):
        raise DomainError(_("The record version must be a whole number."))
    try:
        return int(str(raw).strip().strip('"').removeprefix('W/').strip('"'))
    except ValueError:
        raise DomainError(_("The record version must be a whole number.")) from None


def last_change(session: Session, obj) -> tuple[str, object] | None:
    """(username, time) of the newest audited create or update of this record."""
    row = session.execute(
        select(AuditLog.username, AuditLog.at)
        .where(AuditLog.table_name == obj.__tablename__, AuditLog.record_id == obj.id,
               AuditLog.action.in_(("create", "update")))
        .order_by(AuditLog.id.desc()).limit(1)
    ).first()
    return (row.username, row.at) if row else None


def stale_message(session: Session, obj, locale: str = "id", tzinfo=None) -> str:
    change = last_change(session, obj)
    if change is None:
        return _("Someone else changed this record after you opened it. Nothing was saved; your input is "
                 "still in the form. Reload the record to see the change, then enter your edits again.")
    who, when = change
    return _("This record was changed by %(user)s at %(time)s, after you opened it. Nothing was saved; your "
             "input is still in the form. Reload the record to see the change, then enter your edits again.",
             user=who, time=long_datetime(when, locale, tzinfo))


def touch(obj) -> None:
    """Move a record's version on when only what hangs under it changed (the answers
    of an assessment), so that a form opened on the old state is refused too."""
    column = inspect(obj).mapper.version_id_col
    key = inspect(obj).mapper.get_property_by_column(column).key
    # An explicit new value: SQLAlchemy still matches the UPDATE on the loaded one.
    setattr(obj, key, (getattr(obj, key) or 0) + 1)


def check(session: Session, obj, submitted, locale: str = "id", tzinfo=None) -> None:
    """Refuse (StaleEdit) a save that started from an older version than the stored one.

    ``submitted`` None means the caller stated no version (a script that reads and
    writes in one go); the database's version check still guards the UPDATE itself."""
    wanted = parse_version(submitted)
    if wanted is None or not is_versioned(type(obj)):
        return
    if wanted != version_of(obj):
        raise StaleEdit(stale_message(session, obj, locale, tzinfo))
