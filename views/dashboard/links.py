"""Links from a dashboard tile to the list it counts, with the same filter.

A tile's number and the list it opens must agree, so each link names the FAB list
filters that restate the figure's query (FAB reads ``_flt_<index>_<column>`` from
the URL; the index is looked up by filter class, not hard-coded)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import current_app, url_for

from app.complaints.workflow import OPEN
from app.dashboard.registration import month_bounds


def list_url(view_name: str, *filters: tuple[str, str, object]) -> str:
    view = next(v for v in current_app.appbuilder.baseviews if type(v).__name__ == view_name)
    args: dict[str, list[str]] = {}
    for column, kind, value in filters:
        index = next(i for i, f in enumerate(view._filters._all_filters[column]) if type(f).__name__ == kind)
        values = value if isinstance(value, (list, tuple)) else [value]
        args.setdefault(f"_flt_{index}_{column}", []).extend(str(v) for v in values)
    return url_for(f"{view_name}.list", **args)


def active_clients() -> str:
    return list_url("ClientView", ("status", "FilterEqual", "aktif"))


def registered_in_month(on: date) -> str:
    first, following = month_bounds(on)
    return list_url("ClientView",
                    ("created_at", "FilterGreater", datetime.combine(first, time.min) - timedelta(microseconds=1)),
                    ("created_at", "FilterSmaller", datetime.combine(following, time.min)))


def incomplete_registers() -> str:
    return list_url("ClientView", ("register_incomplete", "FilterRegisterIncomplete", "y"))


def handovers_in_month(on: date) -> str:
    first, following = month_bounds(on)
    return list_url("HandoverView", ("handover_date", "FilterGreater", first - timedelta(days=1)),
                    ("handover_date", "FilterSmaller", following))


def complaints(status=OPEN, overdue_on: date | None = None, assigned_to: int | None = None) -> str:
    filters: list[tuple[str, str, object]] = [("status", "FilterIn", list(status))]
    if overdue_on is not None:
        filters.append(("due_on", "FilterSmaller", overdue_on))
    if assigned_to is not None:
        filters.append(("assigned_to", "FilterRelationOneToManyEqual", assigned_to))
    return list_url("ComplaintView", *filters)


def sessions_coming(on: date) -> str:
    return list_url("TppSessionView", ("held_on", "FilterGreater", on - timedelta(days=1)))


def due(part: str, on: date, pk_id: int | None = None) -> str:
    return url_for("DueView.index", tampil=part, tanggal=on.isoformat(), pk=pk_id)
