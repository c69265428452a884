"""The supervision's state machine: gates, books, refusals, concurrency."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.supervision.lifecycle import gates
from app.supervision.lifecycle.commands import TransitionInput
from app.supervision.lifecycle.period import PeriodChange, apply as apply_period
from app.supervision.lifecycle.service import fire
from models import AuditLog, BookEntry, Client, GateRecord, Revocation, Termination

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

from tests import factories
from tests.factories import EXPIRY, START  # 730 days: 182.5 -> 183, 547.5 -> 548
LANJUTAN, AKHIR = date(2026, 7, 3), date(2027, 7, 3)
TODAY = date(2027, 12, 31)


who = factories.principal


def data(on, **kw) -> TransitionInput:
    return TransitionInput(on=on, today=kw.pop("today", TODAY), **kw)


def gate(db_session, client, code):
    db_session.add(GateRecord(client_id=client.id, gate=code, met_on=START, reference="TPP/01/2026"))
    db_session.commit()


def entries(db_session, client):
    db_session.expire_all()
    return db_session.scalars(select(BookEntry).where(BookEntry.client_id == client.id).order_by(BookEntry.id)).all()


@pytest.fixture
def fresh(make_client):
    def _fresh(**kw):
        return make_client(pk="pk_a", handover=True, supervision_start=START, supervision_expiry=EXPIRY, **kw)
    return _fresh


def test_start_is_refused_with_every_missing_condition_listed(make_client, db_session):
    client = make_client(pk=None, handover=False, supervision_start=START, supervision_expiry=EXPIRY)
    with pytest.raises(DomainError) as refused:
        fire(db_session, client.id, "mulai", data(START), who(db_session, "kepala"))
    text = " ".join(refused.value.messages)
    assert "Berita Acara Serah Terima" in text and "PK" in text
    db_session.expire_all()
    assert db_session.get(Client, client.id).status == "terdaftar"
    assert entries(db_session, client) == []


def test_start_writes_the_plan_and_the_actual_start(in_awal, db_session):
    lines = [(e.event, e.kind, e.entry_date) for e in entries(db_session, in_awal)]
    assert lines == [("awal", "rencana", START), ("lanjutan", "rencana", LANJUTAN), ("akhir", "rencana", AKHIR),
                     ("ekspirasi", "rencana", EXPIRY), ("awal", "pelaksanaan", START)]
    client = db_session.get(Client, in_awal.id)
    assert (client.status, client.stage, client.stage_started_on) == ("aktif", "awal", START)
    assert db_session.scalar(select(AuditLog.id).where(AuditLog.table_name == "book_entry",
                                                       AuditLog.client_id == in_awal.id)) is not None


def test_lanjutan_waits_for_the_tpp_approval(in_awal, db_session):
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN), who(db_session, "pk_a"))
    assert refused.value.messages == [str(gates.MISSING[gates.TPP_PROGRAMME["lanjutan"]])]


def test_lanjutan_strikes_out_the_initial_stage_date_and_writes_the_actual_start(in_awal, db_session):
    gate(db_session, in_awal, gates.TPP_PROGRAMME["lanjutan"])
    fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN), who(db_session, "pk_a"))
    lines = entries(db_session, in_awal)
    struck = {(e.event, e.kind) for e in lines if e.superseded_at}
    assert struck == {("awal", "rencana"), ("awal", "pelaksanaan"), ("lanjutan", "rencana")}
    actual = [e for e in lines if e.event == "lanjutan" and e.kind == "pelaksanaan"]
    assert len(actual) == 1 and actual[0].entry_date == LANJUTAN and actual[0].superseded_at is None
    assert all(e.superseded_by_id == actual[0].id for e in lines if e.superseded_at)
    assert len(lines) == 6  # nothing erased


def test_a_date_other_than_the_computed_one_needs_a_reason(in_awal, db_session):
    gate(db_session, in_awal, gates.TPP_PROGRAMME["lanjutan"])
    early = LANJUTAN - timedelta(days=10)
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "lanjutan", data(early), who(db_session, "pk_a"))
    assert "3 Juli 2026" in refused.value.messages[0]
    fire(db_session, in_awal.id, "lanjutan", data(early, reason="Sidang TPP dimajukan"), who(db_session, "pk_a"))
    actual = [e for e in entries(db_session, in_awal) if e.kind == "pelaksanaan" and e.event == "lanjutan"][0]
    assert actual.reason == "Sidang TPP dimajukan" and actual.entry_date == early


def test_a_future_date_is_refused(in_awal, db_session):
    gate(db_session, in_awal, gates.TPP_PROGRAMME["lanjutan"])
    with pytest.raises(DomainError):
        fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN, today=LANJUTAN - timedelta(days=1)),
             who(db_session, "pk_a"))


def test_akhir_straight_from_awal_is_refused(in_awal, db_session):
    gate(db_session, in_awal, gates.REASSESSMENT_FINAL)
    gate(db_session, in_awal, gates.TPP_PROGRAMME["akhir"])
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "akhir", data(AKHIR), who(db_session, "pk_a"))
    assert "Tahap awal" in refused.value.messages[0]


def _to_akhir(db_session, client):
    gate(db_session, client, gates.TPP_PROGRAMME["lanjutan"])
    fire(db_session, client.id, "lanjutan", data(LANJUTAN), who(db_session, "pk_a"))
    gate(db_session, client, gates.TPP_PROGRAMME["akhir"])
    gate(db_session, client, gates.REASSESSMENT_FINAL)
    fire(db_session, client.id, "akhir", data(AKHIR), who(db_session, "pk_a"))


def test_akhir_waits_for_the_reassessment(in_awal, db_session):
    gate(db_session, in_awal, gates.TPP_PROGRAMME["lanjutan"])
    fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN), who(db_session, "pk_a"))
    gate(db_session, in_awal, gates.TPP_PROGRAMME["akhir"])
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "akhir", data(AKHIR), who(db_session, "pk_a"))
    assert refused.value.messages == [str(gates.MISSING[gates.REASSESSMENT_FINAL])]


def test_completion_needs_the_final_evaluation_documents_and_decision(in_awal, db_session):
    _to_akhir(db_session, in_awal)
    end = data(EXPIRY, end_reason="selesai")
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "akhiri", end, who(db_session, "pk_a"))
    assert len(refused.value.messages) == 3  # TPP evaluation, documents, decision number/date
    gate(db_session, in_awal, gates.TPP_FINAL_EVALUATION)
    gate(db_session, in_awal, gates.TERMINATION_DOCUMENTS)
    fire(db_session, in_awal.id, "akhiri", data(EXPIRY, end_reason="selesai", decision_number="W.01/2027",
                                                decision_date=EXPIRY), who(db_session, "kepala"))
    db_session.expire_all()
    client = db_session.get(Client, in_awal.id)
    assert client.status == "selesai"
    assert db_session.scalars(select(Termination).where(Termination.client_id == client.id)).one().reason == "selesai"
    open_planned = [e for e in entries(db_session, client) if e.kind == "rencana" and not e.superseded_at]
    assert open_planned == []


def test_revocation_needs_its_steps_up_to_the_kepala(in_awal, db_session):
    end = data(date(2026, 3, 1), end_reason="dicabut", decision_number="PAS-9/2026", decision_date=date(2026, 3, 1))
    with pytest.raises(DomainError):
        fire(db_session, in_awal.id, "akhiri", end, who(db_session, "kepala"))
    db_session.add(Revocation(client_id=in_awal.id, ground="tidak_lapor_3x", ground_details="Tidak apel 3 bulan",
                              report_on=date(2026, 2, 1), examination_on=date(2026, 2, 3),
                              pk_examined_on=date(2026, 2, 5), tpp_on=date(2026, 2, 10),
                              provisional_on=date(2026, 2, 12)))
    db_session.commit()
    fire(db_session, in_awal.id, "akhiri", end, who(db_session, "kepala"))
    db_session.expire_all()
    assert db_session.get(Client, in_awal.id).status == "dicabut"


def test_an_extension_replans_and_keeps_every_earlier_line(in_awal, db_session):
    before = entries(db_session, in_awal)
    new_expiry = date(2028, 6, 30)
    apply_period(db_session, in_awal.id, PeriodChange("perpanjangan", START, new_expiry, "SK PAS-77/2026"),
                 who(db_session, "pk_a"))
    after = entries(db_session, in_awal)
    assert [e.id for e in after[:len(before)]] == [e.id for e in before]
    open_planned = {(e.event, e.entry_date) for e in after if e.kind == "rencana" and not e.superseded_at}
    assert open_planned == {("lanjutan", date(2026, 8, 17)), ("akhir", date(2027, 11, 16)),
                            ("ekspirasi", new_expiry), ("awal", START)}
    struck = {e.event for e in after if e.superseded_at}
    assert struck == {"lanjutan", "akhir", "ekspirasi"}


def test_the_start_of_a_running_supervision_changes_only_as_a_correction(in_awal, db_session):
    change = PeriodChange("perpanjangan", START - timedelta(days=3), EXPIRY, "salah ketik")
    with pytest.raises(DomainError):
        apply_period(db_session, in_awal.id, change, who(db_session, "pk_a"))
    change.kind = "koreksi"
    apply_period(db_session, in_awal.id, change, who(db_session, "pk_a"))
    db_session.expire_all()
    assert db_session.get(Client, in_awal.id).supervision_start == START - timedelta(days=3)


@pytest.mark.parametrize("start,expiry", [(START, START), (START, START - timedelta(days=1))])
def test_a_period_of_zero_days_or_ending_before_it_starts_is_refused(in_awal, db_session, start, expiry):
    with pytest.raises(DomainError):
        apply_period(db_session, in_awal.id, PeriodChange("koreksi", start, expiry, "x"), who(db_session, "pk_a"))


def test_another_caseload_cannot_steer_the_client(in_awal, db_session):
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN), who(db_session, "pk_a2"))
    assert refused.value.status_code == 404
    with pytest.raises(DomainError) as refused:
        fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN), who(db_session, "registrasi"))
    assert refused.value.status_code == 403


@pytest.mark.committing  # a second session or thread sees only what is committed
def test_the_same_transition_fired_twice_at_once_succeeds_exactly_once(app, in_awal, db_session):
    from app.extensions import db

    gate(db_session, in_awal, gates.TPP_PROGRAMME["lanjutan"])
    first, second = Session(db.engine), Session(db.engine)
    try:
        actor = who(db_session, "pk_a")
        # Both tabs have loaded the client at tahap awal (held: the identity map is weak).
        tabs = [first.get(Client, in_awal.id), second.get(Client, in_awal.id)]
        assert [t.stage for t in tabs] == ["awal", "awal"]
        outcomes = []
        for session in (first, second):
            try:
                fire(session, in_awal.id, "lanjutan", data(LANJUTAN), actor)
                outcomes.append("ok")
            except DomainError as exc:
                outcomes.append(exc.messages[0])
        assert outcomes[0] == "ok" and outcomes[1] != "ok"
        assert "baru saja" in outcomes[1]  # "someone else changed this client just now"
    finally:
        first.close()
        second.close()
    actual = [e for e in entries(db_session, in_awal) if e.event == "lanjutan" and e.kind == "pelaksanaan"]
    assert len(actual) == 1


# -- through the screens and the API ------------------------------------------------

def test_the_stage_page_shows_the_rule_and_the_struck_date(as_user, in_awal, db_session):
    gate(db_session, in_awal, gates.TPP_PROGRAMME["lanjutan"])
    fire(db_session, in_awal.id, "lanjutan", data(LANJUTAN), who(db_session, "pk_a"))
    body = as_user("pk_a").get(f"/bimbingan/{in_awal.id}").get_data(as_text=True)
    assert "<del>1 Januari 2026</del>" in body
    assert "3 Juli 2026" in body and "730" in body and "1/4" in body


def test_api_refusal_is_422_with_the_same_text(as_user, in_awal):
    response = as_user("pk_a").api("POST", f"/api/v1/lifecycle/{in_awal.id}/lanjutan?_l_=id",
                                   json={"on": LANJUTAN.isoformat()})
    assert response.status_code == 422
    assert response.json["message"] == [str(gates.MISSING[gates.TPP_PROGRAMME["lanjutan"]])]


def test_screen_transition_keeps_the_typed_reason_on_refusal(as_user, in_awal):
    response = as_user("pk_a").post(f"/bimbingan/{in_awal.id}/langkah/lanjutan",
                                    data={"on": "2026-06-01", "reason": "alasan saya"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "alasan saya" in body and "TPP" in body


@pytest.mark.parametrize("url", ["/bimbingan/{id}", "/bimbingan/{id}/langkah/lanjutan", "/bimbingan/{id}/masa"])
def test_other_caseload_gets_404_on_the_stage_screens(as_user, in_awal, url):
    assert as_user("pk_a2").get(url.format(id=in_awal.id)).status_code == 404
