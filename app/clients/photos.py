"""Client photos: checked and re-encoded by app.platform.uploads (so no EXIF location
travels with a child's photo) and stored outside the public static folder,
because a child's face identifies them (UU 11/2012 Pasal 19)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask_babel import gettext as _

from app.errors import DomainError
from app.platform import uploads

ALLOWED = {uploads.JPEG: "jpg", uploads.PNG: "png"}
TYPES = {ext: mime for mime, ext in ALLOWED.items()}


def validate(name: str, data: bytes, max_bytes: int) -> uploads.Checked:
    """The photo as it may be stored, or a DomainError saying what is wrong."""
    if not data:
        raise DomainError(_("Choose a photo to upload."))
    if len(data) > max_bytes:
        raise DomainError(_("The photo is %(size)s KB; the limit is %(limit)s KB.",
                            size=len(data) // 1024, limit=max_bytes // 1024))
    return uploads.check(name, data, max_bytes, allowed=(uploads.JPEG, uploads.PNG))


def store(upload_dir: str, checked: uploads.Checked) -> str:
    folder = Path(upload_dir) / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{checked.extension}"
    (folder / name).write_bytes(checked.data)
    return name


def content_type(name: str) -> str:
    """Served as the type its stored name says (the server chose that name), else as bytes."""
    return TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def path_of(upload_dir: str, name: str) -> Path:
    return Path(upload_dir) / "photos" / os.path.basename(name)
