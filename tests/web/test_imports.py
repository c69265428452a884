"""Importing the client register from a spreadsheet, through the screens:
check every row first, write nothing until confirmed, all or nothing, idempotent,
own office only."""
from __future__ import annotations

import html
import io
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.imports.columns import COLUMNS
from models import AuditLog, Client, RegistrationCounter
from tests.jobs import ran

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

HEADERS = [c.header for c in COLUMNS]
FIELDS = [c.field for c in COLUMNS]


def row(number: str, **values) -> list:
    base = {"registration_number": number, "full_name": "Budi Santoso", "sex": "L", "birth_place": "Bandung",
            "birth_date": datetime(2010, 3, 14), "religion": "islam", "offence_date": datetime(2025, 6, 1),
            "offence_article": "Pasal 363 KUHP", "supervision_kind_id": "PB", "origin": "lpka",
            "supervision_start": datetime(2026, 1, 5), "supervision_expiry": datetime(2027, 1, 4)}
    base.update(values)
    return [base.get(f) for f in FIELDS]


def xlsx(rows: list[list], headers=None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Data Klien"
    sheet.append(headers or HEADERS)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(browser, data: bytes, office_id: int, name: str = "register.xlsx"):
    return browser.post("/impor-klien/", data={"office": str(office_id), "file": (io.BytesIO(data), name)},
                        content_type="multipart/form-data")


def check_job(browser, data: bytes, office_id: int, name: str = "register.xlsx") -> dict:
    """Upload, and run the check's job as the worker would: its state (status.json)."""
    response = upload(browser, data, office_id, name)
    state = ran(browser, response)
    assert state is not None, (response.status_code, response.get_data(as_text=True)[-2000:])
    return state


def checked(browser, data: bytes, office_id: int, name: str = "register.xlsx") -> tuple[str, str]:
    """Upload, let the check's job run and open its result, the preview: (token, page)."""
    state = check_job(browser, data, office_id, name)
    assert state["status"] == "selesai", state
    token = state["result"].rsplit("/", 1)[1]
    page = browser.get(state["result"])
    assert page.status_code == 200
    return token, page.get_data(as_text=True)


def fingerprint(page: str) -> str:
    return re.search(r'name="fingerprint" value="([0-9a-f]+)"', page)[1]


@dataclass
class Confirmed:
    """The registration job's outcome in the terms of the answer the screen gave before it was a job:
    302 to the client list when done, 409 when the register changed, 422 for another refusal."""

    state: dict
    page: str

    @property
    def status_code(self) -> int:
        if self.state["status"] == "selesai":
            return 302
        return 409 if "berubah" in self.state["error"] else 422

    @property
    def headers(self) -> dict:
        return {"Location": self.state["result"] or ""}

    def get_data(self, as_text: bool = True) -> str:
        return self.page


def confirm(browser, token: str, page: str, mode: str):
    response = browser.post(f"/impor-klien/{token}", data={"mode": mode, "fingerprint": fingerprint(page)})
    state = ran(browser, response)
    if state is None:
        return response  # refused before anything was queued
    return Confirmed(state, browser.get(response.location).get_data(as_text=True))


def report(page: str) -> list[tuple[int, str, str]]:
    table = re.search(r'id="import-problems">(.*?)</table>', page, re.S)
    if table is None:
        return []
    return [(int(r), html.unescape(c), html.unescape(m))
            for r, c, m in re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table[1])]


def summary(page: str) -> dict[str, int]:
    def count(label):
        return int(re.search(re.escape(label) + r"</th><td>(\d+)</td>", page)[1])

    return {"rows": count("Baris yang dibaca"), "new": count("Benar, akan didaftarkan"),
            "existing": count("Sudah terdaftar (dilewati)"), "invalid": count("Bermasalah")}


def clients_numbered(db_session, prefix: str) -> list[Client]:
    db_session.expire_all()
    return db_session.scalars(select(Client).where(Client.registration_number.like(f"{prefix}%"))
                              .order_by(Client.registration_number)).all()


