"""No child's name in any log: what the servers and the application write to
their logs names paths and error types, never a query string, a form value or
an error's message.

A search's query string may carry a child's name (``?_flt_0_full_name=...``) and
an error's message may quote what was typed or stored (PostgreSQL's "Key
(nik)=(3201...) already exists", Python's "invalid literal for int(): 'Praba'").
SQL statements already go to the log without their parameters
(``hide_parameters`` in config.py).
"""
from __future__ import annotations

import logging
import traceback
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.serving import WSGIRequestHandler


class PathOnlyRequestHandler(WSGIRequestHandler):
    """The development server's access log as gunicorn's (``%(U)s``): the path, no query string."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = getattr(self, "path", None)
        # No path: the request line could not be parsed, and it may hold anything.
        shown = urlsplit(path).path if path is not None else "-"
        shown = shown.translate(self._control_char_table)
        self.log("info", '"%s %s %s" %s %s', getattr(self, "command", "-"), shown,
                 getattr(self, "request_version", "-"), code, size)

    def log_error(self, format: str, *args) -> None:
        # http.server quotes the raw request line in its refusals ("Bad request syntax
        # ('GET /?nama=... HTTP/1.1')"): the code is logged, not the line.
        code = args[0] if args and isinstance(args[0], int) else "-"
        self.log("error", "request refused: %s", code)


def _without_messages(exc: BaseException) -> str:
    """The traceback of ``exc`` (and of its causes) with each exception's type but not its message."""
    parts = []
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(f"Traceback (most recent call last):\n{stack}{_kind(current)} "
                     "(message not logged: it may quote a child's data)")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n\nwhile handling or caused by:\n\n".join(reversed(parts))


def _kind(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__qualname__}"


def _redacting(base):
    """A log record factory around ``base``: a record's traceback is formatted without
    messages (every standard formatter uses ``exc_text`` when it is set), and a record
    whose message is an exception itself (FAB's ``log.exception(e)``) names its type."""

    def factory(*args, **kwargs):
        record = base(*args, **kwargs)
        if isinstance(record.msg, BaseException):
            record.msg, record.args = _kind(record.msg), ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _without_messages(record.exc_info[1])
        return record

    factory.sibika_redacting = True
    return factory


# What run.py hands to app.run(): the access log above instead of werkzeug's.
DEV_SERVER_OPTIONS = {"request_handler": PathOnlyRequestHandler}


def init_app(_app: Flask | None = None) -> None:
    """Every logger of the process (Flask's "Exception on /path [GET]", FAB's database
    errors, SQLAlchemy's, gunicorn's) logs tracebacks without messages; once per process."""
    base = logging.getLogRecordFactory()
    if not getattr(base, "sibika_redacting", False):
        logging.setLogRecordFactory(_redacting(base))
