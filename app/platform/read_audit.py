"""Every read of a child's identity or confidential matters leaves an audit row.

One place for every screen, API call, export and document: a record that carries
a child's identity (a model naming ``__audit_redacted__`` columns: the client,
their guardians, their confidential matters) is noted when the ORM loads it
during a request, and when the response hands data out (a 2xx answer) one "view"
row per child is written before it leaves. A view added later is audited
without a line of its own; a read that takes columns rather than records (a
register's query) says so with ``saw()``.

The rows name ids, the screen (its endpoint, never the URL, whose query string
may carry a searched name) and which kinds of record were read; never a value.
"""
from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_appbuilder import Model
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from app.platform import audit
from models import Client

_KEY = "sibika.audit_reads"
# The models that name identity columns for the trail to mask are the ones whose reads it records.
IDENTITY_MODELS = tuple(m.class_ for m in Model.registry.mappers if getattr(m.class_, "__audit_redacted__", None))


def _reads() -> dict[int, set[str]] | None:
    """client id -> the kinds of record read, for the current request (None outside one)."""
    if not has_request_context():
        return None
    return request.environ.setdefault(_KEY, {})


def saw(client_id: int | None, table_name: str = "client") -> None:
    """Note that the current request shows ``client_id``'s ``table_name`` data."""
    reads = _reads()
    if reads is not None and client_id is not None:
        reads.setdefault(int(client_id), set()).add(table_name)


def saw_all(client_ids, table_name: str = "client") -> None:
    for client_id in client_ids:
        saw(client_id, table_name)


def _loaded(target, *_args) -> None:
    client_id = target.id if isinstance(target, Client) else getattr(target, "client_id", None)
    saw(client_id, target.__tablename__)


for _model in IDENTITY_MODELS:
    # "load": fetched by a query; "refresh": an expired record read again (after a commit).
    event.listen(_model, "load", _loaded)
    event.listen(_model, "refresh", _loaded)


def _write_reads(response):
    reads = request.environ.pop(_KEY, None)
    if not reads or not 200 <= response.status_code < 300:
        # A redirect, a refusal or an error hands no record out.
        return response
    from app.extensions import db

    try:
        audit.record_reads(db.session, reads, request.endpoint or "?")
        db.session.commit()
    except SQLAlchemyError as exc:
        # Fail closed: data whose read cannot be recorded is not handed out.
        db.session.rollback()
        return current_app.make_response(current_app.handle_user_exception(exc))
    return response


def init_app(app: Flask) -> None:
    app.after_request(_write_reads)
