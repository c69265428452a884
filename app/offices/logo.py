"""An office's logo for the kop of its letters: checked by app.platform.uploads (decoded in full and
re-encoded, so nothing but pixels is kept), stored as PNG, at most LOGO_PIXELS on its longer side
(a kop prints it 2 cm wide)."""
from __future__ import annotations

import io
import os
import secrets
from pathlib import Path

from app.platform import uploads

LOGO_PIXELS = 600
MAX_BYTES = 1024 * 1024
FOLDER = "logos"


def to_png(name: str, data: bytes) -> bytes:
    """The logo as the server's own PNG, or a DomainError that says what is wrong with the file."""
    from PIL import Image

    checked = uploads.check(name, data, MAX_BYTES, allowed=(uploads.PNG, uploads.JPEG))
    with Image.open(io.BytesIO(checked.data)) as image:
        image.thumbnail((LOGO_PIXELS, LOGO_PIXELS))
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def store(upload_dir: str, png: bytes) -> str:
    folder = Path(upload_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.png"
    (folder / stored).write_bytes(png)
    return stored


def path_of(upload_dir: str, stored: str) -> Path:
    return Path(upload_dir) / FOLDER / os.path.basename(stored)


def read(upload_dir: str, stored: str | None) -> bytes | None:
    if not stored:
        return None
    path = path_of(upload_dir, stored)
    return path.read_bytes() if path.exists() else None


def replace(office, name: str, data: bytes, upload_dir: str) -> None:
    """The one way an office's logo changes: the new file checked and stored, the old one removed."""
    png = to_png(name, data)
    previous = office.logo
    office.logo = store(upload_dir, png)
    if previous:
        path_of(upload_dir, previous).unlink(missing_ok=True)
