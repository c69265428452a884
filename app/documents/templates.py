"""Template versions: which file makes a document type, and the check a new
version must pass before it becomes active: its fields may use only the documented
variables (app.documents.template_fields), and it must fill completely against
sample data in the sandbox (app.documents.sandbox); whatever is wrong is named."""
from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from pathlib import Path

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from flask_babel import gettext as _
from jinja2.sandbox import SecurityError
from lxml import etree
from sqlalchemy import select

from app.documents import render, samples, sandbox, template_fields, template_messages
from app.errors import DomainError
from models import DocumentTemplate

SHIPPED = {"laporan_perkembangan": "laporan_perkembangan.docx", "kartu_bimbingan": "kartu_bimbingan.docx",
           "berita_acara_serah_terima": "berita_acara_serah_terima.docx",
           "surat_keterangan_akhir": "surat_keterangan_akhir.docx",
           "surat_jawaban_pengaduan": "surat_jawaban_pengaduan.docx",
           "berita_acara_sidang_tpp": "berita_acara_sidang_tpp.docx", "kontrak_bimbingan": "kontrak_bimbingan.docx",
           "berita_acara_pengakhiran": "berita_acara_pengakhiran.docx", "litmas": "litmas.docx",
           "surat_pengantar_pindah": "surat_pengantar_pindah.docx", "berita_acara_pindah": "berita_acara_pindah.docx"}
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # what a letter template unpacks to at most; a zip bomb does not pass


def active_path(session, doc_type: str, upload_dir: str) -> Path:
    uploaded = session.scalars(select(DocumentTemplate).where(
        DocumentTemplate.doc_type == doc_type, DocumentTemplate.active.is_(True))
        .order_by(DocumentTemplate.id.desc())).first()
    if uploaded is not None:
        return Path(upload_dir) / "templates" / uploaded.stored_name
    return render.TEMPLATE_DIR / SHIPPED[doc_type]


def problems(doc_type: str, data: bytes) -> list[str]:
    """Everything wrong with a candidate template (empty when it may become active)."""
    if doc_type not in SHIPPED:
        return [_("Unknown document type.")]
    if len(data) > MAX_BYTES:
        return [_("The file is larger than 5 MB.")]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            if "word/document.xml" not in docx.namelist():
                raise zipfile.BadZipFile
            if sum(info.file_size for info in docx.infolist()) > MAX_UNPACKED:
                return [_("The document unpacks to more than %(limit)s MB.", limit=MAX_UNPACKED // 2**20)]
            # Every member read to its end and its checksum compared: a damaged or doctored
            # archive is refused here, not half-rendered later.
            if docx.testzip() is not None:
                raise zipfile.BadZipFile
    except Exception:  # noqa: BLE001 - BadZipFile, zlib.error, an encrypted or unknown compression...
        return [_("The file is not a Word document (.docx).")]
    try:
        refused = template_fields.refusals(DocxTemplate(io.BytesIO(data)), doc_type)
    except (KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError):  # Word parts python-docx cannot read
        return [_("The file is not a Word document (.docx).")]
    if refused:
        return refused
    template = DocxTemplate(io.BytesIO(data))
    context = {**samples.SAMPLES[doc_type], **{name: f"[{name.upper()}]" for name in samples.IMAGES}}
    try:
        sandbox.fill(template, context)
    except SecurityError as exc:
        return [_("A field uses something other than the variables of this document type: %(detail)s.",
                  detail=str(exc))]
    except jinja2.UndefinedError as exc:
        return [_("Unknown or misspelt variable: %(detail)s.", detail=template_messages.undefined_detail(str(exc)))]
    except jinja2.TemplateSyntaxError as exc:
        return [_("A field is written wrongly: %(detail)s.",
                  detail=template_messages.syntax_problem(exc.message or str(exc)))]
    buffer = io.BytesIO()
    template.save(buffer)
    leftover = render.LEFTOVER.findall(render.document_text(buffer.getvalue()))
    if leftover:
        return [_("Fields stay unfilled: %(fields)s.", fields=", ".join(sorted(set(leftover))))]
    return []


def upload(session, doc_type: str, name: str, data: bytes, upload_dir: str, by_id: int | None) -> DocumentTemplate:
    found = problems(doc_type, data)
    if found:
        raise DomainError(*found)
    folder = Path(upload_dir) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.docx"
    (folder / stored).write_bytes(data)
    version = DocumentTemplate(doc_type=doc_type, original_name=name[:200], stored_name=stored,
                               sha256=hashlib.sha256(data).hexdigest(), uploaded_by_id=by_id, active=True)
    session.add(version)
    session.flush()
    return version