@pytest.fixture
def tag() -> str:
    return f"IMP-{secrets.token_hex(3)}"


def test_a_broken_file_gets_the_exact_report_and_nothing_is_written(as_user, world, make_client, db_session, tag):
    known = make_client(office="a", pk=None, registration_number=f"{tag}-known")
    rows = [
        row(f"{tag}-02"),                                                            # row 2: valid
        row(f"{tag}-03", sex="X", birth_date="31/02/2010"),                         # row 3
        row(f"{tag}-04", birth_date=datetime(2000, 1, 1)),                          # row 4: 25 at the offence
        row(f"{tag}-05", full_name=None, offence_date="=TODAY()"),                  # row 5
        row(f"{tag}-06", birth_date="14/03/10", supervision_kind_id="ZZ"),          # row 6
        row(f"{tag}-dup"),                                                           # row 7
        row(f"{tag}-dup"),                                                           # row 8
        row(f"{tag}-09", supervision_expiry=datetime(2025, 12, 31)),                # row 9
        row(f"{tag}-10", nik=3201011403100001, reporting_interval_days=200),        # row 10
        row(known.registration_number, full_name="Nama Lain"),                      # row 11: already registered
        row(f"{tag}-12", offence_article="-"),                                      # row 12
        [None] * len(FIELDS),                                                        # row 13: empty, ignored
        row(f"{tag}-14", birth_date=40251, offence_date="1 Juni 2025"),             # row 14: valid
    ]
    browser = as_user("registrasi")
    token, page = checked(browser, xlsx(rows), world.office_a)
    assert report(page) == [
        (3, "Jenis Kelamin", "\"X\" tidak ada dalam daftar; gunakan salah satu dari: L, P."),
        (3, "Tanggal Lahir", "\"31/02/2010\" bukan tanggal yang ada (tanggal itu tidak ada di kalender)."),
        (4, "Tanggal Lahir", "Pada tanggal tindak pidana, klien berumur 25 tahun; klien anak harus telah berumur "
                             "sekurang-kurangnya 12 tahun dan belum berumur 18 tahun (UU 11/2012 Pasal 1 angka 3)."),
        (5, "Nama Lengkap", "Wajib diisi; sel kosong."),
        (5, "Tanggal Tindak Pidana", "Sel berisi rumus (=TODAY()); rumus tidak dibaca. Ketikkan nilainya langsung."),
        (6, "Tanggal Lahir", "Tulis tahun dengan empat angka (misalnya 14/03/2010), agar 10 tidak dapat dibaca "
                             "sebagai 1910 atau 2010."),
        (6, "Jenis Bimbingan", "\"ZZ\" tidak ada dalam daftar; gunakan salah satu dari: ASM, CB, CMB, DIV, LAIN, PB, "
                               "PDS, PK."),
        (7, "Nomor Register", f"Nomor register {tag}-dup muncul lebih dari sekali dalam berkas (baris 7, 8)."),
        (8, "Nomor Register", f"Nomor register {tag}-dup muncul lebih dari sekali dalam berkas (baris 7, 8)."),
        (9, "Tanggal Ekspirasi", "Tanggal ekspirasi harus sesudah tanggal mulai bimbingan."),
        (10, "NIK", "NIK tersimpan sebagai angka, padahal Excel hanya menyimpan 15 digit angka. Format kolom sebagai "
                    "teks lalu ketik ulang NIK."),
        (10, "Wajib Lapor (hari)", "200 di luar rentang 1-92."),
        (12, "Pasal", "Isi sel tidak boleh diawali =, +, - atau @ (aplikasi lembar kerja akan menjalankannya "
                      "sebagai rumus). Hapus tanda tersebut atau tulis nilainya dengan cara lain."),
    ]
    assert summary(page) == {"rows": 12, "new": 2, "existing": 1, "invalid": 9}
    assert "Nama Lengkap" in re.search(r"Sudah terdaftar \(dilewati, tidak diubah\).*?</table>", page, re.S)[0]
    # "import all" is refused while rows have problems; nothing is written
    refused = confirm(browser, token, page, "all")
    assert refused.status_code == 422 and "9 baris bermasalah" in refused.get_data(as_text=True)
    assert clients_numbered(db_session, tag) == [known]


