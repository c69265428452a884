"""A PK of another caseload who types a client's URLs gets no data; the language switches to English and back."""
from __future__ import annotations

import pytest

from tests.e2e.journeys import in_tahap_awal, newest_id
from tests.e2e.conftest import EXPIRY, START

NAME = "Galih Permana"


@pytest.fixture(scope="module")
def client_of_pk_a(live):
    client_id = in_tahap_awal(live, NAME, START, EXPIRY, approved=())
    return client_id, newest_id(live, "Guardian", client_id=client_id)


def test_a_pk_of_another_caseload_typing_the_urls_gets_no_data(person, live, client_of_pk_a):
    client_id, guardian_id = client_of_pk_a
    owner = person("pemilik")
    owner.login("pk_a")
    assert NAME in owner.go(f"/clientview/show/{client_id}").locator("main").inner_text()

    other = person("pk-lain")
    page = other.login("pk_a2")
    urls = [f"/clientview/show/{client_id}", f"/clientview/edit/{client_id}", f"/bimbingan/{client_id}",
            f"/bimbingan/{client_id}/langkah/lanjutan", f"/bimbingan/{client_id}/masa",
            f"/klien-foto/{client_id}", f"/guardianview/show/{guardian_id}", f"/api/v1/client/{client_id}"]
    for url in urls:
        response = page.goto(live.url + url)
        assert response.status in (403, 404), (url, response.status)
        content = page.content()
        for secret in (NAME, "Siti Aminah", "Jl. Melati"):
            assert secret not in content, (url, secret)
    page.goto(live.url + "/clientview/list/")
    assert NAME not in page.content()
    other.screen("daftar-klien-pk-lain")


def test_the_language_switches_to_english_and_back(person):
    me = person("bahasa")
    page = me.login("pk_a")
    page.goto(me.live.url + "/clientview/list/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert "Daftar Klien" in page.locator("main").inner_text()

    page.click("a.dropdown-toggle:has(.flag)")
    with page.expect_navigation():
        page.click("a[lang=en]")
    page.goto(me.live.url + "/clientview/list/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Client list" in page.locator("main").inner_text()
    me.screen("daftar-klien-english")

    page.click("a.dropdown-toggle:has(.flag)")
    with page.expect_navigation():
        page.click("a[lang=id]")
    page.goto(me.live.url + "/clientview/list/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert "Daftar Klien" in page.locator("main").inner_text()
