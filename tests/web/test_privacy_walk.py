"""The privacy walk: every URL rule of the app, with the ids of another
caseload's or another office's records, as each kind of outsider. None may
return the data — not the name, not the register number, not a guardian, and
never the confidential matters.

Rules are taken from ``app.url_map`` at run time, so a view added later is
walked without editing this file.
"""
from __future__ import annotations

import itertools
import re
import secrets
from datetime import date

import pytest

from sqlalchemy import select

from models import (ApelLog, Attachment, Partner, ClientConfidential, ComplaintCategory, GeneratedDocument, Consent, Guardian, Handover, PKAssignment, Programme,
                    ProgrammeItem, ProgressEntry, TppItem, TppSession)

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

# SessionView ("log out everywhere") takes no ids and would end the walker's own sessions mid-walk.
SKIP_ENDPOINTS = re.compile(r"^(static|appbuilder\.static|(Sibika)?AuthDBView\.|LocaleView|UtilView|SwaggerView|"
                            r"SecurityApi|MenuApi|OpenApi|SessionView\.)")
# URL arguments that name a record of a given model, whatever view they belong to.
ID_ARGS = {"client_id": "Client", "assessment_id": "Assessment", "programme_id": "Programme",
           "item_id": "TppItem", "entry_id": "ProgressEntry", "attachment_id": "Attachment",
           "complaint_id": "Complaint", "document_id": "GeneratedDocument", "batch_id": "SdpBatch"}
COLUMN_ARGS = ["client", "office", "pk", "current_pk", "receiving_officer", "full_name", "registration_number",
               "name", "health"]

# Outsiders for a client of office A assigned to pk_a:
SAME_OFFICE_OTHER_CASELOAD = ["pk_a2"]
OTHER_OFFICE = ["pk_b", "kepala_b", "registrasi_b"]
NO_CLIENT_ROLE = ["pengaduan"]
# May see the client, never its confidential matters:
SAME_OFFICE_NOT_ENTITLED = ["registrasi", "tpp"]


@pytest.fixture
def secret_client(app, make_client, db_session):
    tag = secrets.token_hex(4)
    client = make_client(full_name=f"Zulkarnain Rahasia {tag}", status="aktif", handover=True)
    guardian = Guardian(client_id=client.id, relation="ibu", name=f"Siti Wali {tag}")
    confidential = ClientConfidential(client_id=client.id, health=f"Diagnosa-{tag}", household=f"Rumah-{tag}")
    db_session.add_all([guardian, confidential])
    db_session.commit()
    from app.guidance.assessment import store
    from models import Assessment

    instrument = store.ensure_demo(db_session)
    assessment = Assessment(client_id=client.id, instrument_id=instrument.id, kind="awal", assessed_on=date(2026, 2, 1),
                            assessor_id=client.current_pk_id, consent=True, needs=f"Kebutuhan-{tag}")
    db_session.add(assessment)
    programme = Programme(client_id=client.id, stage="awal", status="diajukan",
                          items=[ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling",
                                               activity=f"Program-{tag}")])
    entry = ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=date(2026, 2, 2),
                          kind="konseling", what_happened=f"Perkembangan-{tag}")
    db_session.add_all([programme, entry])
    db_session.flush()
    session = TppSession(office_id=client.office_id, held_on=date(2026, 2, 3), members_total=1)
    db_session.add(session)
    db_session.flush()
    tpp_item = TppItem(session_id=session.id, client_id=client.id, matter="rencana_awal", programme_id=programme.id)
    attachment = Attachment(entry_id=entry.id, client_id=client.id, original_name="scan.pdf", stored_name="x",
                            mime="application/pdf", size=1, sha256="0" * 64)
    consent = Consent(client_id=client.id, given=True, recorded_on=date(2026, 2, 1), notes=f"Izin-{tag}")
    from app.complaints import intake

    intake.ensure_defaults(db_session)
    complaint = intake.receive(db_session, intake.Submission(
        office_id=client.office_id, category_id=db_session.scalar(select(ComplaintCategory.id).limit(1)),
        text="Keluhan tentang pelayanan"), upload_dir="/tmp")
    complaint.concerns_client_id = client.id
    document = GeneratedDocument(office_id=client.office_id, client_id=client.id, doc_type="laporan_perkembangan",
                                 letter_number=f"UJI/{tag}", template_version="0", stored_name="x.docx",
                                 sha256="0" * 64, token=f"token-{tag}")
    db_session.add(document)
    apel = ApelLog(client_id=client.id, office_id=client.office_id, reported_on=date(2026, 2, 4))
    partner = Partner(office_id=client.office_id, name=f"Mitra-{tag}", kind="lainnya")
    db_session.add_all([tpp_item, attachment, consent, apel, partner])
    db_session.commit()
    from app.access import Principal
    from app.sdp import export
    from models import Staff

    # pk_a's SDP export: it carries the client's identity (SDP needs it), so no outsider may download it.
    batch = export.export(db_session, Principal.of(db_session.get(Staff, client.current_pk_id)), "json")
    handover = db_session.query(Handover).filter_by(client_id=client.id).one()
    assignment = db_session.query(PKAssignment).filter_by(client_id=client.id).one()
    ids = {"Client": client.id, "Guardian": guardian.id, "ClientConfidential": confidential.id,
           "Handover": handover.id, "PKAssignment": assignment.id, "Assessment": assessment.id,
           "Programme": programme.id, "ProgrammeItem": programme.items[0].id, "TppItem": tpp_item.id,
           "ProgressEntry": entry.id, "Attachment": attachment.id, "Consent": consent.id,
           "Complaint": complaint.id, "GeneratedDocument": document.id, "SdpBatch": batch.id,
           "ApelLog": apel.id, "TppSession": session.id, "Partner": partner.id}
    markers = {"identity": [client.full_name, client.registration_number, guardian.name],
               "confidential": [confidential.health, confidential.household, assessment.needs,
                                f"Program-{tag}", f"Perkembangan-{tag}", f"Izin-{tag}"]}
    return ids, markers


