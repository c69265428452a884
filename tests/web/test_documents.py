"""Word documents: filled, numbered, archived as issued, verifiable without identity."""
from __future__ import annotations

import io
import re
from datetime import timedelta
from threading import Thread

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents import numbering
from app.documents.render import document_text
from app.supervision.lifecycle import gates
from models import ApelLog, GateRecord, GeneratedDocument, Office, ProgressEntry, Staff
from tests import upload_files as files
from tests.factories import MID_MONTH
from tests.conftest import tool_missing
from tests.jobs import batch_download

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]  # SQL behaviour; month arithmetic

TODAY = MID_MONTH
MONTH = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def office_ready(world, db_session):
    office = db_session.get(Office, world.office_a)
    office.address, office.city, office.phone = "Jl. Raya Bogor No. 1", "Jakarta", "021-555"
    office.head_name, office.head_nip = "Dra. Kepala Uji", "197001011995031001"
    office.regional_office = "Kantor Wilayah DKI Jakarta"
    db_session.commit()
    return office


@pytest.fixture
def supervised(make_client, db_session, office_ready):
    client = make_client(pk="pk_a", status="aktif", handover=True, basis_document="PAS-1234.PK.01.04.06",
                         supervision_start=TODAY - timedelta(days=300), supervision_expiry=TODAY + timedelta(days=100),
                         full_name="Rizky Dokumen")
    client.stage = "awal"
    db_session.add(ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=MONTH + timedelta(days=4),
                                 kind="konseling", what_happened="Konseling", result="Klien terbuka bercerita"))
    db_session.add(ApelLog(client_id=client.id, office_id=client.office_id, reported_on=MONTH + timedelta(days=2)))
    db_session.commit()
    return client


def issue_report(as_user, client, who="pk_a"):
    return as_user(who).post(f"/dokumen/{client.id}/laporan-bulanan", data={"bulan": f"{MONTH:%Y-%m}"})


def write_litmas(browser, client, action="save"):
    """Every part of the litmas written (the analysis and recommendation as these tests read them)."""
    from app.litmas import parts

    values = {code: f"Bagian {code}." for code in parts.CODES}
    values.update(analysis="Klien berkembang baik.", recommendation="Bimbingan diakhiri sesuai masa.")
    return browser.post(f"/litmas/{client.id}", data={**values, "action": action})


def latest(db_session, client) -> GeneratedDocument:
    db_session.expire_all()
    return db_session.scalars(select(GeneratedDocument).where(GeneratedDocument.client_id == client.id)
                              .order_by(GeneratedDocument.id.desc())).first()


def test_the_monthly_report_is_filled_numbered_and_archived_as_issued(as_user, supervised, db_session):
    assert issue_report(as_user, supervised).status_code == 302
    document = latest(db_session, supervised)
    download = as_user("pk_a").get(f"/dokumen/unduh/{document.id}")
    assert download.status_code == 200
    assert download.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    import hashlib
    assert hashlib.sha256(download.data).hexdigest() == document.sha256  # exactly as issued
    text = document_text(download.data)
    for expected in ("Rizky Dokumen", document.letter_number, "RAHASIA", "Konseling", "Klien terbuka bercerita",
                     "Dra. Kepala Uji", "BALAI PEMASYARAKATAN BPS-A"):
        assert expected in text, expected
    assert re.search(r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
                     r"Desember) \d{4}", text)
    assert "{{" not in text and "{%" not in text and "None" not in text
    Document(io.BytesIO(download.data))  # opens as a Word document


def test_missing_data_is_named_and_nothing_is_issued(as_user, make_client, db_session, world):
    office = db_session.get(Office, world.office_a)
    office.head_name = None
    db_session.commit()
    client = make_client(pk="pk_a", status="aktif", handover=True)
    response = issue_report(as_user, client)
    assert response.status_code == 302
    assert latest(db_session, client) is None
    page = as_user("pk_a").get(f"/bimbingan/{client.id}").get_data(as_text=True)
    assert "Kepala" in page and "belum diisi" in page


def test_another_caseload_cannot_issue_or_download(as_user, supervised, db_session):
    assert issue_report(as_user, supervised, who="pk_a2").status_code == 404
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    assert as_user("pk_a2").get(f"/dokumen/unduh/{document.id}").status_code == 404
    assert as_user("registrasi").get(f"/dokumen/unduh/{document.id}").status_code in (403, 404)
    assert as_user("pk_b").get(f"/generateddocumentview/show/{document.id}").status_code in (403, 404)


def test_the_verification_page_shows_no_identity(app, as_user, supervised, db_session):
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    page = app.test_client().get(f"/verifikasi/{document.token}").get_data(as_text=True)
    assert document.letter_number in page and "Balai Pemasyarakatan BPS-A" in page
    assert "Rizky" not in page and supervised.registration_number not in page
    assert app.test_client().get("/verifikasi/tebakan").status_code == 404


def test_the_final_litmas_opens_the_documents_gate(as_user, supervised, db_session):
    # The end-of-supervision certificate states an end that has happened, so it cannot be what the end waits for.
    from app.guidance.assessment import store
    from models import Assessment, Guardian

    supervised.stage = "akhir"
    instrument = store.ensure_demo(db_session)
    db_session.add(Assessment(client_id=supervised.id, instrument_id=instrument.id, kind="reasesmen_akhir",
                              assessed_on=TODAY, assessor_id=supervised.current_pk_id, consent=True, status="final",
                              total_score=6, category="rendah", domain_scores='{"zat": 1}'))
    db_session.add(Guardian(client_id=supervised.id, relation="ibu", name="Siti Aminah", address="Jl. Melati 1"))
    db_session.commit()
    assert write_litmas(as_user("pk_a"), supervised, "issue").status_code == 302
    assert latest(db_session, supervised).doc_type == "litmas"
    assert db_session.scalar(select(GateRecord.id).where(GateRecord.client_id == supervised.id,
                                                         GateRecord.gate == gates.TERMINATION_DOCUMENTS))


