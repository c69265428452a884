"""Scoring an assessment: domain scores, the total and its category.

Risk items add their answer's score, protective items subtract it; the total
falls in exactly one cut-off (the instrument was checked for that on loading).
Pure: works on plain mappings, no database."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemScore:
    domain: str
    protective: bool
    score: int


@dataclass(frozen=True)
class Result:
    domains: dict[str, int]
    total: int
    category: str


def score(answers: list[ItemScore], cutoffs: list[tuple[str, int, int]]) -> Result:
    domains: dict[str, int] = {}
    for answer in answers:
        signed = -answer.score if answer.protective else answer.score
        domains[answer.domain] = domains.get(answer.domain, 0) + signed
    total = sum(domains.values())
    for category, low, high in cutoffs:
        if low <= total <= high:
            return Result(domains, total, category)
    raise ValueError(f"total {total} outside every cut-off")
