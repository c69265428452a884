"""Static files carry their version in the address and are kept by the browser; nothing else is."""
from __future__ import annotations

import re

from app.platform import static_assets


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_every_asset_of_a_page_carries_the_version_of_its_file_and_is_kept_a_year(as_user):
    pk = as_user("pk_a")
    page = pk.get("/beranda/")
    assert page.status_code == 200
    urls = _asset_urls(page.get_data(as_text=True))
    assert any("/static/appbuilder/" in url for url in urls) and any("/static/sibika/" in url for url in urls)
    for url in urls:
        assert re.search(r"[?&]v=[0-9a-f]{12}(&|$)", url), url
        response = pk.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == static_assets.IMMUTABLE, url


def test_an_asset_asked_without_or_with_an_old_version_is_kept_an_hour_only(as_user):
    client = as_user(None)
    for url in ("/static/sibika/sibika.css", "/static/sibika/sibika.css?v=000000000000",
                "/static/appbuilder/css/ab.css"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == static_assets.AN_HOUR, url


def test_an_edited_file_gets_a_new_version(app, tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    sheet = folder / "x.css"
    sheet.write_text("a { color: red }")
    original, app.static_folder = app.static_folder, str(folder)
    try:
        first = static_assets.version(app, "static", "x.css")
        sheet.write_text("a { color: blue; }")
        assert static_assets.version(app, "static", "x.css") != first
        assert static_assets.version(app, "static", "../x.css") is None
        assert static_assets.version(app, "static", "missing.css") is None
        assert static_assets.version(app, "static", ".") is None  # a folder has no version
    finally:
        app.static_folder = original


def test_a_page_itself_is_never_kept(as_user):
    pk = as_user("pk_a")
    page = pk.get("/beranda/")
    assert "immutable" not in page.headers.get("Cache-Control", "")
