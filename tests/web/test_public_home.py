"""The public face (issue 18): the home page with the office's service standard, the office chosen once and
never defaulted, the standard as versioned data, tracking and verification boxes, the complaint form's refusals
and rate limit, the language switch for anonymous readers, and no internal id or staff-only field anywhere."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.supervision import stages
from app.public import components, stage_example, standard
from models import Complaint, ComplaintCategory, Office, StandardComponent
from models.choices import Stage
from views.public.office import COOKIE

TRACKING = re.compile(r"ADU(?:-[A-Z2-7]{4}){4}")


@pytest.fixture
def public(app):
    return app.test_client()


@pytest.fixture
def category(db_session):
    from app.complaints import intake

    intake.ensure_defaults(db_session)
    return db_session.scalars(select(ComplaintCategory).where(ComplaintCategory.code == "ringan")).one()


@pytest.fixture
def office_a(db_session, world) -> Office:
    office = db_session.get(Office, world.office_a)
    office.phone, office.public_whatsapp, office.email = "(022) 555-0101", "0812-3456-7890", "bapas-a@example.test"
    office.address, office.public_hours = "Jl. Pemasyarakatan No. 1, Kota A", "Senin–Jumat 08.00–16.00"
    office.head_name, office.head_nip = "Drs. Kepala Rahasia", "197001011995031001"
    db_session.commit()
    return office


def text(response) -> str:
    return response.get_data(as_text=True)


def send(public, category, ip, **fields):
    data = {"office": "BPS-A", "category": category.code, "text": "Antrean tidak tertib.", "name": "",
            "contact": "", "website": "", **fields}
    return public.post("/pengaduan/", data=data, environ_base={"REMOTE_ADDR": ip}, content_type="multipart/form-data")


# -- the office: chosen once, never defaulted -------------------------------------------------------------------

def test_before_a_choice_the_home_page_offers_the_offices_and_shows_no_standard(public, world):
    page = text(public.get("/"))
    assert '<option value="" selected>' in page and 'value="BPS-A"' in page and 'value="BPS-B"' in page
    assert 'id="dasar_hukum"' not in page  # no office's standard is shown as if it were chosen
    assert 'id="lacak"' in page and 'id="verifikasi"' in page and 'href="/survei/"' in page
    assert 'href="/login/' in page


@pytest.mark.parametrize("code", ["", "NOPE"])
def test_no_office_or_an_unknown_office_is_refused_with_a_message_and_not_remembered(public, world, code):
    response = public.get(f"/?kantor={code}")
    assert "Pilih kantor Bapas yang ingin Anda baca." in text(response)
    assert 'id="dasar_hukum"' not in text(response)
    assert COOKIE not in response.headers.get("Set-Cookie", "")


def test_the_chosen_office_is_remembered_and_its_standard_shown_component_by_component(public, db_session, office_a):
    standard.ensure_defaults(db_session)
    response = public.get("/?kantor=BPS-A")
    assert f"{COOKIE}=BPS-A" in response.headers["Set-Cookie"]
    page = text(public.get("/"))  # the cookie alone: chosen once
    assert "Standar pelayanan Balai Pemasyarakatan BPS-A" in page
    for key in components.KEYS:
        assert f'id="{key}"' in page, key
    assert "UU No. 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak" in page
    assert "Tidak ada biaya" in page and "Maklumat Pelayanan" in page
    assert "<h3>Bimbingan tahap awal</h3>" in page and "<ol><li>PK menyusun program bimbingan" in page
    # the complaint channels from the office's settings
    for contact in ("(022) 555-0101", "0812-3456-7890", "bapas-a@example.test", "Senin–Jumat 08.00–16.00"):
        assert contact in page
    assert 'value="BPS-A" selected' in page


def test_the_worked_example_is_the_stage_engines_own_dates(public, office_a):
    plan = {w.stage: w for w in stages.plan(stage_example.START, stage_example.EXPIRY).windows}
    assert plan[Stage.LANJUTAN].first_day == date(2027, 7, 3) and plan[Stage.AKHIR].first_day == date(2028, 7, 3)
    page = text(public.get("/?kantor=BPS-A"))
    assert "731 hari" in page and "182,75 hari" in page and "548,25 hari" in page
    assert "pada 3 Juli 2027" in page and "pada 3 Juli 2028" in page


def test_public_pages_show_no_staff_name_and_no_internal_id(public, db_session, office_a, category):
    standard.ensure_defaults(db_session)
    pages = [text(public.get("/?kantor=BPS-A")), text(public.get("/standar-pelayanan/BPS-A/cetak")),
             text(public.get("/pengaduan/"))]
    number = TRACKING.search(text(send(public, category, "10.7.0.1"))).group(0)
    complaint = db_session.scalars(select(Complaint).where(Complaint.tracking_number == number)).one()
    pages.append(text(public.get(f"/pengaduan/{number}")))
    for page in pages:
        for secret in ("Drs. Kepala Rahasia", "197001011995031001", "BA.{seq", "Kepala Uji", "Pk_A"):
            assert secret not in page
        assert f'value="{office_a.id}"' not in page and f'value="{category.id}"' not in page
        assert f"/{complaint.id}\"" not in page and "Traceback" not in page


# -- the standard as data: versioned, default for every office ---------------------------------------------------

def test_init_gives_every_office_the_default_text_once(db_session, world):
    standard.ensure_defaults(db_session)
    assert standard.ensure_defaults(db_session) == 0
    count = db_session.scalar(select(func.count()).select_from(StandardComponent).where(
        StandardComponent.office_id == world.office_b))
    assert count == len(components.KEYS)


def test_the_public_reads_the_edition_in_force_today(public, db_session, world, office_a):
    standard.ensure_defaults(db_session)
    today = date.today()
    for day, words in ((today + timedelta(days=1), "Biaya besok"), (today, "Biaya hari ini")):
        row = StandardComponent(office_id=world.office_a, component="biaya", title="", text=words,
                                effective_from=day)
        standard.prepare_edition(db_session, row)
        db_session.add(row)
        db_session.commit()
    editions = db_session.scalars(select(StandardComponent.edition).where(
        StandardComponent.office_id == world.office_a, StandardComponent.component == "biaya")
        .order_by(StandardComponent.edition)).all()
    assert editions == [1, 2, 3]
    page = text(public.get("/?kantor=BPS-A"))
    assert "Biaya hari ini" in page and "Biaya besok" not in page and "versi 3" in page
    assert "Biaya/Tarif" in text(public.get("/standar-pelayanan/BPS-A/cetak"))
    # the other office keeps its own text
    assert "Biaya hari ini" not in text(public.get("/?kantor=BPS-B"))


def test_an_edition_without_text_or_date_or_component_is_refused(db_session, world):
    from app.errors import Invalid

    with pytest.raises(Invalid) as refused:
        standard.prepare_edition(db_session, StandardComponent(office_id=world.office_a, component="nope",
                                                               title="", text=" ", effective_from=None))
    assert set(refused.value.problems) == {"component", "text", "effective_from"}


def test_the_admin_adds_an_edition_through_the_screen_and_others_may_not(as_user, db_session, world):
    standard.ensure_defaults(db_session)
    form = {"office": str(world.office_a), "component": "pelaksana", "title": "", "text": "2 (dua) orang",
            "effective_from": date.today().isoformat()}
    assert as_user("admin").post("/standardcomponentview/add", data=form).status_code == 302
    row = db_session.scalars(select(StandardComponent).where(StandardComponent.text == "2 (dua) orang")).one()
    assert (row.edition, row.title) == (2, "Jumlah Pelaksana")
    for bad, message in (({"text": " "}, "Tulis uraian komponen ini."), ({"effective_from": ""}, "wajib diisi"),
                         ({"component": "nope"}, "Pilih komponen standar pelayanan.")):
        refused = as_user("admin").post("/standardcomponentview/add", data={**form, **bad})
        shown = " ".join(" ".join(m.split()) for m in re.findall(r"alert-danger\">(.*?)</div>", text(refused), re.S))
        assert refused.status_code == 200 and message in shown, (bad, shown)
    assert db_session.scalar(select(func.count()).select_from(StandardComponent).where(
        StandardComponent.component == "pelaksana", StandardComponent.office_id == world.office_a)) == 2
    assert as_user("kepala").get("/standardcomponentview/list/").status_code in (302, 403)


def test_the_poster_is_in_indonesian_even_for_an_english_reader(public, world):
    public.get("/bahasa/en")
    page = text(public.get("/standar-pelayanan/BPS-A/cetak"))
    assert "Standar Pelayanan Bimbingan Klien Anak" in page and "<th scope=\"col\">Uraian</th>" in page
    assert "tahap lanjutan mulai 3 Juli 2027" in page and "Service Standard" not in page


def test_the_poster_of_an_unknown_office_is_not_found(public, world):
    assert public.get("/standar-pelayanan/NOPE/cetak").status_code == 404


# -- the complaint form explains itself ------------------------------------------------------------------------

def test_the_form_lists_each_category_with_its_deadline_and_has_no_office_preselected(public, category):
    page = text(public.get("/pengaduan/"))
    assert "Pengaduan ringan" in page and "2 hari kerja" in page and "60 hari kerja" in page
    assert '<option value="" selected>' in page


def test_the_office_chosen_on_the_home_page_is_the_forms_choice(public, category, world):
    public.get("/?kantor=BPS-B")
    assert 'value="BPS-B" selected' in text(public.get("/pengaduan/"))


def test_a_complaint_without_an_office_is_refused_and_nothing_saved(public, db_session, category):
    before = db_session.scalar(select(func.count()).select_from(Complaint))
    response = send(public, category, "10.7.1.1", office="", text="Tanpa kantor tujuan.")
    assert response.status_code == 200 and "Pilih kantor Bapas tujuan pengaduan." in text(response)
    assert "Tanpa kantor tujuan." in text(response)  # what was typed is kept
    assert db_session.scalar(select(func.count()).select_from(Complaint)) == before


def test_only_accepted_complaints_count_toward_the_rate_limit(app, public, category, world):
    limit = int(app.config["COMPLAINT_RATE_LIMIT"].split()[0])
    for _ in range(limit + 2):
        refused = send(public, category, "10.7.2.1", text="x" * 5001)
        assert refused.status_code == 200 and "Teks lebih panjang dari 5000 karakter." in text(refused)
    codes = [send(public, category, "10.7.2.1").status_code for _ in range(limit + 1)]
    assert codes == [200] * limit + [429]


def test_the_received_page_offers_copy_and_print_and_works_without_script(public, category, world):
    page = text(send(public, category, "10.7.3.1"))
    number = TRACKING.search(page).group(0)
    assert f'value="{number}" readonly' in page
    assert 'id="salin" hidden' in page and 'id="cetak" hidden' in page  # shown by the script only
    assert "<noscript>" in page and f'href="/pengaduan/{number}"' in page


def test_the_status_page_links_home_and_to_the_form(public, category, world):
    number = TRACKING.search(text(send(public, category, "10.7.4.1"))).group(0)
    page = text(public.get(f"/pengaduan/{number}"))
    assert 'href="/"' in page and 'href="/pengaduan/"' in page and "Balai Pemasyarakatan BPS-A" in page


# -- tracking and verification boxes ----------------------------------------------------------------------------

def test_the_tracking_box_finds_a_number_typed_loosely(public, category, world):
    number = TRACKING.search(text(send(public, category, "10.7.5.1"))).group(0)
    loose = " " + number.lower().replace("-", "- ", 1) + " "
    response = public.get("/pengaduan/lacak", query_string={"nomor": loose})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/pengaduan/{number}")


def test_an_unknown_or_empty_tracking_number_gets_a_clear_message(public, world):
    unknown = public.get("/pengaduan/lacak?nomor=ADU-AAAA-BBBB-CCCC-DDDD", follow_redirects=True)
    assert unknown.status_code == 404
    assert "Tidak ada pengaduan dengan nomor ini." in text(unknown) and 'name="nomor"' in text(unknown)
    empty = public.get("/pengaduan/lacak?nomor=")
    assert empty.status_code == 400 and "Ketik nomor pengaduan" in text(empty)


def test_the_verification_box_takes_a_code_or_the_letters_whole_address(public, world):
    pasted = public.get("/verifikasi/", query_string={"kode": " http://bapas.example/verifikasi/Ab_c-12 "})
    assert pasted.status_code == 302 and pasted.headers["Location"].endswith("/verifikasi/Ab_c-12")
    unknown = public.get("/verifikasi/?kode=tidak-ada", follow_redirects=True)
    assert unknown.status_code == 404 and "Tidak ada dokumen yang diterbitkan dengan kode ini." in text(unknown)
    empty = public.get("/verifikasi/?kode=")
    assert empty.status_code == 400 and "Ketik kode verifikasi" in text(empty)


# -- language, login, landing, error pages ------------------------------------------------------------------------

def test_an_anonymous_reader_switches_to_english_and_back_on_the_same_page(public, world):
    response = public.get("/bahasa/en?next=/pengaduan/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/pengaduan/")
    page = text(public.get("/pengaduan/"))
    assert '<html lang="en">' in page and "Submit a complaint" in page and "Bahasa Indonesia" in page
    assert "Child client guidance service" in text(public.get("/"))
    public.get("/bahasa/id")
    assert '<html lang="id">' in text(public.get("/"))


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_the_language_switch_never_leaves_the_site(public, target):
    response = public.get("/bahasa/en", query_string={"next": target})
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_the_login_page_leads_to_the_public_pages(public):
    page = text(public.get("/login/"))
    assert 'href="/"' in page and 'href="/pengaduan/"' in page


def test_a_login_lands_on_the_dashboard_and_staff_may_still_read_the_public_home(as_user, world):
    browser = as_user("pk_a")
    assert browser.get("/mulai/").headers["Location"].endswith("/beranda/")
    page = text(browser.get("/"))
    assert "Beranda petugas" in page and 'href="/beranda/"' in page


def test_the_error_pages_lead_an_anonymous_reader_to_the_public_home(public):
    page = text(public.get("/tidak-ada-halaman"))
    assert 'href="/mulai/"' in page
    assert public.get("/mulai/").headers["Location"].endswith("/")
