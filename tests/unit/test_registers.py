"""Register books without a database: filters read from the address, periods,
time zones, and the .xlsx layout."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st
from openpyxl import load_workbook

from app.registers import BOOKS, filters, xlsx
from app.registers.base import (DATE, INT, LETTER, PERIOD, PK, STATUS, Book, Column, Filters, Period, Row,
                                local_day, utc_bounds)
from app.registers.filters import BadFilter

TODAY = date(2031, 5, 17)
ALL = Book("uji", "Test book", "Buku Uji", (Column("name", "Name"),), lambda *a: [],
           frozenset({PERIOD, PK, STATUS, LETTER}), {"aktif": "Active", "selesai": "Done"}, "Status")
YEARLY = Book("uji-tahun", "Yearly", "Buku Tahunan", (), lambda *a: [], frozenset({PERIOD}), default_period="year")
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_no_filters_means_this_month_or_this_year():
    assert filters.parse(ALL, {}, TODAY) == Filters(Period(date(2031, 5, 1), date(2031, 5, 31)), None, None, "A")
    assert filters.parse(YEARLY, {}, TODAY).period == Period(date(2031, 1, 1), date(2031, 12, 31))


def test_a_month_a_range_a_pk_a_status_and_a_letter_are_read():
    assert filters.parse(ALL, {"bulan": "2028-02"}, TODAY).period == Period(date(2028, 2, 1), date(2028, 2, 29))
    got = filters.parse(ALL, {"bulan": "2028-02", "dari": "2027-12-30", "sampai": "2028-01-02", "pk": "12",
                              "status": "selesai", "huruf": "q"}, TODAY)
    assert got == Filters(Period(date(2027, 12, 30), date(2028, 1, 2)), 12, "selesai", "Q")


def test_the_period_radio_says_which_of_month_and_dates_counts():
    both = {"bulan": "2028-02", "dari": "2027-12-30", "sampai": "2028-01-02"}
    assert filters.parse(ALL, {**both, "periode": "bulan"}, TODAY).period == Period.month(date(2028, 2, 1))
    assert filters.parse(ALL, {**both, "periode": "rentang"}, TODAY).period == Period(date(2027, 12, 30),
                                                                                     date(2028, 1, 2))
    assert filters.parse(ALL, {"periode": "bulan", "bulan": ""}, TODAY).period == Period.month(TODAY)


@pytest.mark.parametrize("args", [
    {"periode": "minggu"}, {"periode": "rentang", "bulan": "2026-01"}, {"bulan": "2026-13"}, {"bulan": "2026-00"}, {"bulan": "2026-1"}, {"bulan": "abc"}, {"bulan": "99999-01"},
    {"bulan": "1900-01"}, {"dari": "2026-01-01"}, {"sampai": "2026-01-01"},
    {"dari": "2026-02-30", "sampai": "2026-03-01"}, {"dari": "2026-03-02", "sampai": "2026-03-01"},
    {"dari": "2026-01-01", "sampai": "9999-12-31"}, {"dari": "20260101", "sampai": "2026-01-02"},
    {"pk": "abc"}, {"pk": "-1"}, {"pk": "1" * 10}, {"pk": "9" * 400}, {"status": "hilang"},
    {"huruf": "1"}, {"huruf": "AB"}, {"huruf": "É"},
])
def test_bad_values_are_refused_with_a_message(args):
    with pytest.raises(BadFilter) as refused:
        filters.parse(ALL, args, TODAY)
    assert refused.value.status_code == 400 and refused.value.messages[0]


def test_filters_a_book_does_not_have_are_ignored():
    assert filters.parse(YEARLY, {"pk": "abc", "status": "x", "huruf": "1"}, TODAY) == Filters(Period.year(2031))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_a_month_period_is_the_whole_calendar_month_and_round_trips(day):
    period = Period.month(day)
    assert period.start.day == 1 and period.start.month == day.month
    assert period.after_end.day == 1 and period.end.month == day.month and period.start <= day <= period.end
    assert period.is_month and filters.parse(ALL, filters.as_args(Filters(period)), TODAY).period == period


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 1)), st.integers(0, 400))
def test_any_range_round_trips_through_the_address(start, length):
    period = Period(start, min(start + timedelta(days=length), date(2100, 12, 31)))
    assert filters.parse(ALL, filters.as_args(Filters(period, 7, "aktif", "B")), TODAY) == Filters(
        period, 7, "aktif", "B")


def test_stored_utc_instants_fall_on_the_office_day():
    """Timestamps are stored in UTC; a complaint at 20:00 UTC on 31 March is 1 April in Jakarta."""
    assert local_day(datetime(2031, 3, 31, 20, 0), JAKARTA) == date(2031, 4, 1)
    assert local_day(datetime(2031, 3, 31, 16, 59), JAKARTA) == date(2031, 3, 31)
    assert utc_bounds(Period.month(date(2031, 4, 1)), JAKARTA) == (datetime(2031, 3, 31, 17, 0),
                                                                    datetime(2031, 4, 30, 17, 0))


BOOK = Book("register-uji", "Test register", "Register Uji/[1]", (
    Column("name", "Name", width=30, strikes=True), Column("born", "Born", DATE, 12),
    Column("age", "Age", INT, 7), Column("status", "Status", labels={"aktif": "Aktif"})), lambda *a: [])


def _open(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_the_workbook_has_a_title_block_typed_cells_and_a_frozen_filtered_header():
    rows = [Row({"name": "Satu", "born": date(2014, 2, 10), "age": 16, "status": "aktif"}),
            Row({"name": "Dua", "born": datetime(2013, 1, 2, 9, 0), "age": None, "status": "lain"}, struck=True)]
    ws = _open(xlsx.workbook(BOOK, rows, title="Register uji", office="Bapas A", period="Maret 2031",
                             number_header="No."))
    assert ws.title == "Register Uji  1 "  # Excel refuses []/ in sheet names
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == ["REGISTER UJI", "Bapas A", "Maret 2031"]
    assert [c.value for c in ws[5]] == ["No.", "Name", "Born", "Age", "Status"]
    assert [c.value for c in ws[6]] == [1, "Satu", datetime(2014, 2, 10), 16, "Aktif"]
    assert [c.value for c in ws[7]] == [2, "Dua", datetime(2013, 1, 2), None, "lain"]
    assert isinstance(ws["A6"].value, int) and isinstance(ws["D6"].value, int)
    assert ws["C6"].is_date and ws["C6"].number_format == "dd/mm/yyyy"
    assert ws["B7"].font.strike and not ws["B6"].font.strike and not ws["C7"].font.strike
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref == "A5:E7"
    assert ws.column_dimensions["B"].width == 30 and ws.column_dimensions["C"].width == 12
    assert ws.page_setup.orientation == "landscape" and ws.max_row == 7


def test_an_empty_book_still_opens_with_its_header():
    ws = _open(xlsx.workbook(BOOK, [], title="T", office="O", period="P", number_header="No."))
    assert ws.max_row == 5 and ws["B5"].value == "Name" and ws.auto_filter.ref == "A5:E6"


def test_file_names_name_the_book_and_the_filter_never_a_person():
    assert xlsx.file_name(BOOK, "BPS-A", "2031-03") == "register-uji_BPS-A_2031-03.xlsx"
    assert xlsx.file_name(BOOK, None, "2031-03-01_2031-04-30_7") == \
        "register-uji_semua-kantor_2031-03-01_2031-04-30_7.xlsx"
    assert xlsx.file_name(BOOK, 'A"; rm', "x") == "register-uji_A---rm_x.xlsx"


def test_every_book_has_an_indonesian_sheet_name_and_typed_columns():
    assert set(BOOKS) == {"register-klien", "buku-tahapan", "buku-ekspirasi", "buku-klaper", "register-tpp",
                          "register-pengaduan", "register-pindah"}
    for book in BOOKS.values():
        assert len(book.sheet) <= 31 and book.sheet.split()[0] in ("Register", "Buku")
        assert all(c.type in ("text", "date", "int") and c.width > 0 for c in book.columns)
        assert STATUS not in book.filters or book.statuses
