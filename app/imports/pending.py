"""An uploaded import kept on the server between its preview and its confirmation.

The rows (children's identities) never travel in a cookie or a form: they are
written under the instance folder with a random token for a name, readable only
by the process (0600), bound to the user and office that uploaded them, and
forgotten after ``ttl`` seconds or once imported. What is kept is the parsed
rows, raw cells as read, not the file: reading a large workbook is the slow
part, and is done once. The confirmation re-checks the rows, since the register
may have changed meanwhile.
"""
from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from app.imports.parse import RawRow
from app.imports.reading import Formula

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


@dataclass
class Pending:
    token: str
    user_id: int
    office_id: int
    created: float
    filename: str
    rows: list[RawRow]


def _encode(value):
    if isinstance(value, Formula):
        return {"f": value.text}
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    return value


def _decode(value):
    if not isinstance(value, dict):
        return value
    (kind, text), = value.items()
    return {"f": Formula, "dt": datetime.fromisoformat, "d": date.fromisoformat, "t": time.fromisoformat}[kind](text)


def _path(folder: str, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return Path(folder) / f"{token}.json"


def put(folder: str, rows: list[RawRow], filename: str, user_id: int, office_id: int, now: float) -> str:
    Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(32)
    record = {"user_id": user_id, "office_id": office_id, "created": now, "filename": filename[:200],
              "rows": [[r.number, {k: _encode(v) for k, v in r.cells.items()}] for r in rows]}
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
    rows = [RawRow(number, {k: _decode(v) for k, v in cells.items()}) for number, cells in record["rows"]]
    return Pending(token, record["user_id"], record["office_id"], record["created"], record["filename"], rows)


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
