"""The navbar's permission checks: worked out once per request (app.platform.permission_cache), never stale on the next.

Counted, not timed: the SQL statements about permissions one page issues, and how often a builtin role's
regular expressions are scanned."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from app.extensions import db
from app.platform import menu_cache

pytestmark = pytest.mark.both_databases

PAGES = ("/beranda/", "/clientview/list/")


class Counted:
    """Permission SQL statements and builtin-role scans while it is open."""

    def __init__(self, sm):
        self.sm, self.sql, self.scans = sm, 0, 0

    def _statement(self, _conn, _cursor, statement, *_args):
        if "ab_permission" in statement or "ab_view_menu" in statement:
            self.sql += 1

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._statement)
        original = self.sm._has_access_builtin_roles

        def scan(*args):
            self.scans += 1
            return original(*args)

        self.sm._has_access_builtin_roles = scan
        return self

    def __exit__(self, *_exc):
        event.remove(db.engine, "before_cursor_execute", self._statement)
        del self.sm._has_access_builtin_roles


def _calls(sm):
    seen = {"n": 0}
    original = sm.has_access

    def has_access(*args):
        seen["n"] += 1
        return original(*args)

    sm.has_access = has_access
    return seen


def _refused(response) -> None:
    assert response.status_code == 403 or (response.status_code == 302
                                            and "/clientview/list/" not in response.location)


@pytest.mark.parametrize("url", PAGES)
def test_admin_page_reads_permissions_with_one_statement(app, as_user, url):
    """Admin's role lives in the database: before, one query per has_access (55-73 per page); now one per page."""
    sm = app.appbuilder.sm
    browser = as_user("admin")
    menu_cache.forget()  # the menu drawn afresh: the page's many checks (app.platform.menu_cache)
    calls = _calls(sm)
    try:
        with Counted(sm) as counted:
            assert browser.get(url).status_code == 200
    finally:
        del sm.has_access
    assert calls["n"] > 40  # the page really asks for many permissions ...
    assert counted.sql == 1  # ... and one statement answers them all


@pytest.mark.parametrize("url", PAGES)
def test_builtin_role_scans_its_grants_once_per_process(app, as_user, url):
    """A Kepala's grants are code (app.platform.roles): after the first page nothing is scanned again, and no SQL."""
    sm = app.appbuilder.sm
    browser = as_user("kepala")
    assert browser.get(url).status_code == 200
    with Counted(sm) as counted:
        assert browser.get(url).status_code == 200
    assert (counted.scans, counted.sql) == (0, 0)


def test_role_taken_away_holds_on_the_next_request(app, as_user, world):
    """Same login session, same app context: the next request already refuses."""
    from models import Staff

    sm = app.appbuilder.sm
    browser = as_user("registrasi")
    assert browser.get("/clientview/list/").status_code == 200
    user = db.session.get(Staff, world.users["registrasi"])
    user.roles = [sm.find_role("Unit Pengaduan")]
    db.session.commit()
    _refused(browser.get("/clientview/list/"))
    assert 'href="/clientview/list/"' not in browser.get("/beranda/").get_data(as_text=True)  # nor in the menu


def test_permission_removed_from_a_database_role_holds_on_the_next_request(app, as_user):
    """Admin's grants are rows: removing one is respected on the very next request of the same session."""
    sm = app.appbuilder.sm
    browser = as_user("admin")
    assert browser.get("/clientview/list/").status_code == 200
    admin = sm.find_role("Admin")
    grant = sm.find_permission_view_menu("can_read", "Client")
    admin.permissions = [p for p in admin.permissions if p.id != grant.id]
    db.session.commit()
    _refused(browser.get("/clientview/list/"))
    assert browser.get("/beranda/").status_code == 200  # the rest of the role still holds
