"""Rule: one live letter per matter. Issuing again is refused unless it is an explicit replacement
(ganti) with a reason; the earlier letter is then *diganti* and its verification page says by which
number. A wrong letter is cancelled (*dibatalkan*) by the Kepala Bapas only, with a reason. The public
verification page shows status, number, office, date, kind and checksums, never the child; the QR code
carries the configured public address (SIBIKA_PUBLIC_URL), not the host the PK typed."""
# ruff: noqa: F811 - the fixtures imported from test_documents are parameters here
from __future__ import annotations

import io
import json
import zipfile
from threading import Event, Thread

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.documents import render
from models import AuditLog, GeneratedDocument
from models.choices import LIVE_DOCUMENT
from models.document import LIVE_WHERE, matter_key
from tests import upload_files as files
from tests.factories import MID_MONTH
from tests.web.test_documents import MONTH, issue_report, latest, office_ready, supervised  # noqa: F401 - fixtures
from tests.jobs import batch_download

# A unique partial index, row locks and a second connection: SQL behaviour, so on both databases.
pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

ARCHIVE = "/generateddocumentview/list/?_flt_0_status=berlaku"


def documents_of(db_session, client) -> list[GeneratedDocument]:
    db_session.expire_all()
    return list(db_session.scalars(select(GeneratedDocument).where(GeneratedDocument.client_id == client.id)
                                   .order_by(GeneratedDocument.id)))


def replace(as_user, document, reason="Kegiatan bulan ini belum tercatat lengkap.", who="pk_a", **extra):
    return as_user(who).post(f"/dokumen/status/{document.id}/ganti",
                             data={"alasan": reason, "next": ARCHIVE, **extra})


def cancel(as_user, document, reason="Salah bulan.", who="kepala"):
    return as_user(who).post(f"/dokumen/status/{document.id}/batalkan", data={"alasan": reason, "next": ARCHIVE})


def test_the_matter_names_kind_subject_and_period():
    assert matter_key("laporan_perkembangan", client_id=3, period="2026-11") == "laporan_perkembangan|klien:3|2026-11"
    assert matter_key("laporan_perkembangan", client_id=3, period="2026-11") != matter_key(
        "laporan_perkembangan", client_id=3, period="2026-12")
    assert matter_key("berita_acara_sidang_tpp", tpp_session_id=3) != matter_key("kartu_bimbingan", client_id=3)
    assert all(f"'{code}'" in LIVE_WHERE for code in LIVE_DOCUMENT)


