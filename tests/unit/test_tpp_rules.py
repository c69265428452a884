"""Sidang TPP: quorum is more than two thirds of the members; a majority is more than half of those present."""
import pytest

from app.tpp.decisions import has_quorum, majority_carries


@pytest.mark.parametrize("present,members,expected", [
    (7, 9, True),    # 7/9 = 0.78
    (6, 9, False),   # exactly two thirds is not more than two thirds
    (3, 4, True),
    (2, 3, False),
    (1, 1, True),
    (0, 0, False),
])
def test_quorum(present, members, expected):
    assert has_quorum(present, members) is expected


@pytest.mark.parametrize("votes_for,present,expected", [(4, 7, True), (3, 6, False), (4, 6, True), (1, 1, True)])
def test_majority(votes_for, present, expected):
    assert majority_carries(votes_for, present) is expected
