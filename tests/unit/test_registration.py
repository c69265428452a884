import pytest

from app.clients.register_numbers import format_number, pattern_errors


def test_default_pattern_numbers_within_the_year():
    assert format_number("BA.{seq:04d}/{year}", 7, 2027, "X") == "BA.0007/2027"


def test_office_code_can_be_part_of_the_number():
    assert format_number("REG-{office}-{year}-{seq:03d}", 12, 2026, "BPS-BDG") == "REG-BPS-BDG-2026-012"


@pytest.mark.parametrize("pattern,error", [
    ("BA/{year}", "missing_seq"),
    ("BA.{seq}/{tahun}", "unknown_field"),
    ("BA.{seq:04d/{year}", "malformed"),
    ("BA.{seq:xyz}", "malformed"),
])
def test_bad_patterns_are_named(pattern, error):
    assert pattern_errors(pattern) == [error]


def test_good_pattern_has_no_errors():
    assert pattern_errors("W13.PAS.{seq}-{year}") == []
