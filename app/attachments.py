"""Attachments to progress entries: scans and photos from the PK's scanner or
phone. Checked by content; the extension must say the same; stored outside the
database under a random name, with a SHA-256 checksum."""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import filetype
from flask_babel import gettext as _

from app.errors import DomainError

ALLOWED = {"image/jpeg": {"jpg", "jpeg"}, "image/png": {"png"}, "application/pdf": {"pdf"}}
MAX_BYTES = 5 * 1024 * 1024


def check(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """The MIME type, or a DomainError that says what is wrong."""
    if not data:
        raise DomainError(_("Choose a file to upload."))
    if len(data) > max_bytes:
        raise DomainError(_("The file is %(size)s KB; the limit is %(limit)s KB.", size=len(data) // 1024,
                            limit=max_bytes // 1024))
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED:
        raise DomainError(_("Only scans and photos are accepted (PDF, JPEG, PNG)."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED[kind.mime]:
        raise DomainError(_("The file's name says .%(ext)s but its content is %(mime)s.", ext=extension,
                            mime=kind.mime))
    return kind.mime


def store(upload_dir: str, data: bytes) -> tuple[str, str]:
    """(stored name, sha256)."""
    folder = Path(upload_dir) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    (folder / name).write_bytes(data)
    return name, hashlib.sha256(data).hexdigest()


def path_of(upload_dir: str, stored_name: str) -> Path:
    return Path(upload_dir) / "attachments" / os.path.basename(stored_name)
