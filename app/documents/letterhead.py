"""The parts every letter shares: the kop from the office's data and the signers."""
from __future__ import annotations

from flask_babel import gettext as _

DEFAULT_MINISTRY = "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA"
COUNTRY = "REPUBLIK INDONESIA"
ACTING_ROLES = ("Plh.", "Plt.")  # pelaksana harian (a short absence), pelaksana tugas (a vacancy)
LOGO_MM = 20


def _ministry_lines(ministry: str) -> tuple[str, str]:
    """The kop prints the ministry over two lines, the country on the second."""
    if ministry.endswith(" " + COUNTRY):
        return ministry[: -len(COUNTRY) - 1], COUNTRY
    return ministry, ""


def kop(office, ministry: str = DEFAULT_MINISTRY) -> tuple[dict, list[str]]:
    missing = []
    if not office.address:
        missing.append(_("The office's address is not filled in."))
    if not office.city:
        missing.append(_("The office's city is not filled in."))
    first, second = _ministry_lines(ministry)
    return {
        "kementerian": ministry, "kementerian_1": first, "kementerian_2": second,
        "kanwil": (office.regional_office or "").upper(), "kantor": office.name.upper(), "kantor_biasa": office.name,
        "alamat": office.address or "", "telepon": office.phone or "-", "email": office.email or "-",
        "kota": office.city or "", "laman": office.website or "",
    }, missing


def images(office, upload_dir: str) -> dict[str, tuple[bytes, int]]:
    """The office's logo for the kop, where one is uploaded (app.offices.logo)."""
    from app.offices import logo as office_logo

    data = office_logo.read(upload_dir, office.logo)
    return {"logo": (data, LOGO_MM)} if data else {}


def client_fields(client) -> tuple[dict, list[str]]:
    """The client's identity and supervision as every letter prints them."""
    from app.documents.formatting import tanggal

    missing = []
    if not client.basis_document:
        missing.append(_("The decision letter (SK) number of the client is not filled in."))
    if not (client.supervision_start and client.supervision_expiry):
        missing.append(_("The start and expiry dates of the supervision are not filled in."))
    return {"nama": client.full_name, "nomor_register": client.registration_number,
            "jenis_bimbingan": client.supervision_kind.name, "sk": client.basis_document or "",
            "mulai": tanggal(client.supervision_start), "ekspirasi": tanggal(client.supervision_expiry)}, missing


def head_of_office(office) -> tuple[dict, list[str]]:
    """Who signs for the head: the Kepala, or the Plh./Plt. the office's settings name while acting."""
    if office.acting_role:
        missing = [] if office.acting_name and office.acting_nip else [
            _("The name and NIP of the acting head (%(role)s) are not filled in.", role=office.acting_role)]
        return {"jabatan": f"{office.acting_role} Kepala {office.name}", "jabatan_singkat":
                f"{office.acting_role} Kepala", "nama": office.acting_name or "", "nip": office.acting_nip or "",
                "pangkat": office.acting_rank or ""}, missing
    missing = []
    if not office.head_name:
        missing.append(_("The name of the head of the office is not filled in."))
    if not office.head_nip:
        missing.append(_("The NIP of the head of the office is not filled in."))
    return {"jabatan": f"Kepala {office.name}", "jabatan_singkat": "Kepala", "nama": office.head_name or "",
            "nip": office.head_nip or "", "pangkat": office.head_rank or ""}, missing


def pk_signer(pk) -> tuple[dict, list[str]]:
    if pk is None:
        return {}, [_("No PK is assigned to the client.")]
    missing = [] if pk.nip else [_("The NIP of the PK %(name)s is not filled in.", name=pk.get_full_name())]
    return {"jabatan": pk.jabatan or "Pembimbing Kemasyarakatan", "nama": pk.get_full_name(), "nip": pk.nip or "",
            "pangkat": pk.pangkat or ""}, missing
