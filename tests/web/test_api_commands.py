"""Workflow commands through the API: the same domain commands as the screens,
illegal jumps answered 422 with the domain's (Indonesian) message, status
fields never written directly, foreign records 404."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import (Assessment, Complaint, ComplaintStep, InstrumentDomain, InstrumentItem, Programme, ProgressEntry,
                    Staff, TppItem, TppSession)
from tests.web.api_estate import build

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


@pytest.fixture
def estate(app, world, make_client, db_session):
    return build(app, world, make_client, db_session)


def test_assessment_answered_finalised_locked_and_corrected(as_user, estate, db_session):
    pk = as_user("pk_a")
    own = estate["pk_a"]["Assessment"]
    url = f"/api/v1/assessment/{own}"
    incomplete = pk.api("POST", f"{url}/finalise?_l_=id")
    assert incomplete.status_code == 422 and "draf" in " ".join(incomplete.json["message"]).lower()
    assessment = db_session.get(Assessment, own)
    items = db_session.scalars(select(InstrumentItem).join(InstrumentDomain).where(
        InstrumentDomain.instrument_id == assessment.instrument_id)).all()
    answers = [{"item": i.id, "option": i.options[0].id} for i in items]
    assert pk.api("POST", f"{url}/answers", json={"answers": [{"item": items[0].id, "option": 10**6}]}
                  ).status_code == 422
    assert pk.api("POST", f"{url}/answers", json={"answers": "all"}).status_code == 422
    assert pk.api("POST", f"{url}/answers", json={"answers": answers}).status_code == 200
    final = pk.api("POST", f"{url}/finalise")
    assert final.status_code == 200 and final.json["result"]["status"] == "final"
    assert final.json["result"]["total_score"] is not None
    locked = pk.api("PUT", url, json={"needs": "ubah"})
    assert locked.status_code == 422 and "status" in locked.json["message"]
    assert pk.api("PUT", url, json={"status": "draft"}).status_code == 422
    correction = pk.api("POST", f"{url}/correct")
    assert correction.status_code == 200 and correction.json["id"] != own
    assert correction.json["result"]["status"] == "draft"
    assert pk.api("POST", f"{url}/correct").status_code == 422  # one correction at a time
    for outsider in ("pk_a2", "pk_b", "registrasi"):
        assert as_user(outsider).api("POST", f"{url}/correct").status_code in (403, 404), outsider


def test_programme_submitted_once_and_revised_only_when_decided(as_user, estate, db_session):
    pk = as_user("pk_a")
    programme_id = estate["pk_a"]["Programme"]
    url = f"/api/v1/programme/{programme_id}"
    assert pk.api("POST", f"{url}/revise").status_code == 422
    submitted = pk.api("POST", f"{url}/submit")
    assert submitted.status_code == 200 and submitted.json["result"]["status"] == "diajukan"
    again = pk.api("POST", f"{url}/submit?_l_=id")
    assert again.status_code == 422 and len(again.json["message"]) == 1
    assert pk.api("PUT", url, json={"notes": "ubah"}).status_code == 422
    item = pk.api("POST", "/api/v1/programme_item/", json={"programme": programme_id, "kind": "kepribadian",
                                                           "activity_kind": "konseling", "activity": "Tambahan"})
    assert item.status_code == 422 and "programme" in item.json["message"]
    assert pk.api("PUT", url, json={"status": "disetujui"}).status_code == 422
    db_session.expire_all()
    assert db_session.get(Programme, programme_id).status == "diajukan"
    assert as_user("pk_b").api("POST", f"{url}/submit").status_code == 404
    assert as_user("kepala_b").api("POST", f"{url}/submit").status_code == 404


def test_programme_item_refuses_unknown_codes_and_a_foreign_partner(as_user, estate):
    body = {"programme": estate["pk_a"]["Programme"], "kind": "lain", "activity_kind": "konseling",
            "activity": "X"}
    refused = as_user("pk_a").api("POST", "/api/v1/programme_item/", json=body)
    assert refused.status_code == 422 and "kind" in refused.json["message"]
    body.update(kind="kepribadian", partner=estate["pk_b"]["Partner"])
    refused = as_user("pk_a").api("POST", "/api/v1/programme_item/", json=body)
    assert refused.status_code == 422 and "partner" in refused.json["message"]


def test_a_home_visit_needs_consent_and_a_correction_keeps_the_original(as_user, make_client, estate, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    body = {"client": client.id, "happened_on": date.today().isoformat(), "kind": "kunjungan_rumah",
            "what_happened": "Kunjungan"}
    refused = as_user("pk_a").api("POST", "/api/v1/progress_entry/", json=body)
    assert refused.status_code == 422 and "kind" in refused.json["message"]
    consent = as_user("pk_a").api("POST", "/api/v1/consent/", json={
        "client": client.id, "given": True, "by_guardian": True, "recorded_on": date.today().isoformat()})
    assert consent.status_code == 201, consent.json
    assert as_user("pk_a").api("PUT", f"/api/v1/consent/{consent.json['id']}", json={"given": False}
                               ).status_code == 405
    created = as_user("pk_a").api("POST", "/api/v1/progress_entry/", json=body)
    assert created.status_code == 201, created.json
    entry_id = created.json["id"]
    corrected = as_user("pk_a").api("PUT", f"/api/v1/progress_entry/{entry_id}", json={"result": "Baik"})
    assert corrected.status_code == 200 and corrected.json["result"]["version_no"] == 2
    originals = db_session.scalars(select(ProgressEntry).where(ProgressEntry.client_id == client.id,
                                                               ProgressEntry.superseded.is_(True))).all()
    assert len(originals) == 1 and originals[0].result is None
    assert as_user("pk_a").api("PUT", f"/api/v1/progress_entry/{originals[0].id}", json={"result": "x"}
                               ).status_code == 404  # a PK never sees the originals
    assert as_user("pk_a").api("PUT", f"/api/v1/progress_entry/{entry_id}", json={"superseded": True}
                               ).status_code == 422


def test_tpp_decision_needs_quorum_and_is_taken_once(as_user, world, estate, db_session):
    item_id = estate["pk_a"]["TppItem"]
    url = f"/api/v1/tpp_decision/{item_id}"
    no_quorum = as_user("tpp").api("POST", url, json={"decision": "setuju"})
    assert no_quorum.status_code == 422 and no_quorum.json["message"]
    session = db_session.get(TppSession, db_session.get(TppItem, item_id).session_id)
    session.present.append(db_session.get(Staff, world.users["tpp"]))
    db_session.commit()
    assert as_user("tpp").api("POST", url, json={"decision": "maybe"}).status_code == 422
    assert as_user("tpp").api("POST", url, json={"decision": "setuju", "extra": 1}).status_code == 422
    assert as_user("tpp").api("POST", url, json={"decision": "setuju", "votes_for": "1"}).status_code == 422
    assert as_user("registrasi").api("POST", url, json={"decision": "setuju"}).status_code == 403
    assert as_user("pk_a").api("POST", url, json={"decision": "setuju"}).status_code == 403
    assert as_user("kepala_b").api("POST", url, json={"decision": "setuju"}).status_code == 404
    decided = as_user("tpp").api("POST", url, json={"decision": "setuju"})
    assert decided.status_code == 200 and decided.json["result"]["decision"] == "setuju"
    assert as_user("kepala").api("POST", url, json={"decision": "tolak"}).status_code == 422
    assert as_user("tpp").api("GET", f"/api/v1/tpp_item/{item_id}").json["result"]["decision"] == "setuju"


def test_complaint_registered_and_moved_only_by_its_steps(as_user, world, estate, db_session):
    unit = as_user("pengaduan")
    body = {"office": world.office_a, "channel": "web", "category": estate["refs"]["ComplaintCategory"],
            "text": "Pelayanan lambat"}
    assert unit.api("POST", "/api/v1/complaint/", json=body).status_code == 422  # the web form is the public's
    created = unit.api("POST", "/api/v1/complaint/", json={**body, "channel": "telepon"})
    assert created.status_code == 201 and created.json["result"]["status"] == "diterima"
    complaint_id = created.json["id"]
    assert db_session.scalar(select(ComplaintStep.id).where(ComplaintStep.complaint_id == complaint_id))
    assert unit.api("POST", "/api/v1/complaint/", json={**body, "channel": "telepon", "status": "selesai"}
                    ).status_code == 422
    assert unit.api("POST", "/api/v1/complaint/", json={**body, "channel": "telepon",
                                                        "office": world.office_b}).status_code == 422
    jump = unit.api("POST", f"/api/v1/complaint_step/{complaint_id}/selesai", json={"text": "Tutup"})
    assert jump.status_code == 422 and jump.json["message"]
    assert unit.api("POST", f"/api/v1/complaint_step/{complaint_id}/terbang", json={"text": "x"}).status_code == 404
    assert as_user("kepala").api("POST", f"/api/v1/complaint_step/{complaint_id}/ditelaah",
                                 json={"text": "x"}).status_code == 422  # the unit's step
    reviewed = unit.api("POST", f"/api/v1/complaint_step/{complaint_id}/ditelaah", json={"text": "Telaah"})
    assert reviewed.status_code == 200 and reviewed.json["result"]["status"] == "ditelaah"
    directed = as_user("kepala").api("POST", f"/api/v1/complaint_step/{complaint_id}/arahan", json={
        "text": "Tindak", "assigned_to": world.users["pk_b"]})
    assert directed.status_code == 422  # an official of another office
    foreign_client = as_user("kepala").api("POST", f"/api/v1/complaint_step/{complaint_id}/arahan", json={
        "text": "Tindak", "assigned_to": world.users["pk_a"], "concerns_client": estate["pk_b"]["Client"]})
    assert foreign_client.status_code == 422
    db_session.expire_all()
    complaint = db_session.get(Complaint, complaint_id)
    assert complaint.status == "ditelaah" and complaint.concerns_client_id is None
    assert as_user("kepala_b").api("POST", f"/api/v1/complaint_step/{complaint_id}/arahan", json={
        "text": "x", "assigned_to": world.users["kepala_b"]}).status_code == 404
    assert as_user("pk_a").api("GET", f"/api/v1/complaint/{complaint_id}").status_code == 404


def test_document_metadata_has_no_file_and_the_download_is_scoped(as_user, estate):
    document_id = estate["pk_a"]["GeneratedDocument"]
    shown = as_user("pk_a").api("GET", f"/api/v1/document/{document_id}")
    assert shown.status_code == 200
    assert not {"stored_name", "token", "signed_name"} & set(shown.json["result"])
    download = as_user("pk_a").api("GET", f"/api/v1/document/{document_id}/file")
    assert download.status_code == 200 and download.data.startswith(b"PK")
    assert download.headers["Cache-Control"] == "private, no-store"
    assert download.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    for outsider in ("pk_a2", "pk_b", "tpp"):
        assert as_user(outsider).api("GET", f"/api/v1/document/{document_id}/file").status_code == 404, outsider
    assert as_user("registrasi").api("GET", f"/api/v1/document/{document_id}/file").status_code == 403
    assert as_user("pk_a").api("POST", "/api/v1/document/", json={}).status_code == 405


# -- a JSON endpoint refuses every other body (one guard: views.api_base.not_json) -------

NOT_JSON = [({"data": {"on": "2026-01-05"}}, "form"),  # what a cross-site HTML form sends
            ({"data": '{"on": "2026-01-05"}', "content_type": "text/plain"}, "text")]


@pytest.mark.parametrize("body,kind", NOT_JSON, ids=[k for _, k in NOT_JSON])
def test_a_lifecycle_transition_with_a_form_or_text_body_is_415_and_changes_nothing(as_user, make_client,
                                                                                 db_session, body, kind):
    from models import BookEntry, Client

    client = make_client(pk="pk_a", handover=True, supervision_start=date(2026, 1, 5),
                         supervision_expiry=date(2099, 12, 31))
    pk = as_user("pk_a")
    for url in (f"/api/v1/lifecycle/{client.id}/mulai", f"/api/v1/lifecycle/{client.id}/period"):
        response = pk.post(url, **body)
        assert response.status_code == 415, (url, response.status_code)
        assert response.json["message"] == "Kirim data dalam format JSON."
    db_session.expire_all()
    assert db_session.get(Client, client.id).status == "terdaftar"
    assert db_session.scalar(select(BookEntry.id).where(BookEntry.client_id == client.id)) is None
    started = pk.api("POST", f"/api/v1/lifecycle/{client.id}/mulai", json={"on": "2026-01-05"})
    assert started.status_code == 200 and started.json["result"]["status"] == "aktif"


def test_every_other_api_write_answers_415_to_a_text_body(as_user, estate, world, db_session):
    own = estate["pk_a"]
    text = {"data": "{}", "content_type": "text/plain"}
    writes = [("pk_a", f"/api/v1/assessment/{own['Assessment']}/finalise", "POST"),
              ("pk_a", f"/api/v1/assessment/{own['Assessment']}/answers", "POST"),
              ("pk_a", f"/api/v1/programme/{own['Programme']}/submit", "POST"),
              ("tpp", f"/api/v1/tpp_decision/{own['TppItem']}", "POST"),
              ("pengaduan", f"/api/v1/complaint_step/{own['Complaint']}/ditelaah", "POST"),
              ("pk_a", "/api/v1/progress_entry/", "POST"),
              ("pk_a", f"/api/v1/programme/{own['Programme']}", "PUT")]
    for user, url, method in writes:
        browser = as_user(user)
        browser._forget_cached_user()
        response = browser.client.open(url, method=method, **text)
        assert response.status_code == 415, (url, response.status_code)
    db_session.expire_all()
    assert db_session.get(Programme, own["Programme"]).status == "draft"
    assert db_session.get(Complaint, own["Complaint"]).status == "diterima"
