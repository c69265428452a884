"""Password policy: long enough, not the user's name, not a common password.

Used by every place a password is set: FAB's user and reset forms (through
``FAB_PASSWORD_COMPLEXITY_VALIDATOR``, see app.platform.security) and `flask sibika
create-admin`. Length is what makes a password strong; the other rules only
catch the obvious guesses an attacker tries first.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from flask_babel import gettext

MIN_LENGTH = 12
MIN_DISTINCT = 6
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s",
                       "!": "i"})


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    lines = (Path(__file__).with_name("common_passwords.txt")).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def base_word(password: str) -> str:
    """The letters that remain once case, digit/symbol look-alikes and padding are undone."""
    # Padding first ("2026!" at the end is not an "o"), then look-alikes inside the word.
    core = re.sub(r"^[^a-z]+|[^a-z]+$", "", password.lower())
    return re.sub(r"[^a-z]", "", core.translate(_LEET))


def _is_repetition_of_common(word: str) -> bool:
    # "passwordpassword", "qwertyqwerty", "abcabcabcabc"
    for size in range(1, len(word) // 2 + 1):
        if len(word) % size == 0 and word[:size] * (len(word) // size) == word and word[:size] in common_words():
            return True
    return False


def is_common(password: str) -> bool:
    lowered = password.lower()
    if lowered in common_words():
        return True
    word = base_word(password)
    plain = re.sub(r"[^a-z]", "", lowered)
    # Only digits and symbols ("123456789012") count as common too.
    return (not plain or plain in common_words() or word in common_words()
            or _is_repetition_of_common(word) or _is_repetition_of_common(plain))


def _mentions_username(password: str, username: str | None) -> bool:
    if not username:
        return False
    # casefold, not lower: lower() is contextual (a final Σ becomes ς alone but σ inside a longer text).
    name, lowered = username.strip().casefold(), password.casefold()
    if not name:
        return False
    if lowered in (name, name[::-1]):
        return True
    # Containment only for names long enough not to occur by chance.
    return len(name) >= 4 and (name in lowered or name in base_word(password))


def problems(password: str | None, username: str | None = None, min_length: int = MIN_LENGTH) -> list[str]:
    """What is wrong with a new password (empty when it is acceptable)."""
    password = password or ""
    found = []
    if len(password) < min_length:
        found.append(gettext("A password has at least %(n)s characters.", n=min_length))
    if len(set(password)) < MIN_DISTINCT:
        found.append(gettext("A password has at least %(n)s different characters.", n=MIN_DISTINCT))
    if _mentions_username(password, username):
        found.append(gettext("A password must not contain the user name."))
    if password and is_common(password):
        found.append(gettext("This password is too common; choose one that is hard to guess."))
    return found
