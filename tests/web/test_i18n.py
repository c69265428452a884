"""Indonesian first, English selectable; no English left on the main screens."""
from __future__ import annotations

import re

import pytest

PAGES = ["/", "/clientview/list/", "/clientview/add", "/handoverview/list/", "/handoverview/add",
         "/pkassignmentview/list/", "/partnerview/list/", "/officeview/list/", "/auditlogview/list/",
         "/dasar-hukum/", "/users/list/", "/users/add", "/guardianview/list/", "/confidentialview/list/"]
# "Filter" is omitted: it is also the Indonesian word ("Tambah Filter").
ENGLISH = re.compile(r"\b(Cancel|None|True|False|List|Search|Add|Edit|Delete|Show|Record|Actions|Clients|"
                     r"Handovers|Partners|Offices|Save|Back|Welcome|Logout)\b")


def visible_text(html: str) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>|<option[^>]*>English</option>", "", html, flags=re.S)
    html = re.sub(r'<[^>]+>', " ", html)
    return html


@pytest.mark.parametrize("page", PAGES)
def test_screens_are_indonesian_by_default(as_user, make_client, page):
    client = make_client(pk="pk_a")
    browser = as_user("admin")
    text = visible_text(browser.get(page).get_data(as_text=True))
    found = set(ENGLISH.findall(text)) - {"English"}
    assert found == set(), f"{page}: {sorted(found)}"
    if page == "/clientview/list/":
        filtered = browser.get(f"/clientview/list/?_flt_0_registration_number={client.registration_number}")
        assert "Klien" in text and client.registration_number in filtered.get_data(as_text=True)


def test_english_can_be_chosen_and_indonesian_restored(app):
    from tests.conftest import Browser

    browser = Browser(app, "kepala")
    assert "Daftar Klien" in browser.get("/clientview/list/").get_data(as_text=True)
    browser.get("/lang/en")
    assert "Client list" in browser.get("/clientview/list/").get_data(as_text=True)
    browser.get("/lang/id")
    assert "Daftar Klien" in browser.get("/clientview/list/").get_data(as_text=True)
