"""Progress book, consent to home visits, attachments, referrals, classification."""
from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import Attachment, Consent, ProgressEntry
from tests import upload_files as files

TODAY = date.today()


def record(as_user, client, who="pk_a", **fields):
    data = {"client": str(client.id), "happened_on": (TODAY - timedelta(days=2)).isoformat(), "kind": "konseling",
            "place": "Kantor Bapas", "programme_item": "", "attended": "y", "absence_reason": "",
            "what_happened": "Konseling tentang sekolah", "result": "Mau kembali sekolah", "follow_up": ""}
    data.update(fields)
    return as_user(who).post("/progressentryview/add", data=data)


def entries(db_session, client):
    db_session.expire_all()
    return db_session.scalars(select(ProgressEntry).where(ProgressEntry.client_id == client.id)
                              .order_by(ProgressEntry.id)).all()


def test_an_activity_is_written_in_the_book(as_user, active, db_session, world):
    assert record(as_user, active).status_code == 302
    [entry] = entries(db_session, active)
    assert entry.written_by_id == world.users["pk_a"] and entry.office_id == active.office_id


@pytest.mark.parametrize("fields,message", [
    ({"attended": "", "absence_reason": ""}, "tidak hadir"),
    ({"happened_on": (TODAY + timedelta(days=1)).isoformat()}, "hari ini"),
])
def test_bad_activities_are_refused(as_user, active, db_session, fields, message):
    response = record(as_user, active, **fields)
    assert response.status_code == 200 and message in response.get_data(as_text=True).lower()
    assert entries(db_session, active) == []


def test_a_home_visit_needs_consent_and_a_refusal_is_recorded_too(as_user, active, db_session):
    assert record(as_user, active, kind="kunjungan_rumah").status_code == 200
    consent = {"client": str(active.id), "given": "y", "by_client": "y", "by_guardian": "y",
               "recorded_on": (TODAY - timedelta(days=5)).isoformat(), "notes": ""}
    assert as_user("pk_a").post("/consentview/add", data=consent).status_code == 302
    assert record(as_user, active, kind="kunjungan_rumah").status_code == 302
    refusal = {**consent, "given": "", "recorded_on": (TODAY - timedelta(days=1)).isoformat(),
               "notes": "Orang tua menolak"}
    assert as_user("pk_a").post("/consentview/add", data=refusal).status_code == 302
    # The answer in force on the day of the visit decides: a visit after the refusal is refused.
    assert record(as_user, active, kind="kunjungan_rumah", happened_on=TODAY.isoformat()).status_code == 200
    assert [c.given for c in db_session.scalars(select(Consent).where(Consent.client_id == active.id)
                                                .order_by(Consent.recorded_on))] == [True, False]


def test_a_correction_keeps_the_original_for_the_kepala(as_user, active, db_session):
    record(as_user, active)
    [entry] = entries(db_session, active)
    edit = {"client": str(active.id), "happened_on": entry.happened_on.isoformat(), "kind": "konseling",
            "place": "Rumah", "programme_item": "", "attended": "y", "absence_reason": "",
            "what_happened": "Konseling tentang sekolah dan keluarga", "result": "Baik", "follow_up": ""}
    assert as_user("pk_a").post(f"/progressentryview/edit/{entry.id}", data=edit).status_code == 302
    current, original = sorted(entries(db_session, active), key=lambda e: e.superseded)
    assert (current.id, current.version_no, current.what_happened) == (entry.id, 2,
                                                                       "Konseling tentang sekolah dan keluarga")
    assert original.superseded and original.what_happened == "Konseling tentang sekolah"
    assert current.supersedes_id == original.id
    assert as_user("pk_a").get(f"/progressentryview/show/{original.id}").status_code == 404
    assert as_user("kepala").get(f"/progressentryview/show/{original.id}").status_code == 200


def pdf_bytes(size=200):
    return b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF"


def upload(as_user, entry, data, name, who="pk_a"):
    return as_user(who).post(f"/lampiran/kegiatan/{entry.id}", data={"file": (io.BytesIO(data), name)},
                             content_type="multipart/form-data")


def test_attachments_are_checked_stored_with_a_checksum_and_scoped(as_user, active, db_session):
    record(as_user, active)
    [entry] = entries(db_session, active)
    assert upload(as_user, entry, b"MZ\x90\x00" + b"\x00" * 100, "scan.pdf").status_code == 200  # a Windows program
    assert upload(as_user, entry, pdf_bytes(), "foto.jpg").status_code == 200  # the name lies
    assert upload(as_user, entry, pdf_bytes(5 * 1024 * 1024), "scan.pdf").status_code == 200  # too large
    assert db_session.scalar(select(Attachment.id).where(Attachment.entry_id == entry.id)) is None
    data = files.pdf()
    assert upload(as_user, entry, data, "scan.pdf").status_code == 302
    stored = db_session.scalars(select(Attachment).where(Attachment.entry_id == entry.id)).one()
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.mime == "application/pdf"
    download = as_user("pk_a").get(f"/lampiran/{stored.id}")
    assert download.status_code == 200 and download.data == data
    assert as_user("pk_a2").get(f"/lampiran/{stored.id}").status_code == 404
    assert upload(as_user, entry, data, "scan.pdf", who="pk_a2").status_code == 404


def test_report_back_cannot_precede_the_referral(as_user, active, db_session, world):
    from models import Partner

    partner = Partner(office_id=world.office_a, name="LKP Maju", kind="pelatihan")
    db_session.add(partner)
    db_session.commit()
    data = {"client": str(active.id), "partner": str(partner.id), "programme_item": "",
            "referred_on": (TODAY - timedelta(days=3)).isoformat(), "purpose": "Kursus montir",
            "reported_on": (TODAY - timedelta(days=10)).isoformat(), "report_back": "Aktif"}
    assert as_user("pk_a").post("/referralview/add", data=data).status_code == 200
    data["reported_on"] = TODAY.isoformat()
    assert as_user("pk_a").post("/referralview/add", data=data).status_code == 302


def test_classification_needs_the_final_reassessment(as_user, active, db_session):
    from app.guidance.assessment import store
    from models import Assessment

    instrument = store.ensure_demo(db_session)
    initial = Assessment(client_id=active.id, instrument_id=instrument.id, kind="awal", assessed_on=TODAY,
                         assessor_id=active.current_pk_id, consent=True, status="final")
    final = Assessment(client_id=active.id, instrument_id=instrument.id, kind="reasesmen_akhir", assessed_on=TODAY,
                       assessor_id=active.current_pk_id, consent=True, status="final")
    db_session.add_all([initial, final])
    db_session.commit()
    data = {"client": str(active.id), "assessment": str(initial.id), "level": "sedang",
            "needs": "Kemandirian kerja", "set_on": TODAY.isoformat()}
    assert as_user("pk_a").post("/classificationview/add", data=data).status_code == 200
    data["assessment"] = str(final.id)
    assert as_user("pk_a").post("/classificationview/add", data=data).status_code == 302
