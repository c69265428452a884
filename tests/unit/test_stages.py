"""The stage engine against the standard's fractions (app/supervision/stages.py states the rule)."""
from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from app.supervision.stages import InvalidPeriod, Stage, plan

# Worked examples a person can check with a calendar:
# (start, expiry, days L, lanjutan begins, akhir begins)
WORKED = [
    # 731 days (2028 is a leap year): 731/4 = 182.75 -> day 183; 3*731/4 = 548.25 -> day 549
    (date(2027, 1, 1), date(2028, 12, 31), 731, date(2027, 7, 3), date(2028, 7, 3)),
    # 365 days: 91.25 -> 92 (3 April); 273.75 -> 274 (2 October)
    (date(2027, 1, 1), date(2027, 12, 31), 365, date(2027, 4, 3), date(2027, 10, 2)),
    # 100 days, divisible: 25 and 75 exactly
    (date(2027, 3, 1), date(2027, 6, 8), 100, date(2027, 3, 26), date(2027, 5, 15)),
    # across 29 February 2028: 1 Feb - 31 Mar 2028 = 60 days: 15 and 45
    (date(2028, 2, 1), date(2028, 3, 31), 60, date(2028, 2, 16), date(2028, 3, 17)),
    # a month end start: 31 January 2027 to 30 April 2027 = 90 days: 22.5 -> 23; 67.5 -> 68
    (date(2027, 1, 31), date(2027, 4, 30), 90, date(2027, 2, 23), date(2027, 4, 9)),
    # six months of a PB period: 5 Jan 2027 - 4 Jul 2027 = 181 days: 45.25 -> 46; 135.75 -> 136
    (date(2027, 1, 5), date(2027, 7, 4), 181, date(2027, 2, 20), date(2027, 5, 21)),
]


@pytest.mark.parametrize("start,expiry,days,lanjutan,akhir", WORKED)
def test_worked_examples(start, expiry, days, lanjutan, akhir):
    p = plan(start, expiry)
    assert p.days == days
    assert p.starts(Stage.AWAL) == start
    assert p.starts(Stage.LANJUTAN) == lanjutan
    assert p.starts(Stage.AKHIR) == akhir
    assert p.window(Stage.AKHIR).last_day == expiry


def test_the_day_before_a_boundary_is_still_the_earlier_stage():
    p = plan(date(2027, 1, 1), date(2028, 12, 31))
    assert p.stage_on(date(2027, 7, 2)) is Stage.AWAL
    assert p.stage_on(date(2027, 7, 3)) is Stage.LANJUTAN
    assert p.stage_on(date(2028, 7, 2)) is Stage.LANJUTAN
    assert p.stage_on(date(2028, 7, 3)) is Stage.AKHIR
    assert p.stage_on(date(2028, 12, 31)) is Stage.AKHIR
    assert p.stage_on(date(2029, 1, 1)) is None
    assert p.stage_on(date(2026, 12, 31)) is None


@pytest.mark.parametrize("expiry", [date(2027, 1, 1), date(2026, 12, 31)])
def test_expiry_on_or_before_the_start_is_not_a_period(expiry):
    with pytest.raises(InvalidPeriod):
        plan(date(2027, 1, 1), expiry)


periods = st.tuples(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=1, max_value=3653),  # one day to ten years after the start
).map(lambda t: (t[0], t[0] + timedelta(days=t[1])))
month_end_periods = st.tuples(
    st.sampled_from([date(y, m, d) for y in (2027, 2028) for m, d in ((1, 31), (2, 28), (2, 29), (4, 30), (12, 31))
                     if not (m == 2 and d == 29 and y % 4)]),
    st.integers(min_value=1, max_value=3653),
).map(lambda t: (t[0], t[0] + timedelta(days=t[1])))


def _check_rule(start, expiry):
    p = plan(start, expiry)
    days = (expiry - start).days + 1
    # the windows partition the period: contiguous, no gap, no overlap, covering start..expiry
    assert p.windows[0].first_day == start
    assert p.windows[-1].last_day == expiry
    for earlier, later in zip(p.windows, p.windows[1:]):
        assert later.first_day == earlier.last_day + timedelta(days=1)
    assert sum(w.days for w in p.windows) == days
    # boundaries are monotone
    assert start <= p.starts(Stage.LANJUTAN) <= p.starts(Stage.AKHIR) <= expiry + timedelta(days=1)
    # each boundary is the first whole day on or after the exact fraction (less than one day after it)
    for stage, fraction in ((Stage.LANJUTAN, Fraction(1, 4)), (Stage.AKHIR, Fraction(3, 4))):
        offset = (p.starts(stage) - start).days
        assert 0 <= offset - fraction * days < 1
    # every day of the period falls in exactly one stage
    for day in (start, expiry, p.starts(Stage.LANJUTAN), p.starts(Stage.AKHIR) - timedelta(days=1)):
        if start <= day <= expiry:
            assert sum(day in w for w in p.windows) == 1


@settings(max_examples=500)
@given(periods)
def test_windows_partition_any_period_from_one_day_to_ten_years(period):
    _check_rule(*period)


@given(month_end_periods)
def test_rule_holds_from_month_ends_and_leap_days(period):
    _check_rule(*period)


@given(periods)
def test_periods_of_four_days_or_more_have_three_non_empty_stages(period):
    start, expiry = period
    if (expiry - start).days + 1 >= 4:
        assert all(w.days > 0 for w in plan(start, expiry).windows)


@given(periods, st.integers(min_value=1, max_value=400))
def test_a_longer_period_never_moves_a_boundary_earlier(period, extra):
    start, expiry = period
    short, longer = plan(start, expiry), plan(start, expiry + timedelta(days=extra))
    for stage in (Stage.LANJUTAN, Stage.AKHIR):
        assert longer.starts(stage) >= short.starts(stage)