@pytest.mark.committing  # a second session or thread sees only what is committed
def test_letter_numbers_are_never_reused_under_concurrent_issuing(app, world, db_session):
    from app.extensions import db

    numbers, errors = [], []

    def take():
        with app.app_context():
            session = Session(db.engine)
            try:
                for _ in range(10):
                    office = session.get(Office, world.office_a)
                    for attempt in range(20):
                        try:
                            numbers.append(numbering.next_number(session, office, "uji_paralel", 2031))
                            session.commit()
                            break
                        except Exception:  # SQLite: database is locked; try again like a second click would
                            session.rollback()
                    else:
                        errors.append("gave up")
            finally:
                session.close()

    threads = [Thread(target=take) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(numbers) == 30 and len(set(numbers)) == 30


def test_a_signed_scan_moves_the_document_to_signed(as_user, supervised, db_session):
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    scan = {"file": (io.BytesIO(files.pdf()), "ttd.pdf")}
    assert as_user("pk_a2").post(f"/dokumen/{document.id}/tandatangan", data=scan,
                                 content_type="multipart/form-data").status_code == 404
    scan = {"file": (io.BytesIO(files.pdf()), "ttd.pdf")}
    assert as_user("pk_a").post(f"/dokumen/{document.id}/tandatangan", data=scan,
                                content_type="multipart/form-data").status_code == 302
    document = latest(db_session, supervised)
    assert document.status == "ditandatangani" and document.signed_sha256


@pytest.mark.parametrize("make_scan", [files.pdf_garbage, files.png_polyglot, lambda: files.pdf(javascript=True)])
def test_a_signed_scan_that_is_not_a_clean_pdf_or_image_is_refused(as_user, supervised, db_session, make_scan):
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    name = "ttd.png" if make_scan is files.png_polyglot else "ttd.pdf"
    response = as_user("pk_a").post(f"/dokumen/{document.id}/tandatangan", data={"file": (io.BytesIO(make_scan()),
                                    name)}, content_type="multipart/form-data", follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "tidak ada yang disimpan" in body or "skrip" in body
    document = latest(db_session, supervised)
    assert document.status != "ditandatangani" and document.signed_name is None


def test_a_caseload_month_comes_as_one_zip_listing_what_is_incomplete(as_user, supervised, make_client, db_session):
    import zipfile

    incomplete = make_client(pk="pk_a", status="aktif", handover=True, basis_document=None)
    response = batch_download(as_user("pk_a"), {"bulan": f"{MONTH:%Y-%m}"})
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        assert f"{supervised.registration_number.replace('/', '-')}.docx" in names
        assert incomplete.registration_number in archive.read("belum-lengkap.txt").decode()


def test_the_handover_record_spells_the_day_and_lists_the_documents(as_user, supervised, db_session):
    from models import Handover, HandoverDocumentType

    handover = db_session.scalars(select(Handover).where(Handover.client_id == supervised.id)).one()
    handover.handing_officer_nip = "198001012005011001"
    handover.documents = db_session.scalars(select(HandoverDocumentType).where(
        HandoverDocumentType.required.is_(True))).all()
    supervised.birth_place = "Bekasi"
    db_session.get(Staff, handover.receiving_officer_id).nip = "199001012015011002"
    db_session.commit()
    assert as_user("pk_a").post(f"/dokumen/{supervised.id}/berita-acara-serah-terima").status_code == 302
    document = latest(db_session, supervised)
    assert document.doc_type == "berita_acara_serah_terima" and "/BAST/" in document.letter_number
    text = document_text(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data)
    assert "Bekasi, 14 Maret 2010" in text and "PIHAK PERTAMA" in text
    assert "Surat jaminan orang tua / wali" in text
    assert re.search(r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu) tanggal [a-z ]+ bulan", text)


def test_pdf_copy_when_libreoffice_is_installed(as_user, supervised, db_session):
    from app.documents import pdf

    if not pdf.available():
        tool_missing("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    response = as_user("pk_a").get(f"/dokumen/unduh/{document.id}/pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.mimetype == "application/pdf" and response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_the_reply_letter_answers_the_complainant_without_internal_data(app, as_user, world, office_ready, db_session):
    from app.complaints import intake, workflow
    from models import Complaint

    intake.ensure_defaults(db_session)
    complaint = intake.receive(db_session, intake.Submission(
        office_id=world.office_a, category_id=db_session.scalar(select(intake.ComplaintCategory.id).limit(1)),
        text="Antrean lama", name="Ibu Ani"), upload_dir="/tmp")
    unit = db_session.scalars(select(Staff).where(Staff.username == "pengaduan")).one()
    workflow.run(db_session, workflow.STEPS["ditolak"], complaint,
                 workflow.StepInput(text="Di luar kewenangan Bapas; silakan ke pengadilan.", by=unit))
    complaint.status = "dijawab"
    db_session.commit()
    assert as_user("pengaduan").post(f"/dokumen/pengaduan/{complaint.id}/jawaban").status_code == 302
    document = db_session.scalars(select(GeneratedDocument).where(GeneratedDocument.complaint_id == complaint.id)).one()
    text = document_text(as_user("pengaduan").get(f"/dokumen/unduh/{document.id}").data)
    assert "Ibu Ani" in text and complaint.tracking_number in text and "Di luar kewenangan" in text
    assert as_user("pk_a").get(f"/dokumen/unduh/{document.id}").status_code == 404
    assert db_session.get(Complaint, complaint.id) is not None


def test_tpp_minutes_list_the_decisions(as_user, world, supervised, office_ready, db_session):
    from models import TppItem, TppSession

    tpp_user = db_session.scalars(select(Staff).where(Staff.username == "tpp")).one()
    held = TppSession(office_id=world.office_a, held_on=TODAY, members_total=1, present=[tpp_user],
                      chair_id=world.users["kepala"], secretary_id=world.users["tpp"], place="Ruang TPP")
    db_session.add(held)
    db_session.flush()
    db_session.add(TppItem(session_id=held.id, client_id=supervised.id, matter="evaluasi_akhir", decision="setuju",
                           consensus=True, pk_recommendation="Layak diakhiri"))
    db_session.commit()
    assert as_user("tpp").post(f"/dokumen/tpp/{held.id}/berita-acara").status_code == 302
    document = db_session.scalars(select(GeneratedDocument).where(GeneratedDocument.tpp_session_id == held.id)).one()
    text = document_text(as_user("kepala").get(f"/dokumen/unduh/{document.id}").data)
    assert supervised.registration_number in text and "Evaluasi akhir" in text and "Disetujui" in text
    assert "1 dari 1 anggota" in text or "kehadiran 1 dari 1" in text
    assert as_user("pk_b").post(f"/dokumen/tpp/{held.id}/berita-acara").status_code == 404
    assert as_user("registrasi").get(f"/dokumen/unduh/{document.id}").status_code in (403, 404)


def test_the_client_card_carries_photo_and_a_qr_that_verifies(app, as_user, supervised, db_session):
    from tests.web.test_photos import png_bytes, upload

    refused = as_user("pk_a").post(f"/dokumen/{supervised.id}/kartu")
    assert refused.status_code == 302 and latest(db_session, supervised) is None  # no photo yet
    upload(as_user("pk_a"), supervised.id, png_bytes())
    assert as_user("pk_a").post(f"/dokumen/{supervised.id}/kartu").status_code == 302
    document = latest(db_session, supervised)
    data = as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data
    text = document_text(data)
    assert "KARTU BIMBINGAN KLIEN" in text and supervised.registration_number in text
    assert f"/verifikasi/{document.token}" in text and "setiap 30 hari" in text
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert len([n for n in docx.namelist() if n.startswith("word/media/")]) == 2  # photo and QR code


def test_an_admin_uploads_a_checked_template_version_that_is_then_used(as_user, supervised, db_session):
    from tests.unit.test_templates import _with

    broken = _with("laporan_perkembangan", ("klien.nama", "klien.nmaa"))
    refused = as_user("admin").post("/templat/unggah", data={"doc_type": "laporan_perkembangan",
                                                             "file": (io.BytesIO(broken), "lp.docx")},
                                    content_type="multipart/form-data")
    assert refused.status_code == 200 and "nmaa" in refused.get_data(as_text=True)
    better = _with("laporan_perkembangan", ("LAPORAN PERKEMBANGAN BIMBINGAN KLIEN", "LAPORAN BULANAN KLIEN"))
    assert as_user("admin").post("/templat/unggah", data={"doc_type": "laporan_perkembangan",
                                                          "file": (io.BytesIO(better), "lp.docx")},
                                 content_type="multipart/form-data").status_code == 302
    issue_report(as_user, supervised)
    document = latest(db_session, supervised)
    assert "LAPORAN BULANAN KLIEN" in document_text(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data)
    import hashlib
    assert document.template_version == hashlib.sha256(better).hexdigest()
    assert as_user("kepala").get("/templat/unggah").status_code == 403
    assert "klien.nama" in as_user("admin").get("/templat/variabel/laporan_perkembangan").get_data(as_text=True)


def test_contract_litmas_and_end_record_are_issued_from_the_clients_data(as_user, supervised, db_session):
    from app.guidance.assessment import store
    from models import Assessment, Guardian, Termination

    assert as_user("pk_a").post(f"/dokumen/{supervised.id}/kontrak").status_code == 302
    assert latest(db_session, supervised) is None  # no guarantor recorded yet
    db_session.add(Guardian(client_id=supervised.id, relation="ibu", name="Siti Aminah", address="Jl. Melati 1"))
    db_session.commit()
    as_user("pk_a").post(f"/dokumen/{supervised.id}/kontrak")
    contract = latest(db_session, supervised)
    assert contract.doc_type == "kontrak_bimbingan"
    assert "Siti Aminah" in document_text(as_user("pk_a").get(f"/dokumen/unduh/{contract.id}").data)

    instrument = store.ensure_demo(db_session)
    db_session.add(Assessment(client_id=supervised.id, instrument_id=instrument.id, kind="reasesmen_akhir",
                              assessed_on=TODAY, assessor_id=supervised.current_pk_id, consent=True, status="final",
                              total_score=6, category="rendah", domain_scores='{"zat": 1}'))
    db_session.commit()
    refused = as_user("pk_a").post(f"/litmas/{supervised.id}", data={"analysis": "", "action": "issue"})
    assert refused.status_code == 302 and latest(db_session, supervised).id == contract.id
    write_litmas(as_user("pk_a"), supervised, "issue")
    litmas = latest(db_session, supervised)
    text = document_text(as_user("pk_a").get(f"/dokumen/unduh/{litmas.id}").data)
    assert litmas.doc_type == "litmas" and "RAHASIA" in text and "Klien berkembang baik." in text
    assert "Rendah" in text and "Alkohol, narkotika dan zat lain-1" in text  # its row: no initial assessment, final 1

    db_session.add(Termination(client_id=supervised.id, reason="selesai", end_date=TODAY, decision_number="SK-9",
                               decision_date=TODAY))
    db_session.commit()
    as_user("pk_a").post(f"/dokumen/{supervised.id}/berita-acara-pengakhiran")
    record = latest(db_session, supervised)
    assert record.doc_type == "berita_acara_pengakhiran"
    assert "SK-9" in document_text(as_user("pk_a").get(f"/dokumen/unduh/{record.id}").data)


def test_an_admin_sets_the_numbering_pattern_of_a_document_type(as_user, supervised, world, db_session):
    bad = as_user("admin").post("/letterpatternview/add", data={"office": str(world.office_a),
                                                                "doc_type": "laporan_perkembangan",
                                                                "pattern": "W.13/PK/{year}"})
    assert bad.status_code == 200 and "{seq}" in bad.get_data(as_text=True)
    good = as_user("admin").post("/letterpatternview/add", data={"office": str(world.office_a),
                                                                 "doc_type": "laporan_perkembangan",
                                                                 "pattern": "W.13.PAS.PAS.10-PK.01.05.02-{seq}/{year}"})
    assert good.status_code == 302
    issue_report(as_user, supervised)
    assert latest(db_session, supervised).letter_number.startswith("W.13.PAS.PAS.10-PK.01.05.02-")
