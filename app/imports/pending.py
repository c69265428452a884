"""An uploaded import kept on the server between its preview and its confirmation.

The file (children's identities) never travels in a cookie or a form: it is
written under the instance folder with a random token for a name, readable only
by the process (0600), bound to the user and office that uploaded it, and
forgotten after ``ttl`` seconds or once imported. The confirmation re-reads and
re-checks the file, since the register may have changed meanwhile.
"""
from __future__ import annotations

import base64
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


@dataclass
class Pending:
    token: str
    user_id: int
    office_id: int
    created: float
    filename: str
    data: bytes


def _path(folder: str, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return Path(folder) / f"{token}.json"


def put(folder: str, data: bytes, filename: str, user_id: int, office_id: int, now: float) -> str:
    Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(32)
    record = {"user_id": user_id, "office_id": office_id, "created": now, "filename": filename[:200],
              "data": base64.b64encode(data).decode()}
    path = _path(folder, token)
    partial = path.with_suffix(".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(record, handle)
    os.replace(partial, path)
    return token


def get(folder: str, token: str, user_id: int, office_id: int | None, now: float, ttl: float) -> Pending | None:
    """The pending upload, or None when it is unknown, expired or someone else's."""
    path = _path(folder, token)
    if path is None or not path.is_file():
        return None
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if now - record["created"] > ttl:
        drop(folder, token)
        return None
    if record["user_id"] != user_id or (office_id is not None and record["office_id"] != office_id):
        return None
    return Pending(token, record["user_id"], record["office_id"], record["created"], record["filename"],
                   base64.b64decode(record["data"]))


def drop(folder: str, token: str) -> None:
    path = _path(folder, token)
    if path is not None:
        path.unlink(missing_ok=True)


def sweep(folder: str, now: float, ttl: float) -> int:
    """Remove expired uploads (run on every new upload); returns how many."""
    removed = 0
    for path in Path(folder).glob("*.json") if Path(folder).is_dir() else []:
        try:
            if now - path.stat().st_mtime > ttl:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed
