"""The read-audit walk: every URL rule of the app, as each user ENTITLED to a
client (the assigned PK, the Kepala Bapas, the Admin). Whenever a response
shows the child's name or a confidential note, the same request must have left
a new "view" audit row (the audit trail's read action) for that client.

It reuses the privacy walk's machinery (the secret client, the rules taken from
``app.url_map`` at run time, how a response body is read), so a view added
later is walked here too. Only GETs are walked: a read is a GET, and an
entitled user's POST or DELETE would really change or delete the record.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.platform import audit
from models import AuditLog
from tests.web.test_privacy_walk import _body, _urls, secret_client  # noqa: F401 - a fixture

# Sessions, audit rows, stored files and templates: SQL behaviour, so on both databases.
pytestmark = pytest.mark.both_databases

ENTITLED = ["pk_a", "kepala", "admin"]
READ_ACTION = audit.READ  # "view": the trail's read action
# FAB's own account screens fail on the walk's made-up arguments (an admin-only 500: a
# download from an UPLOAD_FOLDER SIBIKA does not configure, a chart grouped by "x");
# they show no child's data.
FAB_ACCOUNT_FAILURES = re.compile(r"^((StaffUserView|RoleModelView|UserGroupModelView|PermissionModelView|"
                                  r"ViewMenuModelView|PermissionViewModelView)\.download|UserStatsChartView\.chart)$")


def _last_audit_id(db_session) -> int:
    return db_session.scalar(select(func.coalesce(func.max(AuditLog.id), 0)))


def _reads_since(db_session, after_id: int, client_id: int) -> int:
    return db_session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.id > after_id, AuditLog.action == READ_ACTION, AuditLog.client_id == client_id))


@pytest.mark.parametrize("username", ENTITLED)
def test_every_read_of_the_childs_identity_or_confidential_matters_is_audited(app, as_user, secret_client, db_session,  # noqa: F811
                                                                             username, capsys):
    ids, markers = secret_client
    name, note = markers["identity"][0], markers["confidential"][0]
    browser = as_user(username)
    rules = [rule for rule in app.url_map.iter_rules()
             if "GET" in rule.methods and not FAB_ACCOUNT_FAILURES.match(rule.endpoint)]
    walked = shown = 0
    unaudited = []
    first = _last_audit_id(db_session)
    for method, url in _urls(app, ids, rules):
        if method != "GET":
            continue
        # Each production request starts with an empty session; the tests share one
        # across requests, so forget what the last request loaded.
        db_session.expire_all()
        before = _last_audit_id(db_session)
        response = browser.get(url)
        walked += 1
        assert response.status_code < 500, f"{username} GET {url} -> {response.status_code}"
        body = _body(response)
        seen = [label for label, marker in (("name", name), ("confidential note", note)) if marker in body]
        if not seen:
            continue
        shown += 1
        if not _reads_since(db_session, before, ids["Client"]):
            unaudited.append(f"GET {url} -> {response.status_code} showed the {' and '.join(seen)}")
    # The reads were recorded by ids alone: no row of the walk names the child or a note.
    trail = " ".join(f"{r.table_name} {r.changes or ''}" for r in db_session.scalars(
        select(AuditLog).where(AuditLog.id > first)))
    assert not [m for m in markers["identity"] + markers["confidential"] if m in trail]
    with capsys.disabled():
        print(f"\nread-audit walk: {username}: {len(rules)} GET rules -> {walked} requests, "
              f"{shown} showed the child's name or confidential note")
    assert walked > 100  # the walk really walked
    assert shown > 5  # and really saw the client (the entitled users do)
    assert not unaudited, f"{username}: read without an audit row:\n" + "\n".join(unaudited)
