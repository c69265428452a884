"""A client's family member answers the satisfaction survey on a 360 px phone with the one-time code printed
on the monthly report; the code cannot be used twice; the Kepala Bapas reads the quarter's IKM and publishes
it; the public page shows it. axe-core on every screen, including the refusal."""
from __future__ import annotations

PHONE = {"viewport": {"width": 360, "height": 760}, "is_mobile": True, "has_touch": True}
# The answers tapped, element by element (1-4): IKM = mean x 25.
TAPS = [4, 3, 3, 4, 3, 4, 4, 3, 2]


def _issue_code(live) -> str:
    def issue(session, world):
        from app.survey import codes

        code = codes.issue(session, world.office_a, "laporan_perkembangan").code
        session.commit()
        return code

    return live.seed(issue)


def _fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_survey_on_a_phone_to_the_published_index(person, live):
    code = _issue_code(live)
    public = person("survei", **PHONE)
    page = public.go(f"/survei/BPS-A/?kode={code}")
    assert page.locator("html").get_attribute("lang") == "id"
    assert _fits(page), "the form is wider than a 360 px phone"
    public.screen("form-survei")
    keys = page.eval_on_selector_all("fieldset.skm-element", "els => els.map(e => e.id.slice(2))")
    assert len(keys) == 9
    for key, value in zip(keys, TAPS):
        page.click(f"label[for='{key}-{value}']")
    page.fill("#suggestion", "Ruang tunggu perlu kursi tambahan.")
    page.select_option("#age_range", "36_45")
    with page.expect_navigation():
        page.click("form.skm-form button[type=submit]")
    assert "/terima-kasih" in page.url and "Terima kasih" in page.locator("main").inner_text()
    public.screen("survei-terima-kasih")

    page = public.go(f"/survei/BPS-A/?kode={code}")
    for key in keys:
        page.click(f"label[for='{key}-3']")
    with page.expect_navigation():
        page.click("form.skm-form button[type=submit]")
    assert "sudah dipakai" in page.locator("main").inner_text()
    assert _fits(page)
    public.screen("survei-kode-sudah-dipakai")

    kepala = person("kepala-skm")
    kepala.login("kepala")
    page = kepala.go("/skm/")
    text = page.locator("main").inner_text() if page.locator("main").count() else page.locator("body").inner_text()
    assert "1 responden" in text and "83,33" in text  # (4+3+3+4+3+4+4+3+2)/9 x 25 = 30/9 x 25
    kepala.screen("skm-kepala")
    with page.expect_navigation():
        page.click("form[action$='/skm/terbitkan'] button[type=submit]")
    assert "diumumkan" in kepala.flash_text()
    kepala.screen("skm-kepala-diumumkan")

    page = public.go("/survei/hasil/BPS-A/")
    assert "83,33" in page.locator("main").inner_text() and _fits(page)
    public.screen("skm-hasil-publik")

    page = kepala.go("/skm/")
    page.fill("#jumlah", "4")
    with page.expect_navigation():
        page.click("form[action$='/skm/kode'] button[type=submit]")
    assert page.locator(".skm-codes li").count() == 4
    kepala.screen("skm-kode-loket")