def test_an_all_valid_file_registers_every_client_audited_in_one_go(as_user, world, db_session, tag):
    rows = [row(f"{tag}-{n:02d}", full_name=f"Klien {n}", nik=f"32010114031{n:05d}") for n in range(1, 6)]
    browser = as_user("registrasi")
    token, page = checked(browser, xlsx(rows), world.office_a)
    assert report(page) == [] and summary(page) == {"rows": 5, "new": 5, "existing": 0, "invalid": 0}
    done = confirm(browser, token, page, "all")
    assert done.status_code == 302 and done.headers["Location"].endswith("/clientview/list/")
    created = clients_numbered(db_session, tag)
    assert [c.full_name for c in created] == [f"Klien {n}" for n in range(1, 6)]
    first = created[0]
    assert (first.office_id, first.status, first.sex, first.birth_date.isoformat(), first.supervision_kind_id,
            first.reporting_interval_days, first.current_pk_id, first.nik) == \
        (world.office_a, "terdaftar", "L", "2010-03-14", world.kind_id, 30, None, "3201011403100001")
    audited = db_session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.table_name == "client", AuditLog.action == "create",
        AuditLog.client_id.in_([c.id for c in created]), AuditLog.username == "registrasi"))
    assert audited == 5
    # the confirmed upload is forgotten
    assert browser.get(f"/impor-klien/{token}").status_code == 404


def test_the_same_file_again_creates_nothing(as_user, world, db_session, tag):
    data = xlsx([row(f"{tag}-1"), row(f"{tag}-2", full_name="Ani")])
    browser = as_user("kepala")
    token, page = checked(browser, data, world.office_a)
    assert confirm(browser, token, page, "all").status_code == 302
    token, page = checked(browser, data, world.office_a)
    assert summary(page) == {"rows": 2, "new": 0, "existing": 2, "invalid": 0}
    again = confirm(browser, token, page, "all")
    assert again.status_code == 422 and "Tidak ada yang dapat diimpor" in again.get_data(as_text=True)
    assert len(clients_numbered(db_session, tag)) == 2


def test_only_the_valid_rows_when_the_user_chooses_so_and_the_rest_later(as_user, world, db_session, tag):
    browser = as_user("registrasi")
    first = [row(f"{tag}-1"), row(f"{tag}-2", birth_date="kemarin"), row(f"{tag}-3")]
    token, page = checked(browser, xlsx(first), world.office_a)
    assert "Daftarkan 2 baris yang benar saja" in page
    assert confirm(browser, token, page, "valid_only").status_code == 302
    assert [c.registration_number for c in clients_numbered(db_session, tag)] == [f"{tag}-1", f"{tag}-3"]
    corrected = [row(f"{tag}-1"), row(f"{tag}-2"), row(f"{tag}-3")]
    token, page = checked(browser, xlsx(corrected), world.office_a)
    assert summary(page) == {"rows": 3, "new": 1, "existing": 2, "invalid": 0}
    assert confirm(browser, token, page, "all").status_code == 302
    assert len(clients_numbered(db_session, tag)) == 3


def test_a_register_changed_between_check_and_confirm_is_checked_again(as_user, world, make_client, db_session,
                                                                        tag):
    browser = as_user("registrasi")
    token, page = checked(browser, xlsx([row(f"{tag}-1"), row(f"{tag}-2")]), world.office_a)
    make_client(office="a", pk=None, registration_number=f"{tag}-2")  # typed in by a colleague meanwhile
    stale = confirm(browser, token, page, "all")
    assert stale.status_code == 409 and "Register telah berubah" in stale.get_data(as_text=True)
    body = browser.get(f"/impor-klien/{token}").get_data(as_text=True)  # the check, opened again
    assert summary(body) == {"rows": 2, "new": 1, "existing": 1, "invalid": 0}
    assert len(clients_numbered(db_session, tag)) == 1
    assert confirm(browser, token, body, "all").status_code == 302
    assert len(clients_numbered(db_session, tag)) == 2


