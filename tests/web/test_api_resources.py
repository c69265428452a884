"""Every REST resource, as every kind of user, against three caseloads: a list
holds only the rows the screens would show, a foreign id is a 404 for reading,
changing and deleting, a write naming a foreign client is refused (422, nothing
stored), and bad bodies are 4xx, never 500.

The resources are taken from the running app (every ModelRestApi registered),
so a new API is walked here without editing this file — and fails until its
scope is declared in ``api_estate.RESOURCES``.
"""
from __future__ import annotations

import pytest
from flask_appbuilder import ModelRestApi

import models
from tests.web import api_estate as estate_rules
from tests.web.api_estate import ACTORS, NAMES_AN_OFFICE, OWNERS, RESOURCES, may, office_of, payload, visible_owners

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


def rest_apis(app) -> list:
    return [v for v in app.appbuilder.baseviews if isinstance(v, ModelRestApi)]


def routes_of(api) -> set[str]:
    return set(api.include_route_methods or {"get", "get_list", "info", "post", "put", "delete", "related"}) - set(
        api.exclude_route_methods or ())


@pytest.fixture
def estate(app, world, make_client, db_session):
    return estate_rules.build(app, world, make_client, db_session)


def listed_ids(browser, resource: str) -> set[int]:
    found, page = set(), 0
    while True:
        response = browser.api("GET", f"/api/v1/{resource}/?q=(page:{page},page_size:100)")
        assert response.status_code == 200, (resource, response.status_code, response.json)
        found |= set(response.json["ids"])
        if len(response.json["ids"]) < 100:
            return found
        page += 1


def test_every_registered_api_has_a_declared_scope(app):
    names = {api.resource_name for api in rest_apis(app)}
    assert names <= set(RESOURCES), f"declare the scope of {sorted(names - set(RESOURCES))} in api_estate.RESOURCES"
    assert {"assessment", "programme", "programme_item", "progress_entry", "consent", "apel_log", "tpp_session",
            "tpp_item", "complaint", "document"} <= names


@pytest.mark.parametrize("user", ACTORS + ["admin"])
def test_lists_hold_only_the_rows_the_user_may_see(app, as_user, estate, user):
    browser = as_user(user)
    for api in rest_apis(app):
        model, scope = RESOURCES[api.resource_name]
        if not may(user, api.class_permission_name, "r"):
            status = browser.api("GET", f"/api/v1/{api.resource_name}/").status_code
            assert status == 403, f"{user} may not read {api.resource_name} but got {status}"
            continue
        ours = {estate[owner][model]: owner for owner in OWNERS}
        seen = {ours[i] for i in listed_ids(browser, api.resource_name) if i in ours}
        assert seen == visible_owners(scope, user), f"{user} lists {api.resource_name} of {seen}"


@pytest.mark.parametrize("user", ACTORS)
def test_a_foreign_id_is_not_found_for_reading_changing_or_deleting(app, as_user, estate, db_session, user):
    browser = as_user(user)
    for api in rest_apis(app):
        model, scope = RESOURCES[api.resource_name]
        routes = routes_of(api)
        for owner in OWNERS:
            record = estate[owner][model]
            url = f"/api/v1/{api.resource_name}/{record}"
            readable = may(user, api.class_permission_name, "r")
            status = browser.api("GET", url).status_code
            if not readable:
                assert status == 403, (user, url, status)
            elif owner in visible_owners(scope, user):
                assert status == 200, (user, url, status)
                continue
            else:
                assert status == 404, (user, url, status)
            for method in ("PUT", "DELETE"):
                response = browser.api(method, url, json={} if method == "PUT" else None)
                expected = {403, 404} if method.lower() in routes else {405}
                assert response.status_code in expected, (user, method, url, response.status_code, response.json)
            db_session.expire_all()
            assert db_session.get(getattr(models, model), record) is not None, (user, url, "deleted")


