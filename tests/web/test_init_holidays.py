"""`flask sibika init` on a fresh setup fills the holiday table (this and next year) from the `holidays`
package, keeps what an Admin entered, and complaint deadlines then skip Christmas and New Year."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.complaints.deadlines import add_working_days
from models import Holiday
from tests.conftest import fresh_app

pytestmark = pytest.mark.both_databases


def _kind(backend) -> str:
    return backend[0].config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]


@pytest.mark.today(date(2026, 12, 30))
def test_init_fills_the_holidays_of_this_and_next_year_and_keeps_the_admins_days(backend, tmp_path):
    from app.extensions import db

    with fresh_app(_kind(backend), tmp_path) as app, app.app_context():
        assert db.session.scalars(select(Holiday)).all() == []
        # An Admin's own entries, before init: a collective leave day and a public holiday renamed by hand.
        db.session.add(Holiday(day=date(2026, 12, 24), name="Cuti bersama Natal"))
        db.session.add(Holiday(day=date(2027, 1, 1), name="Tahun Baru (kantor)"))
        db.session.commit()

        for _ in range(2):  # safe to run again
            result = app.test_cli_runner().invoke(args=["sibika", "init"])
            assert result.exit_code == 0, result.output
        db.session.rollback()
        db.session.expire_all()
        days = {h.day: h.name for h in db.session.scalars(select(Holiday))}
        for day in (date(2026, 12, 25), date(2026, 1, 1), date(2027, 12, 25), date(2027, 1, 1)):
            assert day in days
        assert days[date(2026, 12, 24)] == "Cuti bersama Natal"
        assert days[date(2027, 1, 1)] == "Tahun Baru (kantor)"
        assert len(days) == len(set(days))

        # A "ringan" complaint (2 working days) received on Wednesday 30 December 2026: Thursday 31 December
        # counts, Friday 1 January is New Year, so it is due on Monday 4 January 2027 (1 January without it).
        from_table = set(db.session.scalars(select(Holiday.day).where(Holiday.day >= date(2026, 12, 30))))
        assert add_working_days(date(2026, 12, 30), 2, set()) == date(2027, 1, 1)
        assert add_working_days(date(2026, 12, 30), 2, from_table) == date(2027, 1, 4)
