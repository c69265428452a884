"""The date rules of letters as pure functions, over many dates (issue 16): a berita acara is dated and
numbered for its event; a monthly report only for a month of the supervision up to the current one."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.documents import berita_acara
from app.documents.formatting import hari_tanggal_terbilang, tanggal
from app.documents.monthly_report import month_problems
from models import Client

pytestmark = pytest.mark.usefixtures("babel_context")
EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DAYS = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@EXAMPLES
@given(event=DAYS, later=st.integers(0, 900))
def test_a_berita_acara_is_dated_and_numbered_for_its_event(event, later):
    issued = event + timedelta(days=later)
    dated, missing = berita_acara.dating(event, issued)
    assert missing == []
    assert dated["tanggal_surat"] == dated["tanggal_peristiwa"] == tanggal(event)
    assert dated["hari_tanggal_terbilang"] == hari_tanggal_terbilang(event)
    assert dated["dibuat_pada"] == ("" if later == 0 else tanggal(issued))
    assert berita_acara.numbered_on(event, issued).year == event.year


@EXAMPLES
@given(event=DAYS, early=st.integers(1, 400))
def test_a_berita_acara_of_an_event_still_to_come_is_refused(event, early):
    _dated, missing = berita_acara.dating(event, event - timedelta(days=early))
    assert len(missing) == 1


@EXAMPLES
@given(start=DAYS, today_offset=st.integers(-60, 900), ended_offset=st.one_of(st.none(), st.integers(0, 900)),
       month_offset=st.integers(-400, 1300))
def test_a_monthly_report_only_for_a_month_of_the_supervision_up_to_now(start, today_offset, ended_offset,
                                                                         month_offset):
    today = start + timedelta(days=today_offset)
    ended = None if ended_offset is None else min(start + timedelta(days=ended_offset), today)
    month = (start + timedelta(days=month_offset)).replace(day=1)
    client = Client(supervision_start=start)  # not stored: the rule is a function of the dates
    allowed = start.replace(day=1) <= month <= today.replace(day=1) and (ended is None or month <= ended.replace(day=1))
    assert (month_problems(client, month, today, ended) == []) == allowed
