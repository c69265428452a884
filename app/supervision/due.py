"""Due items (jatuh tempo) for any date, for one PK or a whole office.

Each kind is one SQL query over the scoped clients (no per-client queries, no
loading of every client): stage boundaries and expiries come from the open
planned lines of the books; monthly reports from the last month reported;
missed reports from the last apel. Only rows that are due come back. The "last
report / apel / assessment" of a client is a correlated subquery over its own
index entries, so the work grows with the clients in scope, not the country.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _
from sqlalchemy import and_, func, literal, or_, select

from app import access
from app.platform.sqldates import add_days
from app.supervision.apel import missed_in_a_row, revocation_alert
from app.supervision.lifecycle import books
from app.supervision.record_rules import first_of_month
from models import ApelLog, Assessment, BookEntry, Client, MonthlyReport
from models.choices import ClientStatus

HORIZON_DAYS = 30
REPORT_GRACE_DAYS = 10  # a month's report is due by the 10th of the next month

STAGE_DUE, STAGE_OVERDUE = "stage_due", "stage_overdue"
EXPIRY_DUE, EXPIRY_PASSED = "expiry_due", "expiry_passed"
REPORT_DUE, REPORT_OVERDUE = "report_due", "report_overdue"
APEL_MISSED, REVOCATION_ALERT = "apel_missed", "revocation_alert"
REASSESSMENT_DUE, ASSESSMENT_MISSING = "reassessment_due", "assessment_missing"
REASSESS_AFTER_DAYS = 365  # at least yearly (Permenkumham 12/2013)
INITIAL_ASSESSMENT_DAYS = 7  # the initial assessment within 7 days of the start

DUE_LABELS = {
    "stage_due": _("Stage begins"), "stage_overdue": _("Stage date passed, stage not started"),
    "expiry_due": _("Supervision expires"), "expiry_passed": _("Expired, supervision not ended"),
    "report_due": _("Monthly report due"), "report_overdue": _("Monthly reports overdue"),
    "apel_missed": _("Reporting duty missed"), "revocation_alert": _("Revocation alert: reports missed in a row"),
    "reassessment_due": _("Yearly reassessment due"), "assessment_missing": _("Initial assessment not done"),
}


@dataclass(frozen=True)
class DueItem:
    kind: str
    client_id: int
    registration_number: str
    full_name: str
    pk_id: int | None
    on: date  # the date the item is about
    detail: str | int | date | None = None


def _clients(who: access.Principal, pk_id: int | None):
    clause = access.client_clause(who) & (Client.status == ClientStatus.AKTIF)
    if pk_id is not None:
        clause = clause & (Client.current_pk_id == pk_id)
    return clause


def _item(kind, row, on, detail=None) -> DueItem:
    return DueItem(kind, row.id, row.registration_number, row.full_name, row.current_pk_id, on, detail)


def _month_before(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def report_due_month(on: date) -> tuple[date, date]:
    """(the last month whose report is overdue on ``on``, the month whose report is due soon)."""
    last_month = _month_before(first_of_month(on))
    if on.day > REPORT_GRACE_DAYS:
        return last_month, first_of_month(on)
    return _month_before(last_month), last_month


def due_items(session, who: access.Principal, on: date, pk_id: int | None = None) -> list[DueItem]:
    scope = _clients(who, pk_id)
    cols = (Client.id, Client.registration_number, Client.full_name, Client.current_pk_id)
    items: list[DueItem] = []
    horizon = on + timedelta(days=HORIZON_DAYS)

    # Stage boundaries and expiries: open planned lines of the books.
    planned = session.execute(
        select(*cols, BookEntry.event, BookEntry.entry_date)
        .join(BookEntry, BookEntry.client_id == Client.id)
        .where(scope, BookEntry.kind == books.PLANNED, BookEntry.superseded_at.is_(None),
               BookEntry.event.in_(["lanjutan", "akhir", books.EXPIRY]), BookEntry.entry_date <= horizon)
    ).all()
    for row in planned:
        late = row.entry_date < on
        if row.event == books.EXPIRY:
            items.append(_item(EXPIRY_PASSED if late else EXPIRY_DUE, row, row.entry_date))
        else:
            items.append(_item(STAGE_OVERDUE if late else STAGE_DUE, row, row.entry_date, row.event))

    # Monthly reports: clients whose last reported month is before the month due.
    overdue_month, coming_month = report_due_month(on)
    last_month = _last(MonthlyReport.month, MonthlyReport.client_id)
    rows = session.execute(
        select(*cols, Client.supervision_start, last_month.label("last_month"))
        .where(scope, Client.supervision_start < coming_month + timedelta(days=32),
               or_(last_month.is_(None), last_month < coming_month))
    ).all()
    for row in rows:
        first_due = max(first_of_month(row.supervision_start),
                        _next_month(row.last_month) if row.last_month else date.min)
        missing = _months_between(first_due, overdue_month)
        if missing:
            items.append(_item(REPORT_OVERDUE, row, first_due, missing))
        elif first_due <= coming_month:
            items.append(_item(REPORT_DUE, row, _next_month(coming_month).replace(day=REPORT_GRACE_DAYS),
                               coming_month))

    # Missed reports: only a last apel older than one interval can leave a period empty.
    last_apel = _last(ApelLog.reported_on, ApelLog.client_id, ApelLog.reported_on <= on)
    rows = session.execute(
        select(*cols, Client.supervision_start, Client.reporting_interval_days, last_apel.label("last_apel"))
        .where(scope, Client.supervision_start.is_not(None),
               add_days(Client.supervision_start, Client.reporting_interval_days) <= on,
               or_(last_apel.is_(None),
                   last_apel < add_days(literal(on), -Client.reporting_interval_days)))
    ).all()
    for row in rows:
        reports = [row.last_apel] if row.last_apel else []
        missed = missed_in_a_row(row.supervision_start, row.reporting_interval_days, on, reports)
        if revocation_alert(row.supervision_start, row.reporting_interval_days, on, reports):
            items.append(_item(REVOCATION_ALERT, row, row.last_apel or row.supervision_start, missed))
        elif missed:
            items.append(_item(APEL_MISSED, row, row.last_apel or row.supervision_start, missed))

    items += _assessment_items(session, scope, cols, on, horizon)
    return sorted(items, key=lambda i: (i.on, i.registration_number))


def _assessment_items(session, scope, cols, on: date, horizon: date) -> list[DueItem]:
    """The initial assessment within 7 days of the start; a reassessment at least yearly."""
    last_assessed = _last(Assessment.assessed_on, Assessment.client_id, Assessment.status == "final")
    rows = session.execute(
        select(*cols, Client.supervision_start, last_assessed.label("last_assessed"))
        .where(scope, Client.supervision_start.is_not(None),
               or_(and_(last_assessed.is_(None),
                        Client.supervision_start < on - timedelta(days=INITIAL_ASSESSMENT_DAYS)),
                   last_assessed <= horizon - timedelta(days=REASSESS_AFTER_DAYS)))
    ).all()
    out = []
    for row in rows:
        if row.last_assessed is None:
            due = row.supervision_start + timedelta(days=INITIAL_ASSESSMENT_DAYS)
            out.append(_item(ASSESSMENT_MISSING, row, due))
        else:
            out.append(_item(REASSESSMENT_DUE, row, row.last_assessed + timedelta(days=REASSESS_AFTER_DAYS)))
    return out


def _last(column, client_column, *conditions):
    """The latest ``column`` of each scoped client, read from its own index entries (a
    correlated subquery): grouping the whole table first read every office's rows."""
    return select(func.max(column)).where(client_column == Client.id, *conditions).correlate(Client).scalar_subquery()


# Kinds that are late by their nature; the others are late once their date has passed.
LATE_KINDS = frozenset({STAGE_OVERDUE, EXPIRY_PASSED, REPORT_OVERDUE, REVOCATION_ALERT, APEL_MISSED,
                        ASSESSMENT_MISSING})


def is_overdue(item: DueItem, on: date) -> bool:
    return item.kind in LATE_KINDS or item.on < on


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _months_between(first: date, last: date) -> int:
    """Months from ``first`` through ``last`` (both first days of months); 0 when first > last."""
    return max(0, (last.year - first.year) * 12 + last.month - first.month + 1)
