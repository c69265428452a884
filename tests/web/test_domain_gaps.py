"""Rules the PK's walk found missing (issue 17, item 7): each refused on the screen and through the API
by the same command, with nothing written."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.guidance.assessment import store
from models import Assessment, Classification, Consent, Programme, ProgrammeItem, ProgressEntry, TppItem
from tests.web.test_programme_tpp import agenda, session_with

TODAY = date.today()


def entry_form(client, **fields):
    data = {"client": str(client.id), "happened_on": (TODAY - timedelta(days=2)).isoformat(), "kind": "konseling",
            "place": "Rumah klien", "programme_item": "", "attended": "y", "absence_reason": "",
            "what_happened": "Kunjungan", "result": "", "follow_up": ""}
    data.update(fields)
    return data


def count_entries(db_session, client) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count(ProgressEntry.id)).where(ProgressEntry.client_id == client.id))


def consent_on(db_session, client, day, given=True):
    db_session.add(Consent(client_id=client.id, given=given, by_client=True, by_guardian=True, recorded_on=day))
    db_session.commit()


def test_a_home_visit_dated_before_the_consent_is_refused_on_screen_and_api(as_user, active, db_session):
    consent_on(db_session, active, TODAY - timedelta(days=3))
    before = entry_form(active, kind="kunjungan_rumah", happened_on=(TODAY - timedelta(days=5)).isoformat())
    refused = as_user("pk_a").post("/progressentryview/add", data=before)
    assert refused.status_code == 200 and "sebelum hari kunjungan" in refused.get_data(as_text=True)
    api = as_user("pk_a").api("POST", "/api/v1/progress_entry/?_l_=id", json={
        "client": active.id, "happened_on": (TODAY - timedelta(days=5)).isoformat(), "kind": "kunjungan_rumah",
        "what_happened": "Kunjungan"})
    assert api.status_code == 422 and "kind" in api.json["message"]
    assert count_entries(db_session, active) == 0
    after = entry_form(active, kind="kunjungan_rumah", happened_on=(TODAY - timedelta(days=1)).isoformat())
    assert as_user("pk_a").post("/progressentryview/add", data=after).status_code == 302
    assert count_entries(db_session, active) == 1


def test_a_refusal_stops_visits_after_it_not_the_ones_before(as_user, active, db_session):
    consent_on(db_session, active, TODAY - timedelta(days=10))
    consent_on(db_session, active, TODAY - timedelta(days=2), given=False)
    late = entry_form(active, kind="kunjungan_rumah", happened_on=(TODAY - timedelta(days=1)).isoformat())
    assert as_user("pk_a").post("/progressentryview/add", data=late).status_code == 200
    earlier = entry_form(active, kind="kunjungan_rumah", happened_on=(TODAY - timedelta(days=5)).isoformat())
    assert as_user("pk_a").post("/progressentryview/add", data=earlier).status_code == 302


def programme_item(db_session, client, status="diajukan", stage="awal"):
    programme = Programme(client_id=client.id, stage=stage, status=status, interests_talents="Musik")
    programme.items = [ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling",
                                     activity="Konseling keluarga")]
    db_session.add(programme)
    db_session.commit()
    return programme.items[0]


def test_an_activity_of_the_programme_waits_for_the_tpp_approval(as_user, active, db_session, world):
    item = programme_item(db_session, active)
    form = entry_form(active, programme_item=str(item.id))
    refused = as_user("pk_a").post("/progressentryview/add", data=form)
    assert refused.status_code == 200 and "belum disetujui TPP" in refused.get_data(as_text=True)
    api = as_user("pk_a").api("POST", "/api/v1/progress_entry/?_l_=id", json={
        "client": active.id, "happened_on": form["happened_on"], "kind": "konseling", "what_happened": "X",
        "programme_item": item.id})
    assert api.status_code == 422 and "programme_item" in api.json["message"]
    # Reporting is a duty from the first day: no programme, no approval needed.
    apel = as_user("pk_a").post("/progressentryview/add", data=entry_form(active, kind="wajib_lapor"))
    assert apel.status_code == 302
    assert count_entries(db_session, active) == 1


def test_an_activity_dated_before_the_approving_session_is_refused(as_user, active, db_session, world):
    item = programme_item(db_session, active)
    tpp = session_with(db_session, world)
    tpp.held_on = TODAY - timedelta(days=3)
    decided = agenda(db_session, tpp, active, item.programme, matter="rencana_awal")
    decided.decision = "setuju"
    item.programme.status = "disetujui"
    db_session.commit()
    early = entry_form(active, programme_item=str(item.id), happened_on=(TODAY - timedelta(days=5)).isoformat())
    refused = as_user("pk_a").post("/progressentryview/add", data=early)
    assert refused.status_code == 200 and "sebelum TPP menyetujui" in refused.get_data(as_text=True)
    later = entry_form(active, programme_item=str(item.id), happened_on=(TODAY - timedelta(days=1)).isoformat())
    assert as_user("pk_a").post("/progressentryview/add", data=later).status_code == 302
    assert db_session.scalar(select(TppItem.decision).where(TppItem.id == decided.id)) == "setuju"


def test_a_second_final_classification_is_refused(as_user, active, db_session):
    instrument = store.ensure_demo(db_session)
    final = Assessment(client_id=active.id, instrument_id=instrument.id, kind="reasesmen_akhir", assessed_on=TODAY,
                       assessor_id=active.current_pk_id, consent=True, status="final")
    db_session.add(final)
    db_session.commit()
    data = {"client": str(active.id), "assessment": str(final.id), "level": "sedang",
            "needs": "Kemandirian kerja", "set_on": TODAY.isoformat()}
    assert as_user("pk_a").post("/classificationview/add", data=data).status_code == 302
    again = as_user("pk_a").post("/classificationview/add", data=data)
    assert again.status_code == 200 and "sudah ditetapkan" in again.get_data(as_text=True)
    db_session.expire_all()
    [kept] = db_session.scalars(select(Classification).where(Classification.client_id == active.id)).all()
    data["needs"] = "Kemandirian kerja dan sekolah"  # correcting the one set is still allowed
    assert as_user("pk_a").post(f"/classificationview/edit/{kept.id}", data=data).status_code == 302


def test_the_stage_page_names_the_tpp_session_by_its_day_not_an_id(as_user, in_awal, db_session, world):
    from app.tpp import decisions as tpp
    from tests.factories import principal

    programme = Programme(client_id=in_awal.id, stage="awal", status="diajukan")
    programme.items = [ProgrammeItem(client_id=in_awal.id, kind="kepribadian", activity_kind="konseling",
                                     activity="Konseling")]
    db_session.add(programme)
    db_session.commit()
    item = agenda(db_session, session_with(db_session, world), in_awal, programme, matter="rencana_awal")
    tpp.decide(db_session, item, tpp.Decision(decision="setuju", consensus=True, votes_for=None,
                                             votes_against=None, notes=None, by_id=principal(db_session, "tpp").user_id))
    db_session.commit()
    page = as_user("pk_a").get(f"/bimbingan/{in_awal.id}").get_data(as_text=True)
    assert "Sidang TPP tanggal 20 Juni 2026" in page
    assert f"agenda {item.id}" not in page and "2026-06-20" not in page
