"""Review of issue 20 (transfers between offices, returning clients): each test states what should hold and
fails on main as merged. Findings and suggested fixes: the review report."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.documents import office_letters
from models import AuditLog, Staff, TppItem, TppSession
from tests import factories
from tests.factories import MID_MONTH
from tests.web.test_returning_clients import assign_pk, earlier, register  # noqa: F401  (fixture)
from tests.web.test_transfers import (NEW_ADDRESS, accept, approved, moving, offices,  # noqa: F401  (fixtures)
                                      propose, transfer_of)

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]


def _tpp_session(db_session, world, client, decision=None) -> TppSession:
    tpp_user = db_session.scalars(select(Staff).where(Staff.username == "tpp")).one()
    held = TppSession(office_id=world.office_a, held_on=MID_MONTH, members_total=1, present=[tpp_user],
                      chair_id=world.users["kepala"], secretary_id=world.users["tpp"], place="Ruang TPP")
    db_session.add(held)
    db_session.flush()
    db_session.add(TppItem(session_id=held.id, client_id=client.id, matter="lainnya", decision=decision,
                           consensus=True if decision else None, pk_recommendation="Rekomendasi PK A"))
    db_session.commit()
    return held


# -- transfers ----------------------------------------------------------------------------------------------

def test_receiving_kepala_reads_nothing_of_the_child_before_the_sending_kepala_approves(
        as_user, moving, db_session, world):  # noqa: F811
    """Issue 20: the receiving office sees the transfer once the sending Kepala approved it. A proposal
    the sending Kepala has not approved (and may never approve) is none of the receiving office's business."""
    assert propose(as_user, moving, world).status_code == 302
    transfer = transfer_of(db_session, moving)
    assert transfer.status == "diajukan"
    api = as_user("kepala_b").api("GET", f"/api/v1/transfer/{transfer.id}")
    result = api.json.get("result", {}) if api.status_code == 200 else {}
    assert "new_address" not in result and "client_id" not in result and "reason" not in result, result
    page = as_user("kepala_b").get(f"/pindah/{transfer.id}/").get_data(as_text=True)
    assert "Rizky Pindahan" not in page and NEW_ADDRESS not in page


def test_an_undecided_tpp_item_of_the_sending_office_is_not_decided_by_the_receiving_office(
        as_user, moving, db_session, world):  # noqa: F811
    """After acceptance an undecided agenda item stays on the sending office's session; the receiving Kepala
    (who now sees the client) records a decision of another office's TPP session, quorum of its members."""
    held = _tpp_session(db_session, world, moving)
    item_id = db_session.scalars(select(TppItem.id).where(TppItem.session_id == held.id)).one()
    transfer = approved(as_user, db_session, moving, world)
    assert accept(as_user, transfer, world).status_code == 302
    answer = as_user("kepala_b").api("POST", f"/api/v1/tpp_decision/{item_id}",
                                     json={"decision": "setuju", "consensus": True})
    db_session.expire_all()
    item = db_session.get(TppItem, item_id)
    assert answer.status_code != 200 and item.decision is None, (answer.status_code, item.session.office_id)


def test_minutes_of_the_sending_office_keep_the_register_number_the_child_had_there(
        as_user, moving, db_session, world):  # noqa: F811
    """The sending office's TPP minutes (re)issued after a transfer print the receiving office's register
    number (and the decision) of a child that office no longer holds."""
    moving.registration_number = "BA.0777/2026"  # office B's first number would look the same otherwise
    db_session.commit()
    held = _tpp_session(db_session, world, moving, decision="setuju")
    transfer = approved(as_user, db_session, moving, world)
    assert accept(as_user, transfer, world).status_code == 302
    db_session.expire_all()
    transfer = transfer_of(db_session, moving)
    context, _missing = office_letters.tpp_minutes(db_session, db_session.get(TppSession, held.id), MID_MONTH)
    numbers = [row["nomor_register"] for row in context["agenda"]]
    assert transfer.to_registration_number not in numbers, numbers
    assert numbers == ["BA.0777/2026"]


