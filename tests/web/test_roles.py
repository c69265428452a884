"""Each role reaches exactly the screens its work needs (app/roles.py is the
declaration; this table is the policy restated so a change to either shows)."""
from __future__ import annotations

import pytest

# screen -> roles that may open it
READ = {
    "/clientview/list/": {"admin", "kepala", "pk_a", "registrasi", "tpp"},
    "/handoverview/list/": {"admin", "kepala", "pk_a", "registrasi"},
    "/pkassignmentview/list/": {"admin", "kepala", "pk_a", "registrasi"},
    "/guardianview/list/": {"admin", "kepala", "pk_a", "registrasi"},
    "/confidentialview/list/": {"admin", "kepala", "pk_a"},
    "/partnerview/list/": {"admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"},
    "/officeview/list/": {"admin", "kepala"},
    "/auditlogview/list/": {"admin", "kepala"},
    "/users/list/": {"admin"},
    "/supervisionkindview/list/": {"admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"},
    "/complaintview/list/": {"admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"},
    "/pengaduan-kerja/laporan": {"admin", "kepala", "pengaduan"},
    "/complaintcategoryview/list/": {"admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"},
    "/holidayview/list/": {"admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"},
    "/dasar-hukum/": {"admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"},
    "/jatuh-tempo/": {"admin", "kepala", "pk_a"},
    "/apellogview/list/": {"admin", "kepala", "pk_a", "registrasi"},
    "/monthlyreportview/list/": {"admin", "kepala", "pk_a"},
    "/revocationview/list/": {"admin", "kepala", "pk_a"},
    "/register/buku/tahapan": {"admin", "kepala", "pk_a", "registrasi"},
    "/register/buku/ekspirasi": {"admin", "kepala", "pk_a", "registrasi"},
    "/register/klaper": {"admin", "kepala", "pk_a", "registrasi"},
    "/generateddocumentview/list/": {"admin", "kepala", "pk_a", "tpp", "pengaduan"},
}
WRITE = {
    "/clientview/add": {"admin", "kepala", "pk_a", "registrasi"},
    "/handoverview/add": {"admin", "kepala", "registrasi"},
    "/pkassignmentview/add": {"admin", "kepala"},
    "/confidentialview/add": {"admin", "kepala", "pk_a"},
    "/partnerview/add": {"admin", "kepala", "registrasi"},
    "/officeview/add": {"admin"},
    "/complaintview/add": {"admin", "pengaduan"},
    "/holidayview/add": {"admin"},
    "/apellogview/add": {"admin", "kepala", "pk_a", "registrasi"},
    "/monthlyreportview/add": {"admin", "kepala", "pk_a"},
    "/revocationview/add": {"admin", "kepala", "pk_a"},
    "/supervisionkindview/add": {"admin"},
}
USERS = ["admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"]


@pytest.mark.parametrize("username", USERS)
def test_each_role_opens_exactly_its_screens(as_user, username):
    browser = as_user(username)
    for url, allowed in {**READ, **WRITE}.items():
        status = browser.get(url).status_code
        assert (status == 200) == (username in allowed), f"{username} {url} -> {status}"


@pytest.mark.parametrize("username", USERS)
def test_menu_shows_only_what_the_role_may_open(as_user, username):
    body = as_user(username).get("/beranda/").get_data(as_text=True)
    for url, allowed in READ.items():
        assert (f'href="{url}"' in body) == (username in allowed), f"{username} menu {url}"


def test_all_six_roles_exist_after_init(app):
    from app import roles

    names = {r.name for r in app.appbuilder.sm.get_all_roles()}
    assert set(roles.ALL_ROLES) <= names


def test_init_is_idempotent(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["sibika", "init"])
        assert result.exit_code == 0, result.output
    assert "Kepala Bapas" in result.output
