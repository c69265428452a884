"""Benchmark: what is pending for SDP and the export, for an office of 5,000
clients with five years of apel logs (the data of bench/due_items.py).

    .venv/bin/python bench/sdp.py [--clients 5000] [--years 5] [--repeat 3] [--skip-postgres]

Times, for the Kepala Bapas (whole office) and one PK (200 clients): pending()
before any export (everything is new), export() of it all, and pending() after
(the steady state: none is pending, and only records whose change marker moved
on are read and hashed), with the records hashed and the SQL statements issued.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402

from due_items import build, database, dispose, fill  # noqa: E402


def _who(username: str):
    from app import access
    from app.extensions import db
    from models import Staff

    return access.Principal.of(db.session.query(Staff).filter_by(username=username).one())


def _median(fn, repeat: int) -> tuple[float, object]:
    from app.extensions import db

    timings, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - began) * 1000)
        db.session.rollback()
    return statistics.median(timings), result


def run(app, repeat: int) -> None:
    from app.extensions import db
    from app.sdp import export
    from app.sdp.records import pending

    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
        for label, username in (("one PK", "bench_pk0"), ("office (Kepala Bapas)", "bench_kepala")):
            who = _who(username)
            ms, waiting = _median(lambda: pending(db.session, who), repeat)
            total = sum(len(v) for v in waiting.values())
            print(f"  {label}: pending before export {ms:.0f} ms ({total} records)")
            began = time.perf_counter()
            batch = export.export(db.session, who, "json")
            print(f"  {label}: export {(time.perf_counter() - began) * 1000:.0f} ms ({batch.total} records, "
                  f"payload {len(batch.payload) / 1e6:.1f} MB)")
            statements.clear()
            ms, waiting = _median(lambda: pending(db.session, who), repeat)
            print(f"  {label}: pending after export {ms:.0f} ms ({sum(len(v) for v in waiting.values())} records, "
                  f"{waiting.hashed} hashed, {len(statements) // repeat} statements)")
        _after_edits(_who("bench_kepala"), repeat, statements)


def _after_edits(who, repeat: int, statements: list) -> None:
    """The office again after 1,000 apel rows changed a value SDP reads and 1,000
    others only a note: 1,000 pending, 2,000 hashed."""
    from sqlalchemy import select

    from app.extensions import db
    from app.sdp.records import pending
    from models import ApelLog

    rows = db.session.scalars(select(ApelLog).order_by(ApelLog.id).limit(2000)).all()
    for row in rows[:1000]:
        row.remote = not row.remote
    for row in rows[1000:]:
        row.notes = "catatan bench"
    db.session.commit()
    statements.clear()
    ms, waiting = _median(lambda: pending(db.session, who), repeat)
    print(f"  office: pending after 1,000 changes and 1,000 note edits {ms:.0f} ms "
          f"({sum(len(v) for v in waiting.values())} records, {waiting.hashed} hashed, "
          f"{len(statements) // repeat} statements)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    targets = ["sqlite"] + ([] if args.skip_postgres else ["postgresql"])
    for name in targets:
        with database(name) as url:
            app = build(url)
            try:
                sizes = fill(app, args.clients, args.years, date.today())
                print(f"{name}: " + ", ".join(f"{v} {k}" for k, v in sizes.items() if k != "pk"))
                run(app, args.repeat)
            finally:
                dispose(app)

if __name__ == "__main__":
    main()
