"""Wajib lapor periods, missed reports and the three-in-a-row revocation alert."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.supervision.apel import (
    alert_threshold,
    completed_count,
    completed_periods,
    missed_in_a_row,
    missed_periods,
    revocation_alert,
    schedule,
)

START = date(2027, 1, 1)


def test_periods_are_counted_from_the_start_and_only_completed_ones_count():
    periods = completed_periods(START, 30, date(2027, 3, 3))
    assert [(p.first_day, p.last_day) for p in periods] == [
        (date(2027, 1, 1), date(2027, 1, 30)), (date(2027, 1, 31), date(2027, 3, 1))]
    # the period ending on 1 March is complete on 2 March, not on 1 March
    assert len(completed_periods(START, 30, date(2027, 3, 1))) == 1


def test_a_report_anywhere_in_a_period_counts():
    assert missed_periods(START, 30, date(2027, 3, 3), [date(2027, 1, 30), date(2027, 1, 31)]) == []


def test_three_missed_periods_in_a_row_raise_the_alert():
    reports = [date(2027, 1, 10)]
    today = date(2027, 5, 1)  # four periods complete: to 30 Jan, 1 Mar, 31 Mar, 30 Apr
    assert missed_in_a_row(START, 30, today, reports) == 3
    assert revocation_alert(START, 30, today, reports)


def test_two_missed_then_a_report_resets_the_count():
    reports = [date(2027, 1, 10), date(2027, 4, 1)]
    assert missed_in_a_row(START, 30, date(2027, 5, 2), reports) == 0
    assert not revocation_alert(START, 30, date(2027, 5, 2), reports)


def test_weekly_reporting_set_by_the_pk():
    reports = [START + timedelta(days=d) for d in (2, 9, 16)]
    assert missed_in_a_row(START, 7, START + timedelta(days=42), reports) == 3


def test_a_report_in_the_current_period_clears_the_alert():
    today = date(2027, 5, 3)
    assert revocation_alert(START, 30, today, [date(2027, 1, 10)])
    assert not revocation_alert(START, 30, today, [date(2027, 1, 10), date(2027, 5, 2)])


def test_nothing_is_missed_after_the_supervision_ended():
    assert missed_periods(START, 30, date(2028, 1, 1), [], until=date(2027, 2, 5)) != []
    assert len(missed_periods(START, 30, date(2028, 1, 1), [], until=date(2027, 2, 5))) == 1


@given(st.integers(1, 60), st.integers(0, 800), st.lists(st.integers(0, 800), max_size=40))
def test_the_threshold_agrees_with_the_alert(interval, elapsed, offsets):
    """The one-comparison form (for SQL) says the same as counting periods."""
    today = START + timedelta(days=elapsed)
    reports = [START + timedelta(days=o) for o in offsets if START + timedelta(days=o) < today]
    threshold = alert_threshold(START, interval, today)
    expected = revocation_alert(START, interval, today, reports)
    via_threshold = threshold is not None and not any(r >= threshold for r in reports)
    assert via_threshold == expected


def test_a_report_made_today_counts_today():
    today = date(2027, 5, 3)
    assert revocation_alert(START, 30, today, [date(2027, 1, 10)])
    assert not revocation_alert(START, 30, today, [date(2027, 1, 10), today])


def test_the_cards_schedule_covers_the_whole_supervision_and_stops_at_the_expiry():
    periods = schedule(START, 30, date(2027, 3, 10))
    assert [(p.first_day, p.last_day) for p in periods] == [
        (date(2027, 1, 1), date(2027, 1, 30)), (date(2027, 1, 31), date(2027, 3, 1)),
        (date(2027, 3, 2), date(2027, 3, 10))]  # the last period is cut where the supervision ends


@given(st.integers(1, 60), st.integers(0, 1500))
def test_the_schedule_is_the_reporting_rule_run_to_the_expiry(interval, length):
    """One row per period on the card: contiguous, from the start to the expiry, and the same
    periods the missed-report rule counts once the supervision is over."""
    expiry = START + timedelta(days=length)
    periods = schedule(START, interval, expiry)
    assert periods[0].first_day == START and periods[-1].last_day == expiry
    assert all(b.first_day == a.last_day + timedelta(days=1) for a, b in zip(periods, periods[1:]))
    full = completed_periods(START, interval, expiry + timedelta(days=1), expiry)
    assert periods[:len(full)] == full and len(periods) - len(full) in (0, 1)


def _missed_in_a_row_by_listing(start, interval, today, reports, until=None):
    """The rule as first written: list the completed periods, count those after the last report."""
    periods = completed_periods(start, interval, today, until)
    last_report = max((r for r in reports if r <= today), default=None)
    if last_report is None:
        return len(periods)
    return sum(1 for period in periods if period.first_day > last_report)


@given(st.integers(1, 60), st.integers(-40, 900), st.lists(st.integers(-60, 900), max_size=8),
       st.one_of(st.none(), st.integers(-10, 900)))
def test_counting_the_periods_agrees_with_listing_them(interval, elapsed, offsets, until_offset):
    today = START + timedelta(days=elapsed)
    reports = [START + timedelta(days=o) for o in offsets]
    until = None if until_offset is None else START + timedelta(days=until_offset)
    listed = completed_periods(START, interval, today, until)
    assert completed_count(START, interval, today, until) == len(listed)
    if listed:
        assert listed[0].first_day == START and all(
            (p.last_day - p.first_day).days == interval - 1 and (q.first_day - p.last_day).days == 1
            for p, q in zip(listed, listed[1:]))
    assert missed_in_a_row(START, interval, today, reports, until) == \
        _missed_in_a_row_by_listing(START, interval, today, reports, until)
