"""A monthly report only for a month of the supervision, up to the current month; a refused month
uses no number (issue 16)."""
from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from models import GeneratedDocument, LetterCounter, Termination
from tests.factories import MID_MONTH
from tests.web.test_documents import office_ready, supervised  # noqa: F401  (fixtures)
from tests.jobs import batch_download

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

REPORT = "laporan_perkembangan"


def _month(day) -> str:
    return f"{day:%Y-%m}"


_BASE: dict[int, int] = {}


@pytest.fixture(autouse=True)
def _numbers_before(db_session, supervised):  # noqa: F811
    """The office's numbers used before the test: committing tests elsewhere may have taken some."""
    _BASE.clear()
    _BASE[supervised.office_id] = _used(db_session, supervised.office_id)


def _used(db_session, office_id: int) -> int:
    return db_session.scalar(select(func.coalesce(func.sum(LetterCounter.last_seq), 0)).where(
        LetterCounter.office_id == office_id, LetterCounter.doc_type == REPORT))


def _state(db_session, client) -> tuple[int, int]:
    """(documents of the client, numbers of the type the office used during the test)."""
    db_session.expire_all()
    documents = db_session.scalar(select(func.count(GeneratedDocument.id)).where(
        GeneratedDocument.client_id == client.id, GeneratedDocument.doc_type == REPORT))
    return documents, _used(db_session, client.office_id) - _BASE[client.office_id]


def _issue(as_user, client, month: str):
    return as_user("pk_a").post(f"/dokumen/{client.id}/laporan-bulanan", data={"bulan": month},
                                follow_redirects=True)


def test_a_month_before_the_supervision_began_is_refused_and_uses_no_number(as_user, supervised, db_session):  # noqa: F811
    before = (supervised.supervision_start.replace(day=1) - timedelta(days=1)).replace(day=1)
    page = _issue(as_user, supervised, _month(before)).get_data(as_text=True)
    assert "sebelum bimbingan dimulai" in page, page
    assert _state(db_session, supervised) == (0, 0)
    # the next report, for a month of the supervision, takes the first number
    assert _issue(as_user, supervised, _month(supervised.supervision_start)).status_code == 200
    assert _state(db_session, supervised) == (1, 1)


def test_a_month_that_has_not_begun_is_refused_and_uses_no_number(as_user, supervised, db_session):  # noqa: F811
    following = (MID_MONTH.replace(day=28) + timedelta(days=5)).replace(day=1)
    page = _issue(as_user, supervised, _month(following)).get_data(as_text=True)
    assert "Bulan tersebut belum dimulai" in page or "belum dimulai" in page, page
    assert _state(db_session, supervised) == (0, 0)


def test_the_current_month_is_accepted(as_user, supervised, db_session):  # noqa: F811
    _issue(as_user, supervised, _month(MID_MONTH))
    assert _state(db_session, supervised) == (1, 1)


def test_a_month_after_the_recorded_end_is_refused(as_user, supervised, db_session):  # noqa: F811
    ended = (MID_MONTH.replace(day=1) - timedelta(days=40))
    db_session.add(Termination(client_id=supervised.id, reason="dipindahkan", end_date=ended,
                               decision_number="PAS-3", decision_date=ended))
    supervised.status = "dipindahkan"
    db_session.commit()
    page = _issue(as_user, supervised, _month(MID_MONTH)).get_data(as_text=True)
    assert "setelah bimbingan berakhir" in page, page
    assert _state(db_session, supervised) == (0, 0)


def test_the_batch_refuses_the_month_before_the_start_without_using_a_number(as_user, supervised,  # noqa: F811
                                                                             db_session):
    before = (supervised.supervision_start.replace(day=1) - timedelta(days=1)).replace(day=1)
    response = batch_download(as_user("pk_a"), {"bulan": _month(before)})
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        note = archive.read("belum-lengkap.txt").decode()
    assert supervised.registration_number in note and "sebelum bimbingan dimulai" in note
    assert _state(db_session, supervised) == (0, 0)
