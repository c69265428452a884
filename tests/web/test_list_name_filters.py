"""The office-wide lists stay for the Kepala Bapas and registration, with the client's name and a working name
filter (issue 17, item 3): every list of client-linked records shows whose record each row is and finds a
client's rows by the client's name (`_flt_0_client_name=`, views/client_name_filter.py): exactly that client's
rows, the same count as FAB's own filter by the client's id, never another child's."""
from __future__ import annotations

import re
import secrets
from datetime import date, timedelta

import pytest

from app.platform import roles
from tests.conftest import USERS
from tests.web.test_readable_pages import visible_text

pytestmark = pytest.mark.both_databases

READERS = ["kepala", "registrasi", "admin"]
COUNT = re.compile(r"<strong>[^<]*:</strong>\s*(\d+)")


def _records_of(client, world, db_session, instrument, tag: str) -> None:
    from models import (ApelLog, Assessment, ClientConfidential, Classification, Consent, GeneratedDocument,
                        Guardian, MonthlyReport, Partner, Programme, ProgrammeItem, ProgressEntry, Referral,
                        Revocation, TppItem, TppSession)

    today = date.today()
    partner = Partner(office_id=client.office_id, name=f"Mitra {tag}", kind="sekolah")
    programme = Programme(client_id=client.id, stage="awal", status="draft", items=[
        ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling", activity="Konseling")])
    assessment = Assessment(client_id=client.id, instrument_id=instrument.id, kind="awal",
                            assessed_on=today - timedelta(days=30), assessor_id=client.current_pk_id, consent=True,
                            status="final", category="sedang", total_score=7)
    session = TppSession(office_id=client.office_id, held_on=today - timedelta(days=5), members_total=1)
    db_session.add_all([partner, programme, assessment, session])
    db_session.flush()
    db_session.add_all([
        Guardian(client_id=client.id, relation="ibu", name=f"Wali {tag}"),
        ClientConfidential(client_id=client.id, health="Sehat"),
        Consent(client_id=client.id, given=True, recorded_on=today - timedelta(days=9)),
        ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=today - timedelta(days=2),
                      kind="konseling", what_happened="Konseling"),
        ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=today - timedelta(days=1),
                      kind="konseling", what_happened="Konseling lagi"),
        ApelLog(client_id=client.id, office_id=client.office_id, reported_on=today - timedelta(days=3)),
        TppItem(session_id=session.id, client_id=client.id, matter="lainnya"),
        MonthlyReport(client_id=client.id, month=today.replace(day=1), submitted_on=today, pk_id=client.current_pk_id),
        Revocation(client_id=client.id, ground="tidak_lapor_3x", ground_details="Tidak apel"),
        Referral(client_id=client.id, partner_id=partner.id, referred_on=today - timedelta(days=4), purpose="Sekolah"),
        Classification(client_id=client.id, assessment_id=assessment.id, level="sedang", needs="Sekolah",
                       set_on=today - timedelta(days=20)),
        GeneratedDocument(office_id=client.office_id, client_id=client.id, doc_type="laporan_perkembangan",
                          letter_number=f"NF/{tag}", template_version="0", stored_name=f"nf-{tag}.docx",
                          sha256="0" * 64, token=f"nf-{tag}"),
    ])


@pytest.fixture
def two_children(app, world, make_client, db_session):
    """Two clients of office A (of pk_a and pk_a2), each with a record of every client-linked kind."""
    from app.guidance.assessment import store

    tag = secrets.token_hex(3)
    instrument = store.ensure_demo(db_session)
    sought = make_client(pk="pk_a", status="aktif", handover=True, full_name=f"Kanda Natsir {tag}")
    other = make_client(pk="pk_a2", status="aktif", handover=True, full_name=f"Budi Wirawan {tag}")
    for client, suffix in ((sought, "k"), (other, "b")):
        _records_of(client, world, db_session, instrument, f"{tag}{suffix}")
    db_session.commit()
    return sought, other, tag


