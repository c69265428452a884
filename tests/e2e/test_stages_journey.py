"""From tahap awal to the end of supervision in a real browser: tahap lanjutan (the expiry book strikes the
initial-stage date), final reassessment and classification, tahap akhir, litmas, the TPP's final evaluation, the
end-of-supervision certificate, the termination and its record."""
from __future__ import annotations

import io
from datetime import timedelta

import docx

from app.supervision.stages import Stage, plan
from app.platform.dates import long_date
from tests.e2e.conftest import TODAY, choose, choose_first, fill_date, submit
from tests.e2e.journeys import in_tahap_awal, newest_id
from tests.e2e.test_pk_journey import answer_every_item

NAME = "Fajar Nugroho"
# A period that ends today: every computed date, the expiry too, has come, so no step needs a reason.
START, EXPIRY = TODAY - timedelta(days=365), TODAY


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def issue_and_open(page, form_action_suffix: str) -> str:
    with page.expect_navigation():
        page.click(f"form[action$='{form_action_suffix}'] button")
    assert "/generateddocumentview/show/" in page.url, page.locator(".alert").all_inner_texts()
    with page.expect_download() as download:
        page.click("a[href*='/dokumen/unduh/']:not([href$='/pdf'])")
    return docx_text(download.value.path().read_bytes())


def step(page, live, client_id: int, name: str, **fields) -> None:
    page.goto(live.url + f"/bimbingan/{client_id}")
    page.click(f"a[href$='/bimbingan/{client_id}/langkah/{name}']")
    page.wait_for_load_state()
    for selector, value in fields.items():
        page.fill(f"#{selector}", value)
    submit(page)
    assert page.url.endswith(f"/bimbingan/{client_id}"), page.locator("main").inner_text()


def test_stages_advance_to_the_end_with_books_litmas_evaluation_and_letters(person, live):
    client_id = in_tahap_awal(live, NAME, START, EXPIRY, approved=("lanjutan", "akhir"))
    stages = plan(START, EXPIRY)
    pk = person("tahapan")
    page = pk.login("pk_a")

    step(page, live, client_id, "lanjutan")
    struck = page.locator("main del").all_inner_texts()
    assert long_date(START) in struck, struck  # the initial stage's date, struck out and kept
    assert "Tahap lanjutan" in page.locator("main").inner_text()
    pk.screen("tahap-lanjutan")

    page.goto(live.url + f"/register/buku/ekspirasi?bulan={stages.starts(Stage.LANJUTAN):%Y-%m}")
    row = page.locator("tr", has_text=NAME)
    assert row.count() >= 1 and row.locator("del").count() >= 1, page.locator("main").inner_text()[:2000]
    pk.screen("buku-ekspirasi")

    # final-stage reassessment and classification
    page.goto(live.url + "/assessmentview/add")
    choose(page, "#client", NAME)
    choose_first(page, "#instrument")
    page.select_option("#kind", "reasesmen_akhir")
    fill_date(page, "#assessed_on", TODAY)
    page.check("#consent")
    submit(page)
    page.goto(live.url + f"/asesmen/{newest_id(live, 'Assessment', client_id=client_id)}/jawab")
    answer_every_item(page)
    with page.expect_navigation():
        page.click("button[name=finish]")
    assert "/assessmentview/show/" in page.url, pk.flash_text()
    reassessment_id = newest_id(live, "Assessment", client_id=client_id)

    page.goto(live.url + "/classificationview/add")
    choose(page, "#client", NAME)
    page.select_option("#assessment", str(reassessment_id))
    page.select_option("#level", "sedang")
    page.fill("#needs", "Pelatihan kerja bengkel")
    fill_date(page, "#set_on", TODAY)
    pk.screen("form-klasifikasi")
    submit(page)
    assert "/classificationview/add" not in page.url, page.locator("main").inner_text()

    step(page, live, client_id, "akhir")
    assert "Tahap akhir" in page.locator("main").inner_text()

    # the litmas of the final stage: a draft first (the form lists what is still empty), then every part
    page.click(f"a[href$='/litmas/{client_id}']")
    page.wait_for_load_state()
    page.fill("#analysis", "Klien menunjukkan perkembangan baik selama bimbingan.")
    with page.expect_navigation():
        page.click("button[value='save']")
    assert "Masih kosong" in page.locator("main").inner_text()
    for number, area in enumerate(page.locator("textarea").all()):
        if not area.input_value():
            area.fill(f"Uraian PK bagian {number}.")
    page.fill("#recommendation", "Bimbingan diakhiri sesuai masa bimbingan.")
    pk.screen("tahap-akhir-litmas")
    with page.expect_navigation():
        page.click("button[value='issue']")
    assert "/generateddocumentview/show/" in page.url, page.locator(".alert").all_inner_texts()
    with page.expect_download() as download:
        page.click("a[href*='/dokumen/unduh/']:not([href$='/pdf'])")
    litmas = docx_text(download.value.path().read_bytes())
    assert NAME in litmas and "RAHASIA" in litmas and "IX. KESIMPULAN DAN REKOMENDASI" in litmas

    # the TPP evaluates the final stage
    tpp = person("tpp-evaluasi")
    tpage = tpp.login("tpp")
    tpage.goto(live.url + "/tppsessionview/add")
    choose(tpage, "#office", "BPS-A")
    fill_date(tpage, "#held_on", TODAY)
    tpage.fill("#place", "Ruang sidang TPP")
    tpage.fill("#members_total", "1")
    choose(tpage, "#present", "Tpp")
    submit(tpage)
    session_id = newest_id(live, "TppSession")
    page.goto(live.url + "/tppitemview/add")
    page.select_option("#session", str(session_id))
    choose(page, "#client", NAME)
    page.select_option("#matter", "evaluasi_akhir")
    submit(page)
    item_id = newest_id(live, "TppItem", client_id=client_id, session_id=session_id)
    tpage.goto(live.url + f"/tpp/agenda/{item_id}/keputusan")
    tpage.select_option("#decision", "setuju")
    tpage.check("#consensus-0")
    submit(tpage)
    assert "/keputusan" not in tpage.url, tpp.flash_text()
    tpp.screen("agenda-evaluasi-akhir")

    # the litmas recorded the termination documents; the supervision ends on its expiry date
    page.goto(live.url + f"/bimbingan/{client_id}")
    page.click(f"a[href$='/bimbingan/{client_id}/langkah/akhiri']")
    page.wait_for_load_state()
    assert page.input_value("#on") == EXPIRY.isoformat()
    page.select_option("#end_reason", "selesai")
    page.fill("#decision_number", "W.11.PK.01.05-123/2026")
    fill_date(page, "#decision_date", TODAY)
    pk.screen("form-pengakhiran")
    submit(page)
    main = page.locator("main").inner_text()
    assert page.url.endswith(f"/bimbingan/{client_id}") and "Selesai" in main, main
    record = issue_and_open(page, "/berita-acara-pengakhiran")
    assert NAME in record
    # the certificate states the end once it is recorded
    page.goto(live.url + f"/bimbingan/{client_id}")
    certificate = issue_and_open(page, "/surat-keterangan-akhir")
    assert NAME in certificate
    page.goto(live.url + f"/bimbingan/{client_id}")
    pk.screen("bimbingan-selesai")
