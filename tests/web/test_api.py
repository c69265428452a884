"""The REST API: same scope, same rules, 422 with the same Indonesian text."""
from __future__ import annotations

import secrets

import pytest

from models import Client

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


def payload(world, **overrides):
    data = {"office": world.office_a, "registration_number": f"API-{secrets.token_hex(3)}",
            "full_name": f"Rudi {secrets.token_hex(3)}", "sex": "L", "birth_date": "2010-03-14",
            "offence_date": "2025-06-01", "supervision_kind": world.kind_id, "origin": "lpka",
            "supervision_start": "2026-01-05", "supervision_expiry": "2027-01-04"}
    data.update(overrides)
    return data


def test_registration_staff_create_a_client_through_the_api(as_user, world, db_session):
    response = as_user("registrasi").api("POST", "/api/v1/client/", json=payload(world))
    assert response.status_code == 201, response.json
    assert db_session.get(Client, response.json["id"]).office_id == world.office_a


def test_api_refuses_a_non_child_with_422_and_the_indonesian_message(as_user, world, db_session):
    data = payload(world, birth_date="2004-01-01")
    response = as_user("registrasi").api("POST", "/api/v1/client/?_l_=id", json=data)
    assert response.status_code == 422
    assert "UU 11/2012" in response.json["message"]["birth_date"][0]
    assert db_session.query(Client).filter_by(full_name=data["full_name"]).count() == 0


def test_api_refuses_expiry_before_start(as_user, world):
    response = as_user("registrasi").api("POST", "/api/v1/client/",
                                         json=payload(world, supervision_expiry="2025-01-01"))
    assert response.status_code == 422 and "supervision_expiry" in response.json["message"]


def test_api_refuses_a_duplicate_registration_number(as_user, world):
    data = payload(world)
    assert as_user("registrasi").api("POST", "/api/v1/client/", json=data).status_code == 201
    again = payload(world, registration_number=data["registration_number"])
    response = as_user("registrasi").api("POST", "/api/v1/client/", json=again)
    assert response.status_code == 422 and "registration_number" in response.json["message"]


def test_api_refuses_another_office(as_user, world):
    response = as_user("registrasi").api("POST", "/api/v1/client/", json=payload(world, office=world.office_b))
    assert response.status_code == 422


def test_api_put_keeps_the_rules(as_user, world, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    response = as_user("pk_a").api("PUT", f"/api/v1/client/{client.id}", json={"supervision_expiry": "2027-06-30"})
    assert response.status_code == 422 and "supervision_expiry" in response.json["message"]
    db_session.expire_all()
    assert db_session.get(Client, client.id).supervision_expiry.isoformat() == "2027-01-04"


def test_api_cannot_set_the_status(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    response = as_user("pk_a").api("PUT", f"/api/v1/client/{client.id}", json={"status": "selesai"})
    assert response.status_code == 422
    db_session.expire_all()
    assert db_session.get(Client, client.id).status == "terdaftar"


def test_pk_lists_only_their_caseload(as_user, make_client):
    mine = make_client(pk="pk_a")
    other = make_client(pk="pk_a2")
    ids = {row["id"] for row in as_user("pk_a").api("GET", "/api/v1/client/?q=(page_size:100)").json["result"]}
    assert mine.id in ids and other.id not in ids
    assert as_user("pk_a").api("GET", f"/api/v1/client/{other.id}").status_code == 404


def test_api_login_with_jwt_is_scoped_too(app, make_client):
    from tests.conftest import PASSWORD

    other = make_client(pk="pk_a2")
    client = app.test_client()
    token = client.post("/api/v1/security/login", json={"username": "pk_a", "password": PASSWORD,
                                                         "provider": "db"}).json["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/client/{other.id}", headers=headers).status_code == 404
    assert client.get("/api/v1/client/", headers=headers).status_code == 200


def test_confidential_data_via_api_only_for_the_entitled(as_user, make_client):
    client = make_client(pk="pk_a")
    created = as_user("pk_a").api("POST", "/api/v1/client_confidential/",
                                  json={"client": client.id, "health": "Asma"})
    assert created.status_code == 201, created.json
    refused = as_user("registrasi").api("GET", f"/api/v1/client_confidential/{created.json['id']}")
    assert refused.status_code in (403, 404)
    foreign = as_user("pk_a2").api("POST", "/api/v1/client_confidential/", json={"client": client.id, "health": "x"})
    assert foreign.status_code == 422
