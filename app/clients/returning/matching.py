"""Is a new registration the same child as an earlier one? A pure score (no Flask, no database).

* Both NIKs known: equal is the same child (score 100), different is another child (score 0): a NIK is
  exact (UU 24/2013 Adminduk) and two children never share one.
* Otherwise the names (normalised: case, accents, punctuation, spacing, the order of the words and the
  usual ways of writing Muhammad), the birth dates (equal, or one part mistyped, or day and month swapped)
  and the parents' names, weighed 50 : 30 : 20 over what both sides know. A different sex halves it.
* A possible match needs a score of at least ``THRESHOLD``, a name at least ``NAME_FLOOR`` alike and a
  birth date that fits: a twin (same birth date, same parents) with another name is not the same child.

Name similarity is difflib's ratio (the standard library): rapidfuzz is neither a dependency of SIBIKA nor
in the package lists, and registers of one child's names are short strings where difflib is fast enough.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

THRESHOLD = 75
NAME_FLOOR = 0.75
WEIGHTS = {"name": 50, "birth_date": 30, "parents": 20}

# The codes a match rests on (their labels: app.clients.returning.queries.REASON_LABELS).
NIK, NAME, BIRTH_DATE, PARENTS = "nik", "name", "birth_date", "parents"
REASONS = (NIK, NAME, BIRTH_DATE, PARENTS)

# Ways of writing one name that registers mix (the first is kept).
_SAME_WORD = {"m": "muhammad", "muh": "muhammad", "moh": "muhammad", "mohd": "muhammad", "mochammad": "muhammad",
              "mohammad": "muhammad", "mohamad": "muhammad", "muhamad": "muhammad", "muhammed": "muhammad",
              "moch": "muhammad", "mhd": "muhammad", "achmad": "ahmad", "ahmat": "ahmad"}


@dataclass(frozen=True)
class Person:
    """What registration knows of a child (and of an earlier registration)."""

    full_name: str
    birth_date: date | None
    nik: str | None = None
    sex: str | None = None
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    score: int  # 0 to 100
    reasons: tuple[str, ...]  # which of REASONS agreed
    name: float  # 0 to 1
    by_nik: bool = False

    @property
    def is_candidate(self) -> bool:
        if self.by_nik:
            return True
        return self.score >= THRESHOLD and self.name >= NAME_FLOOR and BIRTH_DATE in self.reasons


def normalise_name(name: str | None) -> str:
    """Lower case, no accents or punctuation, one space between words, the usual variants of a word as one."""
    if not name:
        return ""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    words = re.sub(r"[^a-z\s]", " ", plain).split()
    return " ".join(_SAME_WORD.get(w, w) for w in words)


def name_similarity(a: str | None, b: str | None) -> float:
    """0 to 1: the better of the names as written and with their words sorted (a swapped order is the same)."""
    x, y = normalise_name(a), normalise_name(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    sx, sy = " ".join(sorted(x.split())), " ".join(sorted(y.split()))
    return max(_ratio(x, y), _ratio(sx, sy))


def _ratio(x: str, y: str) -> float:
    # difflib's ratio depends on the order of its arguments: both orders, so the score is symmetric.
    return max(SequenceMatcher(None, x, y).ratio(), SequenceMatcher(None, y, x).ratio())


def birth_date_closeness(a: date | None, b: date | None) -> float:
    """1 for the same date; 0.7 for one part mistyped or day and month swapped; else 0."""
    if a is None or b is None:
        return 0.0
    if a == b:
        return 1.0
    if (a.day, a.month, a.year) == (b.month, b.day, b.year):
        return 0.7
    same = (a.day == b.day) + (a.month == b.month) + (a.year == b.year)
    return 0.7 if same == 2 else 0.0


def parents_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float | None:
    """How well the parents known on both sides agree (each of the shorter list with its best match); None
    when either side knows none."""
    left = [p for p in a if normalise_name(p)]
    right = [p for p in b if normalise_name(p)]
    if not left or not right:
        return None
    def each_of(few, many):
        return sum(max(name_similarity(p, q) for q in many) for p in few) / len(few)

    if len(left) == len(right):
        return (each_of(left, right) + each_of(right, left)) / 2
    return each_of(left, right) if len(left) < len(right) else each_of(right, left)


def initials(name: str | None) -> str:
    """"Budi Santoso" -> "B. S.": what a match list shows of a name."""
    return " ".join(f"{w[0].upper()}." for w in normalise_name(name).split())


def score(new: Person, earlier: Person) -> Match:
    """How likely ``earlier`` is the same child as ``new`` (symmetric)."""
    nik_a, nik_b = (new.nik or "").strip(), (earlier.nik or "").strip()
    name = name_similarity(new.full_name, earlier.full_name)
    if nik_a and nik_b:
        if nik_a == nik_b:
            return Match(100, (NIK,), name, by_nik=True)
        return Match(0, (), name)
    parts = {"name": name, "birth_date": birth_date_closeness(new.birth_date, earlier.birth_date),
             "parents": parents_similarity(new.parents, earlier.parents)}
    known = {k: v for k, v in parts.items() if v is not None}
    total = sum(WEIGHTS[k] * v for k, v in known.items()) / sum(WEIGHTS[k] for k in known)
    if new.sex and earlier.sex and new.sex != earlier.sex:
        total /= 2
    reasons = tuple(code for code, key, floor in ((NAME, "name", NAME_FLOOR), (BIRTH_DATE, "birth_date", 0.7),
                                                  (PARENTS, "parents", NAME_FLOOR))
                    if known.get(key) is not None and known[key] >= floor)
    return Match(round(100 * total), reasons, name)
