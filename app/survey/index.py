"""The Indeks Kepuasan Masyarakat (IKM) of PermenPANRB 14/2017, as a pure function.

Each of the nine elements is answered 1-4; an element's score (NRR, nilai rata-rata) is the mean of its
answers; the IKM is the unweighted mean of the nine NRR (weight 1/9 each) times 25, so it lies in 25-100.
The regulation's worked form writes the weight rounded (``NRR tertimbang = NRR x 0,111``); with the
rounded weight a perfect score would read 99.90, so the exact 1/9 is used here (the issue's rule).

Grades, "nilai interval konversi" of the regulation's table (Nilai Persepsi, Nilai Interval, Nilai Interval
Konversi, Mutu Pelayanan, Kinerja Unit Pelayanan):
    4  3,5324-4,00    88,31-100,00  A  Sangat baik
    3  3,0644-3,532   76,61-88,30   B  Baik
    2  2,60-3,064     65,00-76,60   C  Kurang baik
    1  1,00-2,5996    25,00-64,99   D  Tidak baik
Checked (3 Dec 2026) against two public reproductions of the regulation's table, the regulation's own text
not being in reach: https://e-smile.tubaba.go.id/main/skm/laporan/online (A 88,31-100,00; B 76,61-88,30;
C 65,00-76,60; D 25,00-64,99; "NRR tertimbang per unsur = NRR per unsur x 0,111") and the BPPP Tegal 2024
performance book (fliphtml5.com/reidny/aaer, p. 64: the same table with the interval values above; its
"76,66" for C is a typo against 76,61 for B). They agree with the issue's bounds.
The table's intervals have gaps (64,99 | 65,00): the IKM is rounded to two decimals (half up) first, as the
regulation reports it, and the grade is read from the rounded value, so every IKM has exactly one grade.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Sequence

LOWEST, HIGHEST = 1, 4
ELEMENT_COUNT = 9
CONVERSION = 25
# Lower bound of each grade on the converted (25-100) scale, best first.
GRADE_FLOORS = (("A", Decimal("88.31")), ("B", Decimal("76.61")), ("C", Decimal("65.00")), ("D", Decimal("25.00")))


def two_decimals(value: Fraction) -> Decimal:
    """Rounded half up to 0.01, exactly (no float on the way)."""
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    return Decimal(hundredths) / 100


def element_score(total: int, answers: int) -> Fraction:
    """NRR of one element: the mean of its answers."""
    if answers <= 0:
        raise ValueError("no answers")
    return Fraction(total, answers)


def ikm(scores: Sequence[Fraction]) -> Decimal:
    """The index from the nine element scores (each 1-4): mean x 25, rounded to two decimals."""
    if len(scores) != ELEMENT_COUNT:
        raise ValueError(f"{ELEMENT_COUNT} element scores needed, got {len(scores)}")
    if any(not LOWEST <= s <= HIGHEST for s in scores):
        raise ValueError("an element score lies outside 1-4")
    return converted(sum(scores, Fraction(0)) / ELEMENT_COUNT)


def converted(score: Fraction) -> Decimal:
    """A 1-4 score on the 25-100 scale (an element's own index, or the whole)."""
    return two_decimals(Fraction(score) * CONVERSION)


def grade(value: Decimal) -> str:
    """A, B, C or D for an index on the 25-100 scale (already rounded to two decimals)."""
    for letter, floor in GRADE_FLOORS:
        if value >= floor:
            return letter
    raise ValueError("an index below 25 is impossible")


@dataclass(frozen=True)
class Result:
    respondents: int
    scores: tuple[Fraction, ...]   # NRR per element, in the order of the elements
    index: Decimal
    grade: str

    @property
    def element_indexes(self) -> tuple[Decimal, ...]:
        return tuple(converted(s) for s in self.scores)


def result(totals: Sequence[int], respondents: int) -> Result:
    """From the sum of the answers per element and the number of respondents (each answered all nine)."""
    scores = tuple(element_score(t, respondents) for t in totals)
    value = ikm(scores)
    return Result(respondents, scores, value, grade(value))


def of_answers(answers: Sequence[Sequence[int]]) -> Result:
    """The result of a list of answer sheets (nine answers each): for tests and hand checks."""
    return result([sum(sheet[i] for sheet in answers) for i in range(ELEMENT_COUNT)], len(answers))
