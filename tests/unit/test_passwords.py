"""Password policy (app/platform/passwords.py): length, not the user name, not a common password."""
from __future__ import annotations

import pytest
from hypothesis import example, given, strategies as st

from app.platform import passwords


pytestmark = pytest.mark.usefixtures("babel_context")


@pytest.mark.parametrize("good", ["Uji-Sandi-2026!", "kuda lari pagi hari", "Rp8jT!vK2qWz", "meja-biru-tujuh-9"])
def test_good_passwords_pass(good):
    assert passwords.problems(good, "pk_andi") == []


@pytest.mark.parametrize("common", [
    "password1234", "Password2026!", "P@ssw0rd2026", "!!Pa55word!!99", "123456789012", "qwertyqwerty",
    "Bismillah123!", "indonesia1945", "Rahasia-2026", "adminadminadmin", "000000000000000",
])
def test_common_passwords_and_their_padded_forms_are_refused(common):
    found = passwords.problems(common)
    assert any("common" in p or "different" in p for p in found), common


def test_the_user_name_is_refused_in_any_case_or_padding():
    assert "user name" in " ".join(passwords.problems("Siti.Rahma2026", "siti.rahma"))
    assert passwords.problems("ab-kuda-lari-pagi", "ab") == []  # a two-letter name is not searched inside


@given(st.text(min_size=0, max_size=11))
def test_anything_shorter_than_twelve_is_refused(short):
    assert any("at least 12" in p for p in passwords.problems(short))


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=4, max_size=12).filter(lambda s: len(s.strip()) >= 4),
       st.text(max_size=10), st.text(max_size=10))
@example("ΣΣΣΣ", "", "a")  # lower() is contextual: a final sigma alone, a middle one inside the password
def test_a_password_containing_the_user_name_is_refused(name, before, after):
    assert "A password must not contain the user name." in passwords.problems(before + name.strip() + after,
                                                                               name.strip())


def test_min_length_follows_the_setting():
    assert passwords.problems("kuda-lari-pagi", min_length=16)
    assert passwords.problems("kuda-lari-pagi-hari", min_length=16) == []
