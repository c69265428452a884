"""Rendering a template with a context, and proving nothing was left unfilled."""
from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from pathlib import Path

import segno
from docx.shared import Mm
from docxtpl import InlineImage
from flask_babel import gettext as _
from jinja2 import TemplateError, UndefinedError
from jinja2.sandbox import SecurityError

from app.documents import compiled, page, samples
from app.errors import DomainError

log = logging.getLogger(__name__)
TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "doc_templates"
LEFTOVER = re.compile(r"\{\{|\{%|\bNone\b")


def template_version(path: Path) -> str:
    """The SHA-256 of the template file: which version made a document."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def document_text(data: bytes) -> str:
    """All text of a .docx (body, headers, footers) without the XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        parts = [n for n in docx.namelist() if n.startswith("word/") and n.endswith(".xml")]
        xml = " ".join(docx.read(n).decode("utf-8") for n in parts)
    return re.sub(r"<[^>]+>", "", xml)


# The parts docxtpl fills: a field can be left over only there. The rest (styles, theme, settings:
# most of a template's bytes) is the template's own and was checked at upload (templates.problems).
FILLED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def filled_text(data: bytes) -> str:
    """The text of the parts of a .docx a render fills (body, headers, footers, notes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        xml = " ".join(docx.read(n).decode("utf-8") for n in docx.namelist() if FILLED_PARTS.fullmatch(n))
    return re.sub(r"<[^>]+>", "", xml)


def qr_png(text: str) -> bytes:
    """A QR code (PNG) of a verification address."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def render(path: Path, context: dict, images: dict[str, tuple[bytes, int]] | None = None,
           paper: str | None = None) -> bytes:
    """The filled document; a DomainError if any field stayed unfilled.

    ``images`` are placed where the template says ``{{ name }}``: {name: (PNG/JPEG bytes, width in mm)}.
    ``paper`` is the office's paper size (app.documents.page; A4 when not given)."""
    template = compiled.load(path)  # compiled once per file content, a fresh document per letter
    # A picture the caller has none of stays empty (the issuing command names what is missing).
    pictures = {key: "" for key in samples.IMAGES}
    pictures.update({key: InlineImage(template, io.BytesIO(data), width=Mm(width))
                     for key, (data, width) in (images or {}).items()})
    try:
        template.render({**context, **pictures})  # in the sandbox of app.documents.sandbox
    except SecurityError as exc:
        # A stored template that reaches past its variables (written before the upload
        # check knew better, or put in the store by hand): nothing runs, nothing is issued.
        log.warning("template %s refused by the sandbox: %s", path, exc)
        raise DomainError(_("The template %(name)s tries to use something other than the variables of its "
                            "document; nothing was issued. Ask the Admin to replace it.",
                            name=Path(path).name)) from exc
    except UndefinedError as exc:
        raise DomainError(_("The template %(name)s uses a value this document does not have (%(detail)s); "
                            "nothing was issued. Ask the Admin to replace it.",
                            name=Path(path).name, detail=str(exc))) from exc
    except TemplateError as exc:
        raise DomainError(_("A field is written wrongly: %(detail)s.", detail=exc.message or str(exc))) from exc
    page.apply(template.docx, paper)
    buffer = io.BytesIO()
    template.save(buffer)
    data = buffer.getvalue()
    leftover = LEFTOVER.findall(filled_text(data))
    if leftover:
        raise DomainError(_("The template %(name)s left fields unfilled: %(fields)s.", name=Path(path).name,
                            fields=", ".join(sorted(set(leftover)))))
    return data
