"""One cell of an import file to a value: dates, codes, numbers, NIK, formulas;
the registration-number reading that moves the counter; the pending store."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, strategies as st

from app.imports import cells, pending
from app.imports.parse import RawRow
from app.imports.reading import Formula
from app.clients.register_numbers import format_number, parse_number
from models.choices import SEX


@pytest.mark.parametrize("raw,expected", [
    ("14/03/2010", date(2010, 3, 14)),
    ("14-03-2010", date(2010, 3, 14)),
    ("4.3.2010", date(2010, 3, 4)),
    ("2010-03-14", date(2010, 3, 14)),
    ("2010-03-14 00:00:00", date(2010, 3, 14)),
    ("14 Maret 2010", date(2010, 3, 14)),
    ("14 Agt 2010", date(2010, 8, 14)),
    (datetime(2010, 3, 14, 0, 0), date(2010, 3, 14)),
    (date(2010, 3, 14), date(2010, 3, 14)),
    (40251, date(2010, 3, 14)),  # an Excel day number of a date cell that lost its format
    (40251.0, date(2010, 3, 14)),
    ("  ", None),
    (None, None),
])
def test_dates_are_read_day_first_in_every_usual_form(raw, expected):
    assert cells.day(raw) == expected


@pytest.mark.parametrize("raw,fragment", [
    ("31/02/2010", "not a real date"),
    ("29/02/2011", "not a real date"),
    ("14/13/2010", "not a real date"),
    ("14/03/10", "four digits"),
    ("14 Maret 10", "four digits"),
    ("kemarin", "is not a date"),
    ("14 Maretan 2010", "is not a date"),
    (2010, "is not a date"),  # a year alone typed as a number would be day 2010 of 1900
    (10 ** 9, "is not a date"),
    ("1890-01-01", "not plausible"),
    (True, "is not a date"),
])
def test_bad_dates_say_what_is_wrong(raw, fragment):
    with pytest.raises(cells.CellProblem) as problem:
        cells.day(raw)
    assert fragment in problem.value.message


@pytest.mark.parametrize("raw", [Formula("=TODAY()"), "=1+1", " =HYPERLINK(\"x\")", "+62811", "-", "@SUM(A1)",
                                 "\t=cmd"])
@pytest.mark.parametrize("convert", [lambda v: cells.text(v, 100), cells.day, lambda v: cells.code(v, SEX),
                                     lambda v: cells.number(v, 1, 92), lambda v: cells.nik(v, 16)])
def test_formulas_and_formula_signs_are_refused_in_every_kind_of_column(raw, convert):
    with pytest.raises(cells.CellProblem) as problem:
        convert(raw)
    assert "formula" in problem.value.message


def test_a_negative_number_in_a_text_column_is_refused_like_a_formula_sign():
    with pytest.raises(cells.CellProblem):
        cells.text(-5, 60)


def test_text_is_trimmed_and_numbers_read_as_written():
    assert cells.text("  Budi   Santoso ", 150) == "Budi Santoso"
    assert cells.text(123.0, 60) == "123"
    with pytest.raises(cells.CellProblem, match="Too long: 5 characters; at most 4"):
        cells.text("abcde", 4)
    with pytest.raises(cells.CellProblem, match="turned this cell into a date"):
        cells.text(datetime(2026, 1, 3), 60)


def test_codes_match_whatever_the_case_and_known_aliases():
    assert cells.code("l", SEX) == "L"
    assert cells.code("Perempuan", SEX, {"perempuan": "P"}) == "P"
    with pytest.raises(cells.CellProblem, match="use one of: L, P"):
        cells.code("X", SEX)


def test_a_nik_typed_as_a_number_is_refused_because_excel_lost_a_digit():
    with pytest.raises(cells.CellProblem, match="15 digits"):
        cells.nik(3201011403100001, 16)
    assert cells.nik("3201 0114 0310 0001", 16) == "3201011403100001"


@pytest.mark.parametrize("raw,expected", [("30", 30), (30.0, 30), (7, 7), ("", None)])
def test_whole_numbers(raw, expected):
    assert cells.number(raw, 1, 92) == expected


@pytest.mark.parametrize("raw", ["30.5", 30.5, 0, 93, "tiga puluh", True])
def test_numbers_outside_the_range_or_not_whole_are_refused(raw):
    with pytest.raises(cells.CellProblem):
        cells.number(raw, 1, 92)


@given(seq=st.integers(min_value=1, max_value=10 ** 6), year=st.integers(min_value=1950, max_value=2100),
       pattern=st.sampled_from(["BA.{seq:04d}/{year}", "REG-{office}-{year}-{seq:05d}", "W13.PAS.{seq}-{year}",
                                "{office}/{seq}"]))
def test_a_number_written_in_the_pattern_reads_back_to_its_sequence(seq, year, pattern):
    number = format_number(pattern, seq, year, "BPS-A")
    assert parse_number(pattern, number, "BPS-A") == (seq, year if "{year}" in pattern else None)


@pytest.mark.parametrize("number", ["BA.12/2026", "BA.0012/26", "XX.0012/2026", "BA.0012/2026 ", "ba.0012/2026"])
def test_a_number_not_in_the_pattern_is_not_read(number):
    # "BA.12/2026" would print back as BA.0012/2026: only an exact round trip counts.
    assert parse_number("BA.{seq:04d}/{year}", number, "BPS-A") is None


def test_pending_upload_is_bound_to_its_user_and_office_and_expires(tmp_path):
    folder = str(tmp_path / "imports")
    rows = [RawRow(2, {"full_name": "Budi", "birth_date": datetime(2010, 3, 14), "decision_date": date(2025, 1, 2),
                       "offence_date": Formula("=TODAY()"), "reporting_interval_days": 30.0, "nik": None,
                       "alias": True})]
    token = pending.put(folder, rows, "register.xlsx", user_id=7, office_id=1, now=1000.0)
    assert pending.get(folder, token, 7, 1, now=1001.0, ttl=60).rows == rows
    assert pending.get(folder, token, 7, None, now=1001.0, ttl=60).office_id == 1
    assert pending.get(folder, token, 8, 1, now=1001.0, ttl=60) is None  # another user
    assert pending.get(folder, token, 7, 2, now=1001.0, ttl=60) is None  # another office
    assert pending.get(folder, "../../secret_key", 7, 1, now=1001.0, ttl=60) is None
    assert (tmp_path / "imports" / f"{token}.json").stat().st_mode & 0o077 == 0
    assert pending.get(folder, token, 7, 1, now=2000.0, ttl=60) is None  # expired, and removed
    assert not (tmp_path / "imports" / f"{token}.json").exists()


def test_sweep_removes_only_expired_uploads(tmp_path):
    import os
    import time

    folder = str(tmp_path)
    old = pending.put(folder, [], "a.csv", 1, 1, now=time.time())
    fresh = pending.put(folder, [], "b.csv", 1, 1, now=time.time())
    os.utime(tmp_path / f"{old}.json", (time.time() - 7200, time.time() - 7200))
    assert pending.sweep(folder, time.time(), ttl=3600) == 1
    assert not (tmp_path / f"{old}.json").exists() and (tmp_path / f"{fresh}.json").exists()
