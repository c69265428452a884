"""Returning clients (issue 20 item 2): a child registered again is recognised against every office's
clients, linked by the registrar in one step, and its new PK reads the earlier supervisions' summary; the
earlier file's contents stay with its office unless that office's Kepala Bapas grants them (revocably);
every read is audited."""
from __future__ import annotations

import json
import secrets
from datetime import date

import pytest
from sqlalchemy import select

from app.clients.returning import candidates
from models import (Assessment, AuditLog, Classification, Client, ClientLink, EarlierFileGrant, Guardian,
                    ProgressEntry, Termination)

pytestmark = pytest.mark.both_databases  # matching across offices, the access layer, the audit trail

BIRTH = date(2009, 7, 23)
NIK = "3201012307090001"


def registration(world, **overrides):
    data = {
        "office": str(world.office_a), "registration_number": "", "full_name": "Yohanes Kristianto Wibisono",
        "alias": "", "sex": "L", "birth_place": "Bekasi", "birth_date": BIRTH.isoformat(), "nik": "",
        "religion": "islam", "education": "smp", "address": "Jl. Melati 1", "offence_date": "2025-06-01",
        "offence_article": "Pasal 362 KUHP", "decision_number": "12/Pid.Sus-Anak/2025/PN Bks",
        "decision_date": "2025-08-01", "sentence": "Pidana penjara 10 bulan", "supervision_kind": str(world.kind_id),
        "basis_document": "PAS-1.PK.01", "origin": "lpka", "supervision_start": "2026-01-05",
        "supervision_expiry": "2027-01-04", "reporting_interval_days": "30",
    }
    data.update(overrides)
    return data


@pytest.fixture
def earlier(make_client, db_session, world):
    """A supervision of office B that ended, with a final classification and a progress book."""
    from app.guidance.assessment import store

    tag = secrets.token_hex(4)
    client = make_client(office="b", pk="pk_b", status="selesai", handover=True,
                         full_name="Yohanes Kristianto Wibisono", birth_date=BIRTH, nik=None,
                         offence_date=date(2023, 1, 10), supervision_start=date(2023, 5, 2),
                         supervision_expiry=date(2024, 5, 1))
    mother = Guardian(client_id=client.id, relation="ibu", name="Maria Magdalena Sutanti")
    instrument = store.ensure_demo(db_session)
    assessment = Assessment(client_id=client.id, instrument_id=instrument.id, kind="reasesmen_akhir",
                            assessed_on=date(2024, 3, 1), assessor_id=client.current_pk_id, consent=True,
                            status="final", category="sedang", needs=f"Kebutuhan-{tag}")
    db_session.add_all([mother, assessment])
    db_session.flush()
    db_session.add_all([
        Classification(client_id=client.id, assessment_id=assessment.id, level="sedang", needs="-",
                       set_on=date(2024, 3, 5)),
        ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=date(2023, 6, 1),
                      kind="konseling", what_happened=f"Perkembangan-{tag}"),
        Termination(client_id=client.id, reason="selesai", end_date=date(2024, 5, 1), decision_number="PAS-9",
                    decision_date=date(2024, 5, 1))])
    db_session.commit()
    secrets_of_the_file = [client.full_name, mother.name, f"Perkembangan-{tag}", f"Kebutuhan-{tag}"]
    return client, secrets_of_the_file


def register(as_user, world, db_session, **overrides):
    data = registration(world, **overrides)
    response = as_user("registrasi").post("/clientview/add", data=data)
    assert response.status_code == 302
    new = db_session.scalars(select(Client).where(Client.full_name == data["full_name"],
                                                  Client.office_id == world.office_a)
                             .order_by(Client.id.desc())).first()
    return new, response


def assign_pk(db_session, client, pk_id):
    from app.clients import assignments
    from models import PKAssignment

    assignment = PKAssignment(client=client, client_id=client.id, pk_id=pk_id, start_date=date(2026, 1, 5), reason="")
    assignments.apply(db_session, assignment, None)
    db_session.add(assignment)
    db_session.commit()


def reads(db_session, client_id, username, screen):
    rows = db_session.scalars(select(AuditLog).where(AuditLog.client_id == client_id, AuditLog.action == "view",
                                                     AuditLog.username == username)).all()
    return [json.loads(r.changes) for r in rows if json.loads(r.changes)["screen"][1] == screen]


