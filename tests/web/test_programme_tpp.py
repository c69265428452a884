"""Guidance programme, its TPP decision, and the stage gate the decision opens."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.supervision.lifecycle import gates
from app.supervision.lifecycle.commands import TransitionInput
from app.supervision.lifecycle.service import fire
from models import Consent, GateRecord, Programme, Staff, TppItem, TppSession
from tests.web.test_lifecycle import who


def programme_of(db_session, client, stage="lanjutan") -> Programme:
    db_session.expire_all()
    return db_session.scalars(select(Programme).where(Programme.client_id == client.id, Programme.stage == stage)
                              .order_by(Programme.id.desc())).first()


def make_programme(as_user, db_session, client, stage="lanjutan", interests="Otomotif"):
    response = as_user("pk_a").post("/programmeview/add", data={
        "client": str(client.id), "stage": stage, "interests_talents": interests, "notes": ""})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    return programme_of(db_session, client, stage)


def add_item(as_user, programme, kind="kepribadian", activity_kind="konseling", who_="pk_a"):
    return as_user(who_).post("/programmeitemview/add", data={
        "programme": str(programme.id), "kind": kind, "activity_kind": activity_kind, "activity": "Konseling rutin",
        "need": "Kontrol emosi", "target": "Tidak berkelahi", "frequency": "2x sebulan", "partner": ""})


def submitted(as_user, db_session, client):
    programme = make_programme(as_user, db_session, client)
    assert add_item(as_user, programme).status_code == 302
    assert as_user("pk_a").post(f"/program/{programme.id}/ajukan").status_code == 302
    return programme_of(db_session, client)


def session_with(db_session, world, present=("tpp",), members_total=1) -> TppSession:
    staff = [db_session.scalars(select(Staff).where(Staff.username == u)).one() for u in present]
    session = TppSession(office_id=world.office_a, held_on=date(2026, 6, 20), members_total=members_total,
                         present=staff, place="Ruang sidang TPP")
    db_session.add(session)
    db_session.commit()
    return session


def agenda(db_session, session, client, programme, matter="rencana_lanjutan") -> TppItem:
    item = TppItem(session_id=session.id, client_id=client.id, matter=matter,
                   programme_id=programme.id if programme else None)
    db_session.add(item)
    db_session.commit()
    return item


def test_submitting_needs_items_and_interests_for_independence(as_user, in_awal, db_session):
    programme = make_programme(as_user, db_session, in_awal, interests="")
    as_user("pk_a").post(f"/program/{programme.id}/ajukan")
    assert programme_of(db_session, in_awal).status == "draft"  # no items
    add_item(as_user, programme, kind="kemandirian", activity_kind="kemandirian")
    as_user("pk_a").post(f"/program/{programme.id}/ajukan")
    assert programme_of(db_session, in_awal).status == "draft"  # interests and talents missing


def test_a_home_visit_is_planned_only_with_consent(as_user, in_awal, db_session):
    programme = make_programme(as_user, db_session, in_awal)
    refused = add_item(as_user, programme, activity_kind="kunjungan_rumah")
    assert refused.status_code == 200 and "persetujuan" in refused.get_data(as_text=True).lower()
    db_session.add(Consent(client_id=in_awal.id, given=True, by_client=True, by_guardian=True,
                           recorded_on=date(2026, 6, 1)))
    db_session.commit()
    assert add_item(as_user, programme, activity_kind="kunjungan_rumah").status_code == 302


def test_the_tpp_approves_and_the_stage_gate_opens(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    assert programme.status == "diajukan"
    item = agenda(db_session, session_with(db_session, world), in_awal, programme)
    response = as_user("tpp").post(f"/tpp/agenda/{item.id}/keputusan", data={"decision": "setuju", "consensus": "y"})
    assert response.status_code == 302
    assert programme_of(db_session, in_awal).status == "disetujui"
    assert db_session.scalar(select(GateRecord.id).where(GateRecord.client_id == in_awal.id,
                                                         GateRecord.gate == gates.TPP_PROGRAMME["lanjutan"]))
    fire(db_session, in_awal.id, "lanjutan", TransitionInput(on=date(2026, 7, 3), today=date(2026, 7, 3)),
         who(db_session, "pk_a"))
    db_session.expire_all()
    assert db_session.get(type(in_awal), in_awal.id).stage == "lanjutan"


def test_no_decision_without_quorum(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    item = agenda(db_session, session_with(db_session, world, members_total=3), in_awal, programme)
    response = as_user("tpp").post(f"/tpp/agenda/{item.id}/keputusan", data={"decision": "setuju", "consensus": "y"})
    assert response.status_code == 200 and "kuorum" in response.get_data(as_text=True).lower()
    assert programme_of(db_session, in_awal).status == "diajukan"


def test_without_consensus_the_vote_must_carry_the_decision(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    item = agenda(db_session, session_with(db_session, world, present=("tpp", "kepala"), members_total=2),
                  in_awal, programme)
    # 1 of 2 present is not more than half: the approval is not carried
    refused = as_user("kepala").post(f"/tpp/agenda/{item.id}/keputusan", data={
        "decision": "setuju", "consensus": "n", "votes_for": "1", "votes_against": "1"})
    assert refused.status_code == 200
    assert as_user("kepala").post(f"/tpp/agenda/{item.id}/keputusan", data={
        "decision": "tolak", "consensus": "n", "votes_for": "1", "votes_against": "1"}).status_code == 302
    assert programme_of(db_session, in_awal).status == "ditolak"


def test_submitting_asks_first_and_changes_nothing_until_confirmed(as_user, in_awal, db_session):
    from models import Programme

    programme = Programme(client_id=in_awal.id, stage="awal")
    db_session.add(programme)
    db_session.commit()
    page = as_user("pk_a").get(f"/program/{programme.id}/ajukan")
    assert page.status_code == 200 and "tidak dapat diubah" in page.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Programme, programme.id).status == "draft"


def test_the_decision_form_chooses_no_way_of_deciding_and_refuses_none(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    item = agenda(db_session, session_with(db_session, world), in_awal, programme)
    url = f"/tpp/agenda/{item.id}/keputusan"
    form = as_user("tpp").get(url).get_data(as_text=True)
    assert 'name="consensus"' in form and "checked" not in form.split('name="consensus"', 1)[1].split("</ul>")[0]
    refused = as_user("tpp").post(url, data={"decision": "setuju"})
    assert refused.status_code == 200 and "Pilih cara TPP memutuskan" in refused.get_data(as_text=True)
    assert programme_of(db_session, in_awal).status != "disetujui"


def test_a_rejected_programme_is_revised_as_a_new_version(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    item = agenda(db_session, session_with(db_session, world), in_awal, programme)
    as_user("tpp").post(f"/tpp/agenda/{item.id}/keputusan", data={"decision": "tolak", "consensus": "y",
                                                                  "notes": "Terlalu umum"})
    assert as_user("pk_a").post(f"/program/{programme.id}/revisi").status_code == 302
    newest = programme_of(db_session, in_awal)
    assert (newest.version_no, newest.status, newest.supersedes_id) == (2, "draft", programme.id)
    assert len(newest.items) == 1
    assert db_session.get(Programme, programme.id).status == "ditolak"  # the original stays as decided


def test_a_decided_programme_cannot_be_changed(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    refused = add_item(as_user, programme)
    assert refused.status_code == 200
    assert len(programme_of(db_session, in_awal).items) == 1


def test_the_pk_sees_the_decision_and_another_caseload_does_not(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    item = agenda(db_session, session_with(db_session, world), in_awal, programme)
    as_user("tpp").post(f"/tpp/agenda/{item.id}/keputusan", data={"decision": "setuju", "consensus": "y"})
    assert as_user("pk_a").get(f"/tppitemview/show/{item.id}").status_code == 200
    assert as_user("pk_a2").get(f"/tppitemview/show/{item.id}").status_code == 404
    assert as_user("pk_a2").get(f"/programmeview/show/{programme.id}").status_code == 404
    assert as_user("tpp").get(f"/programmeview/show/{programme.id}").status_code in (403, 404)


def test_final_evaluation_opens_the_end_gate(as_user, in_awal, db_session, world):
    item = agenda(db_session, session_with(db_session, world), in_awal, None, matter="evaluasi_akhir")
    assert as_user("tpp").post(f"/tpp/agenda/{item.id}/keputusan",
                               data={"decision": "setuju", "consensus": "y"}).status_code == 302
    assert db_session.scalar(select(GateRecord.id).where(GateRecord.client_id == in_awal.id,
                                                         GateRecord.gate == gates.TPP_FINAL_EVALUATION))


def test_the_final_programme_follows_the_classification(as_user, in_awal, db_session):
    from app.guidance.assessment import store
    from models import Assessment, Classification

    programme = make_programme(as_user, db_session, in_awal, stage="akhir")
    add_item(as_user, programme)
    as_user("pk_a").post(f"/program/{programme.id}/ajukan")
    assert programme_of(db_session, in_awal, "akhir").status == "draft"  # no classification yet
    instrument = store.ensure_demo(db_session)
    final = Assessment(client_id=in_awal.id, instrument_id=instrument.id, kind="reasesmen_akhir",
                       assessed_on=date(2026, 6, 1), assessor_id=in_awal.current_pk_id, consent=True, status="final")
    db_session.add(final)
    db_session.flush()
    db_session.add(Classification(client_id=in_awal.id, assessment_id=final.id, level="sedang",
                                  needs="Pelatihan kerja bengkel", set_on=date(2026, 6, 2)))
    db_session.commit()
    as_user("pk_a").post(f"/program/{programme.id}/ajukan")
    assert programme_of(db_session, in_awal, "akhir").status == "diajukan"
    # a later final programme (e.g. a new version's sibling) starts from the classification's needs
    fresh = Programme(client_id=in_awal.id, stage="akhir")
    from app.guidance import programme as programmes
    programmes.prefill_from_classification(db_session, fresh)
    assert "Pelatihan kerja bengkel" in fresh.notes


def test_a_plan_is_not_put_on_the_agenda_without_its_programme(as_user, in_awal, db_session, world):
    session = session_with(db_session, world)
    response = as_user("pk_a").post("/tppitemview/add", data={
        "session": str(session.id), "client": str(in_awal.id), "matter": "rencana_lanjutan", "programme": "__None",
        "pk_recommendation": ""})
    assert response.status_code == 200 and "harus disertai program" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalars(select(TppItem).where(TppItem.client_id == in_awal.id)).first() is None
