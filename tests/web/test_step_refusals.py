"""Only the role that acts is offered a step: the form of a step that is not the user's is refused
before it is filled, naming who acts, and its button is not on the page (complaints, stages)."""
from __future__ import annotations

import pytest

from tests.web.test_complaints import category, complaint_by, public_post, step, tracking  # noqa: F401


@pytest.fixture
def at_arahan(app, as_user, world, category, db_session):  # noqa: F811
    complaint = complaint_by(db_session, tracking(public_post(app, world, category, ip="10.9.7.1")))
    assert step(as_user, "pengaduan", complaint, "ditelaah").status_code == 302
    return complaint


def test_the_unit_is_refused_the_kepala_s_arahan_form_before_filling_it(as_user, at_arahan, db_session):
    response = as_user("pengaduan").get(f"/pengaduan-kerja/{at_arahan.id}/arahan")
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Kepala Bapas" in body and "<textarea" not in body and 'method="post"' not in body
    posted = step(as_user, "pengaduan", at_arahan, "arahan", assigned_to="1")
    assert posted.status_code == 403
    assert complaint_by(db_session, at_arahan.tracking_number).status == "ditelaah"


def test_the_complaint_page_shows_each_role_only_its_own_buttons(as_user, at_arahan):
    show = f"/complaintview/show/{at_arahan.id}"
    arahan = f"/pengaduan-kerja/{at_arahan.id}/arahan"
    assert arahan not in as_user("pengaduan").get(show).get_data(as_text=True)
    assert arahan in as_user("kepala").get(show).get_data(as_text=True)
    assert as_user("kepala").get(arahan).status_code == 200


def test_only_the_named_official_gets_the_follow_up_form(as_user, world, at_arahan):
    assert step(as_user, "kepala", at_arahan, "arahan", assigned_to=str(world.users["pk_a"])).status_code == 302
    url = f"/pengaduan-kerja/{at_arahan.id}/tindak_lanjut"
    assert as_user("pk_a").get(url).status_code == 200
    refused = as_user("kepala").get(url)
    assert refused.status_code == 403 and "<textarea" not in refused.get_data(as_text=True)
    assert url not in as_user("kepala").get(f"/complaintview/show/{at_arahan.id}").get_data(as_text=True)
    assert url in as_user("pk_a").get(f"/complaintview/show/{at_arahan.id}").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/bimbingan/{id}/langkah/lanjutan", "/bimbingan/{id}/masa"])
def test_a_reader_of_the_client_is_told_who_steers_the_supervision(as_user, in_awal, url):
    response = as_user("registrasi").get(url.format(id=in_awal.id))
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Kepala Bapas" in body and 'method="post"' not in body
    stage_page = as_user("registrasi").get(f"/bimbingan/{in_awal.id}").get_data(as_text=True)
    assert "/langkah/" not in stage_page and f"/bimbingan/{in_awal.id}/masa" not in stage_page
    assert as_user("pk_a").get(url.format(id=in_awal.id)).status_code == 200


def test_a_reader_cannot_fire_a_step_by_posting(as_user, in_awal, db_session):
    response = as_user("registrasi").post(f"/bimbingan/{in_awal.id}/langkah/lanjutan", data={"on": "2026-06-01"})
    assert response.status_code == 403
    db_session.refresh(in_awal)
    assert in_awal.stage == "awal"
