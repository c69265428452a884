"""The client's file (issue 17, items 1-3): one address per client, access exactly as on every other screen,
and every "+" a form fixed to the child that returns to the file with the new row."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from models import ApelLog, AuditLog, Consent, ProgressEntry

pytestmark = pytest.mark.both_databases  # the file's queries and the access layer: SQL behaviour

TODAY = date.today()


@pytest.fixture
def other(make_client):
    """A second client of the same PK: the one a form must never pick by itself."""
    from tests import factories

    return factories.active_client(make_client, full_name="Ahmad Wijaya")


def file_url(client, anchor=""):
    return f"/klien/{client.id}/" + (f"#{anchor}" if anchor else "")


def add_url(view, client, anchor):
    return f"/{view}/add?client_id={client.id}&next={quote(file_url(client, anchor), safe='/')}"


def test_the_assigned_pk_reads_the_file_and_another_pk_gets_404(as_user, active, db_session):
    page = as_user("pk_a").get(file_url(active))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for title in ("Ringkasan", "Identitas & keluarga", "Buku Perkembangan", "Wajib lapor", "Dokumen"):
        assert title in text
    assert active.full_name in text and active.registration_number in text
    assert "Riwayat" not in text  # the audit of the file is for the Kepala Bapas and Admin
    assert as_user("pk_a2").get(file_url(active)).status_code == 404
    assert as_user("pk_b").get(file_url(active)).status_code == 404
    assert as_user("pk_a").get("/klien/999999/").status_code == 404
    # The read is audited like every screen: one "view" row naming the file's screen.
    assert db_session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.client_id == active.id, AuditLog.action == "view",
        AuditLog.table_name.contains("client"))) >= 1


def test_the_kepala_sees_the_history_and_registration_no_sensitive_sections(as_user, active):
    kepala = as_user("kepala").get(file_url(active)).get_data(as_text=True)
    assert 'id="riwayat"' in kepala and 'id="buku-perkembangan"' in kepala
    registration = as_user("registrasi").get(file_url(active))
    assert registration.status_code == 200
    text = registration.get_data(as_text=True)
    assert 'id="buku-perkembangan"' not in text and 'id="asesmen"' not in text and 'id="riwayat"' not in text
    assert as_user("pengaduan").get(file_url(active)).status_code in (403, 302, 404)


def test_the_plus_of_wajib_lapor_is_fixed_to_the_child_and_returns_to_the_file(as_user, active, other,
                                                                              db_session):
    form = as_user("pk_a").get(add_url("apellogview", active, "wajib-lapor"))
    assert form.status_code == 200
    text = form.get_data(as_text=True)
    assert active.registration_number in text and other.full_name not in text  # shown, not choosable
    assert f'value="{TODAY.isoformat()}"' in text  # today by default
    day = TODAY - timedelta(days=1)
    saved = as_user("pk_a").post(add_url("apellogview", active, "wajib-lapor"), data={
        "client": str(active.id), "reported_on": day.isoformat(), "remote_reason": "", "notes": "Datang sendiri",
        "next": file_url(active, "wajib-lapor")})
    assert saved.status_code == 302 and saved.headers["Location"].endswith(file_url(active, "wajib-lapor"))
    page = as_user("pk_a").get(file_url(active)).get_data(as_text=True)
    [row] = db_session.scalars(select(ApelLog).where(ApelLog.client_id == active.id)).all()
    assert f'id="apel-{row.id}"' in page and "Datang sendiri" in page


def test_a_tampered_client_is_refused_and_nothing_is_saved(as_user, active, other, db_session):
    url = add_url("progressentryview", active, "buku-perkembangan")
    refused = as_user("pk_a").post(url, data={
        "client": str(other.id), "happened_on": TODAY.isoformat(), "kind": "konseling", "attended": "y",
        "what_happened": "Catatan untuk anak lain"})
    assert refused.status_code == 200
    assert db_session.scalar(select(func.count(ProgressEntry.id)).where(
        ProgressEntry.client_id.in_([active.id, other.id]))) == 0
    # A file the user may not open cannot fix a form either.
    assert as_user("pk_a2").get(add_url("progressentryview", active, "buku-perkembangan")).status_code == 404


def test_the_fixed_client_is_refused_in_the_command_too(active, other, db_session):
    from app.errors import Invalid
    from app.supervision import commands
    from tests.factories import principal

    apel = ApelLog(client=other, client_id=other.id, reported_on=TODAY)
    with pytest.raises(Invalid) as refused:
        commands.record_apel(db_session, apel, principal(db_session, "pk_a"), TODAY, fixed_client_id=active.id)
    assert "client" in refused.value.problems


def test_an_add_form_opened_without_a_client_chooses_none(as_user, active, other, db_session):
    """Opened from a menu, a form starts with no child chosen (not the first of the list), and an empty
    choice is refused rather than saved on anyone."""
    before = db_session.scalar(select(func.count(ProgressEntry.id)))  # committing tests elsewhere may leave some
    text = as_user("pk_a").get("/progressentryview/add").get_data(as_text=True)
    select_html = text.split('name="client"')[1].split("</select>")[0]
    first_option = select_html.split("<option")[1]
    assert 'selected value=""' in first_option and "__None" not in select_html
    refused = as_user("pk_a").post("/progressentryview/add", data={
        "client": "", "happened_on": TODAY.isoformat(), "kind": "konseling", "attended": "y",
        "what_happened": "Tanpa klien"})
    assert refused.status_code == 200
    assert db_session.scalar(select(func.count(ProgressEntry.id))) == before


def test_the_progress_plus_offers_the_childs_approved_items_by_text_and_stage(as_user, active, other,
                                                                             db_session):
    from models import Programme, ProgrammeItem

    for client, text in ((active, "Konseling keluarga"), (other, "Pelatihan las")):
        programme = Programme(client_id=client.id, stage="awal", status="disetujui")
        programme.items = [ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling",
                                         activity=text)]
        db_session.add(programme)
    active.stage, active.stage_started_on = "awal", active.supervision_start
    db_session.commit()
    form = as_user("pk_a").get(add_url("progressentryview", active, "buku-perkembangan")).get_data(as_text=True)
    assert "Konseling keluarga (Tahap awal)" in form and "Pelatihan las" not in form
    item_id = db_session.scalar(select(ProgrammeItem.id).where(ProgrammeItem.client_id == active.id))
    saved = as_user("pk_a").post(add_url("progressentryview", active, "buku-perkembangan"), data={
        "client": str(active.id), "happened_on": TODAY.isoformat(), "kind": "konseling", "attended": "y",
        "programme_item": str(item_id), "what_happened": "Konseling dengan ibu",
        "next": file_url(active, "buku-perkembangan")})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("#buku-perkembangan")
    page = as_user("pk_a").get(file_url(active)).get_data(as_text=True)
    assert "Konseling dengan ibu" in page
    assert "1 kegiatan" in page  # the item's progress in the summary  # the item's progress in the summary


def test_consent_from_the_file_then_a_home_visit(as_user, active, db_session):
    url = add_url("consentview", active, "persetujuan")
    saved = as_user("pk_a").post(url, data={"client": str(active.id), "given": "y", "by_client": "y",
                                             "by_guardian": "y", "recorded_on": TODAY.isoformat(), "notes": "",
                                             "next": file_url(active, "persetujuan")})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("#persetujuan")
    consent = db_session.scalars(select(Consent).where(Consent.client_id == active.id)).one()
    assert f'id="persetujuan-{consent.id}"' in as_user("pk_a").get(file_url(active)).get_data(as_text=True)


def test_next_is_a_local_url_only(as_user, active):
    url = f"/apellogview/add?client_id={active.id}&next=https://example.org/x"
    saved = as_user("pk_a").post(url, data={"client": str(active.id), "reported_on": TODAY.isoformat(),
                                             "remote_reason": "", "notes": "", "next": "//example.org/x"})
    assert saved.status_code == 302 and "example.org" not in saved.headers["Location"]


def test_edit_returns_where_the_user_came_from(as_user, active, db_session):
    db_session.add(ApelLog(client_id=active.id, office_id=active.office_id, reported_on=TODAY))
    db_session.commit()
    row = db_session.scalars(select(ApelLog).where(ApelLog.client_id == active.id)).one()
    back = file_url(active, "wajib-lapor")
    form = as_user("pk_a").get(f"/apellogview/edit/{row.id}?next={quote(back, safe='/')}")
    assert form.status_code == 200
    saved = as_user("pk_a").post(f"/apellogview/edit/{row.id}?next={quote(back, safe='/')}", data={
        "client": str(active.id), "reported_on": TODAY.isoformat(), "remote_reason": "", "notes": "Diubah",
        "next": back, "version": str(row.version)})
    assert saved.status_code == 302 and saved.headers["Location"].endswith(back)
