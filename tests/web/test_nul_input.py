"""A NUL character in a form, an address or a JSON body is refused before any query, in the reader's
language, and nothing is saved (PostgreSQL cannot hold one in text: this is SQL behaviour)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import Client
from tests.web.test_clients import form

pytestmark = pytest.mark.both_databases


def test_a_nul_in_a_form_field_is_refused_and_nothing_is_saved(as_user, world, db_session):
    before = db_session.scalar(select(func.count(Client.id)))
    response = as_user("registrasi").post("/clientview/add", data=form(world, full_name="Andi\x00 Pratama"))
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "karakter NUL" in body and "Tidak ada yang disimpan" in body
    assert db_session.scalar(select(func.count(Client.id))) == before


def test_a_nul_in_a_list_filter_or_the_address_is_refused(as_user):
    kepala = as_user("kepala")
    assert kepala.get("/clientview/list/?_flt_0_full_name=Bu%00di").status_code == 400
    assert kepala.get("/users/list/?_flt_0_nip=1%00").status_code == 400
    assert kepala.get("/clientview/list/?_flt_0_full_name=Budi").status_code == 200


def test_a_nul_in_a_json_body_is_refused_with_a_json_message(as_user, world, db_session):
    before = db_session.scalar(select(func.count(Client.id)))
    response = as_user("registrasi").api("POST", "/api/v1/client/", json={"full_name": "Andi\u0000"})
    assert response.status_code == 400 and "NUL" in response.get_json()["message"]
    assert db_session.scalar(select(func.count(Client.id))) == before
