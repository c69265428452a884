"""Counts of the clients a user may see, by stage, risk, kind, PK and month."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask_babel import lazy_gettext as _
from sqlalchemy import extract, func, select

from app import access
from models import Assessment, Client, Handover, Staff, SupervisionKind, Termination
from models.choices import RISK_CATEGORY, STAGE, ClientStatus

ACTIVE = ClientStatus.AKTIF


class Row(NamedTuple):
    key: object  # the code counted (a stage, a category, a PK id, a month); None for "none"
    label: str
    count: int


@dataclass
class Series:
    """One figure: labelled counts in display order (a chart and its table)."""

    title: str
    rows: list[Row] = field(default_factory=list)
    # For two-series figures (months): the second count per row and its legend.
    second: list[int] | None = None
    legend: tuple[str, str] | None = None

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def peak(self) -> int:
        values = [row.count for row in self.rows] + list(self.second or [])
        return max(values, default=0)


def _active(who: access.Principal, pk_id: int | None = None):
    clause = access.client_clause(who) & (Client.status == ACTIVE)
    if pk_id is not None:
        clause = clause & (Client.current_pk_id == pk_id)
    return clause


def _ordered(counts: dict, labels: dict, none_label) -> list[Row]:
    rows = [Row(code, str(label), counts.get(code, 0)) for code, label in labels.items()]
    if counts.get(None):
        rows.append(Row(None, str(none_label), counts[None]))
    return rows


def by_stage(session, who: access.Principal, pk_id: int | None = None) -> Series:
    counts = dict(session.execute(
        select(Client.stage, func.count()).where(_active(who, pk_id)).group_by(Client.stage)).all())
    return Series(str(_("Active clients by stage")), _ordered(counts, STAGE, _("Stage not started")))


def by_risk(session, who: access.Principal, pk_id: int | None = None) -> Series:
    """The category of each active client's latest final assessment.

    Read per client from its own assessments (a correlated subquery on the
    client's index entries): ranking every assessment of the country first took
    seconds at national scale, and PostgreSQL re-ran it per client of a PK."""
    latest = (select(Assessment.category)
              .where(Assessment.client_id == Client.id, Assessment.status == "final")
              .order_by(Assessment.assessed_on.desc(), Assessment.id.desc()).limit(1)
              .correlate(Client).scalar_subquery())
    clients = select(latest.label("category")).where(_active(who, pk_id)).subquery()
    counts = dict(session.execute(
        select(clients.c.category, func.count()).group_by(clients.c.category)).all())
    return Series(str(_("Active clients by risk category")), _ordered(counts, RISK_CATEGORY, _("Not assessed")))


def by_kind(session, who: access.Principal, pk_id: int | None = None) -> Series:
    rows = session.execute(
        select(SupervisionKind.name, func.count(Client.id)).join(Client, Client.supervision_kind_id == SupervisionKind.id)
        .where(_active(who, pk_id)).group_by(SupervisionKind.name).order_by(SupervisionKind.name)).all()
    return Series(str(_("Active clients by kind of supervision")), [Row(name, name, n) for name, n in rows])


def caseload_per_pk(session, who: access.Principal) -> Series:
    """Active clients per PK of the office; a client without a PK is counted apart."""
    counts = dict(session.execute(
        select(Client.current_pk_id, func.count()).where(_active(who)).group_by(Client.current_pk_id)).all())
    return per_pk(session, str(_("Caseload per PK")), counts)


def per_pk(session, title: str, counts: dict[int | None, int]) -> Series:
    """Counts keyed by PK id as a figure by PK name, largest first; no PK last."""
    names = _staff_names(session, [pk for pk in counts if pk is not None])
    rows = sorted((Row(pk, names.get(pk, "?"), n) for pk, n in counts.items() if pk is not None),
                  key=lambda r: (-r.count, r.label))
    if counts.get(None):
        rows.append(Row(None, str(_("No PK assigned")), counts[None]))
    return Series(title, rows)


def _staff_names(session, ids) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Staff.id, Staff.first_name, Staff.last_name).where(Staff.id.in_(ids))).all()
    return {i: f"{first} {last or ''}".strip() for i, first, last in rows}


def month_starts(today: date, months: int) -> list[date]:
    """First days of the last ``months`` months, oldest first, this month last."""
    out, year, month = [], today.year, today.month
    for _i in range(months):
        out.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def flow_query(model, column, who: access.Principal, first: date):
    """Rows of ``model`` per month since ``first``, of the user's clients, at the cost of one office
    (migrations 0025, 0029): each model is read by its own (office_id, date). A termination's office follows
    the client; a handover's stays where the child was received."""
    year, month = extract("year", column), extract("month", column)
    if model is Handover:  # counted in the office that received the child, also once it moved on
        seen = access.event_office_clause(Handover.office_id, who)
    else:
        seen = access.office_clause(model.office_id, who) & access.client_clause(who)
    return (select(year, month, func.count()).select_from(Client).join(model, model.client_id == Client.id)
            .where(seen, column >= first).group_by(year, month))


def _per_month(session, model, column, who: access.Principal, first: date) -> dict[tuple[int, int], int]:
    return {(int(y), int(m)): n for y, m, n in session.execute(flow_query(model, column, who, first)).all()}


def monthly_flow(session, who: access.Principal, today: date, months: int = 12,
                 label_of=date.isoformat) -> Series:
    """Clients handed over and supervisions ended, per month (ended = any end reason);
    ``label_of`` names a month (the screen passes its locale's month format)."""
    starts = month_starts(today, months)
    arrived = _per_month(session, Handover, Handover.handover_date, who, starts[0])
    ended = _per_month(session, Termination, Termination.end_date, who, starts[0])
    return Series(str(_("Handovers and ended supervisions per month")),
                  [Row(m, label_of(m), arrived.get((m.year, m.month), 0)) for m in starts],
                  second=[ended.get((m.year, m.month), 0) for m in starts],
                  legend=(str(_("Handed over")), str(_("Ended"))))
