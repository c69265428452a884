"""Defects found in review: locked records stay locked, scopes hold, bad input answers 4xx in Indonesian."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import Client, Guardian, ProgressEntry, Revocation


def test_a_foreign_or_malformed_id_is_a_translated_404(as_user, make_client):
    client = make_client(pk="pk_a")
    for url in ("/clientview/show/abc", f"/clientview/show/{client.id}"):
        response = as_user("pk_a2").get(url)
        assert response.status_code == 404 and "Tidak Ditemukan" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/jatuh-tempo/?tanggal=9999-12-31", "/register/buku/tahapan?bulan=9999-12",
                                 "/jatuh-tempo/?pk=99999999999999999999999", "/register/buku/ekspirasi?bulan=x"])
def test_absurd_query_values_are_400_not_500(as_user, url):
    assert as_user("kepala").get(url).status_code == 400


def test_a_registered_client_without_dates_has_a_stage_form_not_a_crash(as_user, make_client):
    client = make_client(pk="pk_a", supervision_start=None, supervision_expiry=None)
    assert as_user("pk_a").get(f"/bimbingan/{client.id}/langkah/lanjutan").status_code == 200


@pytest.mark.parametrize("body", [[1], {"reason": 5}, {"on": "kemarin"}])
def test_lifecycle_api_refuses_malformed_bodies_with_422(as_user, make_client, body):
    client = make_client(pk="pk_a", handover=True)
    response = as_user("pk_a").api("POST", f"/api/v1/lifecycle/{client.id}/mulai", json=body)
    assert response.status_code == 422


def test_form_messages_of_wtforms_are_indonesian(as_user, world, make_client):
    client = make_client(pk="pk_a")
    response = as_user("pk_a").post(f"/bimbingan/{client.id}/masa", data={"kind": "koreksi", "start": "32/13/2026",
                                                                         "expiry": "", "reason": "x"})
    assert "Tanggal tidak valid" in response.get_data(as_text=True)


def test_the_tpp_does_not_see_guardians_in_the_client_tabs(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    db_session.add(Guardian(client_id=client.id, relation="ibu", name="Wali Rahasia Tab"))
    db_session.commit()
    assert "Wali Rahasia Tab" not in as_user("tpp").get(f"/clientview/show/{client.id}").get_data(as_text=True)
    assert "Wali Rahasia Tab" in as_user("pk_a").get(f"/clientview/show/{client.id}").get_data(as_text=True)


def test_api_registration_takes_the_next_number_and_never_500s(as_user, world):
    payload = {"office": world.office_a, "registration_number": "", "full_name": "Api Kosong", "sex": "L",
               "birth_date": "2010-03-14", "offence_date": "2025-06-01", "supervision_kind": world.kind_id,
               "origin": "lpka"}
    first = as_user("registrasi").api("POST", "/api/v1/client/", json=payload)
    second = as_user("registrasi").api("POST", "/api/v1/client/", json=payload)
    assert first.status_code == 201 and second.status_code == 201
    assert first.json["result"]["registration_number"] != second.json["result"]["registration_number"] != ""


def test_a_progress_entry_never_moves_to_another_client(as_user, make_client, db_session):
    today = date.today()
    mine = make_client(pk="pk_a", status="aktif", supervision_start=today - timedelta(days=100),
                       supervision_expiry=today + timedelta(days=100))
    other = make_client(pk="pk_a", status="aktif", supervision_start=today - timedelta(days=100),
                        supervision_expiry=today + timedelta(days=100))
    entry = ProgressEntry(client_id=mine.id, office_id=mine.office_id, happened_on=today, kind="konseling",
                          what_happened="Sesi pertama")
    db_session.add(entry)
    db_session.commit()
    as_user("pk_a").post(f"/progressentryview/edit/{entry.id}", data={
        "client": str(other.id), "happened_on": today.isoformat(), "kind": "konseling", "attended": "y",
        "what_happened": "Sesi pertama, dikoreksi", "programme_item": ""})
    db_session.expire_all()
    assert db_session.get(ProgressEntry, entry.id).client_id == mine.id


def test_a_pk_cannot_undo_the_kepalas_provisional_revocation(as_user, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    d = date.today() - timedelta(days=20)
    revocation = Revocation(client_id=client.id, ground="tidak_lapor_3x", ground_details="x", report_on=d,
                            examination_on=d, pk_examined_on=d, tpp_on=d, provisional_on=d)
    db_session.add(revocation)
    db_session.commit()
    as_user("pk_a").post(f"/revocationview/edit/{revocation.id}", data={
        "client": str(client.id), "ground": "tidak_lapor_3x", "ground_details": "x", "report_on": d.isoformat(),
        "examination_record": "", "examination_on": d.isoformat(), "pk_examined_on": d.isoformat(),
        "provisional_on": "", "sent_up_on": ""})
    db_session.expire_all()
    assert db_session.get(Revocation, revocation.id).provisional_on == d


def test_consent_dated_in_the_future_is_refused(as_user, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif")
    response = as_user("pk_a").post("/consentview/add", data={
        "client": str(client.id), "given": "y", "by_client": "y", "recorded_on": "2099-01-01", "notes": ""})
    assert response.status_code == 200
    assert db_session.scalar(select(Client.id).where(Client.id == client.id))
