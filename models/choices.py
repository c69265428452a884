"""Coded values stored on records, with their translatable labels.

Codes are stable (they go into the database, exports and SDP); labels are what
a person reads and are translated.
"""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _


class Coded(StrEnum):
    """A code list named once: a member *is* its stored code (a str, so it compares,
    binds and serialises as the code) and carries its translatable label."""

    def __new__(cls, code: str, label=None):
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, object]:
        """{code: label} for forms, formatters and exports."""
        return {m.value: m.label for m in cls}

SEX = {"L": _("Male"), "P": _("Female")}

RELIGION = {
    "islam": _("Islam"),
    "kristen": _("Protestant Christian"),
    "katolik": _("Catholic"),
    "hindu": _("Hindu"),
    "buddha": _("Buddhist"),
    "khonghucu": _("Confucian"),
    "kepercayaan": _("Indigenous belief"),
}

EDUCATION = {
    "tidak_sekolah": _("No schooling"),
    "sd": _("Primary school (SD)"),
    "smp": _("Junior secondary (SMP)"),
    "sma": _("Senior secondary (SMA/SMK)"),
    "putus_sd": _("Dropped out of SD"),
    "putus_smp": _("Dropped out of SMP"),
    "putus_sma": _("Dropped out of SMA/SMK"),
}

ORIGIN = {
    "lpka": _("LPKA (juvenile correctional institution)"),
    "lpas": _("LPAS (temporary placement)"),
    "pengadilan": _("Court"),
    "kejaksaan": _("Prosecutor"),
    "kepolisian": _("Police (diversion)"),
}

class ClientStatus(Coded):
    TERDAFTAR = "terdaftar", _("Registered")
    AKTIF = "aktif", _("Active")
    SELESAI = "selesai", _("Completed")
    DICABUT = "dicabut", _("Revoked")
    DIPINDAHKAN = "dipindahkan", _("Transferred")
    MENINGGAL = "meninggal", _("Deceased")
    DIAKHIRI_AWAL = "diakhiri_awal", _("Ended early")


# Registered or active: under supervision now (assessments, programmes, letters are written).
UNDER_SUPERVISION = (ClientStatus.TERDAFTAR, ClientStatus.AKTIF)
STATUS = ClientStatus.labels()


class Stage(Coded):
    AWAL = "awal", _("Tahap awal")
    LANJUTAN = "lanjutan", _("Tahap lanjutan")
    AKHIR = "akhir", _("Tahap akhir")


STAGE = Stage.labels()


class EndReason(Coded):
    SELESAI = "selesai", _("Completed at the end of the period")
    DICABUT = "dicabut", _("Revoked")
    DIPINDAHKAN = "dipindahkan", _("Transferred to another office")
    MENINGGAL = "meninggal", _("Deceased")
    # before the expiry date, by a decision (its number and date are on the termination)
    DIAKHIRI_AWAL = "diakhiri_awal", _("Ended early")


END_REASON = EndReason.labels()

REVOCATION_GROUND = {
    "tindak_pidana_baru": _("New offence (named suspect or convicted)"),
    "keresahan": _("Public unrest"),
    "tidak_lapor_3x": _("Missed the reporting duty three times in a row"),
    "pindah_alamat": _("Did not report a change of address"),
    "tidak_ikut_program": _("Did not follow the Bapas programme"),
}

ASSESSMENT_KIND = {
    "awal": _("Initial assessment"),
    "reasesmen_akhir": _("Final-stage reassessment"),
    "tahunan": _("Annual reassessment"),
    "insidental": _("Incidental reassessment"),
}
ASSESSMENT_STATUS = {"draft": _("Draft"), "final": _("Final (locked)"), "replaced": _("Replaced by a correction")}
RISK_CATEGORY = {"rendah": _("Low"), "sedang": _("Medium"), "tinggi": _("High")}

