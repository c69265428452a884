"""Every upload is what it claims to be (app.platform.uploads) and every download goes out as a
download with the server's own content type and nosniff (views.documents.downloads)."""
from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from models import Attachment, Client, Complaint, ComplaintCategory, ProgressEntry
from tests import upload_files as files

# Sessions, audit rows, stored files and templates: SQL behaviour, so on both databases.
pytestmark = pytest.mark.both_databases

REFUSED_ID = "Berkas bukan PDF, JPEG, atau PNG yang dapat dibaca; tidak ada yang disimpan."
REFUSED_PHOTO_ID = "Berkas bukan gambar JPEG atau PNG yang dapat dibaca; tidak ada yang disimpan."
TODAY = date.today()


def stored_files(app, folder: str) -> list[Path]:
    path = Path(app.config["UPLOAD_DIR"]) / folder
    return sorted(path.iterdir()) if path.is_dir() else []


def assert_download(response, mimetype: str, disposition: str = "attachment"):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"].startswith(disposition)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def category(db_session):
    from app.complaints import intake

    intake.ensure_defaults(db_session)
    return db_session.scalars(select(ComplaintCategory).where(ComplaintCategory.code == "normatif")).one()


@pytest.fixture
def entry(make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True, supervision_start=TODAY - timedelta(days=200),
                         supervision_expiry=TODAY + timedelta(days=300))
    found = ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=TODAY, kind="konseling",
                          what_happened="Konseling", result="Baik")
    db_session.add(found)
    db_session.commit()
    return found


def complain(app, world, category, attachment, ip="10.8.0.1"):
    data = {"office": "BPS-A", "category": category.code, "text": "Lampiran uji.", "name": "Uji Unggah",
            "contact": "", "website": "", "attachment": attachment}
    return app.test_client().post("/pengaduan/", data=data, environ_base={"REMOTE_ADDR": ip},
                                  content_type="multipart/form-data")


def scan(as_user, entry, data, name):
    return as_user("pk_a").post(f"/lampiran/kegiatan/{entry.id}", data={"file": (io.BytesIO(data), name)},
                                content_type="multipart/form-data")


def photo(as_user, client_id, data, name):
    return as_user("pk_a").post(f"/klien-foto/{client_id}/unggah", data={"photo": (io.BytesIO(data), name)},
                                content_type="multipart/form-data")


# -- item 7: what is refused, and nothing is stored ----------------------------------

def test_a_png_html_polyglot_on_the_public_complaint_form_is_refused(app, world, category, db_session):
    before = stored_files(app, "attachments")
    response = complain(app, world, category, (io.BytesIO(files.png_polyglot()), "bukti.png"))
    assert response.status_code == 200 and REFUSED_ID in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Complaint).where(Complaint.name == "Uji Unggah")) == 0
    assert stored_files(app, "attachments") == before


def test_a_pdf_header_with_garbage_on_the_public_form_is_refused(app, world, category, db_session):
    response = complain(app, world, category, (io.BytesIO(files.pdf_garbage()), "bukti.pdf"), ip="10.8.0.2")
    assert response.status_code == 200 and REFUSED_ID in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Complaint).where(Complaint.name == "Uji Unggah")) == 0


def test_a_png_html_polyglot_as_a_progress_scan_is_refused(app, as_user, entry, db_session):
    before = stored_files(app, "attachments")
    response = scan(as_user, entry, files.png_polyglot(), "scan.png")
    assert response.status_code == 200 and REFUSED_ID in response.get_data(as_text=True)
    assert db_session.scalar(select(Attachment.id).where(Attachment.entry_id == entry.id)) is None
    assert stored_files(app, "attachments") == before


def test_a_png_html_polyglot_and_a_truncated_png_as_a_client_photo_are_refused(app, as_user, make_client,
                                                                                 db_session):
    client = make_client(pk="pk_a")
    before = stored_files(app, "photos")
    for data in (files.png_polyglot(), files.truncated_png()):
        response = photo(as_user, client.id, data, "foto.png")
        assert response.status_code == 200 and REFUSED_PHOTO_ID in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Client, client.id).photo is None
    assert stored_files(app, "photos") == before


def test_a_photo_with_exif_gps_is_stored_re_encoded_without_it_and_shown_inline_as_an_image(
        app, as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    original = files.jpeg_with_gps()
    assert photo(as_user, client.id, original, "foto.JPG").status_code == 302
    db_session.expire_all()
    name = db_session.get(Client, client.id).photo
    kept = (Path(app.config["UPLOAD_DIR"]) / "photos" / name).read_bytes()
    assert kept != original and b"KameraHP" not in kept
    image = Image.open(io.BytesIO(kept))
    assert image.format == "JPEG" and dict(image.getexif()) == {} and files.GPS_TAG not in image.getexif()
    shown = as_user("pk_a").get(f"/klien-foto/{client.id}")
    # Inline for the <img>, but only ever as the image type of the server's own file, never sniffed.
    assert_download(shown, "image/jpeg", disposition="inline")
    assert shown.data == kept and "no-store" in shown.headers["Cache-Control"]


def test_a_scan_is_downloaded_as_an_attachment_of_its_recorded_type(app, as_user, entry, db_session):
    assert scan(as_user, entry, files.jpeg_with_gps(), "scan.jpeg").status_code == 302
    stored = db_session.scalars(select(Attachment).where(Attachment.entry_id == entry.id)).one()
    kept = (Path(app.config["UPLOAD_DIR"]) / "attachments" / stored.stored_name).read_bytes()
    assert stored.mime == "image/jpeg" and stored.size == len(kept) and kept.startswith(b"\xff\xd8\xff")
    response = as_user("pk_a").get(f"/lampiran/{stored.id}")
    assert_download(response, "image/jpeg")
    assert f"lampiran-{stored.id}.jpg" in response.headers["Content-Disposition"]
    assert files.GPS_TAG not in Image.open(io.BytesIO(response.data)).getexif()


def test_a_recorded_type_the_server_does_not_know_goes_out_as_bytes(app, as_user, entry, db_session):
    """An old row (or a doctored one) saying text/html is not believed."""
    assert scan(as_user, entry, files.pdf(), "scan.pdf").status_code == 302
    stored = db_session.scalars(select(Attachment).where(Attachment.entry_id == entry.id)).one()
    stored.mime = "text/html"
    db_session.commit()
    assert_download(as_user("pk_a").get(f"/lampiran/{stored.id}"), "application/octet-stream")


# -- downloads of generated files --------------------------------------------------------

def test_exports_go_out_as_attachments_with_nosniff(app, as_user, world, category, db_session):
    complain(app, world, category, (io.BytesIO(files.pdf()), "bukti.pdf"), ip="10.8.0.3")
    month = TODAY.strftime("%Y-%m")
    assert_download(as_user("pengaduan").get(f"/pengaduan-kerja/laporan?bulan={month}&format=csv"), "text/csv")
    assert_download(as_user("kepala").get("/auditlogview/export/"), "text/csv")
    assert_download(as_user("kepala").get(f"/register/klien/xlsx?bulan={month}"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert_download(as_user("registrasi").get("/impor-klien/templat.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert_download(as_user("registrasi").get("/impor-klien/templat.csv"), "text/csv")
