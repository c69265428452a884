"""The navbar's menu is drawn once per set of rights and language (app.platform.menu_cache) and never shows a
right that is gone: counted and compared, not timed."""
from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.platform import menu_cache

pytestmark = pytest.mark.both_databases

CLIENTS = "/clientview/list/"


def _menu(html: str) -> str:
    found = re.search(r'<ul class="nav navbar-nav">(.*?)</ul>\s*<ul class="nav navbar-nav navbar-right">', html, re.S)
    assert found, "no menu on the page"
    return found.group(1)


def _menu_checks(sm):
    seen = {"n": 0}
    original = sm.has_access

    def has_access(permission, view):
        seen["n"] += permission == "menu_access"
        return original(permission, view)

    sm.has_access = has_access
    return seen


def _entry_of(app, url: str) -> str:
    with app.test_request_context():
        for item in app.appbuilder.menu.get_list():
            for child in [item, *item.childs]:
                if child and child.name != "-" and child.get_url() == url:
                    return child.name
    raise AssertionError(f"no menu entry for {url}")


def test_a_second_officer_of_the_same_role_gets_the_drawn_menu_without_a_check(app, as_user):
    sm = app.appbuilder.sm
    menu_cache.forget()
    first = _menu(as_user("pk_a").get("/beranda/").get_data(as_text=True))
    seen = _menu_checks(sm)
    try:
        second = _menu(as_user("pk_a2").get("/beranda/").get_data(as_text=True))
    finally:
        del sm.has_access
    assert seen["n"] == 0
    assert second == first and CLIENTS in first


def test_the_kept_menu_is_the_menu_drawn_afresh(app, as_user):
    browser = as_user("kepala")
    menu_cache.forget()
    drawn = _menu(browser.get("/beranda/").get_data(as_text=True))
    kept = _menu(browser.get("/beranda/").get_data(as_text=True))
    assert kept == drawn


def test_roles_and_languages_have_menus_of_their_own(app, as_user):
    menu_cache.forget()
    pk = _menu(as_user("pk_a").get("/beranda/").get_data(as_text=True))
    complaints = _menu(as_user("pengaduan").get("/beranda/").get_data(as_text=True))
    assert pk != complaints and CLIENTS not in complaints
    browser = as_user("pk_a")
    browser.get("/lang/en")
    english = _menu(browser.get("/beranda/").get_data(as_text=True))
    browser.get("/lang/id")
    assert english != pk


def test_a_menu_right_removed_from_a_database_role_leaves_the_menu_on_the_next_page(app, as_user):
    sm = app.appbuilder.sm
    browser = as_user("admin")
    assert CLIENTS in _menu(browser.get("/beranda/").get_data(as_text=True))
    grant = sm.find_permission_view_menu("menu_access", _entry_of(app, CLIENTS))
    admin = sm.find_role("Admin")
    admin.permissions = [p for p in admin.permissions if p.id != grant.id]
    db.session.commit()
    assert CLIENTS not in _menu(browser.get("/beranda/").get_data(as_text=True))


def test_a_role_taken_away_leaves_the_menu_on_the_next_page(app, as_user, world):
    from models import Staff

    sm = app.appbuilder.sm
    browser = as_user("registrasi")
    assert CLIENTS in _menu(browser.get("/beranda/").get_data(as_text=True))
    user = db.session.get(Staff, world.users["registrasi"])
    user.roles = [sm.find_role("Unit Pengaduan")]
    db.session.commit()
    assert CLIENTS not in _menu(browser.get("/beranda/").get_data(as_text=True))
