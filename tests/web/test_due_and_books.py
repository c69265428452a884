"""Due items for any date, and the office-wide stage and expiry books."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app import access
from app.supervision.due import due_items
from app.supervision.lifecycle.commands import TransitionInput
from app.supervision.lifecycle.service import fire
from models import ApelLog, MonthlyReport, Staff

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

START, EXPIRY = date(2026, 1, 1), date(2027, 12, 31)


def who(db_session, username):
    return access.Principal.of(db_session.scalars(select(Staff).where(Staff.username == username)).one())


@pytest.fixture
def running(make_client, db_session):
    client = make_client(pk="pk_a", handover=True, supervision_start=START, supervision_expiry=EXPIRY)
    fire(db_session, client.id, "mulai", TransitionInput(on=START, today=START), who(db_session, "pk_a"))
    return client


def kinds_for(items, client):
    return {(i.kind, i.detail) for i in items if i.client_id == client.id}


def test_a_silent_client_is_due_for_everything(running, db_session):
    items = due_items(db_session, who(db_session, "pk_a"), date(2026, 6, 20))
    assert kinds_for(items, running) == {("stage_due", "lanjutan"), ("report_overdue", 5),
                                         ("revocation_alert", 5), ("assessment_missing", None)}


def test_reports_and_apel_clear_their_items(running, db_session):
    db_session.add(ApelLog(client_id=running.id, office_id=running.office_id, reported_on=date(2026, 6, 10)))
    for month in range(1, 6):
        db_session.add(MonthlyReport(client_id=running.id, month=date(2026, month, 1),
                                     submitted_on=date(2026, month + 1, 5)))
    db_session.commit()
    items = due_items(db_session, who(db_session, "pk_a"), date(2026, 6, 20))
    assert kinds_for(items, running) == {("stage_due", "lanjutan"), ("report_due", date(2026, 6, 1)),
                                         ("assessment_missing", None)}


def test_one_missed_period_is_a_missed_report_not_yet_an_alert(running, db_session):
    db_session.add(ApelLog(client_id=running.id, office_id=running.office_id, reported_on=date(2026, 4, 20)))
    db_session.commit()
    items = due_items(db_session, who(db_session, "pk_a"), date(2026, 6, 20))
    # periods: ..., 1 Apr-30 Apr (reported), 1 May-30 May (missed); 31 May-29 Jun not complete
    assert ("apel_missed", 1) in kinds_for(items, running)


def test_a_passed_stage_date_without_the_transition_is_overdue(running, db_session):
    items = due_items(db_session, who(db_session, "pk_a"), date(2026, 7, 10))
    assert ("stage_overdue", "lanjutan") in kinds_for(items, running)


def test_expiry_coming_and_passed(make_client, db_session):
    client = make_client(pk="pk_a", handover=True, supervision_start=date(2026, 1, 1),
                         supervision_expiry=date(2026, 3, 31))
    fire(db_session, client.id, "mulai", TransitionInput(on=date(2026, 1, 1), today=date(2026, 1, 1)),
         who(db_session, "pk_a"))
    assert ("expiry_due", None) in kinds_for(due_items(db_session, who(db_session, "pk_a"), date(2026, 3, 15)), client)
    assert ("expiry_passed", None) in kinds_for(due_items(db_session, who(db_session, "kepala"), date(2026, 4, 2)),
                                                client)


def test_due_items_follow_the_caseload_and_the_pk_filter(running, db_session, world):
    on = date(2026, 6, 20)
    assert kinds_for(due_items(db_session, who(db_session, "pk_a2"), on), running) == set()
    assert kinds_for(due_items(db_session, who(db_session, "kepala_b"), on), running) == set()
    assert kinds_for(due_items(db_session, who(db_session, "kepala"), on, pk_id=world.users["pk_a2"]), running) == set()
    assert kinds_for(due_items(db_session, who(db_session, "kepala"), on, pk_id=world.users["pk_a"]), running)


def test_due_screen_lists_items_for_a_date(as_user, running):
    body = as_user("pk_a").get("/jatuh-tempo/?tanggal=2026-06-20").get_data(as_text=True)
    assert running.registration_number in body and "20 Juni 2026" in body
    assert as_user("pk_a").get("/jatuh-tempo/?tanggal=kemarin").status_code == 400


def test_expiry_book_of_a_month_shows_the_office_lines(as_user, running):
    body = as_user("kepala").get("/register/buku/ekspirasi?bulan=2027-12").get_data(as_text=True)
    assert running.registration_number in body and "31 Desember 2027" in body
    other = as_user("kepala_b").get("/register/buku/ekspirasi?bulan=2027-12").get_data(as_text=True)
    assert running.registration_number not in other


def test_stage_book_print_view_has_no_menu(as_user, running):
    body = as_user("registrasi").get("/register/buku/tahapan?bulan=2026-07&cetak=1").get_data(as_text=True)
    assert running.registration_number in body and "navbar" not in body


def test_name_index_strikes_out_ended_cases(as_user, make_client, db_session):
    client = make_client(pk="pk_a", handover=True, full_name="Yusuf Klaper", supervision_start=START,
                         supervision_expiry=EXPIRY)
    fire(db_session, client.id, "mulai", TransitionInput(on=START, today=START), who(db_session, "pk_a"))
    fire(db_session, client.id, "akhiri", TransitionInput(on=date(2026, 2, 1), today=date(2026, 2, 2),
                                                          end_reason="meninggal", decision_number="SK-1/2026",
                                                          decision_date=date(2026, 2, 1)),
         who(db_session, "kepala"))
    body = as_user("registrasi").get("/register/klaper?huruf=Y").get_data(as_text=True)
    assert "<del>Yusuf Klaper</del>" in body and "1 Februari 2026" in body
    assert as_user("pk_a").get(f"/clientview/show/{client.id}").status_code == 200  # still readable
    assert "Yusuf Klaper" not in as_user("pk_b").get("/register/klaper?huruf=Y").get_data(as_text=True)



def test_assessments_are_due_within_seven_days_and_then_yearly(running, db_session):
    from app.guidance.assessment import store
    from models import Assessment

    instrument = store.ensure_demo(db_session)
    items = due_items(db_session, who(db_session, "pk_a"), date(2026, 1, 20))
    assert [(i.kind, i.on) for i in items if i.client_id == running.id and "assessment" in i.kind] == [
        ("assessment_missing", date(2026, 1, 8))]
    db_session.add(Assessment(client_id=running.id, instrument_id=instrument.id, kind="awal",
                              assessed_on=date(2026, 1, 6), assessor_id=running.current_pk_id, consent=True,
                              status="final"))
    db_session.commit()
    assert not [i for i in due_items(db_session, who(db_session, "pk_a"), date(2026, 6, 20))
                if i.client_id == running.id and "assessment" in i.kind]
    later = due_items(db_session, who(db_session, "pk_a"), date(2026, 12, 20))
    assert [(i.kind, i.on) for i in later if i.client_id == running.id and "assessment" in i.kind] == [
        ("reassessment_due", date(2027, 1, 6))]
