"""Client photos: content-checked, size-limited, served only through the access layer."""
from __future__ import annotations

import io
import struct
import zlib

from models import Client


def png_bytes(extra: int = 0) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"\x00\xff\x00\x00"
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    if extra:
        body += chunk(b"tEXt", b"c\x00" + b"x" * extra)
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")


def upload(browser, client_id, data: bytes, name="foto.png"):
    return browser.post(f"/klien-foto/{client_id}/unggah", data={"photo": (io.BytesIO(data), name)},
                        content_type="multipart/form-data")


def test_a_png_is_stored_and_served_to_the_caseload_only(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    assert upload(as_user("pk_a"), client.id, png_bytes()).status_code == 302
    db_session.expire_all()
    assert db_session.get(Client, client.id).photo.endswith(".png")
    served = as_user("pk_a").get(f"/klien-foto/{client.id}")
    assert served.status_code == 200 and served.data.startswith(b"\x89PNG")
    assert "no-store" in served.headers["Cache-Control"]
    assert as_user("pk_a2").get(f"/klien-foto/{client.id}").status_code == 404
    assert as_user("pk_b").get(f"/klien-foto/{client.id}").status_code == 404


def test_a_file_named_png_that_is_not_an_image_is_refused(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    response = upload(as_user("pk_a"), client.id, b"%PDF-1.4 not an image", "foto.png")
    assert response.status_code == 200 and "bukan gambar" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Client, client.id).photo is None


def test_an_oversized_photo_is_refused_with_its_size(as_user, make_client, db_session, app):
    client = make_client(pk="pk_a")
    big = png_bytes(extra=app.config["PHOTO_MAX_BYTES"] + 10)
    response = upload(as_user("pk_a"), client.id, big)
    assert response.status_code == 200 and "2048 KB" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Client, client.id).photo is None


def test_an_outsider_cannot_upload_over_a_client_photo(as_user, make_client):
    client = make_client(pk="pk_a")
    assert upload(as_user("pk_a2"), client.id, png_bytes()).status_code == 404