def test_the_receiving_kepala_sees_the_files_history_from_before_the_transfer(as_user, moving, db_session, world):  # noqa: F811
    """Issue 20: the audit shows every step and the new office sees the whole history. The file's history
    is filtered by the audit row's office, so the receiving Kepala sees nothing written before arrival."""
    from app.client_file.queries import file_of

    transfer = approved(as_user, db_session, moving, world)
    assert accept(as_user, transfer, world).status_code == 302
    before = db_session.scalars(select(AuditLog.id).where(AuditLog.client_id == moving.id,
                                                          AuditLog.office_id == world.office_a,
                                                          AuditLog.action != "view")).all()
    assert before
    found = file_of(db_session, moving.id, factories.principal(db_session, "kepala_b"), MID_MONTH)
    assert set(before) & {h.id for h in found.history}, "no row of the file's history before the transfer"


# -- returning clients ------------------------------------------------------------------------------------

def test_the_earlier_supervisions_classification_is_not_shown_to_who_does_not_supervise(
        as_user, world, db_session, earlier):  # noqa: F811
    """The risk classification is a sensitive section of a file (app.client_file.queries shows it only to the
    PK and the Kepala). The summary of another office's earlier file gives it to the registrar and the TPP."""
    old, _hidden = earlier
    new, _response = register(as_user, world, db_session)
    linked = as_user("registrasi").post(f"/klien/{new.id}/klien-terdahulu/tautkan",
                                        data={"earlier_client": str(old.id)})
    assert linked.status_code == 302
    assign_pk(db_session, new, world.users["pk_a"])
    for user in ("registrasi", "tpp"):
        answer = as_user(user).api("GET", f"/api/v1/returning/{new.id}/earlier")
        assert answer.status_code == 200, user
        assert [s["classification"] for s in answer.json["result"]] == [None], user


def test_a_pk_cannot_link_a_registration_the_registrar_links(as_user, world, db_session, earlier):  # noqa: F811
    """Issue 20: the registrar links the new supervision to the earlier client. The PK (CLIENT write) may
    link too, choosing any child of any office whose name and birth date it typed into its own client."""
    old, _hidden = earlier
    new, _response = register(as_user, world, db_session)
    assign_pk(db_session, new, world.users["pk_a"])
    answer = as_user("pk_a").api("POST", f"/api/v1/returning/{new.id}/link", json={"earlier_client_id": old.id})
    assert answer.status_code in (403, 404), answer.status_code



def test_a_grant_to_one_office_does_not_open_the_earlier_file_to_the_office_the_child_moves_to(
        app, as_user, world, db_session, earlier):  # noqa: F811
    """Kepala B opened the earlier file to office A's supervisors of the new registration. When that child is
    transferred to office C, C's PK reads B's file without Kepala B ever deciding so (the grant follows the
    child through ``confidential_clause``, not the office it was given to)."""
    from models import ClientLink, Office
    from tests.conftest import PASSWORD

    old, hidden = earlier
    new, _response = register(as_user, world, db_session)
    assert as_user("registrasi").post(f"/klien/{new.id}/klien-terdahulu/tautkan",
                                      data={"earlier_client": str(old.id)}).status_code == 302
    assign_pk(db_session, new, world.users["pk_a"])
    new.status = "aktif"
    db_session.commit()
    link = db_session.scalars(select(ClientLink).where(ClientLink.client_id == new.id)).one()
    assert as_user("kepala_b").post(f"/klien/tautan/{link.id}/izinkan").status_code == 302
    assert as_user("pk_a").get(f"/klien/terdahulu/{old.id}/").status_code == 200

    office_c = Office(code="BPS-C", name="Balai Pemasyarakatan BPS-C", city="Kota C",
                      registration_pattern="BC.{seq:04d}/{year}")
    db_session.add(office_c)
    db_session.flush()
    sm = app.appbuilder.sm
    for username, role in (("kepala_c", "Kepala Bapas"), ("pk_c", "PK")):
        sm.add_user(username, username.title(), "Uji", f"{username}@example.test", sm.find_role(role), PASSWORD)
        sm.find_user(username=username).office_id = office_c.id
    db_session.commit()
    assert propose(as_user, new, world, to=office_c.id).status_code == 302
    transfer = transfer_of(db_session, new)
    assert transfer.to_office_id == office_c.id
    assert as_user("kepala").post(f"/pindah/{transfer.id}/setujui").status_code == 302
    pk_c = sm.find_user(username="pk_c")
    assert as_user("kepala_c").post(f"/pindah/{transfer.id}/terima", data={"pk": str(pk_c.id)}).status_code == 302
    db_session.expire_all()
    assert transfer_of(db_session, new).status == "diterima"
    page = as_user("pk_c").get(f"/klien/terdahulu/{old.id}/")
    assert page.status_code == 404, [s for s in hidden if s in page.get_data(as_text=True)]


