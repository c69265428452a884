"""The returning-client score (app.clients.returning.matching): NIK decides when both sides have one; otherwise
name, birth date and parents' names."""
from __future__ import annotations

from datetime import date

from hypothesis import given, strategies as st

from app.clients.returning.matching import (BIRTH_DATE, NAME, NIK, PARENTS, THRESHOLD, Person, birth_date_closeness,
                                    initials, name_similarity, normalise_name, score)

BUDI = Person("Budi Santoso", date(2010, 3, 14), sex="L", parents=("Siti Aminah", "Joko Santoso"))

names = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Zs", "Pd", "Po")), max_size=40)
births = st.dates(min_value=date(1990, 1, 1), max_value=date(2020, 12, 31))
niks = st.from_regex(r"\d{16}", fullmatch=True)
people = st.builds(Person, full_name=names, birth_date=births, nik=st.none() | niks,
                   sex=st.sampled_from(["L", "P", None]), parents=st.tuples() | st.tuples(names) | st.tuples(names, names))


@given(people, people)
def test_the_score_is_symmetric_and_between_0_and_100(a, b):
    assert score(a, b).score == score(b, a).score
    assert 0 <= score(a, b).score <= 100


@given(people)
def test_a_registration_is_a_candidate_for_itself_when_it_has_a_name(person):
    found = score(person, person)
    assert found.score == 100 or not normalise_name(person.full_name)
    if normalise_name(person.full_name) or person.nik:
        assert found.is_candidate


@given(people, people, niks)
def test_the_same_nik_is_the_same_child_whatever_else_differs(a, b, nik):
    found = score(Person(a.full_name, a.birth_date, nik, a.sex, a.parents),
                  Person(b.full_name, b.birth_date, nik, b.sex, b.parents))
    assert found.is_candidate and found.by_nik and found.score == 100 and found.reasons == (NIK,)


@given(people, niks, niks)
def test_two_different_niks_are_two_children_even_with_the_same_name_and_birth(a, nik_a, nik_b):
    if nik_a == nik_b:
        return
    found = score(Person(a.full_name, a.birth_date, nik_a, a.sex, a.parents),
                  Person(a.full_name, a.birth_date, nik_b, a.sex, a.parents))
    assert found.score == 0 and not found.is_candidate


@given(names)
def test_normalising_is_idempotent_and_ignores_case_and_spacing(name):
    once = normalise_name(name)
    assert normalise_name(once) == once
    assert normalise_name(f"  {name.upper()}  ") == normalise_name(name.lower()) or not name.isascii()


def test_written_variants_of_one_name_are_the_same_name():
    assert name_similarity("Muh. Rizky Pratama", "Muhammad Rizky Pratama") == 1.0
    assert name_similarity("SANTOSO, Budi", "Budi Santoso") == 1.0  # the order of the words
    assert name_similarity("Budi Santoso", "Andi Wijaya") < 0.6
    assert initials("budi  santoso") == "B. S."


def test_one_mistyped_part_of_the_birth_date_or_day_and_month_swapped_still_fits():
    assert birth_date_closeness(date(2010, 3, 14), date(2010, 3, 14)) == 1.0
    assert birth_date_closeness(date(2010, 3, 4), date(2010, 4, 3)) == 0.7
    assert birth_date_closeness(date(2010, 3, 14), date(2011, 3, 14)) == 0.7
    assert birth_date_closeness(date(2010, 3, 14), date(2012, 7, 1)) == 0.0


def test_name_birth_date_and_parents_without_nik_make_a_candidate():
    again = Person("Budi Santosa", date(2010, 3, 14), nik="3201011403100001", sex="L",
                   parents=("Siti Aminah",))
    found = score(again, BUDI)  # the earlier registration had no NIK
    assert found.is_candidate and found.score >= THRESHOLD
    assert set(found.reasons) == {NAME, BIRTH_DATE, PARENTS}


def test_a_twin_with_another_name_is_not_a_candidate():
    twin = Person("Ani Lestari", BUDI.birth_date, sex="P", parents=BUDI.parents)
    assert not score(twin, BUDI).is_candidate


def test_the_same_name_born_years_apart_is_not_a_candidate():
    namesake = Person("Budi Santoso", date(2006, 11, 2), sex="L", parents=("Rina", "Agus"))
    assert not score(namesake, BUDI).is_candidate


def test_other_parents_lower_the_score():
    same_parents = score(Person("Budi Santoso", BUDI.birth_date, parents=BUDI.parents), BUDI).score
    other_parents = score(Person("Budi Santoso", BUDI.birth_date, parents=("Rina Wati", "Agus Salim")), BUDI).score
    assert other_parents < same_parents