def test_issuing_again_for_the_same_month_is_refused_and_names_the_live_letter(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    first = latest(db_session, supervised)
    assert first.status == "berlaku" and first.matter == f"laporan_perkembangan|klien:{supervised.id}|{MONTH:%Y-%m}"
    again = as_user("pk_a").post(f"/dokumen/{supervised.id}/laporan-bulanan", data={"bulan": f"{MONTH:%Y-%m}"},
                                 follow_redirects=True)
    page = again.get_data(as_text=True)
    assert first.letter_number in page and "Ganti" in page
    assert [d.id for d in documents_of(db_session, supervised)] == [first.id]


def test_a_replacement_gets_a_new_number_and_marks_the_earlier_one_replaced(app, as_user, supervised, db_session,
                                                                            world):
    issue_report(as_user, supervised)
    old = latest(db_session, supervised)
    response = replace(as_user, old)
    assert response.status_code == 302 and response.headers["Location"].endswith(ARCHIVE)  # back where it came from
    old, new = documents_of(db_session, supervised)
    assert new.letter_number != old.letter_number and new.matter == old.matter and new.status == "berlaku"
    assert old.status == "diganti" and old.replaced_by_id == new.id
    assert old.status_reason == "Kegiatan bulan ini belum tercatat lengkap."
    assert old.status_changed_by_id == world.users["pk_a"] and old.status_changed_at is not None
    page = app.test_client().get(f"/verifikasi/{old.token}").get_data(as_text=True)
    assert "Diganti" in page and f"diganti oleh nomor {new.letter_number}".lower() in page.lower()
    assert "belum tercatat" not in page  # the reason is internal
    shown = as_user("pk_a").get(f"/generateddocumentview/show/{old.id}").get_data(as_text=True)
    assert new.letter_number in shown and "belum tercatat" in shown


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_replacement_without_a_proper_reason_is_refused_and_nothing_changes(as_user, supervised, db_session, reason):
    issue_report(as_user, supervised)
    old = latest(db_session, supervised)
    response = replace(as_user, old, reason=reason)
    assert response.status_code == 422
    assert "alasan" in response.get_data(as_text=True).lower()
    assert [(d.id, d.status) for d in documents_of(db_session, supervised)] == [(old.id, "berlaku")]


def test_a_replaced_letter_cannot_be_replaced_or_cancelled_again(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    old = latest(db_session, supervised)
    replace(as_user, old)
    assert replace(as_user, old).status_code == 422
    assert cancel(as_user, old).status_code == 422
    assert len(documents_of(db_session, supervised)) == 2


def test_another_caseload_can_neither_replace_nor_cancel(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    assert replace(as_user, document, who="pk_a2").status_code == 404
    assert as_user("pk_a2").get(f"/dokumen/status/{document.id}/ganti").status_code == 404
    assert cancel(as_user, document, who="kepala_b").status_code == 404
    assert replace(as_user, document, who="registrasi").status_code in (403, 404)
    assert latest(db_session, supervised).status == "berlaku"


def test_only_the_kepala_bapas_cancels_and_only_with_a_reason(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    for attempt in (as_user("pk_a").get(f"/dokumen/status/{document.id}/batalkan"), cancel(as_user, document, who="pk_a")):
        assert attempt.status_code == 403 and "Kepala Bapas" in attempt.get_data(as_text=True)
    assert cancel(as_user, document, reason=" ").status_code == 422
    assert latest(db_session, supervised).status == "berlaku"
    assert as_user("kepala").get(f"/dokumen/status/{document.id}/batalkan").status_code == 200
    response = cancel(as_user, document)
    assert response.status_code == 302 and response.headers["Location"].endswith(ARCHIVE)
    document = latest(db_session, supervised)
    assert document.status == "dibatalkan" and document.status_reason == "Salah bulan."
    trail = db_session.scalars(select(AuditLog).where(AuditLog.table_name == "generated_document",
                                                      AuditLog.record_id == document.id,
                                                      AuditLog.action == "update")).all()
    changes = [json.loads(row.changes) for row in trail]
    assert any(c.get("status") == ["berlaku", "dibatalkan"] for c in changes)
    assert all(c.get("status_reason", ["***", "***"])[1] in ("***", None) for c in changes)  # free text redacted
    # The matter is free again: a correct letter can now be issued.
    assert issue_report(as_user, supervised).status_code == 302
    assert latest(db_session, supervised).status == "berlaku" and latest(db_session, supervised).id != document.id


def test_a_replaced_or_cancelled_letter_takes_no_signed_scan(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    cancel(as_user, document)
    response = as_user("pk_a").post(f"/dokumen/{document.id}/tandatangan",
                                    data={"file": (io.BytesIO(files.pdf()), "ttd.pdf")},
                                    content_type="multipart/form-data", follow_redirects=True)
    assert "dibatalkan" in response.get_data(as_text=True).lower()
    assert latest(db_session, supervised).signed_sha256 is None


def test_the_verification_page_shows_status_and_checksums_never_the_child(app, as_user, supervised, db_session):
    supervised.nik = "3201011403100001"
    db_session.commit()
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    public = app.test_client()
    page = public.get(f"/verifikasi/{document.token}").get_data(as_text=True)
    for shown in ("Berlaku", document.letter_number, "Balai Pemasyarakatan BPS-A", document.sha256,
                  "Laporan perkembangan"):
        assert shown.lower() in page.lower(), shown
    as_user("pk_a").post(f"/dokumen/{document.id}/tandatangan", data={"file": (io.BytesIO(files.pdf()), "ttd.pdf")},
                         content_type="multipart/form-data")
    document = latest(db_session, supervised)
    page = public.get(f"/verifikasi/{document.token}").get_data(as_text=True)
    assert "Ditandatangani" in page and document.signed_sha256 in page and document.sha256 in page
    cancel(as_user, document, reason="Nama Rizky Dokumen salah ketik")
    page = public.get(f"/verifikasi/{document.token}").get_data(as_text=True)
    assert "Dibatalkan" in page
    for secret in ("Rizky", "Dokumen salah", supervised.nik, supervised.registration_number, f"{MONTH:%Y-%m}"):
        assert secret not in page, secret


def test_the_qr_code_carries_the_public_address_not_the_host_the_pk_typed(app, as_user, supervised, db_session):
    from tests.conftest import PASSWORD

    public_url = app.config["PUBLIC_URL"]
    assert "127.0.0.1" not in public_url
    typed = app.test_client()  # the PK reached SIBIKA at http://127.0.0.1:5123
    assert typed.post("/login/", data={"username": "pk_a", "password": PASSWORD},
                      base_url="http://127.0.0.1:5123").status_code == 302
    response = typed.post(f"/dokumen/{supervised.id}/laporan-bulanan", data={"bulan": f"{MONTH:%Y-%m}"},
                          base_url="http://127.0.0.1:5123")
    assert response.status_code == 302 and "/generateddocumentview/show/" in response.headers["Location"]
    document = latest(db_session, supervised)
    data = as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data
    address = f"{public_url}/verifikasi/{document.token}"
    assert address in render.document_text(data) and "127.0.0.1" not in render.document_text(data)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        pictures = [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]
    # segno is deterministic: the picture is the QR code of exactly this address.
    assert render.qr_png(address) in pictures
    assert app.test_client().get(f"/verifikasi/{document.token}").status_code == 200


def test_without_a_public_address_nothing_is_issued(app, as_user, supervised, db_session, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "")
    page = as_user("pk_a").post(f"/dokumen/{supervised.id}/laporan-bulanan", data={"bulan": f"{MONTH:%Y-%m}"},
                                follow_redirects=True).get_data(as_text=True)
    assert "SIBIKA_PUBLIC_URL" in page and latest(db_session, supervised) is None


def _batch(as_user, **form):
    return batch_download(as_user("pk_a"), {"bulan": f"{MONTH:%Y-%m}", **form})


def test_the_batch_skips_months_with_a_live_report_and_says_how_many(as_user, supervised, make_client, db_session):
    other = make_client(pk="pk_a", status="aktif", handover=True, basis_document="PAS-99",
                        supervision_start=supervised.supervision_start, supervision_expiry=supervised.supervision_expiry)
    issue_report(as_user, supervised)
    first = latest(db_session, supervised)
    response = _batch(as_user)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        skipped = archive.read("sudah-terbit.txt").decode()
        summary = archive.read("ringkasan.txt").decode()
        names = archive.namelist()
    assert supervised.registration_number in skipped and first.letter_number in skipped
    assert "1" in summary and f"{supervised.registration_number.replace('/', '-')}.docx" not in names
    assert f"{other.registration_number.replace('/', '-')}.docx" in names
    assert [d.id for d in documents_of(db_session, supervised)] == [first.id]
    # A second run changes nothing for either client.
    _batch(as_user)
    assert len(documents_of(db_session, supervised)) == 1 and len(documents_of(db_session, other)) == 1


def test_the_batch_replaces_live_reports_only_when_asked_with_a_reason(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    first = latest(db_session, supervised)
    refused = _batch(as_user, ganti="1", alasan="")
    assert refused.status_code == 302 and len(documents_of(db_session, supervised)) == 1
    response = _batch(as_user, ganti="1", alasan="Kegiatan terlambat dicatat.")
    assert response.status_code == 200
    old, new = documents_of(db_session, supervised)
    assert old.id == first.id and old.status == "diganti" and old.replaced_by_id == new.id
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert f"{supervised.registration_number.replace('/', '-')}.docx" in archive.namelist()
        assert "sudah-terbit.txt" not in archive.namelist()


def test_a_cancelled_end_certificate_can_be_issued_again_and_a_live_one_replaced(as_user, supervised, db_session):
    from datetime import timedelta

    from models import Termination

    db_session.add(Termination(client_id=supervised.id, reason="selesai", end_date=MID_MONTH - timedelta(days=1),
                               decision_number="SK-9", decision_date=MID_MONTH - timedelta(days=1)))
    supervised.status = "selesai"
    db_session.commit()
    url = f"/dokumen/{supervised.id}/surat-keterangan-akhir"
    assert as_user("kepala").post(url).status_code == 302
    first = latest(db_session, supervised)
    assert first is not None and first.doc_type == "surat_keterangan_akhir"
    as_user("kepala").post(url)
    assert len(documents_of(db_session, supervised)) == 1  # once per supervision
    assert replace(as_user, first, who="kepala").status_code == 302
    second = latest(db_session, supervised)
    assert second.id != first.id and second.status == "berlaku"
    cancel(as_user, second)
    assert as_user("kepala").post(url).status_code == 302
    assert latest(db_session, supervised).status == "berlaku"


@pytest.mark.committing  # two sessions on two connections see only what is committed
@pytest.mark.parametrize("without_the_check", [False, True])
def test_two_issuers_at_once_never_leave_two_live_letters(app, supervised, world, monkeypatch, without_the_check):
    """The second issuer checked before the first committed, so its own check found nothing; the
    unique partial index refuses its insert. With the check switched off the index alone holds."""
    from app.documents import issue, live
    from app.errors import DomainError
    from app.extensions import db

    if without_the_check:
        monkeypatch.setattr(live, "check_free", lambda session, matter: None)

    first_flushed, outcomes = Event(), {}

    def issuer(name, wait_for=None):
        with app.app_context():
            session = Session(db.engine)
            try:
                if wait_for is not None:
                    wait_for.wait(10)
                client = session.get(type(supervised), supervised.id)
                issue.issue_monthly_report(session, client, MONTH, world.users["pk_a"], app.config["UPLOAD_DIR"],
                                           "https://sibika.bapas-uji.example/verifikasi/", MID_MONTH)
                if wait_for is None:
                    first_flushed.set()
                    import time
                    time.sleep(1)  # the other issuer has checked by now and waits at the counter
                session.commit()
                outcomes[name] = "issued"
            except DomainError as exc:
                session.rollback()
                outcomes[name] = exc.messages[0]
            finally:
                first_flushed.set()
                session.close()

    threads = [Thread(target=issuer, args=("a",)), Thread(target=issuer, args=("b", first_flushed))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with app.app_context():
        session = Session(db.engine)
        live_count = session.scalar(select(func.count()).select_from(GeneratedDocument).where(
            GeneratedDocument.client_id == supervised.id, GeneratedDocument.status.in_(LIVE_DOCUMENT)))
        session.close()
    assert live_count == 1
    assert outcomes["a"] == "issued" and outcomes["b"] != "issued", outcomes
    with app.app_context():
        session = Session(db.engine)
        number = session.scalar(select(GeneratedDocument.letter_number).where(
            GeneratedDocument.client_id == supervised.id))
        session.close()
    assert number in outcomes["b"]  # told which letter stands, as a later check would have


def test_the_api_replaces_and_cancels_through_the_same_rules(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    old = latest(db_session, supervised)
    pk = as_user("pk_a")
    assert pk.api("POST", f"/api/v1/document/{old.id}/replace", json={}).status_code == 422
    assert pk.api("POST", f"/api/v1/document/{old.id}/replace", json={"reason": " "}).status_code == 422
    assert pk.post(f"/api/v1/document/{old.id}/replace", data={"reason": "x"}).status_code == 415
    assert as_user("pk_a2").api("POST", f"/api/v1/document/{old.id}/replace",
                                json={"reason": "Salah"}).status_code == 404
    replaced = pk.api("POST", f"/api/v1/document/{old.id}/replace", json={"reason": "Data bulan ini dilengkapi."})
    assert replaced.status_code == 200 and replaced.json["id"] != old.id
    assert replaced.json["result"]["status"] == "berlaku"
    shown = pk.api("GET", f"/api/v1/document/{old.id}").json["result"]
    assert shown["status"] == "diganti" and shown["replaced_by"]["id"] == replaced.json["id"]
    new_id = replaced.json["id"]
    refused = pk.api("POST", f"/api/v1/document/{new_id}/cancel", json={"reason": "Salah"})
    assert refused.status_code == 403 and "Kepala Bapas" in " ".join(refused.json["message"])
    cancelled = as_user("kepala").api("POST", f"/api/v1/document/{new_id}/cancel", json={"reason": "Salah bulan."})
    assert cancelled.status_code == 200 and cancelled.json["result"]["status"] == "dibatalkan"
    assert as_user("kepala").api("POST", f"/api/v1/document/{new_id}/cancel",
                                 json={"reason": "Lagi"}).status_code == 422  # no longer live


def test_the_migration_keeps_one_live_letter_of_the_duplicates_issued_before_the_rule(backend, tmp_path):
    """Letters issued twice before 0017 (the bug this rule fixes): the signed one (else the newest) stays
    live, the others become diganti by it; "draft" becomes berlaku; then the index holds."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from app.extensions import db
    from models import Office
    from tests.conftest import fresh_app

    kind = backend[0].config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
    with fresh_app(kind, tmp_path) as app, app.app_context():
        office = Office(code="MIG", name="Balai Pemasyarakatan MIG", city="Kota M", registration_pattern="{seq}")
        db.session.add(office)
        db.session.commit()
        office_id = office.id
        db.session.remove()
        downgrade(revision="0016")
        insert = text("INSERT INTO generated_document (office_id, doc_type, period, letter_number, template_version, "
                      "stored_name, sha256, token, status) VALUES (:office, :type, :period, :number, 'v', 'f', 's', "
                      ":token, :status)")
        rows = [("laporan_perkembangan", "2026-10", "LP-1", "draft"), ("laporan_perkembangan", "2026-10", "LP-2",
                "ditandatangani"), ("laporan_perkembangan", "2026-10", "LP-3", "draft"),
                ("laporan_perkembangan", "2026-11", "LP-4", "draft"), ("litmas", None, "L-1", "draft"),
                ("litmas", None, "L-2", "draft")]
        with db.engine.begin() as conn:
            for doc_type, period, number, status in rows:
                conn.execute(insert, {"office": office_id, "type": doc_type, "period": period, "number": number,
                                      "token": f"t-{number}", "status": status})
        upgrade(revision="0017")
        with db.engine.connect() as conn:
            found = {r.letter_number: r for r in conn.execute(text(
                "SELECT d.letter_number, d.status, r.letter_number AS by_number, d.status_reason "
                "FROM generated_document d LEFT JOIN generated_document r ON r.id = d.replaced_by_id"))}
        assert {n: (r.status, r.by_number) for n, r in found.items()} == {
            "LP-1": ("diganti", "LP-2"), "LP-2": ("ditandatangani", None), "LP-3": ("diganti", "LP-2"),
            "LP-4": ("berlaku", None), "L-1": ("diganti", "L-2"), "L-2": ("berlaku", None)}
        assert found["LP-1"].status_reason
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("UPDATE generated_document SET status = 'berlaku' WHERE letter_number = 'LP-1'"))


def test_a_replacement_that_cannot_be_built_leaves_the_earlier_letter_valid(as_user, supervised, db_session,
                                                                           office_ready):
    issue_report(as_user, supervised)
    old = latest(db_session, supervised)
    office_ready.head_name = None  # the new letter would lack its signer
    db_session.commit()
    response = replace(as_user, old)
    assert response.status_code == 422 and "Kepala" in response.get_data(as_text=True)
    assert [(d.id, d.status, d.replaced_by_id) for d in documents_of(db_session, supervised)] == [
        (old.id, "berlaku", None)]


@pytest.mark.parametrize("next_url", ["https://jahat.example/curi", "//jahat.example/curi", "javascript:alert(1)"])
def test_after_saving_the_user_returns_only_to_a_page_of_this_site(as_user, supervised, db_session, next_url):
    issue_report(as_user, supervised)
    old = latest(db_session, supervised)
    response = as_user("pk_a").post(f"/dokumen/status/{old.id}/ganti", data={"alasan": "Perbaikan.", "next": next_url})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/generateddocumentview/show/{old.id}")
