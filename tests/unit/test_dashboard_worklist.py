"""The split of due items into a PK's worklist: overdue, this week, alerts."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, strategies as st

from app.dashboard.worklist import WEEK_DAYS, overdue_per_pk, worklist
from app.supervision.due import (APEL_MISSED, EXPIRY_DUE, LATE_KINDS, REASSESSMENT_DUE, REPORT_DUE, REVOCATION_ALERT,
                     STAGE_DUE, DueItem, is_overdue)

ON = date(2026, 11, 30)


def item(kind: str, days: int, pk: int | None = 1) -> DueItem:
    return DueItem(kind, 1, "BA.0001/2026", "Anak", pk, ON + timedelta(days=days))


def test_a_date_within_seven_days_is_this_week_and_the_eighth_day_is_not():
    work = worklist([item(STAGE_DUE, 0), item(EXPIRY_DUE, WEEK_DAYS), item(REPORT_DUE, WEEK_DAYS + 1)], ON)
    assert [i.on for i in work.this_week] == [ON, ON + timedelta(days=7)]
    assert work.overdue == [] and work.alerts == []


def test_a_reassessment_whose_date_passed_is_overdue():
    work = worklist([item(REASSESSMENT_DUE, -1), item(REASSESSMENT_DUE, 1)], ON)
    assert [i.on for i in work.overdue] == [ON - timedelta(days=1)]
    assert [i.on for i in work.this_week] == [ON + timedelta(days=1)]


def test_a_revocation_alert_is_both_an_alert_and_overdue():
    alert = item(REVOCATION_ALERT, -40)
    work = worklist([alert, item(APEL_MISSED, -35)], ON)
    assert work.alerts == [alert]
    assert len(work.overdue) == 2 and work.this_week == []


def test_overdue_items_are_counted_per_pk_including_clients_without_a_pk():
    items = [item(APEL_MISSED, -3, pk=1), item(APEL_MISSED, -3, pk=1), item(STAGE_DUE, 2, pk=1),
             item(REVOCATION_ALERT, -50, pk=None)]
    assert overdue_per_pk(items, ON) == {1: 2, None: 1}


kinds = st.sampled_from(sorted(LATE_KINDS | {STAGE_DUE, EXPIRY_DUE, REPORT_DUE, REASSESSMENT_DUE}))


@given(st.lists(st.tuples(kinds, st.integers(-400, 400)), max_size=30))
def test_every_item_lands_in_at_most_one_of_overdue_and_this_week(specs):
    items = [item(kind, days) for kind, days in specs]
    work = worklist(items, ON)
    assert len(work.overdue) == sum(is_overdue(i, ON) for i in items)
    assert all(i.on <= ON + timedelta(days=WEEK_DAYS) and not is_overdue(i, ON) for i in work.this_week)
    assert not set(map(id, work.overdue)) & set(map(id, work.this_week))
    assert sum(overdue_per_pk(items, ON).values()) == len(work.overdue)
