from datetime import date, datetime

from app.platform.dates import long_date, long_datetime


def test_indonesian_long_date():
    assert long_date(date(2027, 1, 5)) == "5 Januari 2027"
    assert long_date(date(2026, 8, 17)) == "17 Agustus 2026"


def test_english_long_date():
    assert long_date(date(2027, 1, 5), "en") == "5 January 2027"


def test_no_date_prints_nothing_not_none():
    assert long_date(None) == ""
    assert long_datetime(None) == ""


def test_indonesian_time_uses_a_dot():
    assert long_datetime(datetime(2027, 1, 5, 14, 5)) == "5 Januari 2027 14.05"


def test_stored_utc_is_shown_in_jakarta_time():
    from babel.dates import get_timezone

    assert long_datetime(datetime(2027, 1, 5, 20, 30), tzinfo=get_timezone("Asia/Jakarta")) == "6 Januari 2027 03.30"


def test_month_and_year():
    from app.platform.dates import month_year

    assert month_year(date(2026, 10, 1)) == "Oktober 2026"
