"""The one check every uploaded scan or photo passes before it is stored.

The first bytes prove nothing: a PNG signature followed by HTML and script is
not a picture. So an image is decoded in full by Pillow and RE-ENCODED: what is
stored is the server's own encoding of the pixels, with no trailing bytes and
no metadata (EXIF GPS in a phone photo would tell where a child lives). A PDF is
parsed in full by pypdf and refused when it is encrypted or carries active
content (script, an action on opening, a launch, an embedded file). Anything
else, or a file name whose extension says another type, is refused and nothing
is stored. Templates (.docx) and register imports (.xlsx/.csv) are other
formats with their own structural checks (app.documents.templates,
app.imports.reading).
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from flask_babel import gettext as _

from app.errors import DomainError

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
EXTENSIONS = {JPEG: ("jpg", "jpeg"), PNG: ("png",), PDF: ("pdf",)}
SIGNATURES = {JPEG: b"\xff\xd8\xff", PNG: b"\x89PNG\r\n\x1a\n", PDF: b"%PDF-"}
PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG"}
# A 40-megapixel phone photo fits; a small file that decodes to gigabytes does not.
MAX_PIXELS = 50_000_000
MAX_PDF_PAGES = 300
# Keys that make a PDF do something when opened or clicked, or carry other files.
ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile",
                         "/EmbeddedFiles", "/RichMedia", "/XFA", "/GoToE", "/SubmitForm", "/ImportData"})
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/GoToE", "/SubmitForm", "/ImportData", "/RichMediaExecute"})


@dataclass(frozen=True)
class Checked:
    """What may be stored: the server's content type, its extension and the bytes to write."""

    mime: str
    extension: str
    data: bytes


def content_type(mime: str | None) -> str:
    """The content type a stored file is served with: one the server knows, never the uploader's word."""
    return mime if mime in EXTENSIONS else "application/octet-stream"


def check(name: str, data: bytes, max_bytes: int, allowed=(JPEG, PNG, PDF)) -> Checked:
    """The file ready to store, or a DomainError that says what is wrong with it."""
    if not data:
        raise DomainError(_("Choose a file to upload."))
    if len(data) > max_bytes:
        raise DomainError(_("The file is %(size)s KB; the limit is %(limit)s KB.", size=len(data) // 1024,
                            limit=max_bytes // 1024))
    mime = next((m for m in allowed if data.startswith(SIGNATURES[m])), None)
    if mime is None:
        raise DomainError(refused_message(allowed))
    extension = name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    if extension not in EXTENSIONS[mime]:
        raise DomainError(_("The file's name says .%(ext)s but its content is %(mime)s.", ext=extension,
                            mime=mime))
    if mime == PDF:
        _check_pdf(data, allowed)
        return Checked(PDF, "pdf", data)
    return Checked(mime, EXTENSIONS[mime][0], _reencode(data, mime, allowed))


def refused_message(allowed) -> str:
    if PDF in allowed:
        return _("The file is not a readable PDF, JPEG or PNG; nothing was stored.")
    return _("The file is not a readable JPEG or PNG image; nothing was stored.")


def _reencode(data: bytes, mime: str, allowed) -> bytes:
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != PILLOW_FORMAT[mime]:
                    raise DomainError(refused_message(allowed))
                _check_pixels(probe.size)
                probe.verify()  # PNG: chunk checksums; reopen afterwards, verify() leaves it unusable
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel decoded: a truncated file fails here
                image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
                return _encode(image, mime)
    except DomainError:
        raise
    except Exception:  # noqa: BLE001 - a hostile file may break the decoder in any way; none may become a 500
        raise DomainError(refused_message(allowed)) from None


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise DomainError(_("The image is %(width)s × %(height)s pixels; at most %(limit)s megapixels are "
                            "accepted.", width=width, height=height, limit=MAX_PIXELS // 1_000_000))


def _encode(image, mime: str) -> bytes:
    """Pixels only: no EXIF, no text chunks, no ICC or XMP packet from the upload."""
    out = io.BytesIO()
    if mime == JPEG:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            image = image.convert("RGBA")
        image.info = {"transparency": image.info["transparency"]} if "transparency" in image.info else {}
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _check_pdf(data: bytes, allowed) -> None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DomainError(_("The PDF is protected by a password or encrypted; upload it without protection."))
        pages = len(reader.pages)
        if pages < 1:
            raise DomainError(refused_message(allowed))
        if pages > MAX_PDF_PAGES:
            raise DomainError(_("The PDF has %(n)d pages; at most %(limit)d are accepted.", n=pages,
                                limit=MAX_PDF_PAGES))
        for page in reader.pages:
            page.get_contents()  # each page's content streams read and decoded
        if _active(reader.trailer, 0) or any(_active(_object(reader, ref), 0) for ref in _object_ids(reader)):
            raise DomainError(_("The PDF contains scripts, automatic actions or embedded files; print it to PDF "
                                "again or scan the paper."))
    except DomainError:
        raise
    except Exception:  # noqa: BLE001 - as for images: a broken file is refused, never a 500
        raise DomainError(refused_message(allowed)) from None


def _object_ids(reader) -> list[tuple[int, int]]:
    """Every indirect object the cross-reference knows, including those inside object streams."""
    ids = [(number, generation) for generation, numbers in reader.xref.items() for number in numbers]
    ids += [(number, 0) for number in reader.xref_objStm]
    return ids


def _object(reader, ref):
    from pypdf.generic import IndirectObject

    return IndirectObject(ref[0], ref[1], reader).get_object()


def _active(value, depth: int) -> bool:
    """True when a dictionary (or what it holds directly) names active content. Indirect
    references are not followed: every indirect object is visited on its own."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if depth > 50:
        return True  # nesting no scanner produces
    if isinstance(value, DictionaryObject):
        if ACTIVE_KEYS & set(value.keys()) or value.get("/S") in ACTIVE_ACTIONS:
            return True
        return any(_active(v, depth + 1) for v in value.values())
    if isinstance(value, ArrayObject):
        return any(_active(v, depth + 1) for v in value)
    return False
