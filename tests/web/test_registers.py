"""The register books on screen, in print and as .xlsx, for each role.

The fixture registers a small hand-counted world in 2031 (a year no other test
writes in; the clients' own dates are valid today, as other tests check every client): office A has four clients named X..., office B one; stage-book
lines, three TPP sessions and three complaints in March 2031. Every expected
list below is counted by hand from it.
"""
from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app import access
from app.complaints import intake
from app.registers import BOOKS
from app.registers.base import Filters, Period
from models import (AuditLog, BookEntry, Client, Complaint, ComplaintCategory, ComplaintStep, Staff, Termination,
                    TppItem, TppSession)

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

MARCH = "bulan=2031-03"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def book_world(backend):
    app, world = backend
    from app.extensions import db

    users = world.users
    with app.app_context():
        s = db.session

        def client(office, number, name, pk, registered, status="aktif", **extra):
            values = dict(office_id=world.office_a if office == "a" else world.office_b,
                          registration_number=number, full_name=name, sex="L", birth_date=date(2010, 2, 10),
                          offence_date=date(2025, 6, 1), origin="lpka", supervision_kind_id=world.kind_id,
                          status=status, created_at=registered, current_pk_id=users[pk] if pk else None,
                          offence_article="Pasal 362 KUHP", decision_number=f"PN-{number}",
                          decision_date=date(2025, 9, 1), supervision_start=date(2031, 3, 1),
                          supervision_expiry=date(2032, 3, 4))
            values.update(extra)
            row = Client(**values)
            s.add(row)
            s.flush()
            return row

        c1 = client("a", "XR.0001/2031", "Xanana Satu", "pk_a", datetime(2031, 3, 5, 2, 0))
        c2 = client("a", "XR.0002/2031", "Xena Dua", "pk_a2", datetime(2031, 3, 20, 2, 0), status="selesai",
                    sex="P")
        # 20:00 UTC on 31 March is 1 April in Jakarta: an April registration.
        c3 = client("a", "XR.0003/2031", "Ximena Tiga", "pk_a", datetime(2031, 3, 31, 20, 0), status="terdaftar")
        c4 = client("a", "XR.0004/2031", "Xavier Empat", None, datetime(2031, 3, 10, 2, 0), status="terdaftar")
        c5 = client("b", "XR.0005/2031", "Xaviera Lima", "pk_b", datetime(2031, 3, 8, 2, 0))
        s.add(Termination(client_id=c2.id, reason="selesai", end_date=date(2031, 9, 30), decision_number="SK-9/2031",
                          decision_date=date(2031, 9, 30)))

        def line(c, event, kind, day, struck=False):
            entry = BookEntry(client_id=c.id, office_id=c.office_id, event=event, kind=kind, entry_date=day,
                              written_at=datetime(2031, 3, 1), written_by_id=users["pk_a"],
                              superseded_at=datetime(2031, 3, 7, 3, 0) if struck else None,
                              superseded_reason="Tahap dimulai" if struck else None)
            s.add(entry)

        line(c1, "awal", "rencana", date(2031, 3, 6), struck=True)
        line(c1, "awal", "pelaksanaan", date(2031, 3, 7))
        line(c1, "lanjutan", "rencana", date(2031, 6, 10))
        line(c1, "ekspirasi", "rencana", date(2032, 3, 4))
        line(c2, "awal", "pelaksanaan", date(2031, 3, 21))
        line(c5, "awal", "pelaksanaan", date(2031, 3, 9))

        kepala, tpp = s.get(Staff, users["kepala"]), s.get(Staff, users["tpp"])
        s1 = TppSession(office_id=world.office_a, held_on=date(2031, 3, 15), place="Ruang TPP", members_total=5,
                        chair_id=users["kepala"], present=[kepala, tpp])
        s2 = TppSession(office_id=world.office_a, held_on=date(2031, 3, 25), members_total=5)
        s3 = TppSession(office_id=world.office_a, held_on=date(2031, 3, 28), members_total=5)
        s4 = TppSession(office_id=world.office_b, held_on=date(2031, 3, 15), members_total=3)
        s.add_all([s1, s2, s3, s4])
        s.flush()
        s.add_all([
            TppItem(session_id=s1.id, client_id=c1.id, matter="rencana_awal", decision="setuju",
                    decided_at=datetime(2031, 3, 15, 4, 0), notes="Disetujui"),
            TppItem(session_id=s1.id, client_id=c2.id, matter="rencana_awal"),
            TppItem(session_id=s3.id, client_id=c4.id, matter="lainnya"),
            TppItem(session_id=s4.id, client_id=c5.id, matter="rencana_awal"),
        ])

        intake.ensure_defaults(s)
        category = s.scalar(select(ComplaintCategory.id).order_by(ComplaintCategory.id).limit(1))

        def complaint(office, received, status="diterima", assigned=None):
            row = Complaint(office_id=world.office_a if office == "a" else world.office_b,
                            tracking_number=intake.tracking_number(), channel="telepon", category_id=category,
                            text="Isi pengaduan rahasia", name="Pelapor Rahasia", contact="0812-RAHASIA",
                            received_at=received, due_on=date(2031, 3, 30), status=status,
                            assigned_to_id=users[assigned] if assigned else None)
            s.add(row)
            s.flush()
            return row

        k1 = complaint("a", datetime(2031, 2, 28, 20, 0))  # 1 March in Jakarta
        k2 = complaint("a", datetime(2031, 3, 18, 2, 0), status="selesai", assigned="pk_a")
        k3 = complaint("a", datetime(2031, 3, 2, 2, 0))
        k4 = complaint("b", datetime(2031, 3, 5, 2, 0))
        s.add_all([ComplaintStep(complaint_id=k2.id, status="dijawab", at=datetime(2031, 3, 20, 2, 0)),
                   ComplaintStep(complaint_id=k2.id, status="selesai", at=datetime(2031, 3, 22, 2, 0))])
        s.commit()
        return {"clients": {n: c.registration_number for n, c in enumerate((c1, c2, c3, c4, c5), start=1)},
                "complaints": {n: k.tracking_number for n, k in enumerate((k1, k2, k3, k4), start=1)}}


