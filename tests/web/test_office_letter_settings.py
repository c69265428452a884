"""Kop and signer from the office's settings (issue 16, item 7): the logo (checked and re-encoded as
PNG), Laman, the head's rank, Plh./Plt. while the head is away, and the paper (A4 or F4); the
monthly report's counts in words and the PK's view on changing the programme (item 6); the card's
reporting grid from the reporting rule (item 5)."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from docx import Document
from PIL import Image

from app.supervision import apel
from app.documents.render import document_text
from models import MonthlyReport, Office
from tests.factories import MID_MONTH
from tests.web.test_documents import MONTH, issue_report, latest, office_ready, supervised  # noqa: F401  (fixtures)
from tests.web.test_letter_pdfs import MM, Pdf, require_libreoffice, to_pdf

pytestmark = [pytest.mark.today(MID_MONTH)]

OFFICE_FORM = {"code": "BPS-A", "name": "Balai Pemasyarakatan BPS-A", "regional_office": "Kantor Wilayah DKI Jakarta",
               "address": "Jl. Raya Bogor No. 1", "city": "Jakarta", "phone": "021-555", "email": "",
               "head_name": "Dra. Kepala Uji", "head_nip": "197001011995031001",
               "registration_pattern": "BA.{seq:04d}/{year}", "paper_size": "A4", "website": "", "head_rank": "",
               "acting_role": "", "acting_name": "", "acting_nip": "", "acting_rank": ""}


def logo_png(width=300, height=200) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def upload_logo(browser, office_id, data: bytes, name="logo.png"):
    return browser.post(f"/officeview/logo/{office_id}", data={"logo": (io.BytesIO(data), name)},
                        content_type="multipart/form-data", follow_redirects=True)


def edit_office(browser, office, **changes):
    return browser.post(f"/officeview/edit/{office.id}", data={**OFFICE_FORM, "code": office.code,
                                                               "name": office.name, **changes})


def test_the_logo_is_checked_and_stored_as_the_servers_own_png(app, as_user, office_ready, db_session):  # noqa: F811
    from app.offices import logo as office_logo

    refused = upload_logo(as_user("admin"), office_ready.id, b"<html><script>alert(1)</script>", "logo.png")
    assert "nothing was stored" in refused.get_data(as_text=True) or "tidak ada yang disimpan" in \
        refused.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Office, office_ready.id).logo is None
    assert upload_logo(as_user("kepala"), office_ready.id, logo_png()).status_code == 403  # the office reads only

    big = logo_png(1600, 1000)
    assert "Logo" in upload_logo(as_user("admin"), office_ready.id, big).get_data(as_text=True)
    db_session.expire_all()
    stored = db_session.get(Office, office_ready.id).logo
    data = office_logo.read(app.config["UPLOAD_DIR"], stored)
    assert stored.endswith(".png") and data.startswith(b"\x89PNG") and data != big
    with Image.open(io.BytesIO(data)) as image:
        assert max(image.size) == office_logo.LOGO_PIXELS


def test_a_plh_needs_a_name_and_nip_and_nothing_is_saved_without(as_user, office_ready, db_session):  # noqa: F811
    refused = edit_office(as_user("admin"), office_ready, acting_role="Plh.", acting_name="", acting_nip="123")
    body = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Isi nama pejabat yang menandatangani sebagai Plh." in body and "NIP terdiri atas 18 angka." in body
    db_session.expire_all()
    assert db_session.get(Office, office_ready.id).acting_role is None
    assert edit_office(as_user("admin"), office_ready, paper_size="A3").status_code == 200
    saved = edit_office(as_user("admin"), office_ready, acting_role="Plh.", acting_name="Budi Pengganti, S.H.",
                        acting_nip="198001012005011001", acting_rank="Penata Tingkat I (III/d)", paper_size="F4",
                        website="bapas-a.kemenimipas.go.id", head_rank="Pembina (IV/a)")
    assert saved.status_code == 302
    db_session.expire_all()
    office = db_session.get(Office, office_ready.id)
    assert (office.acting_role, office.paper_size, office.website) == ("Plh.", "F4", "bapas-a.kemenimipas.go.id")


def test_the_letter_carries_logo_laman_plh_and_comes_on_folio(app, as_user, supervised, office_ready, db_session):  # noqa: F811  # noqa: F811
    upload_logo(as_user("admin"), office_ready.id, logo_png())
    edit_office(as_user("admin"), office_ready, acting_role="Plh.", acting_name="Budi Pengganti, S.H.",
                acting_nip="198001012005011001", acting_rank="Penata Tingkat I (III/d)", paper_size="F4",
                website="bapas-a.kemenimipas.go.id")
    assert issue_report(as_user, supervised).status_code == 302
    document = latest(db_session, supervised)
    data = as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data
    text = document_text(data)
    for expected in ("Plh. Kepala Balai Pemasyarakatan BPS-A", "Budi Pengganti, S.H.", "NIP. 198001012005011001",
                     "Penata Tingkat I (III/d)", "Laman bapas-a.kemenimipas.go.id"):
        assert expected in text, expected
    assert "Dra. Kepala Uji" not in text  # the head is away: the Plh. signs
    section = Document(io.BytesIO(data)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert len([n for n in docx.namelist() if n.startswith("word/media/")]) == 2  # logo and QR code

    require_libreoffice()
    folder = app.config["UPLOAD_DIR"] + "/pdf-check"
    import pathlib
    pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
    pdf = Pdf(to_pdf({"laporan": data}, pathlib.Path(folder))["laporan"])
    assert all(abs(pdf.size_mm(i)[0] - 215) < 1 and abs(pdf.size_mm(i)[1] - 330) < 1 for i in range(len(pdf)))
    logo = [i for i in pdf.images[0] if abs(i.width - 20 * MM) < MM]  # 20 mm wide, left of the kop
    assert logo and logo[0].y1 > pdf.size_mm(0)[1] * MM - 60 * MM


def test_the_monthly_report_counts_in_words_and_says_whether_the_programme_should_change(
        as_user, supervised, db_session):  # noqa: F811
    db_session.add(MonthlyReport(client_id=supervised.id, month=MONTH, submitted_on=MID_MONTH,
                                 summary="Klien rajin.", programme_assessment="Program perlu ditambah pelatihan kerja."))
    db_session.commit()
    issue_report(as_user, supervised)
    text = " ".join(document_text(as_user("pk_a").get(f"/dokumen/unduh/{latest(db_session, supervised).id}").data)
                    .split())
    assert "melapor diri 1 (satu) kali pada bulan ini" in text
    assert "seluruhnya 1 (satu) kali" in text
    assert "Perlu tidaknya perubahan program bimbingan: Program perlu ditambah pelatihan kerja." in text


def test_the_card_grid_has_a_row_for_every_reporting_period_of_the_supervision(as_user, supervised,  # noqa: F811
                                                                                 db_session):
    from tests.web.test_photos import png_bytes, upload

    supervised.supervision_expiry = supervised.supervision_start + timedelta(days=35 * 30)
    db_session.commit()
    upload(as_user("pk_a"), supervised.id, png_bytes())
    assert as_user("pk_a").post(f"/dokumen/{supervised.id}/kartu").status_code == 302
    document = latest(db_session, supervised)
    grid = Document(io.BytesIO(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data)).tables[-1]
    periods = apel.schedule(supervised.supervision_start, supervised.reporting_interval_days,
                                 supervised.supervision_expiry)
    assert len(grid.rows) == 1 + len(periods) == 1 + 36
    assert grid.rows[-1].cells[0].text == "36"


def test_the_office_page_offers_the_logo_upload_to_whom_may_change_the_office(as_user, office_ready):  # noqa: F811
    admin = as_user("admin").get(f"/officeview/show/{office_ready.id}").get_data(as_text=True)
    assert "Unggah logo kop surat" in admin and "Belum diunggah" in admin and "Ukuran kertas surat" in admin
    kepala = as_user("kepala").get(f"/officeview/show/{office_ready.id}")
    assert kepala.status_code == 200 and "Unggah logo kop surat" not in kepala.get_data(as_text=True)
    assert as_user("kepala").get(f"/officeview/logo/{office_ready.id}").status_code == 403
