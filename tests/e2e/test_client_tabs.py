"""The tabs of the client page (widgets/related_tab.html): a row is deleted from its tab after the confirmation and
the officer is back on the client's page; the tab's add button opens the form for this client."""
from __future__ import annotations

from tests.e2e.conftest import EXPIRY, START, choose, submit
from tests.e2e.journeys import in_tahap_awal


def test_a_guardian_is_added_and_deleted_from_the_clients_tab(person, live):
    client_id = in_tahap_awal(live, "Rudi Hartono", START, EXPIRY, approved=())
    me = person()
    page = me.login("admin")
    me.go(f"/clientview/show/{client_id}")
    page.click('a[href="#GuardianView"]')
    with page.expect_navigation():
        page.locator("#GuardianView a.btn-primary").first.click()  # the tab's add button
    # FAB takes the client from the tab's filter: the form does not even ask for it.
    assert f"_flt_0_client={client_id}" in page.url and page.locator("#client").count() == 0
    page.fill("#name", "Bapak Wali Tab")
    choose(page, "#relation", "Ayah")
    submit(page)
    assert f"/clientview/show/{client_id}" in page.url, page.url  # back where the officer came from
    page.click('a[href="#GuardianView"]')
    me.screen("tab-wali")
    row = page.locator("#GuardianView tr", has_text="Bapak Wali Tab")
    assert row.count() == 1
    row.locator("a.confirm").click()
    page.wait_for_selector("#modal-confirm", state="visible")
    with page.expect_navigation():
        page.click("#modal-confirm-ok")
    assert f"/clientview/show/{client_id}" in page.url and "dihapus" in me.flash_text()
    assert page.locator("#GuardianView tr", has_text="Bapak Wali Tab").count() == 0
