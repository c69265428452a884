"""Audit trail: every create, update and delete of an audited record becomes one
AuditLog row in the same transaction; every read of a child's identity or
confidential matters one row per child (collected by app.platform.read_audit).

Models opt in with ``__audited__ = True``. Rows are written with a plain INSERT
after the flush so they commit or roll back together with the change itself.
Values go to the database only, never to the application log.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

from flask import g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import Text, event, insert, inspect
from sqlalchemy.orm import Session

from app.platform.crypto import EncryptedText
from models import AuditLog

# "matter" is derived from columns the trail already has (app/documents/live.py): machinery, not a fact.
SKIPPED_COLUMNS = {"version", "matter"}
# What a redacted value is stored as: the trail says the field changed, not what it said.
REDACTED = "***"
_REDACTED_BY_MODEL: dict[type, frozenset[str]] = {}


def redacted_columns(model) -> frozenset[str]:
    """Columns whose values never reach the trail: the identity a model names in
    ``__audit_redacted__`` (a child's name, NIK, address, guardians, confidential
    matters) and every free-text column, which may name the child in passing."""
    cached = _REDACTED_BY_MODEL.get(model)
    if cached is None:
        mapper = inspect(model)
        free_text = {a.key for a in mapper.column_attrs if isinstance(a.columns[0].type, Text)}
        cached = _REDACTED_BY_MODEL[model] = frozenset(free_text | set(getattr(model, "__audit_redacted__", ())))
    return cached


# Encrypted columns say so: the audit table is not encrypted and its readers are
# not all entitled to the contents.
ENCRYPTED = "[terenkripsi]"


def _marker(attr, hidden: frozenset[str]) -> str | None:
    """What a column's values are logged as instead of themselves (None: logged as they are)."""
    if any(isinstance(c.type, EncryptedText) for c in attr.columns):
        return ENCRYPTED
    return REDACTED if attr.key in hidden else None


def _mask(value, marker: str | None):
    if value is None or marker is None:
        return _plain(value)
    return marker


def _actor() -> tuple[int | None, str, int | None]:
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        return current_user.id, current_user.username, current_user.office_id
    if has_app_context() and g.get("sibika_actor"):  # a background job acts for the user who started it
        return g.sibika_actor
    return None, "system", None


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _client_id(obj) -> int | None:
    if obj.__tablename__ == "client":
        return obj.id
    return getattr(obj, "client_id", None)


def _changes(obj, action: str) -> dict:
    state = inspect(obj)
    hidden = redacted_columns(type(obj))
    out = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SKIPPED_COLUMNS:
            continue
        marker = _marker(attr, hidden)
        hist = state.attrs[key].history
        if action == "create":
            value = getattr(obj, key)
            if value is not None:
                out[key] = [None, _mask(value, marker)]
        elif action == "delete":
            value = hist.unchanged[0] if hist.unchanged else (hist.deleted[0] if hist.deleted else None)
            if value is not None:
                out[key] = [_mask(value, marker), None]
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                out[key] = [_mask(old, marker), _mask(new, marker)]
    return out


def _row(obj, action: str, changes: dict | None, table_name: str | None = None) -> dict:
    """One audit row about ``obj`` (or, with ``obj`` None, about ``table_name`` as a whole)."""
    user_id, username, office_id = _actor()
    return {
        "at": datetime.now(timezone.utc).replace(tzinfo=None),
        "user_id": user_id,
        "username": username,
        "office_id": office_id if office_id is not None else getattr(obj, "office_id", None),
        "action": action,
        "table_name": table_name or obj.__tablename__,
        "record_id": getattr(obj, "id", None),
        "client_id": _client_id(obj) if obj is not None else None,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes else None,
    }


def _version_moved(obj) -> bool:
    state = inspect(obj)
    return "version" in state.attrs and state.attrs["version"].history.has_changes()


@event.listens_for(Session, "before_flush")
def _collect(session: Session, flush_context, instances) -> None:
    # Histories are complete before the flush; ids of new rows only after it.
    pending = session.info.setdefault("audit_pending", [])
    for obj in session.dirty:
        if getattr(obj, "__audited__", False) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj, "update")
            # A version moved on by itself (app.platform.locking.touch: only what hangs under the
            # record changed) is still a change: it names who last saved the record.
            if changes or _version_moved(obj):
                pending.append((obj, "update", changes))
    for obj in session.deleted:
        if getattr(obj, "__audited__", False):
            pending.append((obj, "delete", _changes(obj, "delete")))
    for obj in session.new:
        if getattr(obj, "__audited__", False):
            pending.append((obj, "create", None))


@event.listens_for(Session, "after_flush")
def _write(session: Session, flush_context) -> None:
    pending = session.info.pop("audit_pending", [])
    if not pending:
        return
    rows = []
    for obj, action, changes in pending:
        if action == "create":
            changes = _changes(obj, "create")
        rows.append(_row(obj, action, changes))
    session.connection().execute(insert(AuditLog), rows)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("audit_pending", None)


# The trail's read action ("Dilihat"): what app.platform.read_audit writes for every request
# that handed out a child's identity or confidential matters.
READ = "view"


def record_reads(session: Session, reads: dict[int, set[str]], screen: str) -> None:
    """One read row per child: which screen (an endpoint name, never a URL) and which
    kinds of their records it showed; ids only, no values. The caller commits."""
    if not reads:
        return
    # One actor and one moment for the request's rows (a Kepala's due list reads a few hundred children).
    base = _row(None, READ, None, table_name="client")
    rows = [{**base, "record_id": client_id, "client_id": client_id,
             "changes": json.dumps({"read": [None, " ".join(sorted(tables))], "screen": [None, screen]},
                                   ensure_ascii=False)}
            for client_id, tables in sorted(reads.items())]
    session.execute(insert(AuditLog), rows)


def record_action(session: Session, obj, action: str, details: dict | None = None) -> None:
    """Log an act on a record that is not a change of it (an export, a download),
    with a few plain details (never a client's identity); the caller commits."""
    session.execute(insert(AuditLog), [_row(obj, action, details)])


def record_export(session: Session, book: str, filters: dict[str, str], row_count: int) -> None:
    """Log that the current user took a register out of the system as a file: which
    book, with which filters, how many lines (no values: the file holds them)."""
    changes = {"filters": [None, " ".join(f"{k}={v}" for k, v in sorted(filters.items()))], "rows": [None, row_count]}
    session.execute(insert(AuditLog), [_row(None, "export", changes, table_name=book)])
    session.commit()
