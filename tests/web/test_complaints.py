"""Complaints: the public form and status page, the four-step handling, refusals, escaping, rate limit."""
from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from models import Complaint, ComplaintCategory
from tests import upload_files as files

HOSTILE = '<script>alert("x")</script><b>tebal</b>'


@pytest.fixture
def category(app, db_session):
    from app.complaints import intake

    intake.ensure_defaults(db_session)
    return db_session.scalars(select(ComplaintCategory).where(ComplaintCategory.code == "normatif")).one()


def public_post(app, world, category, ip="10.9.9.1", **fields):
    data = {"office": "BPS-A", "category": category.code, "text": "Petugas tidak ramah.",
            "name": "", "contact": "", "website": ""}
    data.update(fields)
    return app.test_client().post("/pengaduan/", data=data, environ_base={"REMOTE_ADDR": ip},
                                  content_type="multipart/form-data")


def tracking(response) -> str:
    return re.search(r"ADU(?:-[A-Z2-7]{4}){4}", response.get_data(as_text=True)).group(0)


def complaint_by(db_session, number) -> Complaint:
    db_session.expire_all()
    return db_session.scalars(select(Complaint).where(Complaint.tracking_number == number)).one()


def step(as_user, who, complaint, name, **fields):
    return as_user(who).post(f"/pengaduan-kerja/{complaint.id}/{name}", data={"text": "Catatan", **fields})


def test_the_whole_path_from_the_public_form_to_selesai(app, as_user, world, category, db_session):
    received = public_post(app, world, category, ip="10.9.0.1", text=HOSTILE, name="Ibu Sari", contact="0812")
    assert received.status_code == 200
    number = tracking(received)
    complaint = complaint_by(db_session, number)
    assert complaint.status == "diterima" and complaint.channel == "web" and complaint.due_on > complaint.received_at.date()
    assert step(as_user, "pengaduan", complaint, "ditelaah", text="Rekomendasi: tegur petugas").status_code == 302
    assert step(as_user, "kepala", complaint, "arahan", text="Klarifikasi ke pelapor",
                assigned_to=str(world.users["pk_a"])).status_code == 302
    assert step(as_user, "pk_a", complaint, "tindak_lanjut", text="Sudah klarifikasi",
                action_kind="klarifikasi").status_code == 302
    assert step(as_user, "pengaduan", complaint, "dijawab", text="Terima kasih, petugas telah ditegur.").status_code == 302
    assert step(as_user, "pengaduan", complaint, "selesai").status_code == 302
    complaint = complaint_by(db_session, number)
    assert complaint.status == "selesai"
    assert [s.status for s in complaint.steps] == ["diterima", "ditelaah", "arahan", "tindak_lanjut", "dijawab",
                                                   "selesai"]
    page = app.test_client().get(f"/pengaduan/{number}").get_data(as_text=True)
    assert "petugas telah ditegur" in page
    for internal in ("Rekomendasi", "Klarifikasi ke pelapor", "Sudah klarifikasi", "Ibu Sari", "0812", "Pk_A"):
        assert internal not in page


def test_each_step_belongs_to_its_role_and_no_step_is_skipped(app, as_user, world, category, db_session):
    complaint = complaint_by(db_session, tracking(public_post(app, world, category, ip="10.9.0.2")))
    assert step(as_user, "kepala", complaint, "arahan", assigned_to=str(world.users["pk_a"])).status_code == 200
    assert step(as_user, "pk_a", complaint, "ditelaah").status_code in (200, 404)
    assert step(as_user, "pengaduan", complaint, "dijawab").status_code == 200
    assert complaint_by(db_session, complaint.tracking_number).status == "diterima"
    step(as_user, "pengaduan", complaint, "ditelaah")
    step(as_user, "kepala", complaint, "arahan", assigned_to=str(world.users["pk_a"]))
    # only the named official records the follow-up
    assert step(as_user, "pk_a2", complaint, "tindak_lanjut", action_kind="perbaikan").status_code == 404
    assert complaint_by(db_session, complaint.tracking_number).status == "arahan"


def test_a_rejection_needs_a_reason_and_shows_it_publicly(app, as_user, world, category, db_session):
    number = tracking(public_post(app, world, category, ip="10.9.0.3"))
    complaint = complaint_by(db_session, number)
    assert step(as_user, "pengaduan", complaint, "ditolak", text="").status_code == 200
    assert step(as_user, "pengaduan", complaint, "ditolak", text="Bukan kewenangan Bapas.").status_code == 302
    assert "Bukan kewenangan Bapas." in app.test_client().get(f"/pengaduan/{number}").get_data(as_text=True)


def test_empty_and_oversized_text_are_refused_and_the_form_keeps_what_was_typed(app, world, category, db_session):
    empty = public_post(app, world, category, ip="10.9.0.4", text="   ", name="Budi")
    assert empty.status_code == 200 and 'value="Budi"' in empty.get_data(as_text=True)
    long = public_post(app, world, category, ip="10.9.0.4", text="x" * 5001, name="Budi")
    assert long.status_code == 200 and "5000" in long.get_data(as_text=True)
    assert db_session.scalar(select(Complaint.id).where(Complaint.name == "Budi")) is None


