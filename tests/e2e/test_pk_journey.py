"""A PK takes a newly handed-over child from assessment to the first monthly report, with a TPP member approving
the initial programme in a session; in Indonesian, in a real browser."""
from __future__ import annotations

import io

import docx

from tests.e2e.conftest import START, TODAY, choose, choose_first, fill_date, submit
from tests.e2e.journeys import newest_id, registered_client

NAME = "Dimas Saputra"


def answer_every_item(page) -> None:
    names = page.eval_on_selector_all("input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
    assert names, "the instrument has no items"
    for name in names:
        page.locator(f"input[type=radio][name='{name}']").first.check()


def test_pk_assesses_plans_gets_tpp_approval_starts_and_reports(person, live):
    client_id = registered_client(live, NAME)
    pk = person("pk")
    page = pk.login("pk_a")

    page.goto(pk.live.url + f"/clientview/show/{client_id}")
    assert NAME in page.locator("main").inner_text()
    pk.screen("detail-klien")

    # initial assessment: draft, answers, consent, locked
    page.goto(pk.live.url + "/assessmentview/add")
    choose(page, "#client", NAME)
    choose_first(page, "#instrument")
    page.select_option("#kind", "awal")
    fill_date(page, "#assessed_on", START)
    page.check("#consent")
    page.fill("#needs", "Kontrol emosi; kembali bersekolah")
    pk.screen("form-asesmen")
    submit(page)
    assessment_id = newest_id(pk.live, "Assessment", client_id=client_id)
    page.goto(pk.live.url + f"/asesmen/{assessment_id}/jawab")
    answer_every_item(page)
    pk.screen("jawab-asesmen")
    with page.expect_navigation():
        page.click("button[name=finish]")
    assert "/assessmentview/show/" in page.url, pk.flash_text()
    pk.screen("hasil-asesmen")

    # the initial programme, submitted to the TPP
    page.goto(pk.live.url + "/programmeview/add")
    choose(page, "#client", NAME)
    page.select_option("#stage", "awal")
    page.fill("#interests_talents", "Otomotif, sepak bola")
    submit(page)
    programme_id = newest_id(pk.live, "Programme", client_id=client_id)
    page.goto(pk.live.url + f"/programmeview/show/{programme_id}")
    page.locator("a[href*='programmeitemview/add']:visible").first.click()
    page.wait_for_load_state()
    page.select_option("#kind", "kepribadian")
    page.select_option("#activity_kind", "konseling")
    page.fill("#activity", "Konseling rutin")
    page.fill("#need", "Kontrol emosi")
    page.fill("#target", "Tidak berkelahi lagi")
    page.fill("#frequency", "2x sebulan")
    pk.screen("form-butir-program")
    submit(page)
    page.goto(pk.live.url + f"/programmeview/show/{programme_id}")
    with page.expect_navigation():
        page.click("form[action$='/ajukan'] button")
    assert "Diajukan" in page.locator("main").inner_text()
    pk.screen("program-diajukan")

    # the PK starts tahap awal on the computed date (the TPP's agenda takes only clients under supervision)
    page.goto(pk.live.url + f"/bimbingan/{client_id}")
    page.click(f"a[href$='/bimbingan/{client_id}/langkah/mulai']")
    page.wait_for_load_state()
    assert page.input_value("#on") == START.isoformat()
    submit(page)
    assert "Tahap awal" in page.locator("main").inner_text(), pk.flash_text()
    pk.screen("tahapan-awal")

    # a TPP member plans the session; the PK puts the programme on its agenda; the member approves it
    tpp = person("tpp")
    tpage = tpp.login("tpp")
    tpage.goto(tpp.live.url + "/tppsessionview/add")
    choose(tpage, "#office", "BPS-A")
    fill_date(tpage, "#held_on", TODAY)
    tpage.fill("#time_text", "09.00 s.d. selesai")
    tpage.fill("#place", "Ruang sidang TPP")
    choose(tpage, "#chair", "Tpp")
    tpage.fill("#members_total", "1")
    tpage.select_option("#present", label=tpage.locator("#present option", has_text="Tpp").first.inner_text().strip())
    tpp.screen("form-sidang-tpp")
    submit(tpage)
    session_id = newest_id(tpp.live, "TppSession")

    page.goto(pk.live.url + "/tppitemview/add")
    choose_first(page, "#session")
    choose(page, "#client", NAME)
    page.select_option("#matter", "rencana_awal")
    choose_first(page, "#programme")
    page.fill("#pk_recommendation", "Program tahap awal disetujui untuk dilaksanakan.")
    pk.screen("form-agenda-tpp")
    submit(page)
    assert "/tppitemview/add" not in page.url, page.locator("main").inner_text()
    item_id = newest_id(pk.live, "TppItem", client_id=client_id, session_id=session_id)

    tpage.goto(tpp.live.url + f"/tpp/agenda/{item_id}/keputusan")
    tpage.select_option("#decision", "setuju")
    tpp.screen("keputusan-tpp")
    submit(tpage)
    assert "/keputusan" not in tpage.url, tpp.flash_text()

    # apel and a guidance activity
    page.goto(pk.live.url + "/apellogview/add")
    choose(page, "#client", NAME)
    fill_date(page, "#reported_on", TODAY)
    page.fill("#notes", "Datang tepat waktu")
    pk.screen("form-apel")
    submit(page)
    assert "/apellogview/add" not in page.url, pk.flash_text()

    def activity(kind: str, what: str):
        page.goto(pk.live.url + "/progressentryview/add")
        choose(page, "#client", NAME)
        fill_date(page, "#happened_on", TODAY)
        page.select_option("#kind", kind)
        page.fill("#place", "Rumah klien" if kind == "kunjungan_rumah" else "Kantor Bapas")
        page.fill("#what_happened", what)
        page.fill("#result", "Klien kooperatif")
        page.fill("#follow_up", "Lanjut sesuai program")

    activity("konseling", "Konseling tentang kontrol emosi")
    choose(page, "#programme_item", "Konseling rutin")
    pk.screen("form-kegiatan")
    submit(page)
    assert "/progressentryview/add" not in page.url, pk.flash_text()

    # a home visit needs the client's recorded consent
    activity("kunjungan_rumah", "Kunjungan ke rumah orang tua")
    submit(page)
    assert "/progressentryview/add" in page.url
    assert "persetujuan" in page.locator("main").inner_text().lower()
    pk.screen("kunjungan-rumah-ditolak")

    page.goto(pk.live.url + "/consentview/add")
    choose(page, "#client", NAME)
    page.check("#given")
    page.check("#by_client")
    page.check("#by_guardian")
    fill_date(page, "#recorded_on", TODAY)
    pk.screen("form-persetujuan")
    submit(page)
    assert "/consentview/add" not in page.url, pk.flash_text()

    activity("kunjungan_rumah", "Kunjungan ke rumah orang tua")
    submit(page)
    assert "/progressentryview/add" not in page.url, pk.flash_text()
    page.goto(pk.live.url + "/progressentryview/list/")
    assert page.locator("table tr", has_text="Kunjungan Rumah").count() >= 1
    pk.screen("buku-perkembangan")

    # the monthly report, downloaded and opened
    page.goto(pk.live.url + f"/bimbingan/{client_id}")
    page.fill("#bulan", TODAY.strftime("%Y-%m"))
    with page.expect_navigation():
        page.click("form[action$='/laporan-bulanan'] button")
    assert "/generateddocumentview/show/" in page.url, pk.flash_text()
    pk.screen("dokumen-laporan-bulanan")
    with page.expect_download() as download:
        page.click("a[href*='/dokumen/unduh/']:not([href$='/pdf'])")
    data = download.value.path().read_bytes()
    assert data[:2] == b"PK"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    text += "\n".join(c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
    assert NAME in text
