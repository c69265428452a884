"""The API as a whole: its OpenAPI document is complete and valid, Swagger UI is
for Admin only, JWT login works for SIBIKA users and stays scoped, a role's
API rights equal its screen rights, and a bounded fuzz finds no 5xx."""
from __future__ import annotations

import pytest
from flask_appbuilder import ModelRestApi, ModelView
from flask_appbuilder.api import BaseApi

from tests.conftest import PASSWORD
from tests.web.api_estate import ACTORS, build

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


def test_the_openapi_document_lists_every_sibika_api_and_is_valid(app, as_user):
    from openapi_spec_validator import validate

    response = as_user("admin").api("GET", "/api/v1/_openapi")
    assert response.status_code == 200
    spec = response.json
    validate(spec)
    prefixes = {path.split("/")[3] for path in spec["paths"] if path.startswith("/api/v1/")}
    ours = {view.resource_name for view in app.appbuilder.baseviews
            if isinstance(view, BaseApi) and type(view).__module__.startswith("views.")}
    assert ours and ours <= prefixes, sorted(ours - prefixes)


@pytest.mark.parametrize("user", ["pk_a", "kepala", "registrasi"])
def test_swagger_ui_and_the_spec_are_for_admin_only(as_user, user):
    assert as_user("admin").get("/swagger/v1").status_code == 200
    swagger = as_user(user).get("/swagger/v1")
    assert swagger.status_code in (302, 403) and b"swagger-ui" not in swagger.data
    assert as_user(user).api("GET", "/api/v1/_openapi").status_code in (401, 403)


class _Fresh:
    """A test client that forgets Flask-Login's per-context user cache before each request
    (the tests hold one app context open, which Flask reuses for requests)."""

    def __init__(self, app):
        self.client = app.test_client()

    def __getattr__(self, method):
        from flask import g

        def call(*args, **kwargs):
            g.pop("_login_user", None)
            g.pop("user", None)
            return getattr(self.client, method)(*args, **kwargs)

        return call


def test_a_full_jwt_flow_is_scoped(app, world, make_client, db_session):
    estate = build(app, world, make_client, db_session)
    client = _Fresh(app)
    refused = client.post("/api/v1/security/login", json={"username": "pk_a", "password": "salah",
                                                          "provider": "db"})
    assert refused.status_code == 401
    login = client.post("/api/v1/security/login", json={"username": "pk_a", "password": PASSWORD,
                                                        "provider": "db", "refresh": True})
    assert login.status_code == 200
    headers = {"Authorization": f"Bearer {login.json['access_token']}"}
    assert client.get("/api/v1/client/").status_code == 401  # no token, no cookie: nothing
    ids, page = set(), 0
    while True:
        listed = client.get(f"/api/v1/client/?q=(page:{page},page_size:100)", headers=headers)
        assert listed.status_code == 200
        ids |= set(listed.json["ids"])
        if len(listed.json["ids"]) < 100:
            break
        page += 1
    assert estate["pk_a"]["Client"] in ids
    assert not {estate["pk_a2"]["Client"], estate["pk_b"]["Client"]} & ids
    entries = client.get("/api/v1/progress_entry/?q=(page_size:100)", headers=headers)
    assert entries.status_code == 200
    foreign = estate["pk_b"]["ProgressEntry"]
    assert client.get(f"/api/v1/progress_entry/{foreign}", headers=headers).status_code == 404
    visit = client.post("/api/v1/progress_entry/", headers=headers, json={
        "client": estate["pk_a"]["Client"], "happened_on": "2026-02-20", "kind": "kunjungan_rumah",
        "what_happened": "Kunjungan rumah, orang tua hadir"})
    assert visit.status_code == 201, visit.json
    refreshed = client.post("/api/v1/security/refresh",
                            headers={"Authorization": f"Bearer {login.json['refresh_token']}"})
    assert refreshed.status_code == 200 and refreshed.json["access_token"]


def _screen_list_url(app, permission_name: str) -> str | None:
    for view in app.appbuilder.baseviews:
        if isinstance(view, ModelView) and view.class_permission_name == permission_name and hasattr(view, "list"):
            return f"{view.route_base}/list/"
    return None


@pytest.mark.parametrize("user", ACTORS + ["admin"])
def test_a_roles_api_rights_equal_its_screen_rights(app, as_user, user):
    browser = as_user(user)
    compared = 0
    for api in app.appbuilder.baseviews:
        if not isinstance(api, ModelRestApi):
            continue
        screen = _screen_list_url(app, api.class_permission_name)
        if screen is None:
            continue
        on_screen = browser.get(screen).status_code == 200
        by_api = browser.api("GET", f"/api/v1/{api.resource_name}/?q=(page_size:1)").status_code == 200
        assert on_screen == by_api, f"{user}: {screen} {on_screen}, /api/v1/{api.resource_name}/ {by_api}"
        compared += 1
    assert compared >= 14


def test_every_api_shares_its_permissions_with_its_screens(app):
    """FAB keeps one permission list per resource name: an API declaring fewer than
    the screens of the same name would make the sync drop the screens' rights."""
    by_resource: dict[str, set[str]] = {}
    for view in app.appbuilder.baseviews:
        if not isinstance(view, (ModelRestApi, BaseApi)) and view.class_permission_name:
            by_resource.setdefault(view.class_permission_name, set()).update(view.base_permissions or ())
    for api in app.appbuilder.baseviews:
        if isinstance(api, BaseApi) and api.class_permission_name in by_resource:
            assert set(api.base_permissions) == by_resource[api.class_permission_name], api.resource_name


def test_a_bounded_fuzz_of_the_new_resources_finds_no_server_error(app, world, make_client, db_session):
    """A smoke version of bench/fuzz_api.py (run that for the full fuzz)."""
    from bench.fuzz_api import bearer, fuzz

    build(app, world, make_client, db_session)
    admin = bearer(app, "admin", PASSWORD)
    paths = ("/api/v1/progress_entry", "/api/v1/assessment/{pk}/answers", "/api/v1/tpp_decision",
             "/api/v1/complaint_step", "/api/v1/programme_item")
    for username in ("pk_a", "admin"):
        report = fuzz(app, bearer(app, username, PASSWORD), admin, examples=3, paths=paths)
        assert sum(report.requests.values()) >= 20, report.requests
        assert not report.findings, report.findings
