"""Attachments to progress entries, complaints and signed documents: scans and
photos from a scanner or phone. Checked and cleaned by app.platform.uploads (the one
upload check); stored outside the database under a random name, with a SHA-256
checksum of what was stored."""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from app.platform import uploads

ALLOWED = {mime: set(extensions) for mime, extensions in uploads.EXTENSIONS.items()}
MAX_BYTES = 5 * 1024 * 1024


def check(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> uploads.Checked:
    """The file as it may be stored (images re-encoded), or a DomainError that says what is wrong."""
    return uploads.check(name, data, max_bytes)


def store(upload_dir: str, checked: uploads.Checked) -> tuple[str, str]:
    """(stored name, sha256) of the checked file's bytes: never the upload as received."""
    folder = Path(upload_dir) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    (folder / name).write_bytes(checked.data)
    return name, hashlib.sha256(checked.data).hexdigest()


def path_of(upload_dir: str, stored_name: str) -> Path:
    return Path(upload_dir) / "attachments" / os.path.basename(stored_name)