def test_a_supervision_is_not_ended_as_transferred_while_its_transfer_is_open(as_user, moving, db_session, world):  # noqa: F811
    """The old way (end with reason "dipindahkan") is still open next to the transfer, and nothing ties the two:
    the child ends here as transferred while the receiving office still has the transfer to accept, with the
    child's name and new address, and can only refuse it."""
    from app.errors import DomainError
    from app.supervision.lifecycle.commands import TransitionInput
    from app.supervision.lifecycle.service import fire
    from models import Client

    transfer = approved(as_user, db_session, moving, world)
    try:
        fire(db_session, moving.id, "akhiri", TransitionInput(
            on=MID_MONTH, today=MID_MONTH, end_reason="dipindahkan", decision_number="W10.PAS.01/2026",
            decision_date=MID_MONTH), factories.principal(db_session, "pk_a"))
        db_session.commit()
    except DomainError:
        db_session.rollback()
    db_session.expire_all()
    status = db_session.get(Client, moving.id).status
    transfer = transfer_of(db_session, moving)
    assert not (status == "dipindahkan" and transfer.status in ("diajukan", "disetujui")), (status, transfer.status)


def test_acceptance_is_refused_while_the_client_has_an_undecided_tpp_item(as_user, moving, db_session, world):  # noqa: F811
    """The refusal names the session's day; nothing moves, and once the item is decided the transfer goes on."""
    from app.platform.dates import long_date

    held = _tpp_session(db_session, world, moving)
    transfer = approved(as_user, db_session, moving, world)
    refused = as_user("kepala_b").api("POST", f"/api/v1/transfer/{transfer.id}/terima",
                                      json={"pk_id": world.users["pk_b"]})
    assert refused.status_code == 422 and long_date(held.held_on) in " ".join(refused.json["message"])
    db_session.expire_all()
    assert transfer_of(db_session, moving).status == "disetujui"
    assert db_session.get(type(moving), moving.id).office_id == world.office_a
    item = db_session.scalars(select(TppItem).where(TppItem.session_id == held.id)).one()
    item.decision, item.consensus = "setuju", True
    db_session.commit()
    assert accept(as_user, transfer, world).status_code == 302
    assert transfer_of(db_session, moving).status == "diterima"


def test_an_item_on_a_session_of_an_office_that_no_longer_supervises_the_client_is_not_decided(
        moving, db_session, world):  # noqa: F811
    """However the item got there (a postponed item, data from before the rule): no decision on it."""
    from app.errors import DomainError
    from app.tpp import commands as tpp_commands
    from app.tpp.decisions import Decision

    held = _tpp_session(db_session, world, moving)
    item_id = db_session.scalars(select(TppItem.id).where(TppItem.session_id == held.id)).one()
    moving.office_id = world.office_b
    db_session.commit()
    with pytest.raises(DomainError, match="tidak lagi membimbing"):
        tpp_commands.decide(db_session, item_id, Decision("setuju", True, by_id=world.users["admin"]),
                            factories.principal(db_session, "admin"))
    db_session.rollback()
    assert db_session.get(TppItem, item_id).decision is None


