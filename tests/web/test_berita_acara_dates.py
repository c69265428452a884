"""A berita acara is dated, numbered and written for the day of the event it records; one made on a
later day says so (issue 16, shared/documents.md)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.documents.formatting import tanggal
from app.documents.render import document_text
from models import GeneratedDocument, Handover, HandoverDocumentType, LetterCounter, Staff, Termination, TppItem, \
    TppSession
from tests.factories import MID_MONTH
from tests.web.test_documents import latest, office_ready, supervised  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

TODAY = MID_MONTH
SUNDAY_2024 = date(2024, 3, 10)
SPELT_2024 = "Minggu tanggal sepuluh bulan Maret tahun dua ribu dua puluh empat"


def _text(as_user, document, who="pk_a") -> str:
    return re.sub(r"\s+", " ", document_text(as_user(who).get(f"/dokumen/unduh/{document.id}").data))


@pytest.fixture
def handed_over(supervised, db_session):  # noqa: F811  (the imported fixture)
    def _on(day: date):
        handover = db_session.scalars(select(Handover).where(Handover.client_id == supervised.id)).one()
        handover.handover_date, handover.handing_officer_nip = day, "198001012005011001"
        handover.documents = db_session.scalars(select(HandoverDocumentType).where(
            HandoverDocumentType.required.is_(True))).all()
        supervised.birth_place = "Bekasi"
        db_session.get(Staff, handover.receiving_officer_id).nip = "199001012015011002"
        db_session.commit()
        return supervised
    return _on


def test_a_handover_record_made_later_is_dated_and_numbered_for_the_handover(as_user, handed_over, db_session):
    client = handed_over(SUNDAY_2024)
    assert as_user("pk_a").post(f"/dokumen/{client.id}/berita-acara-serah-terima").status_code == 302
    document = latest(db_session, client)
    assert document.letter_number.endswith("/2024"), document.letter_number
    text = _text(as_user, document)
    assert f"Pada hari ini {SPELT_2024} ({tanggal(SUNDAY_2024)})" in text, text
    assert f"dibuat pada tanggal {tanggal(TODAY)}" in text
    assert str(TODAY.year) not in document.letter_number.split("/")[-1]


def test_a_handover_record_made_on_the_day_does_not_say_made_later(as_user, handed_over, db_session):
    client = handed_over(TODAY)
    as_user("pk_a").post(f"/dokumen/{client.id}/berita-acara-serah-terima")
    document = latest(db_session, client)
    assert document.letter_number.endswith(f"/{TODAY.year}")
    assert "dibuat pada" not in _text(as_user, document)


def test_the_termination_record_is_dated_for_the_recorded_end(as_user, supervised, db_session):  # noqa: F811
    ended_on = date(TODAY.year - 1, 12, 30)
    db_session.add(Termination(client_id=supervised.id, reason="dipindahkan", end_date=ended_on,
                               decision_number="PAS-5.PK.01.05", decision_date=ended_on))
    supervised.status = "dipindahkan"
    db_session.commit()
    assert as_user("pk_a").post(f"/dokumen/{supervised.id}/berita-acara-pengakhiran").status_code == 302
    document = latest(db_session, supervised)
    assert document.letter_number.endswith(f"/{ended_on.year}")
    text = _text(as_user, document)
    assert f"Jakarta, {tanggal(ended_on)}" in text, text  # the signature's date is the event's
    assert f"Jakarta, {tanggal(TODAY)}" not in text
    assert f"berakhir pada tanggal {tanggal(ended_on)}" in text
    assert f"dibuat pada tanggal {tanggal(TODAY)}" in text


def _tpp(db_session, world, client, held_on) -> TppSession:
    tpp_user = db_session.scalars(select(Staff).where(Staff.username == "tpp")).one()
    held = TppSession(office_id=world.office_a, held_on=held_on, members_total=1, present=[tpp_user],
                      chair_id=world.users["kepala"], secretary_id=world.users["tpp"], place="Ruang TPP")
    db_session.add(held)
    db_session.flush()
    db_session.add(TppItem(session_id=held.id, client_id=client.id, matter="evaluasi_akhir", decision="setuju",
                           consensus=True, pk_recommendation="Layak diakhiri"))
    db_session.commit()
    return held


def test_tpp_minutes_made_later_carry_the_session_day_and_its_year(
        as_user, world, supervised, db_session):  # noqa: F811
    held = _tpp(db_session, world, supervised, SUNDAY_2024)
    assert as_user("tpp").post(f"/dokumen/tpp/{held.id}/berita-acara").status_code == 302
    document = db_session.scalars(select(GeneratedDocument).where(GeneratedDocument.tpp_session_id == held.id)).one()
    assert document.letter_number.endswith("/2024")
    text = _text(as_user, document, "kepala")
    assert f"Pada hari {SPELT_2024}" in text and f"Jakarta, {tanggal(SUNDAY_2024)}" in text, text
    assert f"dibuat pada tanggal {tanggal(TODAY)}" in text


def test_minutes_of_a_session_still_to_come_are_refused_before_a_number_is_taken(
        as_user, world, supervised, db_session):  # noqa: F811
    held = _tpp(db_session, world, supervised, TODAY + timedelta(days=3))
    page = as_user("tpp").post(f"/dokumen/tpp/{held.id}/berita-acara", follow_redirects=True)
    assert "belum terjadi" in page.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalar(select(func.count(GeneratedDocument.id)).where(
        GeneratedDocument.tpp_session_id == held.id)) == 0
    assert db_session.scalar(select(func.count()).select_from(LetterCounter).where(
        LetterCounter.doc_type == "berita_acara_sidang_tpp")) == 0
