"""Login sessions kept on the server: API tokens die with the account's sessions, Bearer
tokens open no screen, one login rate limit for the screens and the API, one answer to
every refused login, logout ends the session on the server, the "Sesi aktif" list."""
from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from flask import g
from sqlalchemy import select, update

from app.platform import lockout, sessions
from app.extensions import db
from models import LoginSession, Staff
from tests.conftest import PASSWORD

# Sessions, audit rows, stored files and templates: SQL behaviour, so on both databases.
pytestmark = pytest.mark.both_databases

GOOD = "Kuda-Lari-Pagi-7"
LIST = "/clientview/list/"
API_LIST = "/api/v1/client/"


def _fresh():
    # The tests hold one app context open, so g would carry a user (Flask-Login's or
    # flask-jwt-extended's) from one request to the next; production has a g per request.
    for key in ("_login_user", "user", "_jwt_extended_jwt", "_jwt_extended_jwt_user", "_jwt_extended_jwt_header"):
        g.pop(key, None)


def _web_login(client, username, password=PASSWORD):
    _fresh()
    return client.post("/login/", data={"username": username, "password": password})


def _api_login(client, username, password=PASSWORD):
    _fresh()
    return client.post("/api/v1/security/login", json={"username": username, "password": password,
                                                        "provider": "db", "refresh": True})


def _tokens(app, username):
    answer = _api_login(app.test_client(), username)
    assert answer.status_code == 200, answer.json
    return answer.json["access_token"], answer.json["refresh_token"]


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def _get(client, url, **kw):
    _fresh()
    return client.get(url, **kw)


def _post(client, url, **kw):
    _fresh()
    return client.post(url, **kw)


def _api_status(app, access, refresh) -> tuple[int, int]:
    client = app.test_client()
    listed = _get(client, API_LIST, headers=_bearer(access)).status_code
    refreshed = _post(client, "/api/v1/security/refresh", headers=_bearer(refresh)).status_code
    return listed, refreshed


def _to_login(response) -> bool:
    return response.status_code == 302 and "/login" in response.headers["Location"]


def _flashes(client) -> list:
    with client.session_transaction() as stored:
        return list(stored.get("_flashes", []))


# --- 2. API tokens die with the account's sessions -------------------------------------------

def test_tokens_die_with_a_password_change(app, as_user, fresh_user):
    user = fresh_user("tok_reset")
    access, refresh = _tokens(app, "tok_reset")
    assert _api_status(app, access, refresh) == (200, 200)
    changed = as_user("admin").post(f"/resetpassword/form?pk={user.id}", data={"password": GOOD, "conf_password": GOOD})
    assert changed.status_code == 302
    assert _api_status(app, access, refresh) == (401, 401)


def test_tokens_die_with_log_out_everywhere(app, fresh_user):
    fresh_user("tok_everywhere")
    access, refresh = _tokens(app, "tok_everywhere")
    browser = app.test_client()
    assert _web_login(browser, "tok_everywhere").status_code == 302
    assert _to_login(_post(browser, "/sesi/keluar-semua"))
    assert _api_status(app, access, refresh) == (401, 401)


def test_tokens_die_with_deactivation(app, as_user, world, fresh_user):
    user = fresh_user("tok_inactive")
    access, refresh = _tokens(app, "tok_inactive")
    form = {"first_name": "Uji", "last_name": "Akun", "username": "tok_inactive", "email": "tok_inactive@example.test",
            "roles": str(app.appbuilder.sm.find_role("PK").id), "nip": "", "jabatan": "", "pangkat": "",
            "office": str(world.office_a)}  # "active" left out: unticked
    edited = as_user("admin").post(f"/users/edit/{user.id}", data=form)
    assert edited.status_code == 302
    db.session.expire_all()
    assert db.session.get(Staff, user.id).active is False
    assert _api_status(app, access, refresh) == (401, 401)
    # Activated again, the old tokens stay dead.
    db.session.execute(update(Staff).where(Staff.id == user.id).values(active=True))
    db.session.commit()
    assert _api_status(app, access, refresh) == (401, 401)


def test_tokens_die_with_a_lockout(app, fresh_user):
    fresh_user("tok_locked")
    access, refresh = _tokens(app, "tok_locked")
    for n in range(app.config["LOGIN_MAX_FAILURES"]):
        assert _api_login(app.test_client(), "tok_locked", f"salah-{n}-salah-salah").status_code == 401
    assert _api_status(app, access, refresh) == (401, 401)


def test_token_lifetimes(app):
    access, refresh = _tokens(app, "pk_a")
    access_claims = jwt.decode(access, options={"verify_signature": False})
    refresh_claims = jwt.decode(refresh, options={"verify_signature": False})
    assert access_claims["exp"] - access_claims["iat"] == 15 * 60
    session_seconds = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    assert 0 < refresh_claims["exp"] - refresh_claims["iat"] <= session_seconds
    assert access_claims["sid"] == refresh_claims["sid"]


