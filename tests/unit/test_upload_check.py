"""app.platform.uploads: an upload is what it claims to be, decoded in full; images are stored re-encoded."""
from __future__ import annotations

import io
import zipfile

import pytest
from flask import Flask
from flask_babel import Babel
from PIL import Image

from app.platform import uploads
from app.errors import DomainError
from tests import upload_files as files

LIMIT = 5 * 1024 * 1024


@pytest.fixture(autouse=True)
def _babel():
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        yield


def refused(name, data, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        uploads.check(name, data, LIMIT, **kwargs)
    return " ".join(caught.value.messages)


def test_a_png_header_followed_by_html_is_not_an_image():
    assert "not a readable" in refused("bukti.png", files.png_polyglot())


def test_a_truncated_png_is_refused():
    assert "not a readable" in refused("foto.png", files.truncated_png())


def test_a_pdf_header_followed_by_garbage_is_refused():
    assert "not a readable" in refused("scan.pdf", files.pdf_garbage())


def test_a_pdf_with_javascript_is_refused():
    assert "scripts" in refused("scan.pdf", files.pdf(javascript=True))


def test_an_encrypted_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf())))
    writer.encrypt("rahasia")
    out = io.BytesIO()
    writer.write(out)
    assert "password" in refused("scan.pdf", out.getvalue())


def test_a_real_pdf_is_kept_as_it_came():
    data = files.pdf(pages=3)
    checked = uploads.check("scan.PDF", data, LIMIT)
    assert (checked.mime, checked.extension, checked.data) == ("application/pdf", "pdf", data)


def test_a_jpeg_is_stored_re_encoded_without_exif_gps():
    original = files.jpeg_with_gps()
    assert files.GPS_TAG in Image.open(io.BytesIO(original)).getexif()
    checked = uploads.check("foto.jpg", original, LIMIT)
    stored = Image.open(io.BytesIO(checked.data))
    assert checked.mime == "image/jpeg" and stored.format == "JPEG" and stored.size == (16, 12)
    assert dict(stored.getexif()) == {} and "exif" not in stored.info
    assert b"KameraHP" not in checked.data


def test_trailing_bytes_after_a_valid_png_are_not_stored():
    checked = uploads.check("foto.png", files.png() + files.POLYGLOT_HTML, LIMIT)
    assert b"<script>" not in checked.data and Image.open(io.BytesIO(checked.data)).size == (8, 6)


def test_an_extension_that_does_not_match_the_content_is_refused():
    assert ".pdf" in refused("foto.pdf", files.png())
    assert ".png" in refused("scan.png", files.pdf())


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded():
    out = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(out, "PNG")  # 60 megapixels in a few kilobytes
    assert "megapixels" in refused("besar.png", out.getvalue())


def test_other_content_and_pdf_for_photos_are_refused():
    assert "not a readable" in refused("a.png", b"GIF89a" + b"\x00" * 20)
    assert "JPEG or PNG image" in refused("scan.pdf", files.pdf(), allowed=(uploads.JPEG, uploads.PNG))


def test_a_damaged_docx_is_refused_by_the_template_check():
    from app.documents import render, templates

    good = (render.TEMPLATE_DIR / templates.SHIPPED["kartu_bimbingan"]).read_bytes()
    # Flip one byte inside the stored (compressed) document body: the zip directory still lists it.
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 10
    damaged = good[:start] + bytes([good[start] ^ 0xFF]) + good[start + 1:]
    assert templates.problems("kartu_bimbingan", damaged) == ["The file is not a Word document (.docx)."]