def test_the_kepala_links_and_the_pk_sees_no_link_button(as_user, world, db_session, earlier):  # noqa: F811
    """The refusal is translated; the PK's match list has no link form; the Kepala Bapas links."""
    old, _hidden = earlier
    new, _response = register(as_user, world, db_session)
    assign_pk(db_session, new, world.users["pk_a"])
    refused = as_user("pk_a").api("POST", f"/api/v1/returning/{new.id}/link", json={"earlier_client_id": old.id})
    assert refused.status_code == 403 and "Petugas Registrasi" in " ".join(refused.json["message"])
    page = as_user("pk_a").get(f"/klien/{new.id}/klien-terdahulu/").get_data(as_text=True)
    assert "/klien-terdahulu/tautkan" not in page
    assert f"/klien/{new.id}/klien-terdahulu/\"" not in as_user("pk_a").get(f"/klien/{new.id}/").get_data(as_text=True)
    linked = as_user("kepala").api("POST", f"/api/v1/returning/{new.id}/link", json={"earlier_client_id": old.id})
    assert linked.status_code == 200, linked.json


def test_ending_is_refused_while_a_transfer_is_open_and_allowed_once_it_is_withdrawn(
        as_user, moving, db_session, world):  # noqa: F811
    """Any reason is refused while the transfer is open; "dipindahkan" (an office outside SIBIKA) once it is
    withdrawn."""
    from app.errors import DomainError
    from app.supervision.lifecycle.commands import TransitionInput
    from app.supervision.lifecycle.service import fire
    from models import Client

    def end(reason):
        fire(db_session, moving.id, "akhiri", TransitionInput(
            on=MID_MONTH, today=MID_MONTH, end_reason=reason, decision_number="W10.PAS.01/2026",
            decision_date=MID_MONTH), factories.principal(db_session, "kepala"))

    transfer = approved(as_user, db_session, moving, world)
    for reason in ("dipindahkan", "meninggal"):
        with pytest.raises(DomainError, match="finish or withdraw the transfer first|selesaikan atau batalkan"):
            end(reason)
        db_session.rollback()
    assert as_user("kepala").post(f"/pindah/{transfer.id}/batalkan",
                                  data={"refusal_reason": "Keluarga batal pindah."}).status_code == 302
    assert transfer_of(db_session, moving).status == "dibatalkan"
    end("dipindahkan")
    db_session.commit()
    db_session.expire_all()
    assert db_session.get(Client, moving.id).status == "dipindahkan"


def test_an_item_left_on_the_sending_offices_session_is_not_edited_there_but_may_move(
        moving, db_session, world):  # noqa: F811
    """Saving an undecided item (screen or API: one command) on a session of an office that no longer supervises
    the client is refused on the session field, in Indonesian; put on a session of the client's office it saves."""
    from datetime import timedelta

    from app.errors import Invalid
    from app.tpp import commands as tpp_commands
    from models import TppSession

    held = _tpp_session(db_session, world, moving)
    item = db_session.scalars(select(TppItem).where(TppItem.session_id == held.id)).one()
    moving.office_id = world.office_b
    db_session.commit()
    with pytest.raises(Invalid) as refused:
        tpp_commands.update_agenda_item(db_session, item, factories.principal(db_session, "kepala_b"))
    assert list(refused.value.problems) == ["session"]
    assert "Pilih Sidang TPP" in refused.value.problems["session"][0]
    own = TppSession(office_id=world.office_b, held_on=held.held_on + timedelta(days=7), place="Aula B",
                     members_total=5)
    db_session.add(own)
    db_session.flush()
    item.session = own
    tpp_commands.update_agenda_item(db_session, item, factories.principal(db_session, "kepala_b"))
    db_session.rollback()
