"""Assessments: drafts, answers, locking, corrections, comparison, instruments."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest
from sqlalchemy import select

from app.guidance.assessment import store
from app.supervision.lifecycle import gates
from models import Assessment, GateRecord, Instrument, InstrumentItem

ON = date(2026, 2, 1)


@pytest.fixture
def instrument(app, db_session):
    return store.ensure_demo(db_session)


@pytest.fixture
def client(make_client):
    return make_client(pk="pk_a", status="aktif", handover=True)


def new_draft(as_user, client, instrument, kind="awal", who="pk_a", consent="y"):
    data = {"client": str(client.id), "instrument": str(instrument.id), "kind": kind, "assessed_on": ON.isoformat(),
            "consent": consent, "consent_note": "", "needs": "Pendidikan"}
    return as_user(who).post("/assessmentview/add", data=data)


def latest(db_session, client) -> Assessment:
    db_session.expire_all()
    return db_session.scalars(select(Assessment).where(Assessment.client_id == client.id)
                              .order_by(Assessment.id.desc())).first()


def answers_for(db_session, instrument, pick) -> dict[str, str]:
    """pick(item) -> index of the option chosen."""
    items = db_session.scalars(select(InstrumentItem).where(InstrumentItem.domain.has(instrument_id=instrument.id))
                               ).all()
    return {f"item_{i.id}": str(i.options[pick(i)].id) for i in items}


def test_a_pk_assesses_and_the_result_is_scored_and_locked(as_user, client, instrument, db_session):
    assert new_draft(as_user, client, instrument).status_code == 302
    assessment = latest(db_session, client)
    assert (assessment.status, assessment.assessor.username) == ("draft", "pk_a")
    # every risk item answered with its middle option (1 point), protective items with the best (2 points):
    # 15 risk items x 1 - 3 protective x 2 = 9 -> rendah (cut-off -6..9)
    form = answers_for(db_session, instrument, lambda item: 2 if item.protective else 1)
    response = as_user("pk_a").post(f"/asesmen/{assessment.id}/jawab", data={**form, "finish": "1"})
    assert response.status_code == 302
    assessment = latest(db_session, client)
    assert (assessment.status, assessment.total_score, assessment.category) == ("final", 9, "rendah")
    assert json.loads(assessment.domain_scores)["pelindung"] == -6
    again = as_user("pk_a").post(f"/asesmen/{assessment.id}/jawab", data={**form, "finish": "1"})
    assert "terkunci" in again.get_data(as_text=True).lower()


def test_unanswered_items_keep_it_a_draft_and_are_named(as_user, client, instrument, db_session):
    new_draft(as_user, client, instrument)
    assessment = latest(db_session, client)
    form = answers_for(db_session, instrument, lambda item: 0)
    first_key = sorted(form)[0]
    del form[first_key]
    body = as_user("pk_a").post(f"/asesmen/{assessment.id}/jawab", data={**form, "finish": "1"}).get_data(as_text=True)
    assessment = latest(db_session, client)
    assert assessment.status == "draft" and len(assessment.answers) == len(form)
    assert "PP1" in body or "belum dijawab" in body.lower()


def test_without_consent_the_assessment_cannot_be_finished(as_user, client, instrument, db_session):
    new_draft(as_user, client, instrument, consent="")
    assessment = latest(db_session, client)
    form = answers_for(db_session, instrument, lambda item: 0)
    as_user("pk_a").post(f"/asesmen/{assessment.id}/jawab", data={**form, "finish": "1"})
    assert latest(db_session, client).status == "draft"


def test_only_a_pk_can_be_the_assessor(as_user, client, instrument, db_session):
    response = new_draft(as_user, client, instrument, who="kepala")
    assert response.status_code == 200 and "PK" in response.get_data(as_text=True)
    assert latest(db_session, client) is None


def _finished(as_user, db_session, client, instrument, kind, pick):
    new_draft(as_user, client, instrument, kind=kind)
    assessment = latest(db_session, client)
    as_user("pk_a").post(f"/asesmen/{assessment.id}/jawab",
                         data={**answers_for(db_session, instrument, pick), "finish": "1"})
    return latest(db_session, client)


def test_a_correction_is_a_new_version_and_the_original_stays(as_user, client, instrument, db_session):
    original = _finished(as_user, db_session, client, instrument, "awal", lambda i: 0)
    response = as_user("pk_a").post(f"/asesmen/{original.id}/koreksi")
    assert response.status_code == 302
    correction = latest(db_session, client)
    assert correction.supersedes_id == original.id and correction.status == "draft"
    as_user("pk_a").post(f"/asesmen/{correction.id}/jawab",
                         data={**answers_for(db_session, instrument, lambda i: 2), "finish": "1"})
    db_session.expire_all()
    assert db_session.get(Assessment, original.id).status == "replaced"
    assert db_session.get(Assessment, original.id).total_score == 0  # kept as it was
    assert db_session.get(Assessment, correction.id).total_score == 30 - 6  # every answer its last option


def test_final_reassessment_opens_the_gate_to_tahap_akhir(as_user, client, instrument, db_session):
    _finished(as_user, db_session, client, instrument, "reasesmen_akhir", lambda i: 1)
    assert db_session.scalar(select(GateRecord.id).where(GateRecord.client_id == client.id,
                                                         GateRecord.gate == gates.REASSESSMENT_FINAL))


def test_two_assessments_compare_domain_by_domain(as_user, client, instrument, db_session):
    first = _finished(as_user, db_session, client, instrument, "awal", lambda i: 2 if not i.protective else 0)
    second = _finished(as_user, db_session, client, instrument, "tahunan", lambda i: 1)
    body = as_user("pk_a").get(f"/asesmen/banding?a={first.id}&b={second.id}").get_data(as_text=True)
    assert "Alkohol, narkotika dan zat lain" in body and "-3" in body  # zat: 6 -> 3


def test_another_caseload_cannot_open_or_answer(as_user, client, instrument, db_session):
    new_draft(as_user, client, instrument)
    assessment = latest(db_session, client)
    assert as_user("pk_a2").get(f"/asesmen/{assessment.id}/jawab").status_code == 404
    assert as_user("pk_a2").get(f"/assessmentview/show/{assessment.id}").status_code == 404
    assert as_user("registrasi").get(f"/assessmentview/show/{assessment.id}").status_code in (403, 404)


def test_a_broken_instrument_file_lists_its_errors_and_saves_nothing(as_user, db_session, instrument):
    broken = store.DEMO_FILE.read_text().replace("version: \"2026.1-demo\"", "version: \"broken\"").replace(
        "{category: sedang, min: 10, max: 18}", "{category: sedang, min: 8, max: 18}")
    count = db_session.query(Instrument).count()
    response = as_user("admin").post("/instrumentview/upload", data={"file": (io.BytesIO(broken.encode()), "x.yaml")},
                                     content_type="multipart/form-data")
    assert response.status_code == 200 and "sedang" in response.get_data(as_text=True)
    assert db_session.query(Instrument).count() == count


def test_an_administrator_loads_a_new_version(as_user, db_session, instrument):
    text = store.DEMO_FILE.read_text().replace("version: \"2026.1-demo\"", "version: \"2026.2-demo\"")
    response = as_user("admin").post("/instrumentview/upload", data={"file": (io.BytesIO(text.encode()), "x.yaml")},
                                     content_type="multipart/form-data")
    assert response.status_code == 302
    assert db_session.scalar(select(Instrument.id).where(Instrument.version == "2026.2-demo"))
    assert as_user("pk_a").get("/instrumentview/upload").status_code == 403