def test_a_refreshed_token_stays_in_its_session(app, fresh_user):
    fresh_user("tok_refresh")
    access, refresh = _tokens(app, "tok_refresh")
    renewed = _post(app.test_client(), "/api/v1/security/refresh", headers=_bearer(refresh)).json["access_token"]
    assert _get(app.test_client(), API_LIST, headers=_bearer(renewed)).status_code == 200
    browser = app.test_client()
    _web_login(browser, "tok_refresh")
    _post(browser, "/sesi/keluar-semua")
    assert _get(app.test_client(), API_LIST, headers=_bearer(renewed)).status_code == 401


def test_a_bearer_token_opens_no_screen(app):
    access, _ = _tokens(app, "pk_a")
    client = app.test_client()
    assert _to_login(_get(client, LIST, headers=_bearer(access)))
    assert _to_login(_get(client, "/users/userinfo/", headers=_bearer(access)))
    assert _get(client, API_LIST, headers=_bearer(access)).status_code == 200


def test_the_api_login_gives_no_browser_session(app):
    answer = _api_login(app.test_client(), "pk_a")
    assert answer.status_code == 200
    assert "session=" not in answer.headers.get("Set-Cookie", "")


# --- 3. The API login is throttled and locked like the screen login ---------------------------

@pytest.fixture
def login_limit(app):
    before = app.config["AUTH_RATE_LIMIT"]
    app.config["AUTH_RATE_LIMIT"] = "20 per 5 minutes"
    app.appbuilder.sm.limiter.reset()
    yield 20
    app.config["AUTH_RATE_LIMIT"] = before
    app.appbuilder.sm.limiter.reset()


def _bad_web(client):
    return _web_login(client, "tidak_ada_orangnya", "tidak-ada-sandinya").status_code


def _bad_api(client):
    return _api_login(client, "tidak_ada_orangnya", "tidak-ada-sandinya").status_code


def test_bad_api_logins_are_limited_and_then_the_screen_login_too(app, login_limit):
    client = app.test_client()
    assert [_bad_api(client) for _ in range(login_limit)] == [401] * login_limit
    refused = _api_login(client, "pk_a")  # even the right password now
    assert refused.status_code == 429 and "percobaan masuk" in refused.json["message"]
    assert _bad_web(app.test_client()) == 429
    page = _web_login(app.test_client(), "pk_a")
    assert page.status_code == 429 and "percobaan masuk" in page.get_data(as_text=True)
    assert _get(app.test_client(), "/login/").status_code == 200  # the form itself still shows


def test_bad_screen_logins_are_limited_and_then_the_api_login_too(app, login_limit):
    client = app.test_client()
    assert [_bad_web(client) for _ in range(login_limit)] == [302] * login_limit
    assert _bad_web(client) == 429
    assert _api_login(app.test_client(), "pk_a").status_code == 429


def test_refreshing_a_token_is_not_a_login_attempt(app, login_limit):
    _, refresh = _tokens(app, "pk_a")
    statuses = {_post(app.test_client(), "/api/v1/security/refresh", headers=_bearer(refresh)).status_code
                for _ in range(login_limit + 2)}
    assert statuses == {200}


def test_api_login_failures_count_towards_the_lockout(app, fresh_user):
    user = fresh_user("api_guess")
    for n in range(app.config["LOGIN_MAX_FAILURES"]):
        _api_login(app.test_client(), "api_guess", f"salah-{n}-salah-salah")
    db.session.expire_all()
    assert lockout.is_locked(db.session.get(Staff, user.id))
    assert _api_login(app.test_client(), "api_guess").status_code == 401  # the right password, locked
    assert _to_login(_web_login(app.test_client(), "api_guess"))


def test_a_locked_account_and_an_unknown_name_get_the_same_answer(app, fresh_user):
    user = fresh_user("locked_out")
    db.session.execute(update(Staff).where(Staff.id == user.id)
                       .values(locked_until=lockout.utcnow() + timedelta(minutes=15)))
    db.session.commit()
    answers = {}
    for name in ("locked_out", "no_such_name"):
        browser = app.test_client()
        screen = _web_login(browser, name)
        api = _api_login(app.test_client(), name)
        answers[name] = (screen.status_code, screen.headers["Location"], _flashes(browser), api.status_code, api.json)
    assert answers["locked_out"] == answers["no_such_name"]
    status, _, flashes, api_status, api_json = answers["no_such_name"]
    assert status == 302 and api_status == 401
    assert len(flashes) == 1 and "Gagal masuk" in flashes[0][1]
    assert api_json["message"] == flashes[0][1]


# --- 4. Logging out ends that session on the server ------------------------------------------

def _copy_of(client, app):
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    return copy


def test_a_cookie_copied_before_logout_no_longer_works(app, fresh_user):
    fresh_user("copied")
    original = app.test_client()
    assert _web_login(original, "copied").status_code == 302
    thief = _copy_of(original, app)
    assert _get(thief, LIST).status_code == 200
    _get(original, "/logout/")
    assert _to_login(_get(thief, LIST))


