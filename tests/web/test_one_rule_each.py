"""Each rule is held by one command, and the screen and the API answer it alike.

The rules named by the structure review: only a draft programme changes
(app/guidance/commands.require_draft), a finished assessment is locked
(app/guidance/assessment/commands.require_draft), a decided agenda item cannot change
(app/tpp/commands.require_undecided), and one record by id through
app/access.get."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app import access
from app.errors import DomainError, NotFoundOrForbidden
from app.guidance import commands as guidance
from app.tpp import commands as tpp_commands
from models import Programme, ProgrammeItem, TppItem
from tests.web.test_lifecycle import who
from tests.web.test_programme_tpp import agenda, programme_of, session_with, submitted

# Sessions, audit rows, stored files and templates: SQL behaviour, so on both databases.
pytestmark = pytest.mark.both_databases

DRAFT_ONLY = "Hanya program bimbingan berstatus draf yang dapat diubah"


def test_a_submitted_programme_is_not_changed_on_the_screen(as_user, in_awal, db_session):
    # Before: the edit form put the refusal on a field it does not have, and the screen saved the change.
    programme = submitted(as_user, db_session, in_awal)
    response = as_user("pk_a").post(f"/programmeview/edit/{programme.id}",
                                    data={"interests_talents": "Menjahit", "notes": "Diubah setelah diajukan"})
    assert DRAFT_ONLY in response.get_data(as_text=True)
    stored = programme_of(db_session, in_awal)
    assert stored.status == "diajukan" and stored.interests_talents == "Otomotif" and not stored.notes


def test_the_draft_rule_answers_alike_on_the_api(as_user, in_awal, db_session):
    programme = submitted(as_user, db_session, in_awal)
    browser = as_user("pk_a")
    refused = browser.api("PUT", f"/api/v1/programme/{programme.id}", json={"notes": "Diubah"})
    assert refused.status_code == 422 and DRAFT_ONLY in refused.json["message"]["status"][0]
    item_id = db_session.scalar(select(ProgrammeItem.id).where(ProgrammeItem.programme_id == programme.id))
    response = browser.api("PUT", f"/api/v1/programme_item/{item_id}", json={"frequency": "1x"})
    assert response.status_code == 422 and DRAFT_ONLY in response.json["message"]["activity"][0]


def test_the_rules_are_one_function_each(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    with pytest.raises(DomainError, match=DRAFT_ONLY):
        guidance.require_draft(programme)
    item = agenda(db_session, session_with(db_session, world), in_awal, programme)
    tpp_commands.require_undecided(item)  # undecided: no refusal
    item.decision = "setuju"
    with pytest.raises(DomainError, match="sudah diputuskan"):
        tpp_commands.require_undecided(item)
    db_session.rollback()


def test_one_record_by_id_answers_not_found_alike(as_user, in_awal, db_session, world):
    programme = submitted(as_user, db_session, in_awal)
    assert access.get(db_session, Programme, programme.id, who(db_session, "pk_a")).id == programme.id
    item = agenda(db_session, session_with(db_session, world), in_awal, programme)
    assert access.get(db_session, TppItem, item.id, who(db_session, "tpp")).id == item.id
    for record_id in (programme.id + 10_000, 2**40, "x", None):
        with pytest.raises(NotFoundOrForbidden):
            access.get(db_session, Programme, record_id, who(db_session, "pk_a"))
    with pytest.raises(NotFoundOrForbidden):  # another PK's client: the same answer as a missing id
        access.get(db_session, Programme, programme.id, who(db_session, "pk_b"))