def test_imported_numbers_in_the_office_pattern_move_the_counter(as_user, world, db_session, app):
    """The next registration continues after the imported numbers instead of walking through them."""
    from app.clients.next_number import next_number
    from models import Office

    year = 2080 + secrets.randbelow(15)
    browser = as_user("registrasi")
    numbers = [f"BA.{seq:04d}/{year}" for seq in (7, 412, 3)]
    token, page = checked(browser, xlsx([row(n) for n in numbers]), world.office_a)
    assert confirm(browser, token, page, "all").status_code == 302
    db_session.expire_all()
    assert db_session.get(RegistrationCounter, (world.office_a, year)).last_seq == 412
    assert next_number(db_session, db_session.get(Office, world.office_a), year) == f"BA.0413/{year}"
    db_session.rollback()


def test_a_csv_in_cp1252_with_semicolons_and_text_dates_is_read(as_user, world, db_session, tag):
    lines = [";".join(HEADERS)] + [";".join([f"{tag}-1", "José Müller", "", "P", "Garut", "14/03/2010", "", "",
                                             "", "", "01-06-2025", "", "", "", "", "cb", "", "LPKA", "2026-01-05",
                                             "4 Januari 2027", "14"])]
    browser = as_user("registrasi")
    token, page = checked(browser, ("\r\n".join(lines) + "\r\n").encode("cp1252"), world.office_a, "daftar.csv")
    assert report(page) == [], report(page)
    assert confirm(browser, token, page, "all").status_code == 302
    client = clients_numbered(db_session, tag)[0]
    assert (client.full_name, client.sex, client.origin, client.reporting_interval_days,
            client.supervision_expiry.isoformat()) == ("José Müller", "P", "lpka", 14, "2027-01-04")


def test_an_empty_file_is_refused_at_the_upload(as_user, world):
    response = upload(as_user("registrasi"), b"", world.office_a)
    assert response.status_code == 422 and "Berkas kosong." in html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("data,name,fragment", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "register.xlsx", "isinya PNG"),
    (b"%PDF-1.7\n%\xe2\xe3", "register.csv", "isinya PDF"),
    ("Nomor Register;Nama\r\nA;B\r\n".encode(), "register.csv", "Kolom wajib \"Jenis Kelamin\" tidak ada."),
    ("Nomor Register;Nama Lengkap;Jenis Kelamin;Tanggal Lahir;Tanggal Tindak Pidana;Jenis Bimbingan;Asal Klien\r\n"
     .encode(), "register.csv", "tidak ada baris data"),
])
def test_files_that_cannot_be_read_fail_their_check_with_the_reason(as_user, world, data, name, fragment):
    """The check runs as a job; a file it cannot read ends it failed, with the reason in Indonesian, and
    leaves nothing behind: no rows waiting for a preview, not the uploaded file."""
    from pathlib import Path

    from app.imports import confirm as store

    def kept() -> set[str]:
        return {p.name for p in Path(store.folder()).glob("*")} if Path(store.folder()).is_dir() else set()

    browser = as_user("registrasi")
    before = kept()
    state = check_job(browser, data, world.office_a, name)
    assert state["status"] == "gagal" and fragment in html.unescape(state["error"]) and state["result"] is None
    assert kept() <= before


def test_size_and_row_limits_come_from_the_configuration(as_user, world, app, tag):
    browser = as_user("registrasi")
    data = xlsx([row(f"{tag}-{n}") for n in range(4)])
    old = app.config["IMPORT_MAX_ROWS"], app.config["IMPORT_MAX_BYTES"]
    try:
        app.config["IMPORT_MAX_ROWS"] = 3
        assert "lebih dari 3 baris" in check_job(browser, data, world.office_a)["error"]
        app.config["IMPORT_MAX_ROWS"], app.config["IMPORT_MAX_BYTES"] = 5000, 2048
        response = upload(browser, data, world.office_a)
        assert response.status_code == 422 and "melebihi batas 2 KB" in response.get_data(as_text=True)
    finally:
        app.config["IMPORT_MAX_ROWS"], app.config["IMPORT_MAX_BYTES"] = old


