"""No child's name in any log: the development server's access log (run.py) names
the path without its query string, as gunicorn's does, and an exception in a
request is logged without the query string, the form or the error's message."""
from __future__ import annotations

import logging
import socket
import threading
import urllib.request
from pathlib import Path

import pytest
from flask import request
from werkzeug.serving import make_server

NAME = "Praba Kinanti"


@pytest.fixture
def dev_server(app):
    """run.py's server (app.run with DEV_SERVER_OPTIONS) in a thread on a free loopback port,
    on an application with one route that fails quoting what was searched."""
    import config
    from app import create_app
    from app.platform.log_privacy import DEV_SERVER_OPTIONS

    class Cfg(config.TestConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]  # the test run's migrated database
        SECRET_KEY = app.config["SECRET_KEY"]
        TESTING = False  # errors are handled (and logged) as in production, not raised into the test
        PROPAGATE_EXCEPTIONS = False

    served = create_app(Cfg)
    # Alembic's fileConfig (each backend's migration) disables loggers that existed before it.
    for name in ("werkzeug", served.logger.name):
        logging.getLogger(name).disabled = False

    @served.route("/uji-galat")
    def failing():
        raise ValueError(f"no client called {request.args.get('_flt_0_full_name')}")

    server = make_server("127.0.0.1", 0, served, **DEV_SERVER_OPTIONS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", server.server_port
    server.shutdown()
    thread.join(5)
    server.server_close()
    with served.app_context():
        from app.extensions import db

        db.session.remove()
        db.engine.dispose()


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_run_py_serves_with_the_path_only_access_log():
    assert "**DEV_SERVER_OPTIONS" in (Path(__file__).resolve().parents[2] / "run.py").read_text()


def test_the_dev_servers_access_log_has_the_path_and_not_the_searched_name(dev_server, caplog):
    base, _port = dev_server
    query = "?_flt_0_full_name=" + NAME.replace(" ", "+")
    with caplog.at_level(logging.INFO):
        assert _get(f"{base}/clientview/list/{query}") in (200, 302)
    logged = caplog.text
    assert "GET /clientview/list/ HTTP/1.1" in logged
    assert "Praba" not in logged and "_flt_0" not in logged


def test_a_failing_request_logs_neither_the_query_nor_the_errors_message(dev_server, caplog):
    base, _port = dev_server
    with caplog.at_level(logging.INFO):
        assert _get(f"{base}/uji-galat?_flt_0_full_name=Praba") == 500
    logged = caplog.text
    assert "Exception on /uji-galat [GET]" in logged and "ValueError" in logged
    assert "Praba" not in logged


def test_a_malformed_request_line_is_not_quoted_in_the_log(dev_server, caplog):
    _base, port = dev_server
    with caplog.at_level(logging.INFO), socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /?nama=Praba HTTP/1.1 sisa\r\n\r\n")
        assert b" 400 " in conn.recv(1024)
    assert "Praba" not in caplog.text and "400" in caplog.text


def test_a_logged_database_error_names_its_type_not_its_message(app, caplog):
    """FAB logs a failed save with ``log.exception(...)`` / ``log.exception(e)``; PostgreSQL's
    message of a duplicate key quotes the value ("Key (nik)=(3201...) already exists")."""
    fab = logging.getLogger("flask_appbuilder.models.sqla.interface")
    fab.disabled = False  # Alembic's fileConfig disables loggers that existed before a migration
    message = "Key (nik)=(3201011403100001) already exists, Praba"  # (the traceback quotes source lines)
    with caplog.at_level(logging.INFO):
        try:
            raise LookupError(message)
        except LookupError as exc:
            fab.exception("Add item database error")
            fab.exception(exc)
    assert "LookupError" in caplog.text and "Add item database error" in caplog.text
    assert "Praba" not in caplog.text and "3201011403100001" not in caplog.text
