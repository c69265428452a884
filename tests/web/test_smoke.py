"""Every main screen opens for the roles that should see it."""
import pytest

SCREENS = ["/clientview/list/", "/handoverview/list/", "/pkassignmentview/list/", "/partnerview/list/",
           "/guardianview/list/", "/confidentialview/list/", "/officeview/list/", "/auditlogview/list/",
           "/dasar-hukum/", "/clientview/add", "/handoverview/add", "/pkassignmentview/add"]


@pytest.mark.parametrize("username", ["admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"])
def test_screens_answer_without_server_errors(as_user, make_client, username):
    make_client(status="aktif", handover=True)
    browser = as_user(username)
    for url in SCREENS:
        response = browser.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    assert browser.get("/").status_code == 302
    assert browser.get("/beranda/").status_code == 200