def test_a_request_beyond_the_server_limit_is_413_with_a_page(as_user, world, app):
    response = upload(as_user("registrasi"), b"x" * (app.config["MAX_CONTENT_LENGTH"] + 10), world.office_a)
    assert response.status_code == 413 and "Berkas terlalu besar" in response.get_data(as_text=True)


def test_other_offices_and_other_roles_cannot_import(as_user, world, db_session, tag):
    data = xlsx([row(f"{tag}-1")])
    # registrasi_b may import, but only into office B
    response = upload(as_user("registrasi_b"), data, world.office_a)
    assert response.status_code == 422 and clients_numbered(db_session, tag) == []
    page_b = as_user("registrasi_b").get("/impor-klien/").get_data(as_text=True)
    offered = re.findall(r'<option[^>]*value="(\d+)"', page_b)
    assert offered == [str(world.office_b)]
    # a token of someone else is unknown
    token, page = checked(as_user("registrasi"), data, world.office_a)
    for outsider in ("registrasi_b", "kepala_b", "kepala"):
        assert as_user(outsider).get(f"/impor-klien/{token}").status_code == 404
        assert confirm(as_user(outsider), token, page, "all").status_code == 404
    # roles without the import see no page at all
    for username in ("pk_a", "tpp", "pengaduan"):
        browser = as_user(username)
        assert browser.get("/impor-klien/").status_code in (302, 403)
        assert browser.get("/impor-klien/templat.xlsx").status_code in (302, 403)
        assert upload(browser, data, world.office_a).status_code in (302, 403)
        assert confirm(browser, token, page, "all").status_code in (302, 403)
    assert clients_numbered(db_session, tag) == []
    # the uploader still can
    assert confirm(as_user("registrasi"), token, page, "all").status_code == 302
    assert len(clients_numbered(db_session, tag)) == 1


def test_admin_chooses_the_office(as_user, world, db_session, tag):
    browser = as_user("admin")
    token, page = checked(browser, xlsx([row(f"{tag}-1")]), world.office_b)
    assert confirm(browser, token, page, "all").status_code == 302
    assert clients_numbered(db_session, tag)[0].office_id == world.office_b


def test_an_expired_or_made_up_token_is_a_404(as_user, world, app, tag):
    browser = as_user("registrasi")
    token, page = checked(browser, xlsx([row(f"{tag}-1")]), world.office_a)
    assert browser.get("/impor-klien/" + "x" * 43).status_code == 404
    old = app.config["IMPORT_TTL_SECONDS"]
    try:
        app.config["IMPORT_TTL_SECONDS"] = -1
        assert browser.get(f"/impor-klien/{token}").status_code == 404
    finally:
        app.config["IMPORT_TTL_SECONDS"] = old


def test_an_unknown_mode_is_refused(as_user, world, db_session, tag):
    browser = as_user("registrasi")
    token, page = checked(browser, xlsx([row(f"{tag}-1")]), world.office_a)
    assert confirm(browser, token, page, "everything").status_code == 422
    assert clients_numbered(db_session, tag) == []


def test_templates_download_and_the_page_lists_the_columns(as_user):
    browser = as_user("registrasi")
    page = browser.get("/impor-klien/").get_data(as_text=True)
    assert all(header in page for header in HEADERS) and "Pembebasan Bersyarat" in page
    workbook = browser.get("/impor-klien/templat.xlsx")
    assert workbook.status_code == 200 and workbook.data.startswith(b"PK")
    assert "attachment" in workbook.headers["Content-Disposition"]
    csv = browser.get("/impor-klien/templat.csv")
    assert csv.status_code == 200 and csv.data.decode("utf-8-sig").strip().split(";") == HEADERS
