"""Security headers, CSRF on every form, /health, recovery from killed database
connections, HTTPS/proxy switches."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from app.platform import headers
from app.extensions import db
from tests.conftest import PASSWORD, Browser

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

REQUIRED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


@pytest.mark.parametrize("url", ["/login/", "/health", "/no-such-page", "/pengaduan/", "/static/sibika/dates.js",
                                 "/static/appbuilder/css/bootstrap.min.css"])
def test_every_response_carries_the_security_headers(app, url):
    response = app.test_client().get(url)
    for name, value in REQUIRED.items():
        assert response.headers.get(name) == value, (url, name)
    assert "camera=()" in response.headers["Permissions-Policy"]
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "Strict-Transport-Security" not in response.headers  # only over HTTPS


@pytest.mark.parametrize("url", ["/clientview/list/", "/clientview/add", "/users/list/", "/beranda/"])
def test_every_inline_script_carries_the_nonce_of_the_policy(app, as_user, url):
    response = as_user("admin").get(url)
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", response.get_data(as_text=True))
    assert scripts
    assert [s for s in scripts if f'nonce="{nonce}"' not in s] == []
    # No inline event handlers either: a nonce would not cover them.
    assert not re.search(r"<[^>]+\son(click|load|error|change|submit)=", response.get_data(as_text=True))


def test_a_nonce_is_new_for_every_response(app, as_user):
    browser = as_user("admin")
    first = browser.get("/clientview/list/").headers["Content-Security-Policy"]
    second = browser.get("/clientview/list/").headers["Content-Security-Policy"]
    assert first != second


def test_https_switch_secures_cookies_and_adds_hsts(app):
    app.config.update(HTTPS=True, SESSION_COOKIE_SECURE=True)
    try:
        Browser._forget_cached_user()
        response = app.test_client().post("/login/", data={"username": "pk_a", "password": PASSWORD},
                                          base_url="https://localhost")
        assert "Secure" in response.headers["Set-Cookie"]
        assert response.headers["Strict-Transport-Security"] == headers.HSTS
    finally:
        app.config.update(HTTPS=False, SESSION_COOKIE_SECURE=False)


def test_proxy_fix_trusts_the_configured_proxy_only():
    import config
    from app import create_app

    class Behind(config.TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        PROXY_FIX_HOPS = 1

    proxied = create_app(Behind)

    @proxied.get("/_scheme")
    def _scheme():
        from flask import request

        return f"{request.scheme} {request.remote_addr}"

    answer = proxied.test_client().get("/_scheme", headers={"X-Forwarded-Proto": "https",
                                                            "X-Forwarded-For": "203.0.113.9"})
    assert answer.get_data(as_text=True) == "https 203.0.113.9"
    with proxied.app_context():
        db.engine.dispose()


def _post_rules(app):
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        values = {arg: (1 if type(rule._converters.get(arg)).__name__ == "IntegerConverter" else "x")
                  for arg in rule.arguments}
        yield rule, rule.build(values, append_unknown=False)[1]


def test_every_form_post_without_a_csrf_token_is_refused(app, as_user):
    """Walks every POST route of the screens as Admin with CSRF protection on and no
    token: every one answers 400 before doing anything."""
    browser = as_user("admin")
    app.config["WTF_CSRF_ENABLED"] = True
    accepted, api = [], []
    try:
        for rule, url in _post_rules(app):
            if rule.rule.startswith("/api/"):
                api.append(url)
                continue
            Browser._forget_cached_user()
            response = browser.client.post(url, data={"name": "x"})
            if response.status_code != 400:
                accepted.append((url, response.status_code))
        # The JSON API is exempt from the form token (FAB); a browser cannot send it JSON cross-site
        # (SameSite cookie, CORS preflight), and a form-encoded post to it is not accepted.
        for url in api:
            Browser._forget_cached_user()
            response = browser.client.post(url, data={"name": "x"})
            assert response.status_code >= 400, url
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert accepted == []
    assert len(api) > 0


def test_the_login_form_needs_its_token_too(app):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        Browser._forget_cached_user()
        response = app.test_client().post("/login/", data={"username": "pk_a", "password": PASSWORD})
        assert response.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_health_says_ok_without_login_and_without_data(app):
    response = app.test_client().get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_says_503_when_the_database_does_not_answer(app, monkeypatch):
    import views.platform.health

    monkeypatch.setattr(views.platform.health, "database_ok", lambda session: False)
    response = app.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_database_ok_on_an_unreachable_server():
    from sqlalchemy.orm import Session

    from app.platform.health import database_ok

    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1})
    assert database_ok(Session(engine)) is False


@pytest.mark.committing  # a second session or thread sees only what is committed
def test_killed_database_connections_are_replaced(app, as_user):
    """pg_terminate_backend on every connection of the app (as a server restart or a
    proxy timeout would): the next requests still succeed (pool_pre_ping)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no server connections")
    browser = as_user("admin")
    assert browser.get("/clientview/list/").status_code == 200
    db.session.remove()  # the test's own session gives its connection back to the pool
    assert db.engine.pool.checkedin() >= 1
    killer = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        with killer.connect() as conn:
            killed = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
    finally:
        killer.dispose()
    assert killed >= 1
    assert browser.get("/clientview/list/").status_code == 200
    assert app.test_client().get("/health").status_code == 200


def test_sql_errors_carry_no_values_into_logs(app):
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError) as caught:
        db.session.execute(text("SELECT * FROM no_such_table WHERE name = :name"), {"name": "Budi Rahasia"})
    db.session.rollback()
    assert "Budi Rahasia" not in str(caught.value)
