"""A member of the public files a complaint and follows it; the complaints unit, the Kepala Bapas and an official
take it to selesai; the public page shows the answer and nothing internal. A phone-sized browser for the public."""
from __future__ import annotations

import re

from tests.e2e.journeys import newest_id

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ANSWER = "Terima kasih. Petugas loket telah diberi teguran dan antrean kini dibuka pukul 08.00."
INTERNAL = ("Rekomendasi: tegur petugas loket", "Klarifikasi kepada pelapor", "Sudah diklarifikasi lewat telepon",
            "Ibu Ratna", "0813-2222-3333")


def work_step(screen, complaint_id: int, name: str, text: str, **choices) -> None:
    page = screen.page
    page.goto(screen.live.url + f"/complaintview/show/{complaint_id}")
    page.click(f"a[href$='/pengaduan-kerja/{complaint_id}/{name}']")
    page.wait_for_load_state()
    page.fill("#text", text)
    for selector, label in choices.items():
        options = page.locator(f"#{selector} option", has_text=label)
        page.select_option(f"#{selector}", label=options.first.inner_text().strip())
    screen.shot(f"langkah-{name}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert f"/pengaduan-kerja/{complaint_id}/" not in page.url, screen.flash_text()


def test_public_complaint_to_selesai_with_the_reply_and_no_internal_data(person, live):
    public = person("publik", **PHONE)
    page = public.go("/pengaduan/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.select_option("#office", label="Balai Pemasyarakatan BPS-A")
    page.select_option("#category", index=1)
    page.fill("#text", "Antrean layanan wajib lapor tidak tertib dan petugas loket tidak ramah.")
    page.fill("#name", "Ibu Ratna")
    page.fill("#contact", "0813-2222-3333")
    page.check("#consent_contact")
    public.screen("form-pengaduan")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    number = page.locator("#nomor-lacak").input_value()  # a read-only field, to copy it
    assert re.fullmatch(r"ADU(?:-[A-Z2-7]{4}){4}", number)
    public.screen("pengaduan-diterima")

    page = public.go(f"/pengaduan/{number}")
    assert "Diterima" in page.locator("body").inner_text()
    public.screen("status-pengaduan-diterima")

    complaint_id = newest_id(live, "Complaint", tracking_number=number)
    unit = person("unit-pengaduan")
    unit.login("pengaduan")
    unit.go(f"/complaintview/show/{complaint_id}")
    unit.screen("pengaduan-masuk")
    work_step(unit, complaint_id, "ditelaah", INTERNAL[0])

    kepala = person("kepala")
    kepala.login("kepala")
    work_step(kepala, complaint_id, "arahan", INTERNAL[1], assigned_to="Pk_A2")

    official = person("pejabat")
    official.login("pk_a2")
    work_step(official, complaint_id, "tindak_lanjut", INTERNAL[2], action_kind="klarifikasi")

    work_step(unit, complaint_id, "dijawab", ANSWER)
    work_step(unit, complaint_id, "selesai", "Selesai.")
    unit.go(f"/complaintview/show/{complaint_id}")
    assert "Selesai" in unit.page.locator("main").inner_text()
    unit.screen("pengaduan-selesai")

    page = public.go(f"/pengaduan/{number}")
    body = page.locator("body").inner_text()
    assert ANSWER in body and "Selesai" in body
    for internal in INTERNAL + ("Pk_A2", "Kepala Uji"):
        assert internal not in page.content(), internal
    public.screen("status-pengaduan-selesai")
