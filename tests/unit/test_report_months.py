"""The months the client's file offers for a monthly progress report (app/client_file/months.py): this month
first, back to the month the supervision started; a year back without a start; never more than three years."""
from datetime import date

from app.client_file.months import MOST, report_months


def test_from_this_month_back_to_the_start_of_the_supervision():
    assert report_months(date(2026, 10, 20), date(2027, 1, 5)) == [
        date(2027, 1, 1), date(2026, 12, 1), date(2026, 11, 1), date(2026, 10, 1)]


def test_without_a_start_a_year_back_and_a_start_in_the_future_still_offers_this_month():
    assert len(report_months(None, date(2026, 12, 4))) == 13
    assert report_months(date(2027, 3, 1), date(2026, 12, 4)) == [date(2026, 12, 1)]


def test_never_more_than_three_years():
    assert len(report_months(date(2015, 1, 1), date(2026, 12, 4))) == MOST