def client_lists(app):
    from views.base import SibikaModelView
    from views.client_name_filter import belongs_to_a_client

    return [v for v in app.appbuilder.baseviews
            if isinstance(v, SibikaModelView) and belongs_to_a_client(v.datamodel.obj)]


def _may_read(username: str, view) -> bool:
    role = USERS[username][0]
    return role == roles.ADMIN or "r" in roles.GRANTS.get(role, {}).get(view.class_permission_name, "")


def test_every_list_of_a_clients_records_shows_the_client_and_has_the_name_filter(app):
    lists = client_lists(app)
    names = {type(v).__name__ for v in lists}
    assert {"ProgressEntryView", "ApelLogView", "AssessmentView", "ProgrammeView", "ProgrammeItemView",
            "ConsentView", "ReferralView", "ClassificationView", "HandoverView", "PKAssignmentView",
            "TppItemView", "GeneratedDocumentView", "MonthlyReportView", "GuardianView"} <= names
    for view in lists:
        assert "client" in view.list_columns, type(view).__name__
        assert view.search_columns[0] == "client_name", type(view).__name__


def _count(browser, url: str) -> tuple[int, str]:
    response = browser.get(url)
    assert response.status_code == 200, url
    page = response.get_data(as_text=True)
    found = COUNT.search(page)
    return (int(found.group(1)) if found else 0), page


@pytest.mark.parametrize("username", READERS)
def test_filtering_a_list_by_a_real_clients_name_finds_exactly_that_clients_rows(app, as_user, two_children,
                                                                                    username):
    sought, other, tag = two_children
    browser = as_user(username)
    checked = []
    for view in client_lists(app):
        if not _may_read(username, view):
            continue
        base = f"{view.route_base}/list/"
        by_id, _ = _count(browser, f"{base}?_flt_0_client={sought.id}&psize_{type(view).__name__}=100")
        assert by_id >= 1, f"{base}: the fixture gave {sought.full_name} no row here"
        # Part of the name, in other letters' case: the way a person types it.
        found, page = _count(browser, f"{base}?_flt_0_client_name=kanda+natsir+{tag.upper()}")
        assert found == by_id, f"{base}: the name filter found {found} rows, the client has {by_id}"
        rows = visible_text(page)  # the search form's own choices (in its script) are not rows
        assert sought.full_name in rows and other.full_name not in rows, base
        everyone, _ = _count(browser, base)
        assert everyone > found, f"{base}: the list without a filter shows the other child too"
        nobody, _ = _count(browser, f"{base}?_flt_0_client_name=Tidak+Ada+{tag}")
        assert nobody == 0, base
        checked.append(type(view).__name__)
    expected = {"kepala": 15, "registrasi": 4, "admin": 15}[username]
    assert len(checked) >= expected, checked


def test_the_name_filter_is_offered_in_the_search_form_and_reads_as_indonesian(as_user, two_children):
    page = as_user("kepala").get("/progressentryview/list/").get_data(as_text=True)
    assert "Nama klien" in page and 'name="client_name"' in page


def test_the_name_filter_never_widens_the_scope(as_user, make_client, db_session, two_children):
    """A child of another office, or of another PK's caseload, stays out however the name is typed."""
    sought, other, tag = two_children
    make_client(office="b", pk="pk_b", status="aktif", handover=True, full_name=f"Kanda Natsir {tag} B")
    page = as_user("kepala").get(f"/handoverview/list/?_flt_0_client_name=Kanda+Natsir+{tag}").get_data(as_text=True)
    assert COUNT.search(page).group(1) == "1" and f"Kanda Natsir {tag} B" not in page
    pk_page = as_user("pk_a2").get(f"/progressentryview/list/?_flt_0_client_name=Kanda+Natsir+{tag}")
    assert COUNT.search(pk_page.get_data(as_text=True)) is None or \
        COUNT.search(pk_page.get_data(as_text=True)).group(1) == "0"


def test_like_wildcards_in_a_name_are_typed_letters_not_patterns(as_user, two_children):
    page = as_user("kepala").get("/progressentryview/list/?_flt_0_client_name=%25").get_data(as_text=True)
    found = COUNT.search(page)
    assert found is None or found.group(1) == "0"
