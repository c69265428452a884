"""Pure client rules (no database): dates, the child-age rule, NIK."""
from datetime import date

import pytest

from app.clients.rules import ClientFacts, date_problems

TODAY = date(2026, 11, 30)


pytestmark = pytest.mark.usefixtures("babel_context")


def facts(**kw):
    base = dict(office_id=1, registration_number="BA.0001/2026", birth_date=date(2010, 3, 14),
                offence_date=date(2025, 6, 1), supervision_start=date(2026, 1, 5),
                supervision_expiry=date(2027, 1, 4))
    base.update(kw)
    return ClientFacts(**base)


def test_a_plausible_client_has_no_problems():
    assert date_problems(facts(), TODAY) == {}


def test_expiry_before_start_is_refused_on_the_expiry_field():
    found = date_problems(facts(supervision_expiry=date(2025, 12, 31)), TODAY)
    assert list(found) == ["supervision_expiry"]


def test_zero_day_period_is_refused():
    assert "supervision_expiry" in date_problems(facts(supervision_expiry=date(2026, 1, 5)), TODAY)


def test_too_old_at_offence_names_the_age_and_the_law():
    found = date_problems(facts(birth_date=date(2006, 1, 1)), TODAY)
    assert "19" in found["birth_date"][0] and "UU 11/2012" in found["birth_date"][0]


def test_too_young_at_offence_is_refused():
    assert "birth_date" in date_problems(facts(birth_date=date(2014, 1, 1)), TODAY)


def test_offence_before_birth_is_refused():
    assert "offence_date" in date_problems(facts(birth_date=date(2025, 7, 1)), TODAY)


def test_future_dates_are_refused():
    found = date_problems(facts(birth_date=date(2027, 1, 1), offence_date=date(2027, 2, 1)), TODAY)
    assert {"birth_date", "offence_date"} <= set(found)


@pytest.mark.parametrize("nik", ["123", "31710114031000AB"])
def test_malformed_nik(nik):
    assert "nik" in date_problems(facts(nik=nik), TODAY)


def test_decision_before_offence_is_refused():
    assert "decision_date" in date_problems(facts(decision_date=date(2025, 1, 1)), TODAY)
