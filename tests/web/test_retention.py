"""Retention: closed cases past the period are proposed, and only the Kepala
Bapas's approval anonymises them: identity replaced, statistics kept, files
gone, all audit-logged without the identity itself."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, strategies as st
from sqlalchemy import select

from app.clients import retention
from app.access import Principal
from models import ApelLog, AuditLog, Client, ClientConfidential, Guardian, RetentionProposal, Termination
import pytest

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

TODAY = date.today()


def closed_case(make_client, db_session, app, ended_years_ago=6, office="a", pk="pk_a"):
    client = make_client(office=office, pk=pk, status="selesai", full_name="Dimas Rahasia Putra",
                         nik="3201011403100002", address="Jl. Rahasia 5", birth_place="Bogor",
                         birth_date=date(2009, 7, 21), handover=True, decision_number="99/Pid.Sus-Anak/2019/PN Bgr",
                         sentence="Pidana bersyarat", stage="akhir")
    ended = TODAY - timedelta(days=365 * ended_years_ago + 2)
    db_session.add(Termination(client_id=client.id, reason="selesai", end_date=ended, decision_number="SK-1",
                               decision_date=ended, notes="Klien Dimas menyelesaikan bimbingan"))
    db_session.add(Guardian(client_id=client.id, relation="ibu", name="Sri Rahasia", phone="0812000"))
    db_session.add(ClientConfidential(client_id=client.id, health="Asma", household="Tinggal dengan nenek"))
    db_session.add(ApelLog(client_id=client.id, office_id=client.office_id, reported_on=ended - timedelta(days=40),
                           notes="Dimas datang bersama ibunya"))
    photos = Path(app.config["UPLOAD_DIR"]) / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    client.photo = f"foto-{client.id}"
    (photos / client.photo).write_bytes(b"\x89PNG")
    db_session.commit()
    return client


def proposals_of(db_session, client):
    return db_session.scalars(select(RetentionProposal).where(RetentionProposal.client_id == client.id)).all()


def test_propose_then_approve_anonymises_and_keeps_the_statistics(as_user, app, make_client, db_session):
    client = closed_case(make_client, db_session, app)
    recent = closed_case(make_client, db_session, app, ended_years_ago=2)
    photo = Path(app.config["UPLOAD_DIR"]) / "photos" / client.photo
    kepala = as_user("kepala")
    page = kepala.get("/retensi/").get_data(as_text=True)
    assert "Masa Retensi" in page
    assert kepala.post("/retensi/usul").status_code == 302
    proposed = proposals_of(db_session, client)
    assert [p.status for p in proposed] == ["diusulkan"] and not proposals_of(db_session, recent)
    db_session.expire_all()
    assert db_session.get(Client, client.id).full_name == "Dimas Rahasia Putra"  # nothing before approval

    assert kepala.post("/retensi/putuskan", data={"proposal": str(proposed[0].id),
                                                   "decision": "approve"}).status_code == 302
    db_session.expire_all()
    done = db_session.get(Client, client.id)
    assert done.full_name == f"Klien anonim {client.id}" and done.anonymised_at is not None
    assert (done.nik, done.address, done.birth_place, done.alias, done.photo, done.decision_number) == (None,) * 6
    assert not photo.exists()
    # statistics stay
    assert (done.sex, done.birth_date.year, done.supervision_kind_id, done.status, done.stage) == (
        "L", 2009, client.supervision_kind_id, "selesai", "akhir")
    assert done.supervision_start == date(2026, 1, 5)
    guardians = db_session.scalars(select(Guardian).where(Guardian.client_id == client.id)).all()
    assert len(guardians) == 1 and guardians[0].name == retention.NEUTRAL and guardians[0].phone is None
    assert guardians[0].relation == "ibu"
    secret = db_session.scalars(select(ClientConfidential).where(ClientConfidential.client_id == client.id)).one()
    assert (secret.health, secret.household) == (None, None)
    apel = db_session.scalars(select(ApelLog).where(ApelLog.client_id == client.id)).one()
    assert apel.notes == retention.NEUTRAL and apel.reported_on is not None
    ended = db_session.scalars(select(Termination).where(Termination.client_id == client.id)).one()
    assert ended.notes == retention.NEUTRAL and ended.end_date is not None
    assert db_session.get(RetentionProposal, proposed[0].id).status == "disetujui"
    # audit-logged, and the trail holds no identity
    trail = db_session.scalars(select(AuditLog).where(AuditLog.client_id == client.id,
                                                      AuditLog.username == "kepala")).all()
    assert {"client", "guardian", "client_confidential", "apel_log", "retention_proposal"} <= {
        r.table_name for r in trail}
    logged = " ".join(r.changes or "" for r in db_session.scalars(select(AuditLog)).all())
    assert "Dimas" not in logged and "3201011403100002" not in logged and "Sri Rahasia" not in logged
    # an anonymised case is never proposed again
    assert retention.due(db_session, Principal(None, client.office_id, frozenset()), TODAY, 5) == []


def test_nothing_is_anonymised_without_the_kepala_of_the_office(as_user, app, make_client, db_session):
    client = closed_case(make_client, db_session, app)
    assert as_user("pk_a").post("/retensi/usul").status_code == 403
    assert as_user("pk_a").get("/retensi/").status_code == 403
    assert as_user("admin").post("/retensi/usul").status_code == 302
    proposal = proposals_of(db_session, client)[0]
    form = {"proposal": str(proposal.id), "decision": "approve"}
    admin = as_user("admin").post("/retensi/putuskan", data=form, follow_redirects=True).get_data(as_text=True)
    assert "Hanya Kepala Bapas" in admin
    foreign = as_user("kepala_b").post("/retensi/putuskan", data=form, follow_redirects=True).get_data(as_text=True)
    assert "bukan milik kantor Anda" in foreign
    assert as_user("pk_a").post("/retensi/putuskan", data=form).status_code == 403
    db_session.expire_all()
    assert db_session.get(Client, client.id).full_name == "Dimas Rahasia Putra"
    assert db_session.get(RetentionProposal, proposal.id).status == "diusulkan"

    assert as_user("kepala").post("/retensi/putuskan", data={**form, "decision": "reject"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(RetentionProposal, proposal.id).status == "ditolak"
    assert db_session.get(Client, client.id).full_name == "Dimas Rahasia Putra"
    again = as_user("kepala").post("/retensi/putuskan", data=form, follow_redirects=True).get_data(as_text=True)
    assert "sudah diputuskan" in again
    assert as_user("kepala").post("/retensi/putuskan", data={"proposal": "x", "decision": "approve"},
                                  follow_redirects=True).status_code == 200


def test_a_case_reopened_after_the_proposal_is_not_anonymised(as_user, app, make_client, db_session):
    client = closed_case(make_client, db_session, app)
    as_user("kepala").post("/retensi/usul")
    proposal = proposals_of(db_session, client)[0]
    db_session.get(Client, client.id).status = "aktif"
    db_session.commit()
    body = as_user("kepala").post("/retensi/putuskan", data={"proposal": str(proposal.id), "decision": "approve"},
                                  follow_redirects=True).get_data(as_text=True)
    assert "tidak lagi memenuhi syarat" in body
    db_session.expire_all()
    assert db_session.get(Client, client.id).full_name == "Dimas Rahasia Putra"


def test_the_scheduled_command_proposes_but_changes_nothing(app, make_client, db_session):
    client = closed_case(make_client, db_session, app)
    done = app.test_cli_runner().invoke(args=["sibika", "retention-propose", "--office", "BPS-A"])
    assert done.exit_code == 0 and "1 cases proposed" in done.output
    db_session.expire_all()
    proposal = proposals_of(db_session, client)[0]
    assert proposal.proposed_by_id is None and db_session.get(Client, client.id).anonymised_at is None
    unknown = app.test_cli_runner().invoke(args=["sibika", "retention-propose", "--office", "NOPE"])
    assert unknown.exit_code != 0


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)), st.integers(min_value=1, max_value=30))
def test_the_cutoff_is_the_same_day_years_earlier(today, years):
    limit = retention.cutoff(today, years)
    assert limit.year == today.year - years and limit.month == today.month
    assert limit.day == today.day or (today.month, today.day, limit.day) == (2, 29, 28)


def test_a_deleted_letter_of_an_anonymised_case_is_a_404_not_an_error(as_user, app, make_client, db_session):
    from models import GeneratedDocument

    client = closed_case(make_client, db_session, app)
    document = GeneratedDocument(office_id=client.office_id, client_id=client.id, doc_type="surat_keterangan_akhir",
                                 letter_number=f"W.{client.id}/PK/2020", template_version="x" * 64,
                                 stored_name=f"surat-{client.id}.docx", sha256="0" * 64, token=f"tok{client.id}")
    db_session.add(document)
    db_session.commit()
    stored = Path(app.config["UPLOAD_DIR"]) / "documents" / document.stored_name
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"PK\x03\x04")
    as_user("kepala").post("/retensi/usul")
    proposal = proposals_of(db_session, client)[0]
    as_user("kepala").post("/retensi/putuskan", data={"proposal": str(proposal.id), "decision": "approve"})
    assert not stored.exists()
    assert as_user("kepala").get(f"/dokumen/unduh/{document.id}").status_code == 404