def _model_of(app, endpoint: str) -> str | None:
    view_name = endpoint.split(".")[0]
    for view in itertools.chain(app.appbuilder.baseviews):
        if view.__class__.__name__ == view_name or getattr(view, "blueprint", None) and view.blueprint.name == view_name:
            if view.__class__.__name__ == "ClientPhotoView":
                return "Client"
            datamodel = getattr(view, "datamodel", None)
            return datamodel.obj.__name__ if datamodel is not None else None
    return None


def _urls(app, ids: dict[str, int], rules=None):
    """(method, url) for every rule (or the ``rules`` given), its id arguments filled with the secret record's ids."""
    for rule in rules if rules is not None else app.url_map.iter_rules():
        if SKIP_ENDPOINTS.match(rule.endpoint):
            continue
        model = _model_of(app, rule.endpoint)
        record_id = ids.get(model) if model else None
        choices = []
        for arg in rule.arguments:
            if arg in ID_ARGS or arg == "pk":
                wanted = ids.get(ID_ARGS[arg]) if arg in ID_ARGS else record_id
                if wanted is None:
                    break
                choices.append([wanted])
            elif arg in ("col_name", "column_name"):
                choices.append(COLUMN_ARGS)
            else:
                numeric = type(rule._converters.get(arg)).__name__ == "IntegerConverter"
                choices.append([999999] if numeric else ["x"])
        else:
            for combo in itertools.product(*choices):
                url = rule.build(dict(zip(rule.arguments, combo)), append_unknown=False)[1] if rule.arguments \
                    else rule.rule
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    yield method, url


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _body(response) -> str:
    """What a response shows: the page, or every cell of an exported workbook (a zip, unreadable as text)."""
    if response.mimetype == XLSX:
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(response.data))
        return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                         if cell.value is not None)
    # Other files (a .zip, a template) are read as text without failing on their bytes.
    return response.get_data().decode("utf-8", errors="replace")


def _leaks(body: str, markers: list[str]) -> list[str]:
    return [m for m in markers if m in body]


def _walk(app, browser, ids, forbidden, allowed=lambda url, marker: False):
    checked = 0
    for method, url in _urls(app, ids):
        if method == "GET":
            response = browser.get(url)
        elif method in ("POST", "PUT"):
            response = browser.api(method, url, json={}) if url.startswith("/api/") else browser.post(url, data={})
        else:
            response = browser.api(method, url)
        checked += 1
        body = _body(response)
        leaked = [m for m in _leaks(body, forbidden) if not allowed(url, m)]
        assert not leaked, f"{browser.username} {method} {url} -> {response.status_code} leaked {leaked}"
        assert response.status_code < 500, f"{browser.username} {method} {url} -> {response.status_code}"
    return checked


