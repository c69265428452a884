"""A refusal or a missing page keeps a logged-in officer inside their own screens (menu and account), while the
public sees the public layout; neither says whether the record exists."""
from __future__ import annotations


def test_a_logged_in_officer_refused_keeps_their_menu(as_user, make_client):
    client = make_client()
    refused = as_user("pengaduan").get(f"/klien/{client.id}/")
    body = refused.get_data(as_text=True)
    assert refused.status_code == 403
    assert "Tidak Diizinkan" in body and "/logout/" in body and "navbar" in body
    assert client.full_name not in body


def test_a_missing_page_for_an_officer_is_in_their_layout_and_for_the_public_in_the_public_one(as_user):
    officer = as_user("pk_a").get("/klien/987654/")
    assert officer.status_code == 404 and "/logout/" in officer.get_data(as_text=True)
    public = as_user(None).get("/tidak-ada-halaman-ini/")
    body = public.get_data(as_text=True)
    assert public.status_code == 404 and "/logout/" not in body and "Kembali ke halaman publik" in body