@pytest.mark.parametrize("user", ACTORS)
def test_a_write_naming_another_caseloads_record_is_refused(app, as_user, world, estate, db_session, user):
    browser = as_user(user)
    for api in rest_apis(app):
        model, scope = RESOURCES[api.resource_name]
        if "post" not in routes_of(api):
            continue
        for owner in OWNERS:
            if owner in visible_owners(scope, user) or (
                    api.resource_name in NAMES_AN_OFFICE and OWNERS[owner] == office_of(user)):
                continue
            body = payload(api.resource_name, estate[owner], world, estate["refs"])
            before = _count(db_session, model)
            response = browser.api("POST", f"/api/v1/{api.resource_name}/", json=body)
            expected = 422 if may(user, api.class_permission_name, "w") else 403
            assert response.status_code == expected, (user, api.resource_name, owner, response.status_code,
                                                      response.json)
            assert _count(db_session, model) == before, (user, api.resource_name, "stored")


def _count(db_session, model: str) -> int:
    from sqlalchemy import func, select

    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(getattr(models, model)))


def granted(api, method: str) -> bool:
    """Whether any role (Admin) can hold the permission of ``method`` on this resource."""
    name = {"GET": "get", "PUT": "put", "DELETE": "delete", "POST": "post"}[method]
    return f"can_{api.method_permission_name.get(name, name)}" in api.base_permissions


def _writable_apis(app):
    return [api for api in rest_apis(app) if "post" in routes_of(api)]


def test_unknown_fields_and_wrong_types_are_4xx_never_500(app, as_user, world, estate, db_session):
    """As Admin (every permission), so the body itself is what is judged."""
    browser = as_user("admin")
    for api in _writable_apis(app):
        name = api.resource_name
        body = payload(name, estate["pk_a"], world, estate["refs"])
        assert body is not None, f"give {name} a body in api_estate.payload"
        url = f"/api/v1/{name}/"
        response = browser.api("POST", url, json={**body, "status": "selesai", "id": 1, "bogus": 1})
        assert response.status_code == 422, (name, response.status_code, response.json)
        assert {"bogus"} <= set(response.json["message"])
        for field in body:
            for wrong in ({"id": 1}, [1, 2], "x" * 3, -1, 10**12, True, None):
                if wrong == body[field]:
                    continue
                response = browser.api("POST", url, json={**body, field: wrong})
                assert response.status_code < 500, (name, field, wrong, response.status_code)
                if response.status_code == 201:  # some values fit (a text for a text); tidy up
                    continue
                assert response.status_code in (400, 422), (name, field, wrong, response.status_code)
        for raw in ("[1, 2]", "nonsense", '"text"'):
            response = browser.client.post(url, data=raw, content_type="application/json")
            assert response.status_code in (400, 422), (name, raw, response.status_code)
        if "put" in routes_of(api):
            model = RESOURCES[name][0]
            response = browser.api("PUT", f"{url}{estate['pk_a'][model]}", json={"bogus": 1})
            assert response.status_code == (422 if granted(api, "PUT") else 403), (name, response.status_code)
        for bad_id in ("0", "-1", "2147483648", "99999999999999999999", "abc"):
            for method in ("GET", "PUT", "DELETE"):
                status = browser.api(method, f"{url}{bad_id}", json={} if method == "PUT" else None).status_code
                expected = {404, 405} if granted(api, method) else {403, 404, 405}
                assert status in expected, (name, method, bad_id, status)


@pytest.mark.parametrize("resource", ["assessment", "programme", "programme_item", "progress_entry", "consent",
                                      "apel_log"])
def test_the_assigned_pk_records_through_the_api(as_user, world, estate, resource):
    body = payload(resource, estate["pk_a"], world, estate["refs"])
    response = as_user("pk_a").api("POST", f"/api/v1/{resource}/", json=body)
    assert response.status_code == 201, response.json
    shown = as_user("pk_a").api("GET", f"/api/v1/{resource}/{response.json['id']}")
    assert shown.status_code == 200
    assert as_user("pk_a2").api("GET", f"/api/v1/{resource}/{response.json['id']}").status_code == 404
