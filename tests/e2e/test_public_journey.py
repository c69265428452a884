"""Someone who knows only the Bapas's address: reads the standard of the office they choose (on a 360 px phone, and
without script), files a complaint to that office (refused first without an office), follows it by its number,
verifies a letter by its code, and reads the page in English. No child and no staff member is named."""
from __future__ import annotations

import re

from tests.e2e.conftest import SHOTS
from tests.e2e.journeys import registered_client

NARROW = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
CHILD = "Rina Kartika Publik"


def _letter(live) -> str:
    client_id = registered_client(live, CHILD)

    def make(session, world):
        from models import GeneratedDocument

        session.add(GeneratedDocument(office_id=world.office_a, client_id=client_id, doc_type="laporan_perkembangan",
                                      letter_number="W11.PAS.PAS12-PK.01.05.02-77", template_version="0",
                                      stored_name="uji-publik.docx", sha256="0" * 64, token="UjiPublik-Kode_77"))
        session.commit()

    live.seed(make)
    return "UjiPublik-Kode_77"


def _fits(page, width: int = 360) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} is {overflow}px wide at {width}px"


def test_the_public_reads_the_standard_complains_follows_and_verifies(person, live):
    code = _letter(live)
    me = person("publik-beranda", **NARROW)
    page = me.go("/")
    assert page.locator("#dasar_hukum").count() == 0  # no office is chosen for them
    me.screen("beranda-belum-memilih")
    page.select_option("#kantor-pilih", label="Balai Pemasyarakatan BPS-A")
    with page.expect_navigation():
        page.click("#kantor button[type=submit]")
    body = page.locator("main").inner_text()
    for heading in ("Dasar Hukum", "Persyaratan", "Sistem, mekanisme dan prosedur", "Jangka waktu penyelesaian",
                    "Biaya/tarif", "Maklumat Pelayanan", "Cara menyampaikan pengaduan"):
        assert heading in body, heading
    assert "3 Juli 2027" in body and "3 Juli 2028" in body and "(022) 555-0101" in body
    assert "Hendra Wijaya" not in page.content() and CHILD not in page.content()
    _fits(page)
    me.screen("beranda-publik-360")

    page.click("nav >> text=Sampaikan pengaduan")
    page.wait_for_load_state()
    assert page.locator("#office").input_value() == "BPS-A"  # the choice made on the home page
    assert "2 hari kerja" in page.locator("main").inner_text()
    page.select_option("#office", value="")
    page.select_option("#category", index=0)
    page.fill("#text", "Loket wajib lapor tutup sebelum jam layanan berakhir.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Pilih kantor Bapas tujuan pengaduan." in page.locator("main").inner_text()
    assert page.locator("#text").input_value().startswith("Loket wajib lapor")  # nothing lost
    me.screen("pengaduan-tanpa-kantor")
    page.select_option("#office", value="BPS-A")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    number = page.locator("#nomor-lacak").input_value()
    assert re.fullmatch(r"ADU(?:-[A-Z2-7]{4}){4}", number)
    assert page.locator("#salin").is_visible() and page.locator("#cetak").is_visible()
    _fits(page)
    me.screen("pengaduan-diterima-360")

    page = me.go("/")
    page.fill("#nomor", number.lower())
    with page.expect_navigation():
        page.click("#lacak button[type=submit]")
    assert number in page.url and "Diterima" in page.locator("main").inner_text()
    me.screen("status-pengaduan-publik")
    page = me.go("/")
    page.fill("#nomor", "ADU-AAAA-BBBB-CCCC-DDDD")
    with page.expect_navigation():
        page.click("#lacak button[type=submit]")
    assert "Tidak ada pengaduan dengan nomor ini." in page.locator("main").inner_text()
    me.screen("nomor-pengaduan-tidak-dikenal")

    page = me.go("/")
    page.fill("#kode", code)
    with page.expect_navigation():
        page.click("#verifikasi button[type=submit]")
    text = page.locator("main").inner_text()
    assert "W11.PAS.PAS12-PK.01.05.02-77" in text and "Balai Pemasyarakatan BPS-A" in text
    assert CHILD not in page.content()
    me.screen("verifikasi-surat")

    page = me.go("/")
    with page.expect_navigation():
        page.click("text=English")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "How to complain" in page.locator("main").inner_text()
    me.screen("beranda-publik-english")
    with page.expect_navigation():
        page.click("text=Bahasa Indonesia")
    assert page.locator("html").get_attribute("lang") == "id"


def test_the_standard_reads_without_script_and_on_a_desktop(person, live):
    plain = person("publik-tanpa-skrip", java_script_enabled=False, **NARROW)
    page = plain.go("/?kantor=BPS-B")
    body = page.locator("main").inner_text()
    assert "Standar pelayanan Balai Pemasyarakatan BPS-B" in body and "Bimbingan tahap akhir" in body
    _fits(page)
    plain.shot("beranda-tanpa-skrip")  # axe needs script; the same page with script is checked above
    page = plain.go("/pengaduan/")
    assert page.locator("#office").input_value() == "BPS-B"
    desk = person("publik-desktop")
    page = desk.go("/?kantor=BPS-A")
    desk.screen("beranda-publik-desktop")
    page = desk.go("/standar-pelayanan/BPS-A/cetak")
    assert "Standar Pelayanan Bimbingan Klien Anak" in page.locator("h1").inner_text()
    desk.screen("poster-standar")
    pdf = SHOTS / "publik-desktop--poster-standar.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True)  # A4 portrait comes from the poster's own @page rule
    from pypdf import PdfReader

    first = PdfReader(str(pdf)).pages[0].mediabox
    assert (round(float(first.width) / 72 * 25.4), round(float(first.height) / 72 * 25.4)) == (210, 297)
