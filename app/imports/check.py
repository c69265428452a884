"""The import's check as a background job (app.jobs): the upload is kept as it came, the worker reads
and checks it, and the job's result is the preview of app.imports.pending.

Reading a 5,000-row workbook takes seconds, so the request only refuses what needs no reading (an empty
file, one above the size limit) and keeps the bytes server-side like the pending rows: under a random
token, readable only by the process (0600), bound to the uploader and the office, forgotten after the TTL.
The worker takes the file (it is deleted whatever happens next), parses it, checks every row against the
register and keeps the parsed rows for the preview and the confirmation. A file that cannot be read fails
the job with the reasons in the uploader's language; nothing is written to the database by a check.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext

from app import access
from app.errors import DomainError, NotFoundOrForbidden
from app.imports import confirm, pending
from app.imports.parse import parse
from app.imports.reading import FileRefused, Limits
from app.imports.validate import EXISTING, INVALID, NEW, validate
from models import Office

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
DATA, META = ".upload", ".upload.meta"


@dataclass
class Upload:
    token: str
    user_id: int
    office_id: int
    filename: str
    data: bytes


def limits() -> Limits:
    config = current_app.config
    return Limits(config["IMPORT_MAX_BYTES"], config["IMPORT_MAX_ROWS"], config["IMPORT_MAX_UNPACKED_BYTES"])


def _paths(folder: str, token: str) -> tuple[Path, Path] | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return Path(folder) / f"{token}{DATA}", Path(folder) / f"{token}{META}"


def _write(path: Path, content: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.replace(partial, path)


def keep(folder: str, data: bytes, filename: str, user_id: int, office_id: int, now: float) -> str:
    """Keep an uploaded file for its check; returns its token."""
    Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(32)
    data_path, meta_path = _paths(folder, token)
    _write(data_path, data)
    _write(meta_path, json.dumps({"user_id": user_id, "office_id": office_id, "created": now,
                                  "filename": filename[:200]}).encode())
    return token


def take(folder: str, token: str, user_id: int, now: float, ttl: float) -> Upload | None:
    """The kept upload of this user, removed from the store (None when unknown, expired or another's)."""
    paths = _paths(folder, token)
    if paths is None or not paths[1].is_file():
        return None
    data_path, meta_path = paths
    try:
        meta = json.loads(meta_path.read_text())
        if meta["user_id"] != user_id:
            return None  # someone else's: left alone
        data = data_path.read_bytes() if now - meta["created"] <= ttl else None
    except (OSError, ValueError, KeyError):
        data = None
    drop(folder, token)
    if data is None:
        return None
    return Upload(token, meta["user_id"], meta["office_id"], meta["filename"], data)


def drop(folder: str, token: str) -> None:
    for path in _paths(folder, token) or ():
        path.unlink(missing_ok=True)


def sweep(folder: str, now: float, ttl: float) -> int:
    """Remove uploads older than the TTL whose check never ran; returns how many files."""
    removed = 0
    for path in Path(folder).glob(f"*{DATA}*") if Path(folder).is_dir() else []:
        try:
            if now - path.stat().st_mtime > ttl:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed


def work(session, who: access.Principal, params: dict, report, today: date | None = None):
    """The job: read and check the kept upload; the outcome opens the preview."""
    from app.jobs.kinds import Outcome, path_for

    folder, ttl, now = confirm.folder(), current_app.config["IMPORT_TTL_SECONDS"], time.time()
    upload = take(folder, params.get("upload", ""), who.user_id, now, ttl)
    gone = DomainError(gettext("The uploaded file is no longer waiting for its check (older than an hour). "
                               "Upload it again."))
    if upload is None:
        raise gone
    try:
        office = access.get(session, Office, upload.office_id, who)
    except NotFoundOrForbidden:
        raise gone from None
    report(0, 2, gettext("Reading the file"))
    try:
        rows = parse(upload.data, limits())
    except FileRefused as exc:
        raise DomainError(*exc.messages) from None
    report(1, 2, gettext("Checking the rows against the register"))
    checked = validate(rows, session, office, today or date.today())
    pending.sweep(folder, now, ttl)
    token = pending.put(folder, rows, upload.filename, who.user_id, office.id, now)
    report(2, 2, gettext("Done"))
    counts = checked.summary
    summary = gettext("%(file)s: %(rows)d rows read; %(new)d valid and new, %(existing)d already registered, "
                      "%(invalid)d with problems. Open the check to see every row and confirm.",
                      file=upload.filename, rows=counts["rows"], new=counts[NEW], existing=counts[EXISTING],
                      invalid=counts[INVALID])
    return Outcome(summary, url=path_for("ClientImportView.preview", token=token))
