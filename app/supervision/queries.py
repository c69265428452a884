"""The read side of a supervision's stage page: its books, stage plan, apel record, end and recorded gates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.supervision.apel import missed_in_a_row, revocation_alert
from app.supervision.stages import InvalidPeriod, StagePlan, plan
from models import ApelLog, BookEntry, Client, GateRecord, Termination


@dataclass
class StagePage:
    entries: list[BookEntry]
    plan: StagePlan | None
    apel: dict | None  # count, missed in a row, revocation alert; None before the supervision starts
    termination: Termination | None
    met: dict[str, GateRecord]


def stage_page(session, client: Client, today: date) -> StagePage:
    entries = session.scalars(select(BookEntry).where(BookEntry.client_id == client.id).order_by(BookEntry.id)).all()
    stage_plan = None
    if client.supervision_start and client.supervision_expiry:
        try:
            stage_plan = plan(client.supervision_start, client.supervision_expiry)
        except InvalidPeriod:
            stage_plan = None
    reports = session.scalars(select(ApelLog.reported_on).where(ApelLog.client_id == client.id)).all()
    termination = session.scalars(select(Termination).where(Termination.client_id == client.id)).first()
    apel = None
    if client.stage_started_on:
        until = termination.end_date if termination else None
        apel = {
            "count": len(reports),
            "missed": missed_in_a_row(client.supervision_start, client.reporting_interval_days, today, reports, until),
            "alert": revocation_alert(client.supervision_start, client.reporting_interval_days, today, reports, until),
        }
    met = {g.gate: g for g in session.scalars(select(GateRecord).where(GateRecord.client_id == client.id))}
    return StagePage(entries, stage_plan, apel, termination, met)
