"""Health check: one SELECT 1 on a pooled connection."""
from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

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
