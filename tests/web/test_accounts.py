"""Accounts: password policy on every form that sets a password, lockout counted in
the database, rate limit on login, idle timeout, "log out everywhere"."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from app.platform import lockout
from app.extensions import db
from models import LoginSession, Staff
from tests.conftest import PASSWORD, Browser

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

GOOD = "Kuda-Lari-Pagi-7"


def _login(client, username, password):
    Browser._forget_cached_user()
    return client.post("/login/", data={"username": username, "password": password})


def _logged_in(response) -> bool:
    return response.status_code == 302 and "/login" not in response.headers["Location"]


def _user_form(username, password, world, conf=None):
    return {"first_name": "Uji", "last_name": "Akun", "username": username, "active": "y",
            "email": f"{username}@example.test", "roles": "", "nip": "", "jabatan": "", "pangkat": "",
            "office": str(world.office_a), "password": password, "conf_password": conf or password}


@pytest.mark.parametrize("password, says", [
    ("Pendek-1", "12"),
    ("password2026!", "umum"),
    ("budi.hartono-2026", "nama pengguna"),
])
def test_adding_a_user_with_a_weak_password_is_refused_in_indonesian(app, as_user, world, password, says):
    response = as_user("admin").post("/users/add", data=_user_form("budi.hartono", password, world))
    assert response.status_code == 200
    assert says in response.get_data(as_text=True)
    assert app.appbuilder.sm.find_user(username="budi.hartono") is None


def test_adding_a_user_with_a_good_password_works(app, as_user, world, fresh_user):
    response = as_user("admin").post("/users/add", data=_user_form("siti.aminah", GOOD, world))
    assert response.status_code == 302
    user = app.appbuilder.sm.find_user(username="siti.aminah")
    assert user is not None
    user.roles = []
    db.session.delete(user)
    db.session.commit()


def test_resetting_a_password_follows_the_policy_and_ends_the_users_sessions(app, as_user, fresh_user):
    user = fresh_user("reset_me")
    victim = app.test_client()
    assert _logged_in(_login(victim, "reset_me", PASSWORD))
    admin = as_user("admin")
    weak = admin.post(f"/resetpassword/form?pk={user.id}",
                      data={"password": "reset_me-2026!", "conf_password": "reset_me-2026!"})
    assert "nama pengguna" in weak.get_data(as_text=True)
    Browser._forget_cached_user()
    assert victim.get("/clientview/list/").status_code == 200  # still logged in

    strong = admin.post(f"/resetpassword/form?pk={user.id}", data={"password": GOOD, "conf_password": GOOD})
    assert strong.status_code == 302
    Browser._forget_cached_user()
    after = victim.get("/clientview/list/")
    assert after.status_code == 302 and "/login" in after.headers["Location"]
    assert _logged_in(_login(app.test_client(), "reset_me", GOOD))


def test_my_own_password_reset_follows_the_policy(app, fresh_user):
    fresh_user("own_reset")
    me = app.test_client()
    assert _logged_in(_login(me, "own_reset", PASSWORD))
    Browser._forget_cached_user()
    refused = me.post("/resetmypassword/form", data={"password": "qwerty123456", "conf_password": "qwerty123456"})
    assert "umum" in refused.get_data(as_text=True)


def test_create_admin_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(args=["sibika", "create-admin", "--username", "root2",
                                                "--password", "admin12345"])
    assert result.exit_code != 0
    assert app.appbuilder.sm.find_user(username="root2") is None


def test_lockout_after_repeated_failures_is_kept_in_the_database(app, fresh_user):
    user = fresh_user("lock_me")
    limit = app.config["LOGIN_MAX_FAILURES"]
    # Failures from different clients (as from different workers) add up in one counter.
    for n in range(limit):
        assert not _logged_in(_login(app.test_client(), "lock_me", f"salah-{n}-salah-salah"))
    db.session.expire_all()
    locked = db.session.get(Staff, user.id)
    assert lockout.is_locked(locked)

    refused = _login(app.test_client(), "lock_me", PASSWORD)
    assert not _logged_in(refused)  # even the right password, while locked

    db.session.execute(update(Staff).where(Staff.id == user.id)
                       .values(locked_until=lockout.utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert _logged_in(_login(app.test_client(), "lock_me", PASSWORD))
    db.session.expire_all()
    assert db.session.get(Staff, user.id).fail_login_count == 0


def test_a_success_before_the_limit_resets_the_count(app, fresh_user):
    user = fresh_user("almost")
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        _login(app.test_client(), "almost", "bukan-sandinya-ini")
    assert _logged_in(_login(app.test_client(), "almost", PASSWORD))
    _login(app.test_client(), "almost", "bukan-sandinya-ini")
    db.session.expire_all()
    assert not lockout.is_locked(db.session.get(Staff, user.id))


def test_unlock_command(app, fresh_user):
    user = fresh_user("unlock_me")
    lockout.record_failure(db.session, user.id, max_failures=1, minutes=60)
    db.session.expire_all()
    assert lockout.is_locked(db.session.get(Staff, user.id))
    result = app.test_cli_runner().invoke(args=["sibika", "unlock", "unlock_me"])
    assert result.exit_code == 0
    db.session.expire_all()
    assert not lockout.is_locked(db.session.get(Staff, user.id))


def test_login_posts_are_rate_limited_per_address(app):
    app.config["AUTH_RATE_LIMIT"], before = "3 per minute", app.config["AUTH_RATE_LIMIT"]
    app.appbuilder.sm.limiter.reset()
    try:
        client = app.test_client()
        statuses = [_login(client, "nobody", "tidak-ada-sandinya").status_code for _ in range(4)]
        assert statuses[:3] == [302, 302, 302] and statuses[3] == 429
    finally:
        app.config["AUTH_RATE_LIMIT"] = before
        app.appbuilder.sm.limiter.reset()


def test_log_out_everywhere_ends_every_session_of_the_user(app, fresh_user):
    fresh_user("two_devices")
    laptop, phone = app.test_client(), app.test_client()
    assert _logged_in(_login(laptop, "two_devices", PASSWORD))
    assert _logged_in(_login(phone, "two_devices", PASSWORD))
    Browser._forget_cached_user()
    assert "keluar-semua" in laptop.get("/users/userinfo/").get_data(as_text=True)
    Browser._forget_cached_user()
    ended = laptop.post("/sesi/keluar-semua")
    assert ended.status_code == 302 and "/login" in ended.headers["Location"]
    for device in (laptop, phone):
        Browser._forget_cached_user()
        response = device.get("/clientview/list/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_admin_can_end_the_sessions_of_a_user(app, as_user, fresh_user):
    user = fresh_user("forced_out")
    device = app.test_client()
    assert _logged_in(_login(device, "forced_out", PASSWORD))
    as_user("admin").post("/users/action_post", data={"action": "end_sessions", "rowid": [str(user.id)]})
    Browser._forget_cached_user()
    response = device.get("/clientview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_idle_session_ends(app, fresh_user):
    fresh_user("sleepy")
    client = app.test_client()
    assert _logged_in(_login(client, "sleepy", PASSWORD))
    Browser._forget_cached_user()
    assert client.get("/clientview/list/").status_code == 200
    idle = app.config["SESSION_IDLE_MINUTES"]
    user_id = app.appbuilder.sm.find_user(username="sleepy").id
    db.session.execute(update(LoginSession).where(LoginSession.user_id == user_id)
                       .values(last_seen_at=lockout.utcnow() - timedelta(minutes=idle, seconds=5)))
    db.session.commit()
    Browser._forget_cached_user()
    response = client.get("/clientview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    Browser._forget_cached_user()
    page = client.get("/login/").get_data(as_text=True)
    assert "tidak ada aktivitas" in page, page[page.find("alert-"):][:400]


def test_sessions_are_permanent_with_a_lifetime(app, fresh_user):
    fresh_user("lifetime")
    response = _login(app.test_client(), "lifetime", PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
