"""Complaint deadlines in Indonesian working days."""
from datetime import date, timedelta

from hypothesis import given, strategies as st

from app.complaints.deadlines import add_working_days, is_working_day

LEBARAN_2026 = {date(2026, 3, 20), date(2026, 3, 21), date(2026, 3, 23), date(2026, 3, 24)}


def test_two_working_days_from_a_thursday_end_on_monday():
    assert add_working_days(date(2026, 11, 26), 2, set()) == date(2026, 11, 30)


def test_a_complaint_received_on_saturday_counts_from_monday():
    assert add_working_days(date(2026, 11, 28), 1, set()) == date(2026, 11, 30)


def test_holidays_from_the_table_do_not_count():
    # Thursday 19 March 2026, five working days, with the Lebaran holidays and leave in the table:
    # Wed 25, Thu 26, Fri 27, Mon 30, Tue 31
    assert add_working_days(date(2026, 3, 19), 5, LEBARAN_2026) == date(2026, 3, 31)


def test_zero_days_is_the_day_itself():
    assert add_working_days(date(2026, 11, 30), 0, set()) == date(2026, 11, 30)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 60),
       st.sets(st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 6, 30)), max_size=40))
def test_the_deadline_is_a_working_day_with_exactly_n_working_days_after_receipt(received, days, holidays):
    due = add_working_days(received, days, holidays)
    assert is_working_day(due, holidays)
    counted = sum(is_working_day(received + timedelta(days=i), holidays) for i in range(1, (due - received).days + 1))
    assert counted == days
