"""Benchmark: the "Jatuh tempo" query for an office of 5,000 active clients with
five years of apel logs, on SQLite and PostgreSQL; and the stage engine over
100,000 periods.

    .venv/bin/python bench/due_items.py [--clients 5000] [--years 5] [--repeat 7] [--skip-postgres]

Builds each database with the real migrations, fills it with bulk inserts,
then times due_items() for the whole office (Kepala) and for one PK, printing
median and spread, and the number of SQL statements each call issues.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert, text  # noqa: E402

from harness import database  # noqa: E402


def dispose(app) -> None:
    """Close the app's connections (a scratch database is dropped next)."""
    from app.extensions import db

    with app.app_context():
        db.engine.dispose()


def build(url: str):
    import config
    from flask_migrate import upgrade

    from app import create_app

    class Cfg(config.Config):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(Cfg)
    with app.app_context():
        upgrade()
        app.appbuilder.sm.sync()
    return app


def fill(app, clients: int, years: int, today: date) -> dict:
    from app.extensions import db
    from app.supervision.lifecycle import books
    from app.supervision.stages import Stage, plan
    from models import ApelLog, BookEntry, Client, MonthlyReport, Office, SupervisionKind

    rnd = random.Random(7)
    with app.app_context():
        from app.platform import reference_data

        reference_data.ensure(db.session)
        office = Office(code="BENCH", name="Bapas Bench", registration_pattern="B.{seq}/{year}")
        db.session.add(office)
        db.session.flush()
        sm = app.appbuilder.sm
        pks = []
        for n in range(25):
            sm.add_user(f"bench_pk{n}", "PK", str(n), f"pk{n}@bench.test", sm.find_role("PK"), "Bench-Sandi-1!")
            user = sm.find_user(username=f"bench_pk{n}")
            user.office_id = office.id
            pks.append(user.id)
        sm.add_user("bench_kepala", "Kepala", "Bench", "kepala@bench.test", sm.find_role("Kepala Bapas"),
                    "Bench-Sandi-1!")
        sm.find_user(username="bench_kepala").office_id = office.id
        db.session.commit()
        kind = db.session.query(SupervisionKind).first().id
        client_rows, book_rows, apel_rows, report_rows = [], [], [], []
        for i in range(clients):
            start = today - timedelta(days=rnd.randint(30, years * 365))
            expiry = today + timedelta(days=rnd.randint(30, 900))
            client_rows.append(dict(office_id=office.id, registration_number=f"B.{i}", full_name=f"Klien {i}",
                                    sex="L", birth_date=date(2008, 1, 1), offence_date=date(2022, 1, 1),
                                    supervision_kind_id=kind, origin="lpka", status="aktif", stage="awal",
                                    stage_started_on=start, supervision_start=start, supervision_expiry=expiry,
                                    current_pk_id=pks[i % len(pks)], reporting_interval_days=30, version=1))
        db.session.execute(insert(Client), client_rows)
        ids = [row[0] for row in db.session.execute(text("SELECT id FROM client WHERE office_id = :o ORDER BY id"),
                                                    {"o": office.id})]
        for cid, row in zip(ids, client_rows):
            p = plan(row["supervision_start"], row["supervision_expiry"])
            for s in (Stage.AWAL, Stage.LANJUTAN, Stage.AKHIR):
                book_rows.append(dict(client_id=cid, office_id=office.id, event=s.value, kind=books.PLANNED,
                                      entry_date=p.starts(s)))
            book_rows.append(dict(client_id=cid, office_id=office.id, event=books.EXPIRY, kind=books.PLANNED,
                                  entry_date=row["supervision_expiry"]))
            day = row["supervision_start"]
            while day < today:
                apel_rows.append(dict(client_id=cid, office_id=office.id, reported_on=day, remote=False))
                day += timedelta(days=rnd.choice([25, 28, 30, 33, 70]))
            month = row["supervision_start"].replace(day=1)
            while month < today.replace(day=1):
                report_rows.append(dict(client_id=cid, month=month, submitted_on=month + timedelta(days=35)))
                month = (month + timedelta(days=32)).replace(day=1)
        for model, rows in ((BookEntry, book_rows), (ApelLog, apel_rows), (MonthlyReport, report_rows)):
            for chunk in range(0, len(rows), 20000):
                db.session.execute(insert(model), rows[chunk:chunk + 20000])
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        return {"clients": len(ids), "apel": len(apel_rows), "reports": len(report_rows),
                "book lines": len(book_rows), "pk": pks[0]}


def time_due(app, username: str, today: date, repeat: int, pk_id: int | None = None) -> tuple[list[float], int, int]:
    from app import access
    from app.supervision.due import due_items
    from app.extensions import db
    from models import Staff

    with app.app_context():
        who = access.Principal.of(db.session.query(Staff).filter_by(username=username).one())
        statements = []
        listener = lambda *a, **k: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        timings, count = [], 0
        for _ in range(repeat):
            statements.clear()
            began = time.perf_counter()
            count = len(due_items(db.session, who, today, pk_id))
            timings.append((time.perf_counter() - began) * 1000)
            db.session.rollback()
        event.remove(db.engine, "before_cursor_execute", listener)
        return timings, len(statements), count


def stage_engine(periods: int) -> float:
    from app.supervision.stages import plan

    rnd = random.Random(1)
    spans = [(date(2020, 1, 1) + timedelta(days=rnd.randint(0, 3000)), rnd.randint(1, 3653)) for _ in range(periods)]
    began = time.perf_counter()
    for start, days in spans:
        plan(start, start + timedelta(days=days))
    return time.perf_counter() - began


def report(label: str, timings: list[float], statements: int, items: int) -> None:
    print(f"  {label:<28} median {statistics.median(timings):8.1f} ms   min {min(timings):8.1f} ms   "
          f"max {max(timings):8.1f} ms   {statements} SQL statements   {items} items")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--periods", type=int, default=100_000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    today = date.today()
    elapsed = stage_engine(args.periods)
    print(f"stage engine: {args.periods} periods in {elapsed:.2f} s ({elapsed / args.periods * 1e6:.1f} µs each)")
    targets = ["sqlite"] + ([] if args.skip_postgres else ["postgresql"])
    for name in targets:
        with database(name) as url:
            app = build(url)
            try:
                began = time.perf_counter()
                sizes = fill(app, args.clients, args.years, today)
                print(f"{name}: filled in {time.perf_counter() - began:.1f} s: "
                      + ", ".join(f"{v} {k}" for k, v in sizes.items() if k != "pk"))
                report("office (Kepala Bapas)", *time_due(app, "bench_kepala", today, args.repeat))
                report("one PK (200 clients)", *time_due(app, "bench_pk0", today, args.repeat))
            finally:
                dispose(app)

if __name__ == "__main__":
    main()
