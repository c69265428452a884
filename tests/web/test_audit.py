"""Every create, update, delete of client-linked records and every view of a
client's detail (screen or API) leaves an audit row; the log cannot be edited."""
from __future__ import annotations

import json
import re

from sqlalchemy import select

from models import AuditLog, Guardian
import pytest

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


def rows(db_session, **where):
    query = select(AuditLog)
    for key, value in where.items():
        query = query.where(getattr(AuditLog, key) == value)
    return db_session.scalars(query.order_by(AuditLog.id)).all()


def test_guardian_create_update_delete_are_audited_without_identity_values(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    browser = as_user("pk_a")
    data = {"client": str(client.id), "relation": "ibu", "name": "Sri Lestari", "occupation": "", "address": "",
            "phone": ""}
    assert browser.post("/guardianview/add", data=data).status_code == 302
    guardian = db_session.scalars(select(Guardian).where(Guardian.client_id == client.id)).one()
    assert browser.post(f"/guardianview/edit/{guardian.id}", data={**data, "name": "Sri Lestari Wati"}).status_code == 302
    assert as_user("admin").post(f"/guardianview/delete/{guardian.id}").status_code == 302
    trail = rows(db_session, table_name="guardian", record_id=guardian.id)
    assert [r.action for r in trail] == ["create", "update", "delete"]
    # A guardian's name identifies the child: the trail says it changed, never what it said.
    assert json.loads(trail[1].changes) == {"name": ["***", "***"]}
    assert json.loads(trail[2].changes)["name"] == ["***", None]
    assert json.loads(trail[2].changes)["relation"] == ["ibu", None]
    assert not any("Sri" in (r.changes or "") for r in trail)
    assert all(r.client_id == client.id for r in trail)
    assert [r.username for r in trail] == ["pk_a", "pk_a", "admin"]


def test_reading_a_client_through_the_api_is_audited(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    assert as_user("pk_a").api("GET", f"/api/v1/client/{client.id}").status_code == 200
    assert [r.username for r in rows(db_session, table_name="client", record_id=client.id, action="view")] == ["pk_a"]


def test_handover_and_assignment_are_audited(make_client, db_session):
    client = make_client(pk="pk_a", handover=True)
    assert {r.table_name for r in rows(db_session, client_id=client.id, action="create")} >= {
        "client", "handover", "pk_assignment"}


def test_a_rolled_back_change_leaves_no_audit_row(make_client, db_session):
    client = make_client(pk="pk_a")
    before = len(rows(db_session, client_id=client.id))
    client.full_name = "Nama Sementara"
    db_session.flush()
    db_session.rollback()
    assert len(rows(db_session, client_id=client.id)) == before


def test_the_audit_log_has_no_edit_or_delete_screen(as_user, make_client, db_session):
    make_client(pk="pk_a")
    row = rows(db_session)[-1]
    for url in (f"/auditlogview/edit/{row.id}", f"/auditlogview/delete/{row.id}", "/auditlogview/add"):
        assert as_user("admin").get(url).status_code in (403, 404, 405)
    assert as_user("admin").post(f"/auditlogview/delete/{row.id}").status_code in (403, 404, 405)
    db_session.expire_all()
    assert db_session.get(AuditLog, row.id) is not None


def test_kepala_reads_the_audit_log_of_their_office_only(as_user, make_client, db_session):
    client_a = make_client(pk="pk_a", full_name="Audit Kantor A")
    make_client(office="b", pk="pk_b", full_name="Audit Kantor B")
    as_user("pk_a").get(f"/clientview/show/{client_a.id}")
    cell = re.compile(r"<td>\s*pk_a\s*</td>")
    own = as_user("kepala").get("/auditlogview/list/?_flt_0_username=pk_a").get_data(as_text=True)
    other = as_user("kepala_b").get("/auditlogview/list/?_flt_0_username=pk_a").get_data(as_text=True)
    assert cell.search(own) and not cell.search(other)
    assert as_user("pk_a").get("/auditlogview/list/").status_code == 403


def test_the_database_refuses_to_change_or_delete_an_audit_row(app, make_client, db_session):
    import pytest
    from sqlalchemy import delete, update
    from sqlalchemy.exc import DBAPIError

    make_client(pk="pk_a")
    row_id = rows(db_session)[-1].id
    for statement in (update(AuditLog).where(AuditLog.id == row_id).values(username="someone else"),
                      delete(AuditLog).where(AuditLog.id == row_id)):
        with pytest.raises(DBAPIError, match="append-only"):
            db_session.execute(statement)
            db_session.flush()
        db_session.rollback()
    assert db_session.get(AuditLog, row_id).username != "someone else"


def test_no_identity_of_a_child_reaches_the_trail(as_user, world, make_client, db_session):
    from models import ClientConfidential

    client = make_client(pk="pk_a", full_name="Rahasia Namanya", nik="3201011403100001", address="Gang Rahasia 3")
    db_session.add(Guardian(client_id=client.id, relation="ayah", name="Ayah Rahasia", phone="0812999"))
    db_session.add(ClientConfidential(client_id=client.id, health="Riwayat Rahasia"))
    db_session.commit()
    client.address = "Gang Rahasia Baru 4"
    db_session.commit()
    logged = " ".join(r.changes or "" for r in rows(db_session, client_id=client.id))
    for secret in ("Rahasia", "3201011403100001", "0812999"):
        assert secret not in logged
    assert "***" in logged  # that they changed is still recorded


def test_kepala_exports_the_filtered_log_of_their_office_as_csv(as_user, make_client, db_session):
    client_a = make_client(pk="pk_a")
    client_b = make_client(office="b", pk="pk_b")
    as_user("pk_a").get(f"/clientview/show/{client_a.id}")
    as_user("pk_b").get(f"/clientview/show/{client_b.id}")
    response = as_user("kepala").get(f"/auditlogview/export/?_flt_0_client_id={client_a.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Waktu,Pengguna")
    assert any(",pk_a," in line and ",Dilihat," in line for line in lines[1:])
    assert all(f",{client_a.id}," in line for line in lines[1:] if line[:1].isdigit())
    foreign = as_user("kepala").get(f"/auditlogview/export/?_flt_0_client_id={client_b.id}").get_data()
    assert len(foreign.decode("utf-8-sig").strip().splitlines()) == 1  # the header only
    assert as_user("pk_a").get("/auditlogview/export/").status_code == 403
    assert as_user("kepala").get("/auditlogview/list/").status_code == 200
