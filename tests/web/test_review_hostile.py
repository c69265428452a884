"""Hostile review of the security fixes: probes that once got through, kept as tests.

Templates: a field may not build a huge text (``center`` with a giant width, chained
``replace``), reach attributes through ``join``'s attribute argument, or multiply
the work with loops nested in loops. Sessions: a cookie whose server-side row is
gone is logged out; a refresh token dies with logout everywhere."""
from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import delete

from app.platform import sessions
from app.documents import templates
from app.extensions import db
from models import LoginSession
from tests.conftest import PASSWORD
from tests.unit.test_templates import _with

# Sessions, audit rows, stored files and templates: SQL behaviour, so on both databases.
pytestmark = pytest.mark.both_databases

DOC = "laporan_perkembangan"


def _problems(field: str) -> list[str]:
    return templates.problems(DOC, _with(DOC, ("{{ catatan }}", field)))


@pytest.mark.parametrize("field", [
    "{{ catatan|center(20000000) }}",
    "{{ catatan" + "|replace('a', 'aaaaaaaaaa')" * 7 + " }}",
])
def test_a_field_cannot_build_a_huge_text(app, field):
    assert _problems(field), "a field that builds megabytes of text was accepted"


def test_join_cannot_look_up_an_attribute_the_template_names(app):
    assert _problems("{{ kegiatan|join(', ', 'tanggal') }}")


def test_loops_nested_in_loops_are_refused(app):
    loop = "{% for a in kegiatan %}{% for b in kegiatan %}{% for c in kegiatan %}{{ catatan }}" \
           "{% endfor %}{% endfor %}{% endfor %}"
    assert _problems(loop)


def test_the_shipped_style_fields_still_pass(app):
    assert _problems("{{ catatan|replace('a', 'b')|center(40) }}") == []
    assert _problems("{% for k in kegiatan %}{{ k.tanggal }}{% endfor %}{{ kegiatan|join(', ') }}") == []


def _fresh():
    for key in ("_login_user", "user", "_jwt_extended_jwt", "_jwt_extended_jwt_user", "_jwt_extended_jwt_header"):
        g.pop(key, None)


def test_a_cookie_whose_session_row_was_deleted_is_logged_out(app, world):
    browser = app.test_client()
    _fresh()
    assert browser.post("/login/", data={"username": "pk_a2", "password": PASSWORD}).status_code == 302
    with browser.session_transaction() as cookie:
        sid = cookie[sessions.SID_KEY]
    db.session.execute(delete(LoginSession).where(LoginSession.token_hash == sessions.digest(sid)))
    db.session.commit()
    _fresh()
    assert browser.get("/clientview/list/").status_code == 302
    _fresh()
    assert browser.get("/api/v1/client/").status_code == 401


def test_another_users_session_id_in_my_cookie_opens_nothing(app, world):
    a, b = app.test_client(), app.test_client()
    _fresh()
    a.post("/login/", data={"username": "pk_a2", "password": PASSWORD})
    _fresh()
    b.post("/login/", data={"username": "pk_b", "password": PASSWORD})
    with a.session_transaction() as cookie_a:
        sid_a = cookie_a[sessions.SID_KEY]
    with b.session_transaction() as cookie_b:
        cookie_b[sessions.SID_KEY] = sid_a
    _fresh()
    assert b.get("/clientview/list/").status_code == 302


def test_a_refresh_token_dies_with_log_out_everywhere(app, world):
    client = app.test_client()
    _fresh()
    tokens = client.post("/api/v1/security/login", json={"username": "pk_a2", "password": PASSWORD,
                                                         "provider": "db", "refresh": True}).json
    sessions.end_all(db.session, world.users["pk_a2"])
    _fresh()
    answer = client.post("/api/v1/security/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})
    assert answer.status_code == 401
