"""UU 11/2012 Pasal 1 angka 3: a child client was 12 or older and under 18 on the offence date."""
from datetime import date, timedelta

from hypothesis import given, strategies as st

from app.clients.child_age import age_on, is_child_at_offence


def test_twelfth_birthday_is_the_first_day_a_child_can_be_a_client():
    assert not is_child_at_offence(date(2010, 5, 20), date(2022, 5, 19))
    assert is_child_at_offence(date(2010, 5, 20), date(2022, 5, 20))


def test_eighteenth_birthday_ends_childhood_for_the_rule():
    assert is_child_at_offence(date(2008, 5, 20), date(2026, 5, 19))
    assert not is_child_at_offence(date(2008, 5, 20), date(2026, 5, 20))


def test_age_at_offence_decides_not_age_today():
    """A client born 2006 who offended at 17 is a child client even when 20 today."""
    assert is_child_at_offence(date(2006, 1, 1), date(2023, 6, 1))


def test_leap_day_birthday_counts_on_first_of_march_in_common_years():
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18
    assert age_on(date(2008, 2, 29), date(2024, 2, 29)) == 16


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 40 * 366))
def test_age_never_decreases_and_grows_by_one_each_birthday(birth, days):
    later = birth + timedelta(days=days)
    assert age_on(birth, later) >= 0
    assert age_on(birth, later + timedelta(days=1)) - age_on(birth, later) in (0, 1)
