"""Client photos: checked by content (not by file name) and stored outside the
public static folder, because a child's face identifies them (UU 11/2012 Pasal 19)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import filetype
from flask_babel import gettext as _

from app.errors import DomainError

ALLOWED = {"image/jpeg": "jpg", "image/png": "png"}


def validate(data: bytes, max_bytes: int) -> str:
    """The file extension to store under, or a DomainError saying what is wrong."""
    if not data:
        raise DomainError(_("Choose a photo to upload."))
    if len(data) > max_bytes:
        raise DomainError(_("The photo is %(size)s KB; the limit is %(limit)s KB.",
                            size=len(data) // 1024, limit=max_bytes // 1024))
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED:
        raise DomainError(_("The file is not a JPEG or PNG image."))
    return ALLOWED[kind.mime]


def store(upload_dir: str, data: bytes, ext: str) -> str:
    folder = Path(upload_dir) / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{ext}"
    (folder / name).write_bytes(data)
    return name


def path_of(upload_dir: str, name: str) -> Path:
    return Path(upload_dir) / "photos" / os.path.basename(name)
