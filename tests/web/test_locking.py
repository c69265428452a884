"""No lost edits: a save that started from an older version of a record is
refused with who changed it and when, the user's input stays on the page, and
the API answers 409. Checked for the client in two browsers, then for every
edit form the application registers."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from wtforms import HiddenField

from app.platform import locking
from models import Client, Guardian, Partner, SupervisionKind
from tests.web.test_clients import form

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

VERSION = re.compile(r'name="record_version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="record_version"')


def opened_version(browser, url: str) -> str:
    body = browser.get(url).get_data(as_text=True)
    found = VERSION.search(body)
    assert found, "the edit form carries no record version"
    return found.group(1) or found.group(2)


def test_two_browsers_edit_one_client_and_the_second_save_is_refused_with_its_input_kept(
        as_user, world, make_client, db_session):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    url = f"/clientview/edit/{client.id}"
    first, second = as_user("kepala"), as_user("pk_a")
    seen_by_first, seen_by_second = opened_version(first, url), opened_version(second, url)
    assert seen_by_first == seen_by_second

    base = dict(registration_number=client.registration_number, full_name=client.full_name)
    saved = first.post(url, data=form(world, **base, address="Jl. Kenanga 9", record_version=seen_by_first))
    assert saved.status_code == 302

    late = second.post(url, data=form(world, **base, address="Jl. Mawar Tersimpan 77",
                                      record_version=seen_by_second))
    body = late.get_data(as_text=True)
    assert late.status_code == 200
    assert "diubah oleh kepala" in body and "Muat ulang" in body
    assert "Jl. Mawar Tersimpan 77" in body, "the second user's input must stay on the page"
    db_session.expire_all()
    assert db_session.get(Client, client.id).address == "Jl. Kenanga 9", "nothing overwritten"

    # Saving the same stale form again is refused again; a reloaded form saves.
    assert second.post(url, data=form(world, **base, address="Jl. Mawar Tersimpan 77",
                                      record_version=seen_by_second)).status_code == 200
    fresh = opened_version(second, url)
    assert fresh != seen_by_second
    assert second.post(url, data=form(world, **base, address="Jl. Mawar 77", record_version=fresh)).status_code == 302
    db_session.expire_all()
    assert db_session.get(Client, client.id).address == "Jl. Mawar 77"


def test_a_version_that_is_not_a_number_is_refused_without_saving(as_user, world, make_client, db_session):
    client = make_client(pk="pk_a")
    data = form(world, registration_number=client.registration_number, full_name=client.full_name,
                address="Jl. Baru 1", record_version="abc")
    response = as_user("pk_a").post(f"/clientview/edit/{client.id}", data=data)
    assert response.status_code == 200
    db_session.expire_all()
    assert db_session.get(Client, client.id).address != "Jl. Baru 1"


def test_api_put_from_a_stale_version_is_409_with_the_same_message(as_user, make_client, db_session):
    client = make_client(pk="pk_a")
    api = as_user("pk_a")
    version = api.api("GET", f"/api/v1/client/{client.id}").json["result"]["version"]
    ok = api.api("PUT", f"/api/v1/client/{client.id}", json={"address": "Jl. Satu", "version": version})
    assert ok.status_code == 200
    stale = as_user("kepala").api("PUT", f"/api/v1/client/{client.id}", json={"address": "Jl. Dua",
                                                                               "version": version})
    assert stale.status_code == 409
    assert "diubah oleh pk_a" in stale.json["message"]
    by_header = as_user("kepala").client.open(f"/api/v1/client/{client.id}", method="PUT",
                                              json={"address": "Jl. Tiga"}, headers={"If-Match": str(version)})
    assert by_header.status_code == 409
    db_session.expire_all()
    assert db_session.get(Client, client.id).address == "Jl. Satu"
    assert api.api("PUT", f"/api/v1/client/{client.id}",
                   json={"address": "Jl. Empat", "version": "x"}).status_code == 422


def test_the_database_refuses_an_update_of_a_replaced_version(app, make_client, db_session):
    """Between the check and the UPDATE another save may commit: version_id_col catches it."""
    from sqlalchemy import update
    from sqlalchemy.orm.exc import StaleDataError

    client = make_client(pk="pk_a")
    loaded = db_session.get(Client, client.id)
    # Another writer's UPDATE, below the ORM (the loaded object still holds the old version).
    db_session.execute(update(Client).where(Client.id == client.id).values(version=Client.version + 1,
                                                                           address="Jl. Lain"),
                       execution_options={"synchronize_session": False})
    loaded.address = "Jl. Saya"
    with pytest.raises(StaleDataError):
        db_session.flush()
    db_session.rollback()


def _edit_views(app):
    from views.base import SibikaModelView

    for view in app.appbuilder.baseviews:
        if not isinstance(view, SibikaModelView):
            continue
        edit_permission = view.method_permission_name.get("edit")
        if edit_permission == "write" and "can_write" in (view.base_permissions or []):
            yield view


def test_every_edit_form_carries_the_version_and_refuses_a_stale_one(app):
    views = list(_edit_views(app))
    assert len(views) >= 20
    for view in views:
        model = view.datamodel.obj
        assert locking.is_versioned(model), f"{model.__name__} is edited on {type(view).__name__} but has no version"
        field = getattr(view.edit_form, locking.FORM_FIELD, None)
        assert field is not None and field.field_class is HiddenField, type(view).__name__
        assert "version" not in (view.edit_columns or []) and "version" not in (view.add_columns or [])


@pytest.mark.parametrize("kind", ["guardian", "partner", "supervision_kind"])
def test_stale_saves_are_refused_on_other_edit_forms_too(kind, as_user, world, make_client, db_session):
    client = make_client(pk="pk_a")
    if kind == "guardian":
        record = Guardian(client_id=client.id, relation="ibu", name="Sri", occupation="", address="", phone="")
        url, user = "/guardianview/edit/{}", "pk_a"
        data = {"client": str(client.id), "relation": "ibu", "name": "Sri Rahayu", "occupation": "",
                "address": "", "phone": ""}
        field, model = "name", Guardian
    elif kind == "partner":
        record = Partner(office_id=world.office_a, name="LPK Mandiri", kind="lpk")
        url, user = "/partnerview/edit/{}", "kepala"
        data = {"office": str(world.office_a), "name": "LPK Mandiri Jaya", "kind": "lpk"}
        field, model = "name", Partner
    else:
        record = db_session.scalars(select(SupervisionKind).where(SupervisionKind.code == "CB")).one()
        url, user = "/supervisionkindview/edit/{}", "admin"
        data = {"code": "CB", "name": "Cuti Bersyarat (ubah)", "description": "", "active": "y"}
        field, model = "name", SupervisionKind
    db_session.add(record)
    db_session.commit()
    url = url.format(record.id)
    browser = as_user(user)
    version = opened_version(browser, url)
    db_session.execute(model.__table__.update().where(model.id == record.id).values(version=int(version) + 1))
    db_session.commit()
    before = getattr(db_session.get(model, record.id), field)
    response = browser.post(url, data={**data, "record_version": version})
    assert response.status_code == 200 and data[field] in response.get_data(as_text=True)
    db_session.expire_all()
    assert getattr(db_session.get(model, record.id), field) == before


def test_assessment_answers_from_a_stale_page_are_refused_and_kept(as_user, make_client, db_session):
    from app.guidance.assessment import store
    from models import Assessment
    from tests.web.test_assessments import answers_for, latest, new_draft

    client = make_client(pk="pk_a", status="aktif", handover=True)
    instrument = store.ensure_demo(db_session)
    assert new_draft(as_user, client, instrument).status_code == 302
    assessment = latest(db_session, client)
    url = f"/asesmen/{assessment.id}/jawab"
    mine = opened_version(as_user("pk_a"), url)
    theirs = opened_version(as_user("kepala"), url)
    first = answers_for(db_session, instrument, lambda item: 0)
    assert as_user("kepala").post(url, data={**first, "record_version": theirs}).status_code == 302
    second = answers_for(db_session, instrument, lambda item: 1)
    late = as_user("pk_a").post(url, data={**second, "record_version": mine})
    body = late.get_data(as_text=True)
    assert late.status_code == 200 and "diubah oleh kepala" in body
    # the late user's choices are still selected on the page
    some_key, some_option = next(iter(second.items()))
    assert re.search(rf'name="{some_key}"[^>]*value="{some_option}"[^>]*checked|value="{some_option}"'
                     rf'[^>]*name="{some_key}"[^>]*checked', body) or f'value="{some_option}" selected' in body
    db_session.expire_all()
    stored = {f"item_{a.item_id}": str(a.option_id) for a in db_session.get(Assessment, assessment.id).answers}
    assert stored == first


def test_a_tpp_decision_from_a_stale_page_is_refused(as_user, world, make_client, db_session):
    from datetime import date

    from models import TppItem, TppSession

    client = make_client(pk="pk_a", status="aktif", handover=True)
    session = TppSession(office_id=world.office_a, held_on=date(2026, 6, 1), place="Aula", members_total=3)
    db_session.add(session)
    db_session.flush()
    item = TppItem(session_id=session.id, client_id=client.id, matter="lainnya")
    db_session.add(item)
    db_session.commit()
    url = f"/tpp/agenda/{item.id}/keputusan"
    version = opened_version(as_user("tpp"), url)
    db_session.execute(TppItem.__table__.update().where(TppItem.id == item.id).values(version=int(version) + 1))
    db_session.commit()
    late = as_user("tpp").post(url, data={"decision": "setuju", "consensus": "y", "notes": "Catatan rapat saya",
                                          "record_version": version})
    assert late.status_code == 200
    body = late.get_data(as_text=True)
    assert "Muat ulang" in body and "Catatan rapat saya" in body
    db_session.expire_all()
    assert db_session.get(TppItem, item.id).decision is None


def test_api_put_racing_another_save_is_409_not_an_overwrite(as_user, make_client, db_session, monkeypatch):
    """The version matched when checked, but another save commits before the UPDATE."""
    from sqlalchemy import update

    from views.clients.api import ClientApi

    client = make_client(pk="pk_a")
    original = ClientApi.pre_update

    def someone_saves_first(self, item):
        with db_session.no_autoflush:  # the other writer's row, not ours flushed early
            db_session.execute(update(Client).where(Client.id == client.id).values(
                version=Client.version + 1, address="Jl. Orang Lain"),
                execution_options={"synchronize_session": False})
        original(self, item)

    monkeypatch.setattr(ClientApi, "pre_update", someone_saves_first)
    response = as_user("pk_a").api("PUT", f"/api/v1/client/{client.id}", json={"address": "Jl. Saya"})
    assert response.status_code == 409
    db_session.expire_all()
    assert db_session.get(Client, client.id).address != "Jl. Saya"
