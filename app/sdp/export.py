"""Exporting what is pending to SDP, once, and building the files.

The batch, its payload and the marks are written in one transaction: either
the export happened and its records are no longer pending, or nothing was
written. Two exports at the same time that both saw a record pending both try
to write its next mark; the unique constraint on (kind, entity_id, seq) lets
only the first commit, and the second starts over from what is still pending.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile

from flask_babel import lazy_gettext as _
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app import access
from app.errors import DomainError
from app.platform import audit
from app.sdp.mapping import ENVELOPE, KINDS, TRANSFER_OUT
from app.sdp.records import Plan, pending
from models import Client, SdpBatch, SdpMark, Transfer

FORMATS = {"csv": _("CSV (one file per kind, in a .zip)"), "json": _("JSON (one file)")}
FORMAT_VERSION = 1


class BadFormat(DomainError):
    status_code = 400


class NothingPending(DomainError):
    pass


class ExportConflict(DomainError):
    status_code = 409


def check_format(fmt: str | None) -> str:
    if fmt not in FORMATS:
        raise BadFormat(_("Unknown export format. Choose CSV or JSON."))
    return fmt


def bring_forward(session, plan: Plan) -> None:
    """Write the current marker into last marks whose record moved on without a
    change SDP sees, so the next look does not hash them again. Safe against a
    concurrent export: the marker stays true of the mark's fingerprint, and a mark
    another export has since followed with a newer one is no longer read."""
    if plan.refresh:  # in id order, so two exports lock the same rows in the same order
        # Core, not the ORM's bulk update: a mark whose batch an Admin deleted meanwhile is simply not there.
        marks = SdpMark.__table__
        session.execute(update(marks).where(marks.c.id == bindparam("mark_id")).values(marker=bindparam("marker_now")),
                        [{"mark_id": mark_id, "marker_now": marker} for mark_id, marker in plan.refresh])


def claim(session, who, fmt: str, plan: Plan) -> SdpBatch:
    """Write the batch and mark every planned record, or nothing (ExportConflict)."""
    rows = [p for kind_rows in plan.values() for p in kind_rows]
    if not rows:
        if plan.refresh:
            bring_forward(session, plan)
            session.commit()
        raise NothingPending(_("Nothing is waiting for SDP: every record in your work area has been exported."))
    counts = {kind: len(kind_rows) for kind, kind_rows in plan.items() if kind_rows}
    payload = [{"kind": p.kind, "entity_id": p.entity_id, "client_id": p.client_id, "action": p.action,
                "values": p.values} for p in rows]
    try:
        batch = SdpBatch(created_by_id=who.user_id, office_id=who.office_id, format=fmt, total=len(rows),
                         counts=json.dumps(counts, sort_keys=True), payload=json.dumps(payload, ensure_ascii=False))
        session.add(batch)
        session.flush()
        session.execute(insert(SdpMark), [
            {"kind": p.kind, "entity_id": p.entity_id, "seq": p.next_seq, "fingerprint": p.fingerprint,
             "marker": p.marker, "batch_id": batch.id} for p in rows])
        bring_forward(session, plan)
        audit.record_action(session, batch, "sdp_export", {"format": fmt, "counts": counts})
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ExportConflict(_("Another export took some of these records at the same moment. "
                               "Look at the list again and export what is still pending.")) from None
    return batch


def export(session, who, fmt: str, attempts: int = 2) -> SdpBatch:
    """Export everything pending in the user's scope; a lost race is retried with
    what is still pending."""
    check_format(fmt)
    for attempt in range(attempts):
        try:
            return claim(session, who, fmt, pending(session, who))
        except ExportConflict:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def recent_batches(session, who, limit: int) -> list[SdpBatch]:
    """The latest batches the user may list and download again (newest first)."""
    return list(session.scalars(
        select(SdpBatch).where(access.sdp_batch_clause(SdpBatch, who))
        .options(selectinload(SdpBatch.created_by), selectinload(SdpBatch.office))
        .order_by(SdpBatch.id.desc()).limit(limit)))


def rows_of(session, batch: SdpBatch, who) -> list[dict]:
    """The batch's rows that the user may still see (a client since moved to
    another PK or office drops out of a PK's re-download)."""
    rows = json.loads(batch.payload)
    client_ids = {row["client_id"] for row in rows}
    visible = set(session.scalars(select(Client.id).where(Client.id.in_(client_ids), access.sdp_clause(who))))
    # A departure stays the sending office's record after the client left (access.sdp_transfers_out_clause).
    left = {row["entity_id"] for row in rows if row["kind"] == TRANSFER_OUT.code}
    reported = set(session.scalars(select(Transfer.id).where(Transfer.id.in_(left),
                                                             access.sdp_transfers_out_clause(who)))) if left else set()
    return [row for row in rows if row["client_id"] in visible
            or (row["kind"] == TRANSFER_OUT.code and row["entity_id"] in reported)]


def _record(row: dict) -> dict:
    return {"jenis_data": row["kind"], "id_sibika": row["entity_id"], "aksi": row["action"], **row["values"]}


def header(kind) -> list[str]:
    return [f.name for f in ENVELOPE] + [f.name for f in kind.fields]


def cell(value) -> str:
    """A JSON value as a CSV cell: empty for none, ya/tidak for yes/no."""
    if value is None:
        return ""
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    return str(value)


def to_json(batch: SdpBatch, rows: list[dict]) -> bytes:
    records = {kind.code: [_record(r) for r in rows if r["kind"] == kind.code] for kind in KINDS}
    document = {"sdp_bimbingan_bapas": {"batch": batch.id, "created_at": batch.created_at.isoformat(),
                                        "format_version": FORMAT_VERSION},
                "records": records}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv_zip(batch: SdpBatch, rows: list[dict]) -> bytes:
    """One CSV per kind that has rows, UTF-8 with a BOM so spreadsheets read it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            kind_rows = [_record(r) for r in rows if r["kind"] == kind.code]
            if not kind_rows:
                continue
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            columns = header(kind)
            writer.writerow(columns)
            for record in kind_rows:
                writer.writerow([cell(record.get(c)) for c in columns])
            archive.writestr(f"{kind.code}.csv", text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()


def render(batch: SdpBatch, rows: list[dict], fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, mimetype); the name never carries a client's identity."""
    check_format(fmt)
    stem = f"sdp-bimbingan-{batch.id}-{batch.created_at:%Y%m%d}"
    if fmt == "json":
        return to_json(batch, rows), f"{stem}.json", "application/json"
    return to_csv_zip(batch, rows), f"{stem}.zip", "application/zip"