def test_a_re_registered_child_is_linked_by_nik_in_one_step_and_the_pk_sees_the_summary_only(
        as_user, world, db_session, earlier):
    old, hidden = earlier
    old.nik = NIK
    db_session.commit()
    # The child comes back with another spelling of the name, but the same NIK.
    new, response = register(as_user, world, db_session, full_name="Johanes Kristianto", nik=NIK)
    assert response.headers["Location"].endswith(f"/klien/{new.id}/klien-terdahulu/")

    page = as_user("registrasi").get(f"/klien/{new.id}/klien-terdahulu/").get_data(as_text=True)
    assert old.registration_number in page and "Balai Pemasyarakatan BPS-B" in page
    assert "Y. K. W." in page and "2009" in page and "2023–2024" in page
    assert not [s for s in hidden if s in page]  # no name, parent, note or assessment of the other office's file
    assert reads(db_session, old.id, "registrasi", "ReturningView.matches")  # the match list read is audited
    # The TPP reads clients but registers none: no match list for it.
    assert as_user("tpp").get(f"/klien/{new.id}/klien-terdahulu/").status_code != 200
    assert as_user("tpp").api("GET", f"/api/v1/returning/{new.id}/matches").status_code == 403

    # One step: the registrar links the new supervision to the earlier one.
    linked = as_user("registrasi").post(f"/klien/{new.id}/klien-terdahulu/tautkan",
                                        data={"earlier_client": str(old.id)})
    assert linked.status_code == 302 and linked.headers["Location"].endswith(f"/klien/{new.id}/#sebelumnya")
    link = db_session.scalars(select(ClientLink).where(ClientLink.client_id == new.id)).one()
    assert link.earlier_client_id == old.id and link.matched_on == "nik" and link.score == 100
    assert db_session.scalars(select(AuditLog).where(AuditLog.table_name == "client_link",
                                                     AuditLog.action == "create",
                                                     AuditLog.client_id == new.id)).one().username == "registrasi"

    # The new PK reads the earlier supervision's summary: period, how it ended, final classification.
    assign_pk(db_session, new, world.users["pk_a"])
    file = as_user("pk_a").get(f"/klien/{new.id}/").get_data(as_text=True)
    section = file.split('id="sebelumnya"', 1)[1].split("</section>", 1)[0]
    for shown in ("Bimbingan terdahulu anak ini", old.registration_number, "2 Mei 2023", "1 Mei 2024",
                  "Selesai pada akhir masa bimbingan", "Sedang", "Berkas tetap pada kantornya"):
        assert shown in section, shown
    assert not [s for s in hidden if s in file]
    assert reads(db_session, old.id, "pk_a", "ClientFileView.show")  # the summary's read, on the earlier child

    # ... but not the earlier file's contents.
    assert as_user("pk_a").get(f"/klien/{old.id}/").status_code == 404
    assert as_user("pk_a").get(f"/klien/terdahulu/{old.id}/").status_code == 404


def test_a_match_by_name_birth_date_and_parents_without_nik(as_user, world, db_session, earlier):
    old, hidden = earlier
    new, _response = register(as_user, world, db_session, full_name="Yohanes Kristianto Wibisana")
    db_session.add(Guardian(client_id=new.id, relation="ibu", name="Maria Magdalena Sutanti"))
    db_session.commit()
    found = {c.client_id: c for c in candidates.find(db_session, new)}
    assert old.id in found
    assert set(found[old.id].match.reasons) == {"name", "birth_date", "parents"}
    page = as_user("registrasi").get(f"/klien/{new.id}/klien-terdahulu/").get_data(as_text=True)
    assert "Nama orang tua" in page and old.registration_number in page
    assert not [s for s in hidden if s in page]
    assert as_user("registrasi").post(f"/klien/{new.id}/klien-terdahulu/tautkan",
                                      data={"earlier_client": str(old.id)}).status_code == 302
    assert db_session.scalars(select(ClientLink.matched_on).where(ClientLink.client_id == new.id)).one() \
        == "name birth_date parents"


def test_another_child_of_the_same_birth_date_is_no_match_and_registration_goes_on(as_user, world, db_session,
                                                                                  earlier):
    old, _hidden = earlier
    new, response = register(as_user, world, db_session, full_name="Ahmad Fauzi Ramadhan", sex="L")
    assert "klien-terdahulu" not in response.headers["Location"]
    assert old.id not in {c.client_id for c in candidates.find(db_session, new)}


