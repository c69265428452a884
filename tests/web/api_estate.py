"""Records of every kind for three caseloads (pk_a and pk_a2 in office A, pk_b in
office B), and what each user may see of them: the API half of the privacy walk."""
from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.platform import roles
from tests.conftest import USERS

OWNERS = {"pk_a": "a", "pk_a2": "a", "pk_b": "b"}
OFFICE_A = {"pk_a", "pk_a2"}

# How the rows of a resource are scoped (app.access and the screens' scopes):
SUPERVISED = "supervised"  # assigned PK, Kepala Bapas of the office, Admin
CLIENT = "client"  # as SUPERVISED, plus registration staff and TPP of the office
OFFICE = "office"  # everyone of the office
COMPLAINT = "complaint"  # complaints unit and Kepala Bapas of the office; an official named to act

# resource_name -> (model of its rows, scope). Every ModelRestApi registered must be here.
RESOURCES = {
    "client": ("Client", CLIENT), "guardian": ("Guardian", CLIENT),
    "client_confidential": ("ClientConfidential", SUPERVISED), "handover": ("Handover", CLIENT),
    "pk_assignment": ("PKAssignment", CLIENT), "partner": ("Partner", OFFICE),
    "assessment": ("Assessment", SUPERVISED), "programme": ("Programme", SUPERVISED),
    "programme_item": ("ProgrammeItem", SUPERVISED), "progress_entry": ("ProgressEntry", SUPERVISED),
    "consent": ("Consent", SUPERVISED), "apel_log": ("ApelLog", CLIENT), "tpp_session": ("TppSession", OFFICE),
    "tpp_item": ("TppItem", CLIENT), "complaint": ("Complaint", COMPLAINT), "document": ("GeneratedDocument", SUPERVISED),
}
ACTORS = ["pk_a", "pk_a2", "pk_b", "kepala", "registrasi", "tpp", "pengaduan"]
# Resources whose body names an office rather than a client: foreign means another office.
NAMES_AN_OFFICE = {"client", "partner", "complaint"}


def office_of(user: str) -> str:
    return USERS[user][1] or "*"


def visible_owners(scope: str, user: str) -> set[str]:
    """Whose records ``user`` may see under ``scope`` (the policy, restated)."""
    if user == "admin":
        return set(OWNERS)
    if user in OWNERS:
        if scope == OFFICE:
            return OFFICE_A if user in OFFICE_A else {"pk_b"}
        return {user}  # a complaint is visible to the PK it was assigned to
    if user == "kepala":
        return OFFICE_A
    if user in ("registrasi", "tpp"):
        return OFFICE_A if scope in (CLIENT, OFFICE) else set()
    if user == "pengaduan":
        return OFFICE_A if scope in (OFFICE, COMPLAINT) else set()
    raise AssertionError(user)


def may(user: str, resource: str, letter: str) -> bool:
    role = USERS[user][0]
    return role == roles.ADMIN or letter in roles.GRANTS.get(role, {}).get(resource, "")


