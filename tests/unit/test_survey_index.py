"""The IKM of PermenPANRB 14/2017: mean of the nine element scores x 25, graded A-D (app/survey/index.py)."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from app.survey import index

SHEET = st.lists(st.integers(1, 4), min_size=9, max_size=9)
SHEETS = st.lists(SHEET, min_size=1, max_size=30)


def test_a_hand_computed_quarter():
    """Four respondents. Sums per element 14 14 11 16 14 13 15 11 11 = 119; NRR 3.5 3.5 2.75 4 3.5 3.25
    3.75 2.75 2.75; their mean 119/36 = 3.30556; x 25 = 82.6389 -> 82.64, grade B (baik)."""
    sheets = [[4, 4, 3, 4, 4, 3, 4, 3, 3],
              [3, 3, 3, 4, 3, 3, 4, 2, 3],
              [4, 3, 2, 4, 3, 4, 4, 3, 3],
              [3, 4, 3, 4, 4, 3, 3, 3, 2]]
    result = index.of_answers(sheets)
    assert result.respondents == 4
    assert result.scores == tuple(Fraction(x) for x in ("3.5", "3.5", "2.75", "4", "3.5", "3.25", "3.75", "2.75",
                                                        "2.75"))
    assert result.index == Decimal("82.64") and result.grade == "B"
    assert result.element_indexes[3] == Decimal("100.00") and result.element_indexes[2] == Decimal("68.75")


def test_the_extremes_are_25_and_100():
    assert index.of_answers([[1] * 9]).index == Decimal("25.00")
    assert index.of_answers([[1] * 9]).grade == "D"
    assert index.of_answers([[4] * 9]).index == Decimal("100.00")
    assert index.of_answers([[4] * 9]).grade == "A"


@pytest.mark.parametrize("value, letter", [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"),
                                           ("76.60", "C"), ("65.00", "C"), ("64.99", "D"), ("25.00", "D")])
def test_the_grade_bounds_of_the_regulation(value, letter):
    assert index.grade(Decimal(value)) == letter


def test_the_gap_between_intervals_is_closed_by_rounding_first():
    # 64.995 lies between D's 64.99 and C's 65.00: rounded half up it is 65.00, grade C.
    assert index.two_decimals(Fraction("64.995")) == Decimal("65.00")
    assert index.two_decimals(Fraction("64.994999")) == Decimal("64.99")


def test_nine_scores_in_range_are_required():
    with pytest.raises(ValueError):
        index.ikm([Fraction(3)] * 8)
    with pytest.raises(ValueError):
        index.ikm([Fraction(3)] * 8 + [Fraction(5)])


@given(SHEETS)
def test_the_index_lies_between_25_and_100_and_has_one_grade(sheets):
    result = index.of_answers(sheets)
    assert Decimal("25.00") <= result.index <= Decimal("100.00")
    assert result.grade in "ABCD"


@given(SHEETS, st.integers(0, 29), st.integers(0, 8))
def test_a_better_answer_never_lowers_the_index(sheets, who, element):
    sheet = sheets[who % len(sheets)]
    if sheet[element] == 4:
        return
    better = [list(s) for s in sheets]
    better[who % len(sheets)][element] += 1
    before, after = index.of_answers(sheets), index.of_answers(better)
    assert after.index >= before.index
    assert "ABCD".index(after.grade) <= "ABCD".index(before.grade)


@given(st.decimals(min_value=25, max_value=100, places=2), st.decimals(min_value=25, max_value=100, places=2))
def test_a_higher_index_never_has_a_worse_grade(a, b):
    low, high = sorted((a, b))
    assert "ABCD".index(index.grade(high)) <= "ABCD".index(index.grade(low))


@given(SHEETS)
def test_the_index_is_the_unweighted_mean_of_the_element_scores_times_25(sheets):
    result = index.of_answers(sheets)
    exact = sum(result.scores) / 9 * 25
    assert abs(Decimal(exact.numerator) / Decimal(exact.denominator) - result.index) <= Decimal("0.005")
