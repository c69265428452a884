"""Who is a child client: UU 11/2012 (SPPA) Pasal 1 angka 3 and Pasal 20.

A child in conflict with the law ("Anak yang Berkonflik dengan Hukum") is one who
is 12 or older and not yet 18 *at the time of the offence* (tempus delicti).
Age today does not decide: a client may be 18-20 while supervised and still be a
child client (Pasal 20). This module is the one place the rule lives.
"""
from __future__ import annotations

from datetime import date

MIN_AGE = 12
MAX_AGE_EXCLUSIVE = 18


def age_on(birth_date: date, on: date) -> int:
    """Whole years completed on ``on`` (a 29 February birthday counts on 1 March
    in common years, as Indonesian civil practice does)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def is_child_at_offence(birth_date: date, offence_date: date) -> bool:
    """True when the person was 12 <= age < 18 on the offence date."""
    return MIN_AGE <= age_on(birth_date, offence_date) < MAX_AGE_EXCLUSIVE