def build(app, world, make_client, db_session) -> dict[str, dict[str, int]]:
    """ids[owner][model name] of one record of each kind per caseload."""
    from app.guidance.assessment import store
    from app.complaints import intake
    from models import (ApelLog, Assessment, ClientConfidential, ComplaintCategory, Consent, GeneratedDocument,
                        Guardian, Handover, Partner, PKAssignment, Programme, ProgrammeItem, ProgressEntry, TppItem,
                        TppSession)

    tag = secrets.token_hex(3)
    instrument = store.ensure_demo(db_session)
    intake.ensure_defaults(db_session)
    category = db_session.scalar(select(ComplaintCategory.id).where(ComplaintCategory.active.is_(True)).limit(1))
    upload_dir = app.config["UPLOAD_DIR"]
    ids: dict[str, dict[str, int]] = {}
    for owner, office in OWNERS.items():
        client = make_client(office=office, pk=owner, status="aktif", handover=True,
                             full_name=f"Estate {owner} {tag}")
        office_id = client.office_id
        records = {
            "Guardian": Guardian(client_id=client.id, relation="ibu", name=f"Wali {owner} {tag}"),
            "ClientConfidential": ClientConfidential(client_id=client.id, health=f"Sehat {tag}"),
            "Partner": Partner(office_id=office_id, name=f"Mitra {owner} {tag}", kind="sekolah"),
            "Consent": Consent(client_id=client.id, given=True, recorded_on=date(2026, 1, 6)),
            "Assessment": Assessment(client_id=client.id, instrument_id=instrument.id, kind="awal",
                                     assessed_on=date(2026, 2, 1), assessor_id=world.users[owner], consent=True,
                                     status="draft"),
            "Programme": Programme(client_id=client.id, stage="awal", status="draft", items=[
                ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling",
                              activity="Konseling mingguan")]),
            "ProgressEntry": ProgressEntry(client_id=client.id, office_id=office_id, happened_on=date(2026, 2, 2),
                                           kind="konseling", what_happened="Konseling pertama"),
            "ApelLog": ApelLog(client_id=client.id, office_id=office_id, reported_on=date(2026, 2, 3)),
            "TppSession": TppSession(office_id=office_id, held_on=date(2026, 2, 4), members_total=1),
        }
        db_session.add_all(records.values())
        db_session.flush()
        records["ProgrammeItem"] = records["Programme"].items[0]
        records["TppItem"] = TppItem(session_id=records["TppSession"].id, client_id=client.id, matter="lainnya")
        complaint = intake.receive(db_session, intake.Submission(office_id=office_id, category_id=category,
                                                                 text=f"Keluhan {tag}"), upload_dir=upload_dir)
        complaint.assigned_to_id = world.users[owner]
        records["Complaint"] = complaint
        stored = f"estate-{tag}-{owner}.docx"
        records["GeneratedDocument"] = GeneratedDocument(
            office_id=office_id, client_id=client.id, doc_type="laporan_perkembangan",
            letter_number=f"EST/{owner}/{tag}", template_version="0", stored_name=stored, sha256="0" * 64,
            token=f"est-{owner}-{tag}")
        folder = Path(upload_dir) / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / stored).write_bytes(b"PK\x03\x04 estate " + owner.encode())
        db_session.add_all([records["TppItem"], records["GeneratedDocument"]])
        db_session.commit()
        ids[owner] = {name: record.id for name, record in records.items()}
        ids[owner]["Client"] = client.id
        ids[owner]["Office"] = office_id
        ids[owner]["Handover"] = db_session.scalar(select(Handover.id).where(Handover.client_id == client.id))
        ids[owner]["PKAssignment"] = db_session.scalar(select(PKAssignment.id).where(
            PKAssignment.client_id == client.id))
    ids["refs"] = {"Instrument": instrument.id, "ComplaintCategory": category}
    return ids


def payload(resource: str, own: dict[str, int], world, refs: dict[str, int]) -> dict | None:
    """A body the owner of ``own`` may POST (None: the resource takes no POST).
    A foreign owner's ids in it make it a write into another caseload."""
    today = date.today().isoformat()
    return {
        "client": {"office": own["Office"], "full_name": "Tono", "sex": "L", "birth_date": "2012-01-01",
                   "offence_date": "2025-01-01", "supervision_kind": world.kind_id, "origin": "lpka",
                   "registration_number": f"T-{secrets.token_hex(3)}", "supervision_start": "2026-01-05",
                   "supervision_expiry": "2027-01-04"},
        "guardian": {"client": own["Client"], "relation": "ayah", "name": "Ayah"},
        "client_confidential": {"client": own["Client"], "health": "Asma"},
        "handover": {"client": own["Client"], "handover_date": "2026-01-05", "handing_party": "LPKA",
                     "handing_officer": "Petugas", "receiving_officer": world.users["registrasi"]},
        "pk_assignment": {"client": own["Client"], "pk": world.users["pk_a"], "start_date": today,
                          "reason": "Pemerataan beban"},
        "partner": {"office": own["Office"], "name": "Mitra", "kind": "sekolah"},
        "assessment": {"client": own["Client"], "instrument": refs["Instrument"], "kind": "tahunan", "assessed_on": today,
                       "consent": True},
        "programme": {"client": own["Client"], "stage": "lanjutan", "notes": "Rencana"},
        "programme_item": {"programme": own["Programme"], "kind": "kemandirian", "activity_kind": "konseling",
                           "activity": "Pelatihan"},
        "progress_entry": {"client": own["Client"], "happened_on": today, "kind": "konseling",
                           "what_happened": "Konseling"},
        "consent": {"client": own["Client"], "given": True, "recorded_on": today},
        "apel_log": {"client": own["Client"], "reported_on": today},
        "complaint": {"office": own["Office"], "channel": "telepon", "category": refs["ComplaintCategory"], "text": "Keluhan"},
    }.get(resource)
