"""Real and hostile files for the upload tests, made here (no binary fixtures)."""
from __future__ import annotations

import io

POLYGLOT_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
GPS_TAG = 0x8825  # EXIF's pointer to the GPS block


def png(size=(8, 6), colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps(size=(16, 12)) -> bytes:
    """A phone photo as it comes off the camera: EXIF with a GPS position (Jakarta) and a camera make."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    gps = exif.get_ifd(GPS_TAG)
    gps.update({1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf(pages: int = 1, javascript: bool = False) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if javascript:  # a script run on opening, held in an object of its own as real ones are
        action = writer._add_object(DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")}))
        writer._root_object[NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_polyglot() -> bytes:
    """The PNG signature and a header chunk, then a web page: what filetype called image/png."""
    return png()[:33] + POLYGLOT_HTML


def pdf_garbage() -> bytes:
    """A PDF header followed by anything at all."""
    return b"%PDF-1.4\n" + POLYGLOT_HTML + b"\n%%EOF"


def truncated_png() -> bytes:
    data = png(size=(64, 64))
    return data[: len(data) - 30]
