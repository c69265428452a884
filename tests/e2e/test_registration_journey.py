"""Petugas Registrasi registers a child client and records the handover, in Indonesian, in a real browser."""
from __future__ import annotations

from datetime import timedelta

from tests.e2e.conftest import EXPIRY, START, TODAY, choose, fill_date, submit

OFFICE_A = "Balai Pemasyarakatan BPS-A"


def test_registration_refuses_a_too_old_client_then_registers_the_child_and_the_handover(person):
    me = person("registrasi")
    page = me.login("registrasi")
    offence = START - timedelta(days=120)

    page.goto(me.live.url + "/clientview/add")
    assert page.locator("html").get_attribute("lang") == "id"
    page.select_option("#office", label=OFFICE_A)
    page.fill("#full_name", "Rizky Pratama")
    page.select_option("#sex", "L")
    page.fill("#birth_place", "Bandung")
    # 19 years old on the day of the offence: not a child client (UU 11/2012 Pasal 1 angka 3)
    fill_date(page, "#birth_date", offence.replace(year=offence.year - 19))
    fill_date(page, "#offence_date", offence)
    page.fill("#offence_article", "Pasal 363 KUHP")
    page.select_option("#supervision_kind", index=1)
    page.fill("#basis_document", "PAS-1234.PK.01.05.06/2026")
    page.select_option("#origin", "lpka")
    fill_date(page, "#supervision_start", START)
    fill_date(page, "#supervision_expiry", EXPIRY)
    me.screen("form-pendaftaran-klien")
    submit(page)

    body = page.locator("body").inner_text()
    assert "klien berumur 19 tahun" in body and "UU 11/2012 Pasal 1 angka 3" in body
    assert page.input_value("#full_name") == "Rizky Pratama"  # nothing typed is lost
    me.screen("pendaftaran-ditolak-umur")

    fill_date(page, "#birth_date", offence.replace(year=offence.year - 16))
    submit(page)
    assert "/clientview/add" not in page.url, me.flash_text()

    page.goto(me.live.url + "/clientview/list/?_flt_0_full_name=Rizky")
    row = page.locator("table tr", has_text="Rizky Pratama")
    assert row.count() == 1
    number = row.locator("td").filter(has_text=str(TODAY.year)).first.inner_text().strip()
    assert number.startswith("BA.")
    me.screen("daftar-klien")

    page.goto(me.live.url + "/handoverview/add")
    choose(page, "#client", "Rizky Pratama")
    fill_date(page, "#handover_date", START)
    page.fill("#handing_party", "LPKA Kelas II Sukamiskin")
    page.fill("#handing_officer", "Agus Salim")
    choose(page, "#receiving_officer", "Registrasi")
    me.screen("form-serah-terima")
    submit(page)
    assert "/handoverview/add" not in page.url, me.flash_text()

    page.goto(me.live.url + "/handoverview/list/")
    assert page.locator("table tr", has_text="LPKA Kelas II Sukamiskin").count() == 1
    me.screen("daftar-serah-terima")
