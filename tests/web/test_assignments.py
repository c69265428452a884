"""PK assignment with history: who supervised when, and why it changed."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Client, PKAssignment


def test_reassignment_closes_the_old_row_and_moves_the_caseload(as_user, world, make_client, db_session):
    client = make_client(pk="pk_a")
    response = as_user("kepala").post("/pkassignmentview/add", data={
        "client": str(client.id), "pk": str(world.users["pk_a2"]), "start_date": "2026-06-01",
        "reason": "Pembagian beban kerja"})
    assert response.status_code == 302
    db_session.expire_all()
    rows = db_session.scalars(select(PKAssignment).where(PKAssignment.client_id == client.id)
                              .order_by(PKAssignment.start_date)).all()
    assert [(r.pk_id, r.end_date) for r in rows] == [(world.users["pk_a"], date(2026, 5, 31)),
                                                     (world.users["pk_a2"], None)]
    assert rows[1].assigned_by_id == world.users["kepala"]
    assert db_session.get(Client, client.id).current_pk_id == world.users["pk_a2"]
    assert as_user("pk_a").get(f"/clientview/show/{client.id}").status_code == 404
    assert as_user("pk_a2").get(f"/clientview/show/{client.id}").status_code == 200


def test_reassignment_needs_a_reason(as_user, world, make_client, db_session):
    client = make_client(pk="pk_a")
    response = as_user("kepala").post("/pkassignmentview/add", data={
        "client": str(client.id), "pk": str(world.users["pk_a2"]), "start_date": "2026-06-01", "reason": ""})
    assert response.status_code == 200 and "alasan" in response.get_data(as_text=True).lower()
    db_session.expire_all()
    assert db_session.get(Client, client.id).current_pk_id == world.users["pk_a"]


def test_a_pk_of_another_office_cannot_be_assigned(as_user, world, make_client, db_session):
    client = make_client(pk=None)
    response = as_user("admin").api("POST", "/api/v1/pk_assignment/", json={
        "client": client.id, "pk": world.users["pk_b"], "start_date": "2026-06-01", "reason": "x"})
    assert response.status_code == 422
    assert "pk" in response.json["message"]
    db_session.expire_all()
    assert db_session.get(Client, client.id).current_pk_id is None


def test_someone_without_the_pk_role_cannot_be_assigned(as_user, world, make_client):
    client = make_client(pk=None)
    response = as_user("admin").api("POST", "/api/v1/pk_assignment/", json={
        "client": client.id, "pk": world.users["registrasi"], "start_date": "2026-06-01", "reason": "x"})
    assert response.status_code == 422


def test_history_cannot_be_edited_or_deleted_even_by_admin(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    row = db_session.scalars(select(PKAssignment).where(PKAssignment.client_id == client.id)).one()
    for url in (f"/pkassignmentview/edit/{row.id}", f"/pkassignmentview/delete/{row.id}"):
        assert as_user("admin").post(url, data={}).status_code in (302, 403, 404, 405)
    assert as_user("admin").api("DELETE", f"/api/v1/pk_assignment/{row.id}").status_code in (403, 404, 405)
    db_session.expire_all()
    assert db_session.get(PKAssignment, row.id) is not None
