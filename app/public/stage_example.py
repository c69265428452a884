"""The worked example of the ¼ / ¾ limits on the public page, computed by the stage engine itself."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.supervision import stages
from models.choices import Stage

START, EXPIRY = date(2027, 1, 1), date(2028, 12, 31)


@dataclass(frozen=True)
class Example:
    start: date
    expiry: date
    days: int
    quarter: str  # ¼ of the days, written with a decimal comma ("182,75")
    three_quarters: str
    lanjutan_offset: int
    akhir_offset: int
    lanjutan: date
    akhir: date
    awal_end: date
    lanjutan_end: date


def _decimal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",").removesuffix(",00")


def example(start: date = START, expiry: date = EXPIRY) -> Example:
    plan = stages.plan(start, expiry)
    windows = {w.stage: w for w in plan.windows}
    days = (expiry - start).days + 1
    lanjutan, akhir = windows[Stage.LANJUTAN].first_day, windows[Stage.AKHIR].first_day
    return Example(start, expiry, days, _decimal(days / 4), _decimal(days * 3 / 4), (lanjutan - start).days,
                   (akhir - start).days, lanjutan, akhir, windows[Stage.AWAL].last_day, windows[Stage.LANJUTAN].last_day)