def test_an_unknown_session_id_is_logged_out(app, fresh_user):
    fresh_user("unknown_sid")
    client = app.test_client()
    _web_login(client, "unknown_sid")
    with client.session_transaction() as stored:
        stored[sessions.SID_KEY] = "dibuat-buat"
    assert _to_login(_get(client, LIST))


def _rows(user_id):
    db.session.expire_all()
    return list(db.session.scalars(select(LoginSession).where(LoginSession.user_id == user_id)
                                   .order_by(LoginSession.id)))


def test_a_session_ended_from_the_list_stops_working(app, fresh_user):
    user = fresh_user("two_places")
    laptop, phone = app.test_client(), app.test_client()
    _web_login(laptop, "two_places")
    _web_login(phone, "two_places", )
    laptop_row, phone_row = _rows(user.id)
    page = _get(laptop, "/sesi/").get_data(as_text=True)
    assert f"/sesi/{phone_row.id}/akhiri" in page and f"/sesi/{laptop_row.id}/akhiri" in page
    assert "Sesi aktif" in page and "Sesi ini" in page
    ended = _post(laptop, f"/sesi/{phone_row.id}/akhiri")
    assert ended.status_code == 302 and ended.headers["Location"].endswith("/sesi/")
    assert _to_login(_get(phone, LIST))
    assert _get(laptop, LIST).status_code == 200
    assert f"/sesi/{phone_row.id}/akhiri" not in _get(laptop, "/sesi/").get_data(as_text=True)


def test_the_session_list_is_ones_own_and_another_users_session_is_refused(app, fresh_user):
    mine, theirs = fresh_user("list_mine"), fresh_user("list_theirs")
    me, other = app.test_client(), app.test_client()
    _web_login(me, "list_mine")
    _web_login(other, "list_theirs")
    _tokens(app, "list_theirs")
    (my_row,), their_rows = _rows(mine.id), _rows(theirs.id)
    page = _get(me, "/sesi/").get_data(as_text=True)
    assert f"/sesi/{my_row.id}/akhiri" in page
    assert not any(f"/sesi/{row.id}/akhiri" in page for row in their_rows)
    assert _post(me, f"/sesi/{their_rows[0].id}/akhiri").status_code == 404
    assert _get(other, LIST).status_code == 200
    assert "/sesi/" in _get(me, "/users/userinfo/").get_data(as_text=True)  # linked from the profile


def test_the_admin_sees_and_ends_a_users_sessions(app, as_user, fresh_user):
    user = fresh_user("watched")
    device = app.test_client()
    _web_login(device, "watched")
    (row,) = _rows(user.id)
    admin = as_user("admin")
    page = admin.get(f"/users/show/{user.id}").get_data(as_text=True)
    assert f"/users/sesi/{row.id}/akhiri" in page
    assert as_user("kepala").post(f"/users/sesi/{row.id}/akhiri").status_code in (302, 403)
    assert _get(device, LIST).status_code == 200  # not by a non-admin
    ended = admin.post(f"/users/sesi/{row.id}/akhiri")
    assert ended.status_code == 302 and f"/users/show/{user.id}" in ended.headers["Location"]
    assert _to_login(_get(device, LIST))
    assert admin.post(f"/users/sesi/{row.id}/akhiri").status_code == 404  # already ended


def test_the_last_seen_stamp_is_written_at_most_once_a_minute(app, fresh_user):
    user = fresh_user("stamped")
    client = app.test_client()
    _web_login(client, "stamped")
    (row,) = _rows(user.id)
    first = row.last_seen_at
    for _ in range(3):
        assert _get(client, LIST).status_code == 200
    assert _rows(user.id)[0].last_seen_at == first
    db.session.execute(update(LoginSession).where(LoginSession.id == row.id)
                       .values(last_seen_at=first - timedelta(minutes=2)))
    db.session.commit()
    assert _get(client, LIST).status_code == 200
    assert _rows(user.id)[0].last_seen_at > first - timedelta(minutes=1)


def test_the_session_rules():
    from datetime import datetime

    now = datetime(2026, 11, 30, 8, 0)
    idle, life = timedelta(minutes=30), timedelta(hours=10)
    row = LoginSession(user_id=7, created_at=now, last_seen_at=now)
    assert sessions.state(row, 7, now + timedelta(minutes=29), idle, life) == sessions.VALID
    assert sessions.state(row, 8, now, idle, life) == sessions.ENDED  # another user's id
    assert sessions.state(row, 7, now + timedelta(minutes=31), idle, life) == sessions.IDLE
    row.last_seen_at = now + timedelta(hours=10)
    assert sessions.state(row, 7, now + timedelta(hours=10, minutes=1), idle, life) == sessions.ENDED  # lifetime
    row.last_seen_at, row.revoked_at = now, now
    assert sessions.state(row, 7, now, idle, life) == sessions.ENDED
    assert sessions.state(None, 7, now, idle, life) == sessions.ENDED