def test_wrong_or_large_attachments_are_refused(app, world, category, db_session):
    fake = public_post(app, world, category, ip="10.9.0.5", name="Lampiran",
                       attachment=(io.BytesIO(b"MZ" + b"\x00" * 50), "bukti.pdf"))
    assert fake.status_code == 200
    big = public_post(app, world, category, ip="10.9.0.5", name="Lampiran",
                      attachment=(io.BytesIO(b"%PDF-1.4" + b"0" * (2 * 1024 * 1024)), "bukti.pdf"))
    assert big.status_code == 200
    assert db_session.scalar(select(Complaint.id).where(Complaint.name == "Lampiran")) is None
    ok = public_post(app, world, category, ip="10.9.0.5", name="Lampiran",
                     attachment=(io.BytesIO(files.pdf()), "bukti.pdf"))
    assert ok.status_code == 200 and complaint_by(db_session, tracking(ok)).attachment_sha256


def test_the_honeypot_stops_bots(app, world, category, db_session):
    response = public_post(app, world, category, ip="10.9.0.6", website="http://spam", name="Bot")
    assert response.status_code == 400
    assert db_session.scalar(select(Complaint.id).where(Complaint.name == "Bot")) is None


def test_a_flood_from_one_address_gets_a_friendly_429(app, world, category):
    limit = int(app.config["COMPLAINT_RATE_LIMIT"].split()[0])
    codes = [public_post(app, world, category, ip="10.9.1.1").status_code for _ in range(limit + 1)]
    assert codes[:limit] == [200] * limit and codes[-1] == 429
    flooded = public_post(app, world, category, ip="10.9.1.1")
    assert "Terlalu banyak" in flooded.get_data(as_text=True)
    assert public_post(app, world, category, ip="10.9.1.2").status_code == 200  # others are not affected


def test_hostile_input_is_escaped_everywhere(app, as_user, world, category, db_session):
    number = tracking(public_post(app, world, category, ip="10.9.0.7", text=HOSTILE, name=HOSTILE))
    complaint = complaint_by(db_session, number)
    step(as_user, "pengaduan", complaint, "ditolak", text=HOSTILE)
    for body in (app.test_client().get(f"/pengaduan/{number}").get_data(as_text=True),
                 as_user("pengaduan").get(f"/complaintview/show/{complaint.id}").get_data(as_text=True)):
        assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_an_unknown_number_says_so_without_a_stack_trace(app):
    response = app.test_client().get("/pengaduan/ADU-AAAA-AAAA-AAAA-AAAA")
    assert response.status_code == 404 and "Tidak ada pengaduan" in response.get_data(as_text=True)


def test_other_channels_are_registered_by_the_unit(as_user, world, category, db_session):
    data = {"office": str(world.office_a), "channel": "telepon", "category": str(category.id),
            "text": "Lapor lewat telepon", "name": "", "contact": "", "concerns_pk": ""}
    assert as_user("pengaduan").post("/complaintview/add", data=data).status_code == 302
    complaint = db_session.scalars(select(Complaint).where(Complaint.text == "Lapor lewat telepon")).one()
    assert complaint.channel == "telepon" and complaint.steps[0].status == "diterima"
    assert as_user("pk_a").post("/complaintview/add", data=data).status_code == 403


def test_the_unit_sees_its_office_and_an_official_only_what_they_act_on(app, as_user, world, category, db_session):
    complaint = complaint_by(db_session, tracking(public_post(app, world, category, ip="10.9.0.8")))
    assert as_user("pengaduan").get(f"/complaintview/show/{complaint.id}").status_code == 200
    assert as_user("pk_a").get(f"/complaintview/show/{complaint.id}").status_code == 404
    assert as_user("kepala_b").get(f"/complaintview/show/{complaint.id}").status_code == 404


def test_overdue_complaints_are_flagged_and_the_monthly_report_counts(app, as_user, world, category, db_session):
    complaint = complaint_by(db_session, tracking(public_post(app, world, category, ip="10.9.0.9")))
    complaint.due_on = complaint.received_at.date().replace(year=2020)
    db_session.commit()
    body = as_user("pengaduan").get(f"/complaintview/show/{complaint.id}").get_data(as_text=True)
    assert "jatuh tempo" in body.lower() or "terlambat" in body.lower()
    month = complaint.received_at.strftime("%Y-%m")
    report = as_user("pengaduan").get(f"/pengaduan-kerja/laporan?bulan={month}&format=csv")
    assert report.status_code == 200 and "text/csv" in report.headers["Content-Type"]
    assert "Pengaduan normatif" in report.get_data(as_text=True)


def test_the_kepala_links_a_client_that_only_the_entitled_see(app, as_user, world, category, make_client,
                                                              db_session):
    client = make_client(pk="pk_a", full_name="Anak Terkait Pengaduan")
    complaint = complaint_by(db_session, tracking(public_post(app, world, category, ip="10.9.0.10")))
    step(as_user, "pengaduan", complaint, "ditelaah")
    assert step(as_user, "kepala", complaint, "arahan", assigned_to=str(world.users["pk_a"]),
                concerns_client=str(client.id)).status_code == 302
    assert complaint_by(db_session, complaint.tracking_number).concerns_client_id == client.id
    assert client.registration_number in as_user("kepala").get(
        f"/complaintview/show/{complaint.id}").get_data(as_text=True)
    for outsider in ("pengaduan",):
        body = as_user(outsider).get(f"/complaintview/show/{complaint.id}").get_data(as_text=True)
        assert client.registration_number not in body and client.full_name not in body
    public = app.test_client().get(f"/pengaduan/{complaint.tracking_number}").get_data(as_text=True)
    assert client.registration_number not in public and client.full_name not in public
