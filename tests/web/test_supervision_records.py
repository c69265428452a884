"""Apel log, monthly reports and revocation steps through the screens."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from models import ApelLog, MonthlyReport, Revocation

TODAY = date.today()


def apel_count(db_session, client):
    return db_session.scalar(select(func.count(ApelLog.id)).where(ApelLog.client_id == client.id))


def test_a_report_is_recorded_with_who_and_office(as_user, active, db_session, world):
    response = as_user("registrasi").post("/apellogview/add", data={
        "client": str(active.id), "reported_on": (TODAY - timedelta(days=1)).isoformat(), "notes": "Hadir"})
    assert response.status_code == 302
    row = db_session.scalars(select(ApelLog).where(ApelLog.client_id == active.id)).one()
    assert row.recorded_by_id == world.users["registrasi"] and row.office_id == active.office_id


@pytest.mark.parametrize("fields,message", [
    ({"reported_on": (TODAY + timedelta(days=1)).isoformat()}, "hari ini"),
    ({"reported_on": (TODAY - timedelta(days=400)).isoformat()}, "lebih awal"),
    ({"reported_on": TODAY.isoformat(), "remote": "y"}, "alasan"),
])
def test_bad_reports_are_refused(as_user, active, db_session, fields, message):
    data = {"client": str(active.id), **fields}
    response = as_user("pk_a").post("/apellogview/add", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True).lower()
    assert apel_count(db_session, active) == 0


def test_two_reports_on_one_day_are_refused(as_user, active, db_session):
    data = {"client": str(active.id), "reported_on": TODAY.isoformat()}
    assert as_user("pk_a").post("/apellogview/add", data=data).status_code == 302
    assert as_user("pk_a").post("/apellogview/add", data=data).status_code == 200
    assert apel_count(db_session, active) == 1


def test_a_client_not_under_supervision_cannot_report(as_user, make_client, db_session):
    client = make_client(pk="pk_a")  # registered, not started
    response = as_user("pk_a").post("/apellogview/add", data={"client": str(client.id),
                                                              "reported_on": TODAY.isoformat()})
    assert response.status_code == 200 and apel_count(db_session, client) == 0


def test_one_monthly_report_per_month(as_user, active, db_session):
    month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=15)
    data = {"client": str(active.id), "month": month.isoformat(), "submitted_on": TODAY.isoformat(),
            "summary": "Baik"}
    assert as_user("pk_a").post("/monthlyreportview/add", data=data).status_code == 302
    stored = db_session.scalars(select(MonthlyReport).where(MonthlyReport.client_id == active.id)).one()
    assert stored.month == month.replace(day=1)
    again = as_user("pk_a").post("/monthlyreportview/add", data=data)
    assert again.status_code == 200 and "sudah" in again.get_data(as_text=True)


def _revocation(client, **steps):
    base = {"client": str(client.id), "ground": "tidak_lapor_3x", "ground_details": "Tidak apel"}
    return {**base, **{k: v.isoformat() for k, v in steps.items()}}


def test_only_the_kepala_revokes_provisionally_after_the_tpp(as_user, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    d = TODAY - timedelta(days=30)
    first = dict(report_on=d, examination_on=d + timedelta(days=1), pk_examined_on=d + timedelta(days=2))
    assert as_user("pk_a").post("/revocationview/add", data=_revocation(client, **first)).status_code == 302
    revocation = db_session.scalars(select(Revocation).where(Revocation.client_id == client.id)).one()
    early = as_user("kepala").post(f"/revocationview/edit/{revocation.id}",
                                   data=_revocation(client, **first, provisional_on=d + timedelta(days=4)))
    assert early.status_code == 200  # the TPP has not sat yet
    revocation.tpp_on = d + timedelta(days=3)  # as app.tpp.decisions.decide writes it for a revocation agenda item
    db_session.commit()
    steps = dict(first, provisional_on=d + timedelta(days=4))
    refused = as_user("pk_a").post(f"/revocationview/edit/{revocation.id}", data=_revocation(client, **steps))
    assert refused.status_code == 200 and "Kepala Bapas" in refused.get_data(as_text=True)
    assert as_user("kepala").post(f"/revocationview/edit/{revocation.id}",
                                  data=_revocation(client, **steps)).status_code == 302
    db_session.expire_all()
    assert db_session.get(Revocation, revocation.id).provisional_on == d + timedelta(days=4)


def test_revocation_steps_keep_their_order(as_user, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    d = TODAY - timedelta(days=30)
    skipped = as_user("kepala").post("/revocationview/add", data=_revocation(client, report_on=d, pk_examined_on=d))
    assert skipped.status_code == 200
    backwards = as_user("kepala").post("/revocationview/add", data=_revocation(
        client, report_on=d, examination_on=d - timedelta(days=2)))
    assert backwards.status_code == 200
    assert db_session.scalar(select(Revocation.id).where(Revocation.client_id == client.id)) is None
