"""Stage engine: the three stages of a supervision period.

The standard (Standar Pelayanan Bimbingan Klien Anak, "Jangka Waktu
Penyelesaian") divides the supervision period (masa bimbingan) into

* tahap awal      0   – 1/4 of the period,
* tahap lanjutan  1/4 – 3/4,
* tahap akhir     3/4 – the end of the period.

The rule SIBIKA uses, everywhere (screens, books, due items, letters):

1. **Both ends count.** The period runs from the start date through the expiry
   date (tanggal ekspirasi), both inclusive: the client is under supervision on
   each of its ``L = expiry - start + 1`` days.
2. **Days, not months.** Fractions are taken of that number of days, because
   months and years differ in length.
3. **A stage begins on the first whole day on which its fraction has fully
   elapsed:** tahap lanjutan begins on ``start + ceil(L/4)`` and tahap akhir on
   ``start + ceil(3L/4)``; a part of a day stays with the earlier stage. So no
   stage ever begins before its share of the period is over, and each boundary
   lies less than one day after the exact fraction.

Example: start 1 January 2027, expiry 31 December 2028 gives L = 731 days;
731/4 = 182.75, so tahap lanjutan begins on day 183, 3 July 2027;
3 x 731/4 = 548.25, so tahap akhir begins on day 549, 3 July 2028.

A period shorter than four days leaves a stage empty (its first day after its
last day); real periods are months long. This module imports nothing from
Flask so that it can be used and tested anywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from math import ceil

from models.choices import Stage  # the code list with its labels, named once

STAGE_ORDER = (Stage.AWAL, Stage.LANJUTAN, Stage.AKHIR)
FRACTIONS = {Stage.LANJUTAN: Fraction(1, 4), Stage.AKHIR: Fraction(3, 4)}


class InvalidPeriod(ValueError):
    """The expiry date is not after the start date."""


@dataclass(frozen=True)
class StageWindow:
    stage: Stage
    first_day: date
    last_day: date  # inclusive; before first_day when the window is empty

    @property
    def days(self) -> int:
        return max(0, (self.last_day - self.first_day).days + 1)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class StagePlan:
    start: date
    expiry: date
    windows: tuple[StageWindow, StageWindow, StageWindow]

    @property
    def days(self) -> int:
        return (self.expiry - self.start).days + 1

    def window(self, stage: Stage) -> StageWindow:
        return self.windows[STAGE_ORDER.index(stage)]

    def starts(self, stage: Stage) -> date:
        return self.window(stage).first_day

    def stage_on(self, day: date) -> Stage | None:
        """The stage a day falls in, or None outside the period."""
        for window in self.windows:
            if day in window:
                return window.stage
        return None


def boundary_offset(days: int, fraction: Fraction) -> int:
    """Whole days from the start to the first day of the stage beginning at ``fraction``."""
    return ceil(fraction * days)


def plan(start: date, expiry: date) -> StagePlan:
    """The three stage windows of the period from ``start`` through ``expiry``."""
    if expiry <= start:
        raise InvalidPeriod(f"expiry {expiry} is not after start {start}")
    days = (expiry - start).days + 1
    lanjutan = start + timedelta(days=boundary_offset(days, FRACTIONS[Stage.LANJUTAN]))
    akhir = start + timedelta(days=boundary_offset(days, FRACTIONS[Stage.AKHIR]))
    one = timedelta(days=1)
    return StagePlan(
        start,
        expiry,
        (
            StageWindow(Stage.AWAL, start, lanjutan - one),
            StageWindow(Stage.LANJUTAN, lanjutan, akhir - one),
            StageWindow(Stage.AKHIR, akhir, expiry),
        ),
    )