def _flash_after(browser, response) -> str:
    return browser.get(response.headers["Location"]).get_data(as_text=True)


def test_refusals_of_the_link(as_user, world, db_session, earlier, make_client):
    old, _hidden = earlier
    new, _response = register(as_user, world, db_session, nik=NIK)
    old.nik = NIK
    stranger = make_client(office="b", pk="pk_b", full_name="Siti Nurhaliza Rahmawati", sex="P",
                           birth_date=date(2011, 2, 2))
    registrar = as_user("registrasi")
    url = f"/klien/{new.id}/klien-terdahulu/tautkan"

    def links():
        return db_session.scalars(select(ClientLink.earlier_client_id).where(ClientLink.client_id == new.id)).all()

    def refused(earlier_id, message):
        before = links()
        response = registrar.post(url, data={"earlier_client": str(earlier_id)})
        assert response.status_code == 302 and response.headers["Location"].endswith("/klien-terdahulu/")
        assert message in _flash_after(registrar, response)
        assert links() == before  # nothing saved

    refused(new.id, "tidak dapat ditautkan dengan dirinya sendiri")
    refused(stranger.id, "bukan kemungkinan pendaftaran terdahulu")
    refused(999999, "bukan kemungkinan pendaftaran terdahulu")
    assert registrar.post(url, data={"earlier_client": str(old.id)}).status_code == 302
    refused(old.id, "sudah ditautkan")
    assert links() == [old.id]
    # A registration the user may not see: 404, nothing linked.
    assert as_user("registrasi_b").post(url, data={"earlier_client": str(old.id)}).status_code == 404
    assert as_user("registrasi_b").get(f"/klien/{new.id}/klien-terdahulu/").status_code == 404
    # The earlier one cannot in turn be linked to its later registration (a loop).
    from app.errors import Invalid
    from app.clients.returning import commands
    from tests.factories import principal

    with pytest.raises(Invalid) as refusal:
        commands.link(db_session, old.id, new.id, principal(db_session, "kepala_b"))
    assert refusal.value.problems["earlier_client"] == [str(commands.CYCLE)]
    db_session.rollback()
    # A supervision that began after this one is not its earlier one.
    after = make_client(office="b", pk="pk_b", full_name=new.full_name, birth_date=BIRTH, nik=NIK,
                        supervision_start=date(2026, 6, 1), supervision_expiry=date(2027, 6, 1))
    refused(after.id, "dimulai setelah bimbingan ini")


def test_a_link_or_grant_lost_to_a_race_is_refused_not_doubled(as_user, world, db_session, earlier, monkeypatch):
    """Two clicks at once: the second insert meets the unique constraints and is refused as "already"."""
    from app.errors import DomainError, Invalid
    from app.clients.returning import candidates as found_candidates, commands
    from tests.factories import principal

    old, _hidden = earlier
    old.nik = NIK
    db_session.commit()
    new, _response = register(as_user, world, db_session, nik=NIK, full_name="Johanes Kristianto Wibisono")
    registrar = principal(db_session, "registrasi")
    link = commands.link(db_session, new.id, old.id, registrar)
    db_session.commit()
    # The other request checked before this one saved: it still sees the candidate as not linked.
    real_find = found_candidates.find
    monkeypatch.setattr(found_candidates, "find", lambda session, client: [
        c.__class__(**{**c.__dict__, "linked": False}) for c in real_find(session, client)])
    with pytest.raises(Invalid) as refusal:
        commands.link(db_session, new.id, old.id, registrar)
    assert refusal.value.problems["earlier_client"] == [str(commands.LINKED_TWICE)]
    kepala_b = principal(db_session, "kepala_b")
    commands.grant(db_session, link.id, kepala_b)
    db_session.commit()
    monkeypatch.setattr(commands, "_active_grant", lambda session, link_id: None)
    with pytest.raises(DomainError) as twice:
        commands.grant(db_session, link.id, kepala_b)
    assert twice.value.messages == [str(commands.ALREADY_GRANTED)]
    db_session.rollback()
    assert len(db_session.scalars(select(ClientLink).where(ClientLink.client_id == new.id)).all()) == 1
    assert len(db_session.scalars(select(EarlierFileGrant).where(EarlierFileGrant.link_id == link.id)).all()) == 1


def test_the_earlier_office_kepala_grants_the_file_the_pk_reads_it_audited_and_revoke_closes_it(
        as_user, world, db_session, earlier):
    old, hidden = earlier
    old.nik = NIK
    db_session.commit()
    new, _response = register(as_user, world, db_session, nik=NIK, full_name="Johanes Kristianto Wibisono")
    assert as_user("registrasi").post(f"/klien/{new.id}/klien-terdahulu/tautkan",
                                      data={"earlier_client": str(old.id)}).status_code == 302
    assign_pk(db_session, new, world.users["pk_a"])
    link = db_session.scalars(select(ClientLink).where(ClientLink.client_id == new.id)).one()

    # Nobody but the Kepala Bapas of office B grants: not office A's Kepala, not B's PK, not the Admin.
    for username in ("kepala", "pk_b", "admin", "registrasi_b"):
        response = as_user(username).post(f"/klien/tautan/{link.id}/izinkan", data={})
        assert response.status_code == 302, username
        assert "Hanya Kepala Bapas dari kantor yang menyimpan berkas terdahulu" in _flash_after(
            as_user(username), response), username
    assert db_session.scalars(select(EarlierFileGrant).where(EarlierFileGrant.link_id == link.id)).all() == []

    # Office B's Kepala sees the later registration in the earlier file and opens it to its supervisors.
    earlier_file = as_user("kepala_b").get(f"/klien/{old.id}/").get_data(as_text=True)
    section = earlier_file.split('id="sebelumnya"', 1)[1].split("</section>", 1)[0]
    assert "Balai Pemasyarakatan BPS-A" in section and "Buka berkas ini bagi mereka" in section
    assert new.full_name not in earlier_file  # nothing of the new office's file either
    granted = as_user("kepala_b").post(f"/klien/tautan/{link.id}/izinkan",
                                       data={"next": f"/klien/{old.id}/#sebelumnya"})
    assert granted.status_code == 302 and granted.headers["Location"].endswith(f"/klien/{old.id}/#sebelumnya")
    grant = db_session.scalars(select(EarlierFileGrant).where(EarlierFileGrant.link_id == link.id)).one()
    assert grant.client_id == old.id and grant.revoked_at is None
    assert db_session.scalars(select(AuditLog).where(AuditLog.table_name == "earlier_file_grant",
                                                     AuditLog.action == "create")).one().client_id == old.id
    # Granting twice is refused.
    again = as_user("kepala_b").post(f"/klien/tautan/{link.id}/izinkan", data={"next": f"/klien/{old.id}/"})
    assert "sudah terbuka" in _flash_after(as_user("kepala_b"), again)

    # The new PK reads the earlier file (read only), and the read is audited on the earlier child.
    page = as_user("pk_a").get(f"/klien/terdahulu/{old.id}/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert all(s in text for s in hidden) and "hanya baca" in text
    seen = reads(db_session, old.id, "pk_a", "ReturningView.earlier_file")
    assert seen and {"client", "guardian", "progress_entry", "assessment"} <= set(seen[-1]["read"][1].split())
    assert "Buka (hanya baca)" in as_user("pk_a").get(f"/klien/{new.id}/").get_data(as_text=True)
    # Another PK of office A, who does not supervise the new registration, still reads nothing.
    assert as_user("pk_a2").get(f"/klien/terdahulu/{old.id}/").status_code == 404
    # The grant opens no door to change the earlier file.
    assert as_user("pk_a").get(f"/klien/{old.id}/").status_code == 404
    assert as_user("pk_a").get(f"/clientview/edit/{old.id}").status_code == 404

    # Revoked: closed again.
    revoked = as_user("kepala_b").post(f"/klien/tautan/{link.id}/cabut", data={"next": f"/klien/{old.id}/"})
    assert revoked.status_code == 302
    db_session.expire_all()
    assert db_session.get(EarlierFileGrant, grant.id).revoked_at is not None
    assert db_session.scalars(select(AuditLog).where(AuditLog.table_name == "earlier_file_grant",
                                                     AuditLog.action == "update")).one().username == "kepala_b"
    assert as_user("pk_a").get(f"/klien/terdahulu/{old.id}/").status_code == 404
    again = as_user("kepala_b").post(f"/klien/tautan/{link.id}/cabut", data={"next": f"/klien/{old.id}/"})
    assert "sudah dicabut" in _flash_after(as_user("kepala_b"), again)


def test_the_api_twin_links_grants_and_refuses_as_the_screens(as_user, world, db_session, earlier):
    old, hidden = earlier
    old.nik = NIK
    db_session.commit()
    new, _response = register(as_user, world, db_session, nik=NIK, full_name="Johanes Kristianto Wibisono")
    registrar = as_user("registrasi")
    matches = registrar.api("GET", f"/api/v1/returning/{new.id}/matches")
    assert matches.status_code == 200
    assert [m["client_id"] for m in matches.json["result"]] == [old.id]
    assert matches.json["result"][0]["reasons"] == ["nik"] and matches.json["result"][0]["initials"] == "Y. K. W."
    assert not [s for s in hidden if s in matches.get_data(as_text=True)]
    assert as_user("registrasi_b").api("GET", f"/api/v1/returning/{new.id}/matches").status_code == 404

    url = f"/api/v1/returning/{new.id}/link"
    itself = registrar.api("POST", url, json={"earlier_client_id": new.id})
    assert itself.status_code == 422 and "dirinya sendiri" in itself.json["message"][0]
    assert registrar.client.post(url, data={"earlier_client_id": old.id}).status_code == 415  # JSON only
    linked = registrar.api("POST", url, json={"earlier_client_id": old.id})
    assert linked.status_code == 200 and linked.json["result"]["matched_on"] == "nik"
    twice = registrar.api("POST", url, json={"earlier_client_id": old.id})
    assert twice.status_code == 422 and "sudah ditautkan" in twice.json["message"][0]

    assign_pk(db_session, new, world.users["pk_a"])
    summary = as_user("pk_a").api("GET", f"/api/v1/returning/{new.id}/earlier").json["result"]
    assert summary == [{"client_id": old.id, "office": "Balai Pemasyarakatan BPS-B",
                        "registration_number": old.registration_number, "start": "2023-05-02",
                        "expiry": "2024-05-01", "status": "selesai", "end_reason": "selesai", "end_date": "2024-05-01",
                        "classification": "sedang", "opens": None}]

    link_id = linked.json["result"]["id"]
    not_kepala = as_user("kepala").api("POST", f"/api/v1/returning/link/{link_id}/grant")
    assert not_kepala.status_code == 403 and "Hanya Kepala Bapas" in not_kepala.json["message"][0]
    assert as_user("kepala").api("POST", "/api/v1/returning/link/999999/grant").status_code == 404
    granted = as_user("kepala_b").api("POST", f"/api/v1/returning/link/{link_id}/grant")
    assert granted.status_code == 200 and granted.json["result"]["revoked_at"] is None
    assert as_user("pk_a").api("GET", f"/api/v1/returning/{new.id}/earlier").json["result"][0]["opens"] == "granted"
    revoked = as_user("kepala_b").api("POST", f"/api/v1/returning/link/{link_id}/revoke")
    assert revoked.status_code == 200 and revoked.json["result"]["revoked_at"] is not None
    assert as_user("pk_a").get(f"/klien/terdahulu/{old.id}/").status_code == 404


def test_the_summary_follows_a_chain_of_registrations(world, db_session, earlier, make_client):
    """A third registration linked to the second shows both earlier supervisions, nearest first."""
    from datetime import datetime

    from app.clients.returning import queries
    from tests.factories import principal

    first, _hidden = earlier
    second = make_client(office="a", pk="pk_a", status="selesai", full_name=first.full_name, birth_date=BIRTH)
    third = make_client(office="a", pk="pk_a", full_name=first.full_name, birth_date=BIRTH)
    db_session.add_all([ClientLink(client_id=second.id, earlier_client_id=first.id, matched_on="name", score=90,
                                   linked_at=datetime(2026, 1, 1)),
                        ClientLink(client_id=third.id, earlier_client_id=second.id, matched_on="name", score=90,
                                   linked_at=datetime(2026, 2, 1))])
    db_session.commit()
    shown = queries.summaries(db_session, third, principal(db_session, "pk_a"))
    assert [(s.client_id, s.opens) for s in shown] == [(second.id, "file"), (first.id, None)]
    assert queries.earlier_chain(db_session, first.id) == []