@pytest.mark.parametrize("username", SAME_OFFICE_OTHER_CASELOAD + OTHER_OFFICE + NO_CLIENT_ROLE)
def test_outsiders_get_nothing_of_the_client_anywhere(app, as_user, secret_client, db_session, username):
    ids, markers = secret_client
    checked = _walk(app, as_user(username), ids, markers["identity"] + markers["confidential"])
    assert checked > 100  # the walk really walked
    print(f"privacy walk: {username}: {checked} requests")
    # and nothing was changed or deleted by the attempts
    from models import Client

    db_session.expire_all()
    client = db_session.get(Client, ids["Client"])
    assert client is not None and client.full_name == markers["identity"][0]
    assert db_session.get(ClientConfidential, ids["ClientConfidential"]).health == markers["confidential"][0]


@pytest.mark.parametrize("username", SAME_OFFICE_NOT_ENTITLED)
def test_same_office_staff_never_see_the_confidential_matters(app, as_user, secret_client, username):
    """One exception, by design: the TPP reads a programme on its own agenda, since it decides it."""
    ids, markers = secret_client

    def agenda_of_the_tpp(url, marker):
        return username == "tpp" and marker.startswith("Program-") and url == f"/tppitemview/show/{ids['TppItem']}"

    _walk(app, as_user(username), ids, markers["confidential"], allowed=agenda_of_the_tpp)


@pytest.mark.parametrize("username", ["pk_a", "kepala", "admin"])
def test_entitled_users_do_see_the_confidential_matters(as_user, secret_client, username):
    ids, markers = secret_client
    body = as_user(username).get(f"/clientview/show/{ids['Client']}").get_data(as_text=True)
    assert markers["identity"][0] in body
    assert markers["confidential"][0] in body
    api = as_user(username).api("GET", f"/api/v1/client_confidential/{ids['ClientConfidential']}")
    assert api.status_code == 200 and api.json["result"]["health"] == markers["confidential"][0]


def test_the_walk_reads_inside_exported_registers(as_user, secret_client):
    """The leak check above is real for .xlsx downloads: the same export, for a user
    entitled to the client, does hold the client's register number."""
    ids, markers = secret_client
    response = as_user("registrasi").get("/register/klien/xlsx")
    assert response.mimetype == XLSX and markers["identity"][1] in _body(response)


def _openapi_operations(as_user) -> set[tuple[str, str]]:
    spec = as_user("admin").get("/api/v1/_openapi").json
    return {(method.upper(), path) for path, item in spec["paths"].items() for method in item
            if method in ("get", "post", "put", "delete", "patch")}


def _walked_rules(app, ids) -> set[str]:
    """The rules (arguments blanked) for which the walk makes at least one request."""
    walked = set()
    for rule in app.url_map.iter_rules():
        if SKIP_ENDPOINTS.match(rule.endpoint):
            continue
        if next(_urls(app, ids, [rule]), None):
            walked |= {(method, _shape(rule.rule)) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return walked


def _shape(path: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path).rstrip("/")


def test_every_operation_of_the_openapi_document_is_walked(app, as_user, secret_client):
    """The walk starts from app.url_map; the OpenAPI document must not name an endpoint
    the walk would miss (one it skips, or whose record it cannot fill in)."""
    ids, _markers = secret_client
    walked = _walked_rules(app, ids)
    missed = [f"{method} {path}" for method, path in sorted(_openapi_operations(as_user))
              if not re.search(r"/(security|menu|_openapi)(/|$)", path) and (method, _shape(path)) not in walked]
    assert not missed, f"documented but not walked: {missed}"


def test_the_size_of_the_access_matrix(app, secret_client, capsys):
    """How many (user, method, URL) requests the walks above make: the figure for the closing note."""
    ids, _markers = secret_client
    requests_per_user = sum(1 for _ in _urls(app, ids))
    users = SAME_OFFICE_OTHER_CASELOAD + OTHER_OFFICE + NO_CLIENT_ROLE + SAME_OFFICE_NOT_ENTITLED
    rules = sum(1 for rule in app.url_map.iter_rules() if not SKIP_ENDPOINTS.match(rule.endpoint))
    with capsys.disabled():
        print(f"\naccess matrix: {rules} URL rules -> {requests_per_user} requests x {len(users)} users "
              f"= {requests_per_user * len(users)} requests")
    assert requests_per_user > 200
