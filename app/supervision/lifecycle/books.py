"""Writing the buku tahapan bimbingan and buku ekspirasi (one ledger).

Nothing here updates a line except to strike it out once; every change is a
new line. Planned lines (kind "rencana") come from the stage engine; actual
lines (kind "pelaksanaan") from the transitions.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from flask_babel import lazy_gettext as _
from sqlalchemy import select

from app.supervision.stages import Stage, plan
from models import BookEntry, Client
from models.choices import STAGE

PLANNED, ACTUAL = "rencana", "pelaksanaan"
EXPIRY, TERMINATION = "ekspirasi", "pengakhiran"
EVENT_LABELS = {**STAGE, EXPIRY: _("Expiry"), TERMINATION: _("End of supervision")}
KIND_LABELS = {PLANNED: _("Planned"), ACTUAL: _("Actual")}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def open_entries(session, client_id: int, event: str | None = None, kind: str | None = None) -> list[BookEntry]:
    query = select(BookEntry).where(BookEntry.client_id == client_id, BookEntry.superseded_at.is_(None))
    if event:
        query = query.where(BookEntry.event == event)
    if kind:
        query = query.where(BookEntry.kind == kind)
    return list(session.scalars(query.order_by(BookEntry.id)))


def write(session, client: Client, event: str, kind: str, day: date, by_id: int | None,
          reason: str | None = None) -> BookEntry:
    entry = BookEntry(client_id=client.id, office_id=client.office_id, event=event, kind=kind, entry_date=day,
                      reason=reason, written_by_id=by_id, written_at=_now())
    session.add(entry)
    session.flush()
    return entry


def strike(entries: list[BookEntry], replaced_by: BookEntry | None, reason: str) -> None:
    for entry in entries:
        entry.superseded_at = _now()
        entry.superseded_by_id = replaced_by.id if replaced_by is not None else None
        entry.superseded_reason = reason


def write_plan(session, client: Client, by_id: int | None, reason: str | None,
               not_before: Stage | None = None) -> list[BookEntry]:
    """Planned lines for the stages from ``not_before`` on, and the expiry."""
    stage_plan = plan(client.supervision_start, client.supervision_expiry)
    stages = [Stage.AWAL, Stage.LANJUTAN, Stage.AKHIR]
    if not_before is not None:
        stages = stages[stages.index(not_before):]
    written = [write(session, client, s.value, PLANNED, stage_plan.starts(s), by_id, reason) for s in stages]
    written.append(write(session, client, EXPIRY, PLANNED, client.supervision_expiry, by_id, reason))
    return written