def rows_of(db_session, slug, username, **filters):
    who = access.Principal.of(db_session.scalars(select(Staff).where(Staff.username == username)).one())
    return BOOKS[slug].rows(db_session, who, Filters(**filters))


def sheet(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == XLSX
    return load_workbook(io.BytesIO(response.data)).active


def column(ws, letter):
    return [ws[f"{letter}{r}"].value for r in range(6, ws.max_row + 1)]


def numbers(book_world, *which, kind="clients"):
    return [book_world[kind][n] for n in which]


# -- buku register klien ------------------------------------------------------

@pytest.mark.parametrize("username, expected", [
    ("kepala", (1, 4, 2)), ("registrasi", (1, 4, 2)), ("admin", (1, 5, 4, 2)), ("pk_a", (1,)), ("pk_a2", (2,)),
    ("pk_b", (5,)), ("kepala_b", (5,)),
])
def test_client_register_export_holds_exactly_the_users_clients_in_order_of_registration(
        as_user, book_world, username, expected):
    ws = sheet(as_user(username).get(f"/register/klien/xlsx?{MARCH}"))
    assert column(ws, "B") == numbers(book_world, *expected)
    assert column(ws, "A") == list(range(1, len(expected) + 1))


def test_client_register_export_has_typed_cells_indonesian_headers_and_a_title(as_user, book_world):
    response = as_user("kepala").get(f"/register/klien/xlsx?{MARCH}")
    ws = sheet(response)
    assert ws.title == "Register Klien"
    assert ws["A1"].value == "BUKU REGISTER KLIEN" and ws["A2"].value == "Balai Pemasyarakatan BPS-A"
    assert ws["A3"].value == "Periode: Maret 2031"
    assert [c.value for c in ws[5]][:8] == ["No.", "Nomor Register", "Tanggal Register", "Nama", "Jenis Kelamin",
                                           "Tanggal Lahir", "Umur saat Tindak Pidana", "Perkara / Pasal"]
    first = {ws.cell(5, c).value: ws.cell(6, c).value for c in range(1, ws.max_column + 1)}
    assert first["Tanggal Register"] == datetime(2031, 3, 5) and first["Tanggal Lahir"] == datetime(2010, 2, 10)
    assert first["Umur saat Tindak Pidana"] == 15 and isinstance(first["No."], int)
    assert first["Jenis Kelamin"] == "Laki-laki" and first["Status"] == "Aktif" and first["PK"] == "Pk_A Uji"
    assert ws["C6"].number_format == "dd/mm/yyyy" and ws.freeze_panes == "A6" and ws.auto_filter.ref == "A5:Q8"
    ended = {ws.cell(5, c).value: ws.cell(8, c).value for c in range(1, ws.max_column + 1)}
    assert ended["Cara Berakhir"] == "Selesai pada akhir masa bimbingan" and ended["Tanggal Berakhir"] == datetime(
        2031, 9, 30)
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="register-klien_BPS-A_2031-03.xlsx"'
    assert "Xanana" not in disposition


def test_english_interface_exports_english_headers(as_user, book_world):
    browser = as_user("kepala")
    browser.get("/lang/en")
    try:
        ws = sheet(browser.get(f"/register/klien/xlsx?{MARCH}"))
    finally:
        browser.get("/lang/id")
    assert ws["B5"].value == "Registration number" and ws["A3"].value == "Period: March 2031"


def test_client_register_filters_by_pk_status_and_range(db_session, book_world, world):
    march = Period.month(date(2031, 3, 1))
    regs = [r.values["registration_number"] for r in rows_of(db_session, "register-klien", "kepala", period=march,
                                                             pk_id=world.users["pk_a2"])]
    assert regs == numbers(book_world, 2)
    regs = [r.values["registration_number"] for r in rows_of(db_session, "register-klien", "kepala", period=march,
                                                             status="terdaftar")]
    assert regs == numbers(book_world, 4)  # Ximena registered on 1 April in Jakarta
    spring = Period(date(2031, 3, 1), date(2031, 4, 30))
    rows = rows_of(db_session, "register-klien", "kepala", period=spring)
    assert [r.values["registration_number"] for r in rows] == numbers(book_world, 1, 4, 2, 3)
    assert rows[-1].values["registered_on"] == date(2031, 4, 1)
    # a PK filter never widens a PK's view
    assert rows_of(db_session, "register-klien", "pk_a", period=spring, pk_id=world.users["pk_a2"]) == []


def test_exports_are_audit_logged_as_reads_without_values(as_user, book_world, db_session, world):
    before = db_session.scalar(select(AuditLog.id).order_by(AuditLog.id.desc()).limit(1)) or 0
    sheet(as_user("pk_a").get(f"/register/klien/xlsx?{MARCH}&status=aktif"))
    logged = db_session.scalars(select(AuditLog).where(AuditLog.id > before)).all()
    # The export itself, and a read of the one child the file names (app.platform.read_audit).
    assert [(a.action, a.table_name, a.username, a.office_id) for a in logged] == [
        ("export", "register-klien", "pk_a", world.office_a), ("view", "client", "pk_a", world.office_a)]
    assert "bulan=2031-03 status=aktif" in logged[0].changes and '"rows": [null, 1]' in logged[0].changes
    assert logged[1].client_id is not None and "ClientRegisterView.export" in logged[1].changes
    assert not any("Xanana" in a.changes for a in logged)
    assert as_user("kepala").get(f"/auditlogview/show/{logged[0].id}").status_code == 200


# -- stage and expiry books, name index --------------------------------------

def test_stage_book_of_march_keeps_the_struck_line_struck(as_user, book_world):
    ws = sheet(as_user("kepala").get(f"/register/buku/tahapan/xlsx?{MARCH}"))
    assert ws.title == "Buku Tahapan"
    assert column(ws, "B") == numbers(book_world, 1, 1, 2)
    assert column(ws, "F") == [datetime(2031, 3, 6), datetime(2031, 3, 7), datetime(2031, 3, 21)]
    assert column(ws, "E") == ["Rencana", "Pelaksanaan", "Pelaksanaan"]
    assert ws["F6"].font.strike and not ws["F7"].font.strike and column(ws, "H")[0] == datetime(2031, 3, 7)
    body = as_user("kepala").get(f"/register/buku/tahapan?{MARCH}").get_data(as_text=True)
    assert "<del>6 Maret 2031</del>" in body and "7 Maret 2031" in body


def test_stage_and_expiry_books_follow_the_caseload(as_user, book_world):
    assert column(sheet(as_user("pk_a2").get(f"/register/buku/tahapan/xlsx?{MARCH}")), "B") == numbers(book_world, 2)
    assert column(sheet(as_user("pk_b").get(f"/register/buku/tahapan/xlsx?{MARCH}")), "B") == numbers(book_world, 5)
    expiry = "/register/buku/ekspirasi/xlsx?bulan=2032-03"
    assert column(sheet(as_user("pk_a").get(expiry)), "B") == numbers(book_world, 1)
    assert column(sheet(as_user("pk_a2").get(expiry)), "B") == []
    # the expiry line is not a stage line
    assert column(sheet(as_user("kepala").get("/register/buku/tahapan/xlsx?bulan=2032-03")), "B") == []


@pytest.mark.parametrize("username, expected", [
    ("kepala", (1, 4, 2, 3)), ("pk_a", (1, 3)), ("pk_a2", (2,)), ("pk_b", (5,)),
])
def test_name_index_export_per_role(as_user, book_world, username, expected):
    ws = sheet(as_user(username).get("/register/klaper/xlsx?huruf=X"))
    # Other tests share the database (and fuzz names): only this world's register numbers count.
    assert [n for n in column(ws, "C") if n.startswith("XR.")] == numbers(book_world, *expected)


def test_name_index_strikes_the_ended_case_in_the_sheet(as_user, book_world):
    ws = sheet(as_user("kepala").get("/register/klaper/xlsx?huruf=X&status=selesai"))
    assert column(ws, "B") == ["Xena Dua"] and ws["B6"].font.strike and column(ws, "G") == ["SK-9/2031"]


# -- register TPP -------------------------------------------------------------

@pytest.mark.parametrize("username, expected", [
    # (session date, client) per line; None is a session without agenda
    ("kepala", [(15, 1), (15, 2), (25, None), (28, 4)]), ("tpp", [(15, 1), (15, 2), (25, None), (28, 4)]),
    ("pk_a", [(15, 1), (25, None)]), ("pk_a2", [(15, 2), (25, None)]), ("pk_b", [(15, 5)]),
])
def test_tpp_register_shows_sessions_and_only_the_lines_the_user_may_see(as_user, book_world, username, expected):
    ws = sheet(as_user(username).get(f"/register/tpp/xlsx?{MARCH}"))
    assert ws.title == "Register TPP"
    got = list(zip([d.day for d in column(ws, "B")], column(ws, "H")))
    assert got == [(day, book_world["clients"][n] if n else None) for day, n in expected]


def test_tpp_register_counts_and_decisions(as_user, book_world):
    ws = sheet(as_user("kepala").get(f"/register/tpp/xlsx?{MARCH}&status=setuju"))
    assert column(ws, "F") == [2] and column(ws, "G") == [5] and column(ws, "L") == ["Disetujui"]
    assert column(ws, "M") == [datetime(2031, 3, 15)] and column(ws, "E") == ["Kepala Uji"]


# -- register pengaduan -------------------------------------------------------

@pytest.mark.parametrize("username, expected", [
    ("pengaduan", (1, 3, 2)), ("kepala", (1, 3, 2)), ("pk_a", (2,)), ("pk_a2", ()), ("registrasi", ()),
    ("tpp", ()), ("kepala_b", (4,)),
])
def test_complaint_register_per_role(as_user, book_world, username, expected):
    ws = sheet(as_user(username).get(f"/register/pengaduan/xlsx?{MARCH}"))
    assert column(ws, "B") == numbers(book_world, *expected, kind="complaints")


def test_complaint_register_dates_and_no_complainant_identity(as_user, book_world):
    browser = as_user("pengaduan")
    ws = sheet(browser.get(f"/register/pengaduan/xlsx?{MARCH}&status=selesai"))
    assert ws.title == "Register Pengaduan"
    assert [c.value for c in ws[6]][1:] == [book_world["complaints"][2], datetime(2031, 3, 18), "Telepon",
                                            ws["E6"].value, "Selesai", datetime(2031, 3, 30), datetime(2031, 3, 20),
                                            datetime(2031, 3, 22)]
    content = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    screen = browser.get(f"/register/pengaduan/?{MARCH}").get_data(as_text=True)
    for secret in ("Pelapor Rahasia", "0812-RAHASIA", "Isi pengaduan rahasia"):
        assert not any(secret in c for c in content) and secret not in screen


# -- screens, print view, bad input -------------------------------------------

def test_print_view_is_laid_out_like_the_paper_book(as_user, book_world, db_session, world):
    from models import Office

    office = db_session.get(Office, world.office_a)
    office.head_name, office.head_nip = "Dra. Kepala Balai", "196801011990031001"
    db_session.commit()
    body = as_user("registrasi").get(f"/register/klien?{MARCH}&cetak=1").get_data(as_text=True)
    assert "navbar" not in body and "size: A4 landscape" in body and "counter(page)" in body
    assert "Halaman" in body and "Balai Pemasyarakatan BPS-A" in body and "Buku Register Klien" in body
    assert "Periode: Maret 2031" in body and "Kepala Balai Pemasyarakatan BPS-A" in body
    assert "Dra. Kepala Balai" in body and "196801011990031001" in body
    assert body.count("<tr><td>") == 3 and "<tr><td>3</td>" in body
    for registration in numbers(book_world, 1, 4, 2):
        assert registration in body


def test_screens_show_the_rows_and_the_links_keep_the_filters(as_user, book_world, world):
    body = as_user("kepala").get(f"/register/klien?{MARCH}&pk={world.users['pk_a']}").get_data(as_text=True)
    assert book_world["clients"][1] in body and book_world["clients"][2] not in body
    assert f"/register/klien/xlsx?bulan=2031-03&amp;pk={world.users['pk_a']}" in body
    assert "5 Maret 2031" in body and "PK: Pk_A Uji" in body


@pytest.mark.parametrize("url", [
    "/register/klien?bulan=2026-13", "/register/klien/xlsx?bulan=2026-13", "/register/klien?pk=abc",
    "/register/klien/xlsx?pk=" + "9" * 30, "/register/klien?bulan=" + "9" * 200, "/register/klien?dari=2031-01-01",
    "/register/klien?dari=2031-02-30&sampai=2031-03-01", "/register/klien?dari=2031-03-02&sampai=2031-03-01",
    "/register/klien?dari=2031-01-01&sampai=9999-12-31", "/register/klien?status=hilang",
    "/register/buku/tahapan?bulan=0000-01", "/register/buku/ekspirasi/xlsx?pk=-1", "/register/klaper?huruf=1",
    "/register/klaper/xlsx?huruf=%C3%89", "/register/tpp?status=x", "/register/pengaduan/xlsx?bulan=2031-3",
])
def test_bad_filter_values_are_a_400_with_a_message_not_a_500(as_user, url):
    response = as_user("kepala").get(url)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'class="alert alert-danger"' in body and "Traceback" not in body


def test_bad_month_says_what_is_wrong_in_indonesian(as_user):
    body = as_user("kepala").get("/register/klien?bulan=2026-13").get_data(as_text=True)
    assert "Bulan harus antara tahun 1990 dan 2100, ditulis TTTT-BB." in body


def test_each_register_opens_for_the_roles_that_may_read_it(as_user):
    assert as_user("registrasi").get("/register/tpp").status_code == 403
    assert as_user("pengaduan").get("/register/klien/xlsx").status_code == 403
    assert as_user("tpp").get("/register/buku/tahapan/xlsx").status_code == 403
    assert as_user("pengaduan").get("/register/pengaduan/xlsx").status_code == 200


def test_the_period_radio_chooses_between_the_month_and_the_dates(as_user, book_world):
    browser = as_user("kepala")
    base = "/register/klien/xlsx?bulan=2031-03&dari=2031-03-01&sampai=2031-04-30"
    assert column(sheet(browser.get(base + "&periode=bulan")), "B") == numbers(book_world, 1, 4, 2)
    assert column(sheet(browser.get(base + "&periode=rentang")), "B") == numbers(book_world, 1, 4, 2, 3)
    body = browser.get("/register/klien?periode=rentang&dari=2031-03-01&sampai=2031-04-30").get_data(as_text=True)
    assert 'value="rentang" checked' in body and "1 Maret 2031 – 30 April 2031" in body
