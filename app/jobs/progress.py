"""How far a job has come: done / total, what it is doing, and the time left.

Kept in the queue's store (Redis or the queue's SQLite file), not in the product's database: a job's
work may hold the database's write lock for its whole transaction, and the bar must move meanwhile."""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0
    step: str = ""
    started: float | None = None  # epoch seconds
    updated: float | None = None

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    def seconds_left(self, now: float | None = None) -> int | None:
        """Linear estimate from the pace so far; None before the first item is done."""
        if not self.started or not self.done or not self.total or self.done >= self.total:
            return None
        elapsed = (now or time.time()) - self.started
        return max(0, round(elapsed / self.done * (self.total - self.done)))


def _key(job_id: int) -> str:
    return f"progress:{job_id}"


def read(store, job_id: int) -> Progress:
    data = store.get(_key(job_id), peek=True)
    return Progress(**data) if data else Progress()


class Reporter:
    """Handed to a job's work: ``reporter(done, total, step)`` after each unit."""

    def __init__(self, store, job_id: int):
        self.store, self.job_id, self.started = store, job_id, time.time()

    def __call__(self, done: int, total: int, step: str = "") -> None:
        self.store.put(_key(self.job_id), {"done": done, "total": total, "step": str(step),
                                           "started": self.started, "updated": time.time()})

    def forget(self) -> None:
        self.store.delete(_key(self.job_id))
