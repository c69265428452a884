"""Changing the supervision period: an extension, a correction of a mistyped
date, a shortening by decision. The books keep every earlier line; planned
lines that no longer hold are struck out and the new plan is written after them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import access
from app.errors import DomainError, Forbidden
from app.supervision.lifecycle import books
from app.supervision.lifecycle.service import concurrent_change, refusal
from app.supervision.stages import STAGE_ORDER, Stage
from models import Client
from models.choices import UNDER_SUPERVISION, ClientStatus

CHANGE_KINDS = {
    "perpanjangan": _l("Extension by decision"),
    "koreksi": _l("Correction of a mistyped date"),
    "pengurangan": _l("Shortening by decision (e.g. remission)"),
}


@dataclass
class PeriodChange:
    kind: str | None
    start: date | None
    expiry: date | None
    reason: str | None
    by_id: int | None = None


def problems(client: Client, change: PeriodChange) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        out.setdefault(field, []).append(message)

    if client.status not in UNDER_SUPERVISION:
        add("kind", _("The supervision has ended; its period can no longer change."))
    if change.kind not in CHANGE_KINDS:
        add("kind", _("Choose the kind of change."))
    if not (change.reason or "").strip():
        add("reason", _("Write the reason and the decision behind the change."))
    if change.start is None:
        add("start", _("Fill in the date."))
    if change.expiry is None:
        add("expiry", _("Fill in the date."))
    if change.start and change.expiry and change.expiry <= change.start:
        add("expiry", _("The expiry date must be after the start of supervision."))
    started = client.status == ClientStatus.AKTIF
    if started and change.start and change.start != client.supervision_start and change.kind != "koreksi":
        add("start", _("The start of a running supervision changes only as a correction of a mistyped date."))
    if started and change.start and client.stage != Stage.AWAL.value and change.start > client.stage_started_on:
        add("start", _("The start cannot be after the start of the current stage."))
    if (change.start, change.expiry) == (client.supervision_start, client.supervision_expiry):
        add("expiry", _("The dates are the same as before."))
    return out


def apply(session, client_id: int, change: PeriodChange, who: access.Principal) -> Client:
    client = access.get_client(session, client_id, who)
    refused = refusal(client, who)
    if refused:
        raise Forbidden(refused)
    found = problems(client, change)
    if found:
        session.rollback()
        raise DomainError(*[m for messages in found.values() for m in messages])
    start_changed = change.start != client.supervision_start
    try:
        client.supervision_start, client.supervision_expiry = change.start, change.expiry
        if client.status == ClientStatus.AKTIF:
            _replan(session, client, change, start_changed)
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise concurrent_change() from None
    return client


def _replan(session, client: Client, change: PeriodChange, start_changed: bool) -> None:
    """Strike the planned lines that no longer hold and write the new plan after them.

    Lines of stages already begun stay, except that a corrected start during
    tahap awal rewrites the awal lines with the corrected date."""
    reason = f"{CHANGE_KINDS[change.kind]}: {change.reason.strip()}"
    current = Stage(client.stage)
    later = STAGE_ORDER[STAGE_ORDER.index(current) + 1:]
    events = [s.value for s in later] + [books.EXPIRY]
    if start_changed and current is Stage.AWAL:
        events.append(Stage.AWAL.value)
    stale = [e for e in books.open_entries(session, client.id) if e.event in events
             and (e.kind == books.PLANNED or e.event == Stage.AWAL.value)]
    if start_changed and current is Stage.AWAL:
        written = books.write_plan(session, client, change.by_id, reason)
        books.write(session, client, Stage.AWAL.value, books.ACTUAL, change.start, change.by_id, reason)
        client.stage_started_on = change.start
    elif later:
        written = books.write_plan(session, client, change.by_id, reason, not_before=later[0])
    else:
        written = [books.write(session, client, books.EXPIRY, books.PLANNED, change.expiry, change.by_id, reason)]
    books.strike(stale, written[0], reason)