GUIDANCE_KIND = {"kepribadian": _("Personality guidance"), "kemandirian": _("Independence guidance")}
ACTIVITY_KIND = {
    "wajib_lapor": _("Reporting (wajib lapor)"),
    "kepribadian": _("Personality guidance"),
    "kemandirian": _("Independence guidance"),
    "konseling": _("Counselling"),
    "kunjungan_rumah": _("Home visit"),
    "kegiatan_mitra": _("Activity with a partner"),
}
PROGRAMME_STATUS = {
    "draft": _("Draft"), "diajukan": _("Submitted to the TPP"), "disetujui": _("Approved"),
    "disetujui_catatan": _("Approved with notes"), "ditolak": _("Rejected"), "direvisi": _("Revised"),
}
TPP_MATTER = {
    "rencana_awal": _("Initial-stage plan"), "rencana_lanjutan": _("Continuing-stage plan"),
    "rencana_akhir": _("Final-stage plan"), "evaluasi_akhir": _("Final evaluation"),
    "pencabutan": _("Revocation"), "lainnya": _("Other"),
}
TPP_DECISION = {"setuju": _("Approved"), "setuju_catatan": _("Approved with notes"), "tolak": _("Rejected"),
                "ditunda": _("Postponed")}

COMPLAINT_CHANNEL = {
    "web": _("Website form"), "langsung": _("In person"), "telepon": _("Telephone"), "surat": _("Letter"),
    "sms_wa": _("SMS / WhatsApp"), "email": _("E-mail"),
}
class ComplaintStatus(Coded):
    DITERIMA = "diterima", _("Received")
    DITELAAH = "ditelaah", _("Reviewed by the complaints unit")
    ARAHAN = "arahan", _("Directed by the Kepala Bapas")
    TINDAK_LANJUT = "tindak_lanjut", _("Followed up")
    DIJAWAB = "dijawab", _("Answered")
    SELESAI = "selesai", _("Closed")
    DITOLAK = "ditolak", _("Rejected")
    TIDAK_DAPAT_DITINDAKLANJUTI = "tidak_dapat_ditindaklanjuti", _("Cannot be followed up")


# The steps that answer the complainant (a reply, or a refusal with its reason): their
# text is the public reply, and the first of them dates the answer.
ANSWERED = (ComplaintStatus.DIJAWAB, ComplaintStatus.DITOLAK, ComplaintStatus.TIDAK_DAPAT_DITINDAKLANJUTI)
COMPLAINT_STATUS = ComplaintStatus.labels()
# What the complainant reads on the status page: the step, never who or what inside.
COMPLAINT_STATUS_PUBLIC = {
    "diterima": _("Received"), "ditelaah": _("Being reviewed"), "arahan": _("Being handled"),
    "tindak_lanjut": _("Being handled"), "dijawab": _("Answered"), "selesai": _("Closed"),
    "ditolak": _("Rejected"), "tidak_dapat_ditindaklanjuti": _("Cannot be followed up"),
}
ACTION_KIND = {"perbaikan": _("Fixed"), "klarifikasi": _("Clarified"), "perbaikan_klarifikasi": _("Fixed and clarified")}

GUARDIAN_RELATION = {
    "ayah": _("Father"),
    "ibu": _("Mother"),
    "wali": _("Guardian"),
    "saudara": _("Sibling"),
    "lainnya": _("Other"),
}

PARTNER_KIND = {
    "sekolah": _("School"),
    "pelatihan": _("Training centre"),
    "keagamaan": _("Religious body"),
    "lsm": _("NGO"),
    "pemberi_kerja": _("Employer"),
    "kesehatan": _("Health service"),
}


def label(mapping: dict, code: str | None) -> str:
    """The label of a code; an unknown code shows as itself rather than failing."""
    if code is None:
        return ""
    return str(mapping.get(code, code))


class DocumentStatus(Coded):
    """An issued letter's standing, as its verification page tells it."""

    BERLAKU = "berlaku", _("Valid (issued)")
    DITANDATANGANI = "ditandatangani", _("Signed")
    DIGANTI = "diganti", _("Replaced")
    DIBATALKAN = "dibatalkan", _("Cancelled")


# A live letter stands for its matter; of one matter at most one is live (a unique partial index).
LIVE_DOCUMENT = (DocumentStatus.BERLAKU, DocumentStatus.DITANDATANGANI)
DOCUMENT_STATUS = DocumentStatus.labels()
