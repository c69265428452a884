"""The recorded end of a supervision and the letters that state it say the same, true date (issue 16)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from app.documents.formatting import tanggal
from app.documents.render import document_text
from app.supervision.lifecycle import gates
from app.supervision.lifecycle.commands import TransitionInput, end_date_problems
from models import Client, GateRecord, GeneratedDocument, Termination
from tests.web.test_documents import office_ready  # noqa: F401  (fixture)

pytestmark = [pytest.mark.both_databases, pytest.mark.today(date(2027, 3, 15))]

TODAY = date(2027, 3, 15)
EXPIRY = TODAY - timedelta(days=5)
EARLY = EXPIRY - timedelta(days=18)
REFUSED = "hanya pada atau setelah tanggal ekspirasi"


@pytest.fixture
def in_akhir(make_client, db_session, office_ready):  # noqa: F811  (the imported fixture)
    client = make_client(pk="pk_a", handover=True, status="aktif", basis_document="PAS-77.PK.01.04.06",
                         supervision_start=EXPIRY - timedelta(days=700), supervision_expiry=EXPIRY)
    client.stage, client.stage_started_on = "akhir", EXPIRY - timedelta(days=170)
    for code in (gates.TPP_FINAL_EVALUATION, gates.TERMINATION_DOCUMENTS):
        db_session.add(GateRecord(client_id=client.id, gate=code, met_on=EARLY, reference="TPP/9/2027"))
    db_session.commit()
    return client


def _form(on: date, how: str, **extra) -> dict:
    return {"on": on.isoformat(), "end_reason": how, "decision_number": "W.11.PK.01.05-88",
            "decision_date": extra.pop("decision_date", on).isoformat(), **extra}


def _terminations(db_session, client) -> list[Termination]:
    db_session.expire_all()
    return db_session.scalars(select(Termination).where(Termination.client_id == client.id)).all()


def _text(as_user, db_session, client) -> str:
    db_session.expire_all()
    document = db_session.scalars(select(GeneratedDocument).where(GeneratedDocument.client_id == client.id)
                                  .order_by(GeneratedDocument.id.desc())).first()
    return re.sub(r"\s+", " ", document_text(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data))


def test_completion_before_the_expiry_is_refused_on_the_screen_in_indonesian(as_user, in_akhir, db_session):
    page = as_user("pk_a").post(f"/bimbingan/{in_akhir.id}/langkah/akhiri",
                                data=_form(EARLY, "selesai", reason="selesai lebih cepat"))
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and REFUSED in body and tanggal(EXPIRY) in body, body
    assert _terminations(db_session, in_akhir) == []
    assert db_session.get(Client, in_akhir.id).status == "aktif"


def test_completion_before_the_expiry_is_refused_by_the_api_with_the_same_rule(as_user, in_akhir, db_session):
    response = as_user("pk_a").api("POST", f"/api/v1/lifecycle/{in_akhir.id}/akhiri?_l_=id",
                                   json=_form(EARLY, "selesai", reason="lebih cepat"))
    assert response.status_code == 422
    assert any(REFUSED in message for message in response.json["message"]), response.json
    assert _terminations(db_session, in_akhir) == []


def test_completion_on_the_expiry_date_is_recorded_and_both_letters_state_it(as_user, in_akhir, db_session):
    pk = as_user("pk_a")
    assert pk.post(f"/bimbingan/{in_akhir.id}/langkah/akhiri", data=_form(EXPIRY, "selesai")).status_code == 302
    [ended] = _terminations(db_session, in_akhir)
    assert ended.end_date == EXPIRY and ended.reason == "selesai"
    assert pk.post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir").status_code == 302
    certificate = _text(as_user, db_session, in_akhir)
    assert pk.post(f"/dokumen/{in_akhir.id}/berita-acara-pengakhiran").status_code == 302
    record = _text(as_user, db_session, in_akhir)
    assert f"berakhir pada tanggal {tanggal(EXPIRY)}" in certificate, certificate
    assert f"berakhir pada tanggal {tanggal(EXPIRY)}" in record, record
    assert "telah selesai menjalani" in certificate


def test_an_early_end_by_a_decision_is_recorded_with_its_date_and_stated_so(as_user, in_akhir, db_session):
    pk = as_user("pk_a")
    decided = EARLY - timedelta(days=2)
    response = pk.post(f"/bimbingan/{in_akhir.id}/langkah/akhiri",
                       data=_form(EARLY, "diakhiri_awal", decision_date=decided))
    assert response.status_code == 302, response.get_data(as_text=True)
    [ended] = _terminations(db_session, in_akhir)
    assert (ended.end_date, ended.reason, ended.decision_date) == (EARLY, "diakhiri_awal", decided)
    assert db_session.get(Client, in_akhir.id).status == "diakhiri_awal"
    pk.post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir")
    certificate = _text(as_user, db_session, in_akhir)
    assert f"berakhir pada tanggal {tanggal(EARLY)}" in certificate and "lebih awal" in certificate, certificate
    assert "telah selesai menjalani" not in certificate
    pk.post(f"/dokumen/{in_akhir.id}/berita-acara-pengakhiran")
    assert f"berakhir pada tanggal {tanggal(EARLY)}" in _text(as_user, db_session, in_akhir)


def test_an_early_end_on_or_after_the_expiry_is_refused(as_user, in_akhir, db_session):
    page = as_user("pk_a").post(f"/bimbingan/{in_akhir.id}/langkah/akhiri", data=_form(EXPIRY, "diakhiri_awal"))
    assert "Pengakhiran lebih awal" in page.get_data(as_text=True)
    assert _terminations(db_session, in_akhir) == []


@pytest.mark.usefixtures("babel_context")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(expiry=st.dates(date(2025, 1, 1), date(2030, 12, 31)), offset=st.integers(-400, 400),
       reason=st.sampled_from(["selesai", "diakhiri_awal", "dicabut", "dipindahkan", "meninggal"]))
def test_the_end_date_agrees_with_how_it_ended(expiry, offset, reason):
    on = expiry + timedelta(days=offset)
    client = Client(supervision_expiry=expiry)  # not stored: the rule is a pure function of the dates
    data = TransitionInput(on=on, end_reason=reason, decision_number="X", decision_date=on, today=on)
    refused = bool(end_date_problems(client, data))
    if reason == "selesai":
        assert refused == (on < expiry)
    elif reason == "diakhiri_awal":
        assert refused == (on >= expiry)
    else:
        assert not refused


def test_the_end_form_states_the_rule(as_user, in_akhir):
    body = as_user("pk_a").get(f"/bimbingan/{in_akhir.id}/langkah/akhiri").get_data(as_text=True)
    assert "pada atau setelah tanggal ekspirasi" in body and "Diakhiri lebih awal" in body
