"""The one mapping from SIBIKA's records to the fields of SDP Bimbingan Bapas.

Everything about the SDP export comes from here: which kinds of record go out,
which fields each carries, where in SIBIKA each value is read (``source``, a
dotted path that is also how the value is fetched), its type and whether SDP
requires it. The export, the mapping page and ``docs/sdp-mapping.md`` (written
by ``flask sibika sdp-mapping``) are all generated from these tables, so they
cannot drift apart.

Deliberately absent: the confidential matters (health, household, safety,
programme notes), guardians, address, the assessment's needs text and the
answers, TPP notes. SDP does not ask for them, and the export never carries
more than SDP needs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _

from models.choices import (
    ACTIVITY_KIND,
    ASSESSMENT_KIND,
    ASSESSMENT_STATUS,
    END_REASON,
    RISK_CATEGORY,
    SEX,
    STAGE,
    STATUS,
    TPP_DECISION,
    TPP_MATTER,
)

TEXT, DATE, CODE, NUMBER, BOOLEAN = "text", "date", "code", "number", "boolean"
TYPES = {
    TEXT: _("Text"),
    DATE: _("Date (YYYY-MM-DD)"),
    CODE: _("Code (see the list)"),
    NUMBER: _("Whole number"),
    BOOLEAN: _("Yes/no (JSON true/false, CSV ya/tidak)"),
}

# Stage-book events that an actual (pelaksanaan) line can record.
BOOK_EVENT = {
    "awal": _("Tahap awal"), "lanjutan": _("Tahap lanjutan"), "akhir": _("Tahap akhir"),
    "ekspirasi": _("Expiry"), "pengakhiran": _("End of supervision"),
}
# What a row asks the PK to do in SDP.
ACTION = {"baru": _("New: add it to SDP"), "ubah": _("Changed since the last export: correct it in SDP")}


@dataclass(frozen=True)
class Field:
    name: str  # the SDP field (column header, JSON key)
    description: object  # lazy string
    source: str  # dotted path from the row's roots; "name()" calls a method
    type: str
    required: bool
    codes: dict | None = None

    def __post_init__(self):
        root, *rest = self.source.split(".")
        steps = tuple((part.removesuffix("()"), part.endswith("()")) for part in rest)
        object.__setattr__(self, "_path", (root, steps))

    def value(self, roots: dict):
        root, steps = self._path
        current = roots.get(root)
        for name, call in steps:
            if current is None:
                return None
            current = getattr(current, name)
            if call:
                current = current()
        return _typed(current, self.type)


def _typed(value, kind: str):
    if value is None or value == "":
        return None
    if kind == DATE:
        return (value.date() if isinstance(value, datetime) else value).isoformat() \
            if isinstance(value, date) else str(value)
    if kind == BOOLEAN:
        return bool(value)
    if kind == NUMBER:
        return int(value)
    return str(value)


@dataclass(frozen=True)
class Kind:
    code: str  # the kind of record, as exported ("jenis_data")
    title: object
    description: object
    roots: str  # what the dotted sources start from, for the documentation
    fields: tuple[Field, ...]
    shown: tuple[str, ...]  # fields that tell a person which record it is (the SDP page's list)

    def values(self, roots: dict) -> dict:
        return {f.name: f.value(roots) for f in self.fields}

    def missing(self, values: dict) -> list[str]:
        """Required SDP fields that SIBIKA has no value for yet."""
        return [f.name for f in self.fields if f.required and values.get(f.name) is None]


# Columns every exported row starts with; not part of the fingerprint.
ENVELOPE = (
    Field("jenis_data", _("Kind of record (the table below it belongs to)."), "kind", CODE, True),
    Field("id_sibika", _("SIBIKA's number of the record, to find it again."), "entity_id", NUMBER, True),
    Field("aksi", _("New record, or a change of a record exported before."), "action", CODE, True, ACTION),
)

REG_NO = Field("nomor_registrasi", _("Client's registration number at the Bapas (links the row to the client)."),
               "client.registration_number", TEXT, True)


def _pk_fields(root: str, who: str) -> tuple[Field, ...]:
    return (Field("nama_petugas", _("Officer who recorded it."), f"{root}.{who}.get_full_name()", TEXT, False),)


CLIENT = Kind(
    "klien", _("Client"), _("The client's identity as registered, the case, the supervision and its end."),
    "client (Client), termination (Termination, when ended)",
    (
        REG_NO,
        Field("nama", _("Full name, as in the decision."), "client.full_name", TEXT, True),
        Field("nik", _("National identity number (NIK), when known."), "client.nik", TEXT, False),
        Field("jenis_kelamin", _("Sex."), "client.sex", CODE, True, SEX),
        Field("tempat_lahir", _("Place of birth."), "client.birth_place", TEXT, False),
        Field("tanggal_lahir", _("Date of birth."), "client.birth_date", DATE, True),
        Field("tanggal_tindak_pidana", _("Date of the offence (decides that the client is a child)."),
              "client.offence_date", DATE, True),
        Field("pasal", _("Article(s) of the offence."), "client.offence_article", TEXT, True),
        Field("nomor_putusan", _("Number of the court decision."), "client.decision_number", TEXT, True),
        Field("tanggal_putusan", _("Date of the court decision."), "client.decision_date", DATE, True),
        Field("jenis_bimbingan", _("Kind of supervision (code of the supervision kinds list: PB, CB, CMB, ...)."),
              "client.supervision_kind.code", CODE, True),
        Field("dokumen_dasar", _("Decision letter (SK) or document that set the period."),
              "client.basis_document", TEXT, False),
        Field("mulai_bimbingan", _("Start of the supervision period."), "client.supervision_start", DATE, True),
        Field("akhir_bimbingan", _("Expiry date of the supervision (tanggal ekspirasi)."),
              "client.supervision_expiry", DATE, True),
        Field("tahap", _("Current stage (kept after the end)."), "client.stage", CODE, False, STAGE),
        Field("mulai_tahap", _("Date the current stage began."), "client.stage_started_on", DATE, False),
        Field("nama_pk", _("Name of the assigned PK."), "client.current_pk.get_full_name()", TEXT, True),
        Field("nip_pk", _("NIP of the assigned PK."), "client.current_pk.nip", TEXT, True),
        Field("status", _("Status of the client."), "client.status", CODE, True, STATUS),
        Field("alasan_berakhir", _("Why the supervision ended."), "termination.reason", CODE, False, END_REASON),
        Field("tanggal_berakhir", _("Date the supervision ended."), "termination.end_date", DATE, False),
        Field("nomor_sk_pengakhiran", _("Number of the decision that ended it."), "termination.decision_number",
              TEXT, False),
    ),
    ("status", "tahap", "akhir_bimbingan"),
)

ACTIVITY = Kind(
    "kegiatan", _("Guidance activity"),
    _("One activity of the progress book (counselling, personality or independence guidance, home visit, "
      "activity with a partner). A correction keeps the same record, so it goes out as a change."),
    "entry (ProgressEntry, current version), client",
    (
        REG_NO,
        Field("tanggal", _("Date of the activity."), "entry.happened_on", DATE, True),
        Field("jenis_kegiatan", _("Kind of activity; a home visit is kunjungan_rumah."), "entry.kind", CODE, True,
              ACTIVITY_KIND),
        Field("tempat", _("Place."), "entry.place", TEXT, False),
        Field("hadir", _("Whether the client attended."), "entry.attended", BOOLEAN, True),
        Field("alasan_tidak_hadir", _("Why the client did not attend."), "entry.absence_reason", TEXT, False),
        Field("uraian", _("What was done."), "entry.what_happened", TEXT, True),
        Field("hasil", _("Result."), "entry.result", TEXT, False),
        *_pk_fields("entry", "written_by"),
    ),
    ("tanggal", "jenis_kegiatan"),
)

APEL = Kind(
    "apel", _("Reporting (apel)"), _("One report of the client in person or, in urgent cases, remotely."),
    "apel (ApelLog), client",
    (
        REG_NO,
        Field("tanggal_lapor", _("Date of the report."), "apel.reported_on", DATE, True),
        Field("jarak_jauh", _("Reported remotely."), "apel.remote", BOOLEAN, True),
        Field("alasan_jarak_jauh", _("Why remotely."), "apel.remote_reason", TEXT, False),
        *_pk_fields("apel", "recorded_by"),
    ),
    ("tanggal_lapor", "jarak_jauh"),
)

STAGE_CHANGE = Kind(
    "tahapan", _("Stage change"),
    _("An actual line of the stage and expiry books: a stage begun, the expiry moved, the supervision ended. "
      "A line struck out later goes out again as a change, with the reason."),
    "entry (BookEntry of kind pelaksanaan), client",
    (
        REG_NO,
        Field("peristiwa", _("What happened."), "entry.event", CODE, True, BOOK_EVENT),
        Field("tanggal", _("Date."), "entry.entry_date", DATE, True),
        Field("keterangan", _("Reason written with the line."), "entry.reason", TEXT, False),
        Field("dicoret", _("Date the line was struck out (empty while it holds)."), "entry.superseded_at", DATE,
              False),
        Field("alasan_coret", _("Why it was struck out."), "entry.superseded_reason", TEXT, False),
    ),
    ("peristiwa", "tanggal", "dicoret"),
)

TPP = Kind(
    "tpp", _("TPP decision"), _("A decided matter of a sidang TPP about the client."),
    "item (TppItem with a decision), session (TppSession), client",
    (
        REG_NO,
        Field("tanggal_sidang", _("Date of the session."), "session.held_on", DATE, True),
        Field("perihal", _("Matter decided."), "item.matter", CODE, True, TPP_MATTER),
        Field("keputusan", _("Decision."), "item.decision", CODE, True, TPP_DECISION),
        Field("musyawarah", _("Decided by consensus (otherwise by vote)."), "item.consensus", BOOLEAN, False),
        Field("suara_setuju", _("Votes for."), "item.votes_for", NUMBER, False),
        Field("suara_tidak_setuju", _("Votes against."), "item.votes_against", NUMBER, False),
    ),
    ("tanggal_sidang", "perihal", "keputusan"),
)

ASSESSMENT = Kind(
    "asesmen", _("Risk and needs assessment"),
    _("A finished (locked) assessment: its result is entered into SDP. When a correction replaces it, it goes "
      "out again as replaced and the correction as a new record. The answers and the needs text stay in SIBIKA."),
    "assessment (Assessment with status final or replaced), client",
    (
        REG_NO,
        Field("jenis_asesmen", _("Kind of assessment."), "assessment.kind", CODE, True, ASSESSMENT_KIND),
        Field("tanggal_asesmen", _("Date of the assessment."), "assessment.assessed_on", DATE, True),
        Field("skor", _("Total score."), "assessment.total_score", NUMBER, True),
        Field("kategori_risiko", _("Risk category."), "assessment.category", CODE, True, RISK_CATEGORY),
        Field("status_asesmen", _("Final, or replaced by a correction."), "assessment.status", CODE, True,
              ASSESSMENT_STATUS),
        *_pk_fields("assessment", "assessor"),
    ),
    ("tanggal_asesmen", "kategori_risiko", "status_asesmen"),
)

# A transfer between offices goes out on both sides: the sending office reports the client left (under the
# register number it had there), the receiving office that the client arrived (under its new number).
TRANSFER_OUT = Kind(
    "pindah_keluar", _("Transfer to another office"),
    _("A client this office transferred to another Bapas, once the receiving office accepted."),
    "transfer (Transfer accepted, from this office)",
    (
        Field("nomor_registrasi", _("Client's registration number at this Bapas."),
              "transfer.from_registration_number", TEXT, True),
        Field("tanggal_pindah", _("Date the receiving office accepted the transfer."), "transfer.decided_on", DATE,
              True),
        Field("kode_bapas_tujuan", _("Code of the receiving office."), "transfer.to_office.code", TEXT, True),
        Field("nomor_registrasi_tujuan", _("Registration number at the receiving office."),
              "transfer.to_registration_number", TEXT, True),
        Field("nomor_surat_pengantar", _("Number of the surat pengantar pindah."), "transfer.letter_number", TEXT,
              False),
    ),
    ("nomor_registrasi", "tanggal_pindah", "kode_bapas_tujuan"),
)

TRANSFER_IN = Kind(
    "pindah_masuk", _("Transfer from another office"),
    _("A client received from another Bapas: the supervision continues here with the same stages and expiry."),
    "transfer (Transfer accepted, to this office)",
    (
        Field("nomor_registrasi", _("Client's registration number at this Bapas."),
              "transfer.to_registration_number", TEXT, True),
        Field("tanggal_pindah", _("Date this office accepted the transfer."), "transfer.decided_on", DATE, True),
        Field("kode_bapas_asal", _("Code of the sending office."), "transfer.from_office.code", TEXT, True),
        Field("nomor_registrasi_asal", _("Registration number at the sending office."),
              "transfer.from_registration_number", TEXT, True),
        Field("nomor_berita_acara", _("Number of the berita acara serah terima antar-Bapas."),
              "transfer.handover_letter_number", TEXT, False),
    ),
    ("nomor_registrasi", "tanggal_pindah", "kode_bapas_asal"),
)

KINDS: tuple[Kind, ...] = (CLIENT, ACTIVITY, APEL, STAGE_CHANGE, TPP, ASSESSMENT, TRANSFER_OUT, TRANSFER_IN)
BY_CODE = {k.code: k for k in KINDS}
for _kind in KINDS:
    assert set(_kind.shown) <= {f.name for f in _kind.fields}, _kind.code

# How the export behaves; shown on the mapping page and written into the doc.
NOTES = (
    _("Each record goes out once: an export marks every record it carries with a fingerprint of its values in "
      "the tables below. A record is waiting for SDP when it was never exported or when one of these values "
      "changed since its last export; a change of anything else (notes, address, confidential matters) does not "
      "count."),
    _("The export covers your work area: a PK their own caseload, the Kepala Bapas the whole office, Admin every "
      "office. Records of a client who moves to another PK stay exported; what is still waiting goes with the "
      "client."),
    _("Nothing is deleted in everyday work: a progress entry is corrected in place (the old text kept as a "
      "version), a book line is struck out, an assessment is replaced, a supervision ends with a termination. "
      "Each of these goes out as a change (aksi ubah). Only an Admin can delete a row; a deleted row is not "
      "exported and its marks stay as the history of what went out, so the Admin corrects SDP by hand (the "
      "audit log shows the deletion)."),
    _("A past export can be downloaded again, in either format, from what it held when it was made; rows of "
      "clients you no longer supervise are left out. Every export and download is written in the audit log."),
    _("Health, household, safety and programme notes, guardians and the address are never exported: SDP does "
      "not ask for them."),
    _("SDP's input screens are not published: the field names and what SDP requires follow the service standard "
      "and the registers. Where the office's SDP screens differ, change this mapping (one place) and the export, "
      "this page and the document follow."),
)
