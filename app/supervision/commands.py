"""Every write of the apel log and the monthly reports: scope → check → run.

Screens and API call the same function; each raises ``Invalid`` (field by field)
and writes nothing when it refuses. The caller commits."""
from __future__ import annotations

from datetime import date

from app import access
from app.supervision.record_rules import check_apel, check_report, first_of_month
from models import ApelLog, MonthlyReport


def _check_apel(session, apel: ApelLog, today: date) -> None:
    with session.no_autoflush:  # the report being written must not be flushed and found as its own twin
        check_apel(session, apel.client, apel.reported_on, bool(apel.remote), apel.remote_reason, today, apel.id)


def record_apel(session, apel: ApelLog, who: access.Principal, today: date,
                fixed_client_id: int | None = None) -> None:
    """A report in person (or remote, in an urgent case), for ``fixed_client_id`` only
    when the form was opened from that client's file."""
    access.require_fixed_client(apel.client, fixed_client_id)
    _check_apel(session, apel, today)
    apel.office_id = apel.client.office_id
    apel.recorded_by_id = who.user_id


def update_apel(session, apel: ApelLog, who: access.Principal, today: date) -> None:
    _check_apel(session, apel, today)
    apel.office_id = apel.client.office_id


def _check_report(session, report: MonthlyReport, today: date) -> None:
    with session.no_autoflush:
        check_report(session, report.client, report.month, report.submitted_on, today, report.id)


def record_report(session, report: MonthlyReport, who: access.Principal, today: date) -> None:
    """A month's report by the user (the PK), stored as the month."""
    _check_report(session, report, today)
    report.month = first_of_month(report.month)
    report.pk_id = who.user_id


def update_report(session, report: MonthlyReport, who: access.Principal, today: date) -> None:
    _check_report(session, report, today)
    report.month = first_of_month(report.month)
