"""The complaint month report's counts: an answer by the due date is on time, after it late; an unanswered
complaint is open in time until its due date passes."""
from __future__ import annotations

from datetime import date, datetime

from app.complaints.queries import summarise

DUE = date(2026, 3, 10)


def test_timeliness_and_groupings_are_counted(babel_context):
    rows = [("Normatif", "web", "selesai", DUE, datetime(2026, 3, 10, 16, 0)),   # answered on the due day
            ("Normatif", "web", "selesai", DUE, datetime(2026, 3, 11, 8, 0)),    # a day late
            ("Layanan", "langsung", "diterima", DUE, None),                      # open
            ("Layanan", "web", "diterima", date(2026, 3, 20), None)]
    table = summarise(rows, on=date(2026, 3, 15))
    assert table["Timeliness"] == {"On time": 1, "Late": 1, "Open, late": 1, "Open, in time": 1}
    assert table["Category"] == {"Normatif": 2, "Layanan": 2}
    assert sum(table["Channel"].values()) == 4 and sum(table["Step"].values()) == 4
