"""Health check: one SELECT 1 on a pooled connection."""
from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

log = logging.getLogger(__name__)


def database_ok(session) -> bool:
    try:
        session.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError as exc:
        # The class only: a driver message may carry connection details.
        log.warning("health check: database unavailable (%s)", type(exc).__name__)
        session.rollback()
        return False
    finally:
        session.rollback()


def end_session(session) -> None:
    """End of a request: close its session. When the database went away meanwhile (a
    restart, a killed connection) the rollback that closing does fails, and Flask would
    throw away the answer already made (gunicorn then sends a bare 500). The connection is
    dead either way; the pool replaces it (pool_pre_ping), and nothing uncommitted survives."""
    try:
        session.remove()
    except OperationalError as exc:
        log.warning("session closed on a lost connection (%s)", type(getattr(exc, "orig", exc)).__name__)
        try:
            session.remove()
        except OperationalError:
            session.registry.clear()
