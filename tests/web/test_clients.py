"""Registering and editing clients through the screens: rules, messages in
Indonesian, nothing lost and nothing half-saved, audit rows."""
from __future__ import annotations

import json
import secrets

import pytest
from sqlalchemy import select

from models import AuditLog, Client

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


def form(world, **overrides):
    data = {
        "office": str(world.office_a), "registration_number": "", "full_name": f"Andi {secrets.token_hex(3)}",
        "alias": "", "sex": "L", "birth_place": "Bekasi", "birth_date": "2010-03-14", "nik": "",
        "religion": "islam", "education": "smp", "address": "Jl. Melati 1", "offence_date": "2025-06-01",
        "offence_article": "Pasal 362 KUHP", "decision_number": "12/Pid.Sus-Anak/2025/PN Bks",
        "decision_date": "2025-08-01", "sentence": "Pidana penjara 10 bulan", "supervision_kind": str(world.kind_id),
        "basis_document": "PAS-1.PK.01", "origin": "lpka", "supervision_start": "2026-01-05",
        "supervision_expiry": "2027-01-04", "reporting_interval_days": "30",
    }
    data.update(overrides)
    return data


def count_named(db_session, name):
    return db_session.scalar(select(Client.id).where(Client.full_name == name).limit(1))


def test_registration_takes_the_next_number_and_is_audited(as_user, world, db_session):
    data = form(world)
    response = as_user("registrasi").post("/clientview/add", data=data)
    assert response.status_code == 302
    client = db_session.scalars(select(Client).where(Client.full_name == data["full_name"])).one()
    assert client.registration_number.startswith("BA.") and client.registration_number.endswith("/2026")
    assert client.status == "terdaftar"
    row = db_session.scalars(select(AuditLog).where(AuditLog.table_name == "client", AuditLog.record_id == client.id,
                                                    AuditLog.action == "create")).one()
    assert row.username == "registrasi" and row.office_id == world.office_a
    assert json.loads(row.changes)["full_name"] == [None, "***"]  # the name never reaches the trail


@pytest.mark.parametrize("overrides,message", [
    ({"birth_date": "2005-01-01"}, "UU 11/2012"),
    ({"birth_date": "2015-01-01"}, "UU 11/2012"),
    ({"supervision_expiry": "2025-12-31"}, "Tanggal ekspirasi"),
    ({"supervision_expiry": "2026-01-05"}, "Tanggal ekspirasi"),
    ({"nik": "12345"}, "16 digit"),
    ({"offence_date": "2009-01-01"}, "tanggal lahir"),
])
def test_bad_input_is_refused_in_indonesian_and_the_form_keeps_what_was_typed(as_user, world, db_session,
                                                                             overrides, message):
    data = form(world, **overrides)
    response = as_user("registrasi").post("/clientview/add", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message.lower() in body.lower(), body[body.find("help-block") - 200: body.find("help-block") + 400]
    assert f'value="{data["full_name"]}"' in body  # nothing typed is lost
    assert count_named(db_session, data["full_name"]) is None  # nothing saved
    # The form starts with a summary whose lines lead to the fields to correct.
    summary = body.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Belum ada yang disimpan" in summary and message.lower() in summary.lower()
    assert 'href="#' in summary


def test_duplicate_registration_number_in_the_same_office_is_refused(as_user, world, db_session):
    number = f"BA.{secrets.token_hex(2)}/2026"
    assert as_user("registrasi").post("/clientview/add", data=form(world, registration_number=number)).status_code == 302
    second = form(world, registration_number=number)
    response = as_user("registrasi").post("/clientview/add", data=second)
    assert response.status_code == 200
    assert "sudah digunakan" in response.get_data(as_text=True)
    assert count_named(db_session, second["full_name"]) is None


def test_the_same_number_may_exist_in_another_office(as_user, world, db_session):
    number = f"BA.{secrets.token_hex(2)}/2026"
    assert as_user("registrasi").post("/clientview/add", data=form(world, registration_number=number)).status_code == 302
    other = form(world, registration_number=number, office=str(world.office_b))
    assert as_user("registrasi_b").post("/clientview/add", data=other).status_code == 302


def test_registration_staff_cannot_register_into_another_office(as_user, world, db_session):
    data = form(world, office=str(world.office_b))
    response = as_user("registrasi").post("/clientview/add", data=data)
    assert response.status_code == 200
    assert count_named(db_session, data["full_name"]) is None


def test_status_is_not_on_the_edit_form(as_user, make_client):
    """Status and stage change only through the lifecycle's transitions."""
    client = make_client(pk="pk_a")
    body = as_user("kepala").get(f"/clientview/edit/{client.id}").get_data(as_text=True)
    assert 'name="status"' not in body and 'name="stage"' not in body


def test_the_period_of_a_started_supervision_is_not_edited_on_the_client_form(as_user, world, make_client,
                                                                               db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    data = form(world, registration_number=client.registration_number, full_name=client.full_name,
                supervision_expiry="2027-06-30")
    response = as_user("kepala").post(f"/clientview/edit/{client.id}", data=data)
    assert response.status_code == 200 and "Ubah Masa Bimbingan" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Client, client.id).supervision_expiry.isoformat() == "2027-01-04"


def test_an_edit_that_changes_other_fields_is_audited(as_user, world, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    data = form(world, registration_number=client.registration_number, full_name=client.full_name,
                address="Jl. Kenanga 9")
    assert as_user("kepala").post(f"/clientview/edit/{client.id}", data=data).status_code == 302
    change = db_session.scalars(select(AuditLog).where(AuditLog.record_id == client.id, AuditLog.table_name == "client",
                                                       AuditLog.action == "update")).all()[-1]
    assert json.loads(change.changes)["address"] == [None, "***"]  # identity never in the trail
    assert change.username == "kepala"


def test_opening_a_client_page_is_audited_as_a_view(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    assert as_user("pk_a").get(f"/clientview/show/{client.id}").status_code == 200
    row = db_session.scalars(select(AuditLog).where(AuditLog.record_id == client.id, AuditLog.action == "view")).one()
    # Which screen and which kinds of record it showed; never a value.
    assert row.username == "pk_a" and json.loads(row.changes) == {"screen": [None, "ClientView.show"],
                                                                  "read": [None, "client"]}


def test_a_refused_view_is_not_an_access(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    assert as_user("pk_a2").get(f"/clientview/show/{client.id}").status_code == 404
    assert db_session.scalar(select(AuditLog.id).where(AuditLog.record_id == client.id,
                                                       AuditLog.action == "view")) is None


def test_client_pages_print_dates_the_indonesian_way(as_user, make_client):
    client = make_client(pk="pk_a")
    body = as_user("pk_a").get(f"/clientview/show/{client.id}").get_data(as_text=True)
    assert "5 Januari 2026" in body and "14 Maret 2010" in body
