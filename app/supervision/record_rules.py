"""Rules for the records kept during a supervision: apel (wajib lapor), monthly
progress reports, and the steps of a revocation."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists, select

from app.errors import refuse
from models import ApelLog, Client, MonthlyReport
from models.choices import ClientStatus

REVOCABLE_KINDS = {"PB", "CB", "CMB"}  # pembebasan bersyarat, cuti bersyarat, cuti menjelang bebas
REVOCATION_STEPS = ["report_on", "examination_on", "pk_examined_on", "tpp_on", "provisional_on", "sent_up_on"]


def _not_supervised(client: Client | None) -> str | None:
    if client is not None and client.status != ClientStatus.AKTIF:
        return _("The client is not under supervision now.")
    return None


def check_apel(session, client: Client | None, reported_on: date | None, remote: bool,
               remote_reason: str | None, today: date, record_id: int | None = None) -> None:
    """A report (apel): every problem at once, on its field (``Invalid``)."""
    out: dict[str, list[str]] = {}
    inactive = _not_supervised(client)
    if inactive:
        out["client"] = [inactive]
    if reported_on and reported_on > today:
        out["reported_on"] = [_("The date cannot be in the future.")]
    elif client is not None and reported_on and client.supervision_start and reported_on < client.supervision_start:
        out["reported_on"] = [_("The date is before the start of supervision.")]
    elif client is not None and reported_on:
        same_day = select(ApelLog.id).where(ApelLog.client_id == client.id, ApelLog.reported_on == reported_on)
        if record_id:
            same_day = same_day.where(ApelLog.id != record_id)
        if session.execute(select(exists(same_day))).scalar():
            out["reported_on"] = [_("A report on this date is already recorded.")]
    if remote and not (remote_reason or "").strip():
        out["remote"] = [_("Remote reporting is for urgent cases: write the reason.")]
    refuse(out)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def check_report(session, client: Client | None, month: date | None, submitted_on: date | None, today: date,
                 record_id: int | None = None) -> None:
    """A monthly report: every problem at once, on its field (``Invalid``)."""
    out: dict[str, list[str]] = {}
    inactive = _not_supervised(client) if record_id is None else None
    if inactive:
        out["client"] = [inactive]
    if month is None or client is None:
        refuse(out)
        return
    month = first_of_month(month)
    if month > first_of_month(today):
        out["month"] = [_("The month has not begun yet.")]
    elif client.supervision_start and month < first_of_month(client.supervision_start):
        out["month"] = [_("The month is before the start of supervision.")]
    else:
        taken = select(MonthlyReport.id).where(MonthlyReport.client_id == client.id, MonthlyReport.month == month)
        if record_id:
            taken = taken.where(MonthlyReport.id != record_id)
        if session.execute(select(exists(taken))).scalar():
            out["month"] = [_("The report for this month is already recorded.")]
    if submitted_on and submitted_on > today:
        out["submitted_on"] = [_("The date cannot be in the future.")]
    elif submitted_on and submitted_on < month:
        out["submitted_on"] = [_("A report cannot be made before its month begins.")]
    refuse(out)


def revocation_problems(client: Client | None, steps: dict[str, date | None], today: date,
                        may_revoke: bool, is_new: bool = True,
                        stored_provisional: date | None = None) -> dict[str, list[str]]:
    """Steps in their order: each filled only after the one before it, and not earlier."""
    out: dict[str, list[str]] = {}
    inactive = _not_supervised(client) if is_new else None
    if inactive:
        out["client"] = [inactive]
    elif client is not None and client.supervision_kind and client.supervision_kind.code not in REVOCABLE_KINDS:
        out["client"] = [_("Only PB, CB and CMB can be revoked.")]
    for name in REVOCATION_STEPS:
        value = steps.get(name)
        if value is None:
            continue
        if value > today:
            out.setdefault(name, []).append(_("The date cannot be in the future."))
        index = REVOCATION_STEPS.index(name)
        missing_before = [s for s in REVOCATION_STEPS[:index] if steps.get(s) is None]
        if missing_before:
            out.setdefault(name, []).append(_("Record the earlier steps first."))
        elif index and value < steps[REVOCATION_STEPS[index - 1]]:
            out.setdefault(name, []).append(_("This step cannot be dated before the step before it."))
    if steps.get("provisional_on") != stored_provisional and not may_revoke:
        # neither set nor undone by anyone else
        out.setdefault("client", []).append(_("Only the Kepala Bapas revokes provisionally."))
    return out
