"""The parts every letter shares: the kop from the office's data and the signers."""
from __future__ import annotations

from flask_babel import gettext as _

DEFAULT_MINISTRY = "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA"


def kop(office, ministry: str = DEFAULT_MINISTRY) -> tuple[dict, list[str]]:
    missing = []
    if not office.address:
        missing.append(_("The office's address is not filled in."))
    if not office.city:
        missing.append(_("The office's city is not filled in."))
    return {
        "kementerian": ministry, "kanwil": (office.regional_office or "").upper(), "kantor": office.name.upper(),
        "alamat": office.address or "", "telepon": office.phone or "-", "email": office.email or "-",
        "kota": office.city or "",
    }, missing


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
    missing = []
    if not office.head_name:
        missing.append(_("The name of the head of the office is not filled in."))
    if not office.head_nip:
        missing.append(_("The NIP of the head of the office is not filled in."))
    return {"jabatan": f"Kepala {office.name}", "nama": office.head_name or "", "nip": office.head_nip or ""}, missing


def pk_signer(pk) -> tuple[dict, list[str]]:
    if pk is None:
        return {}, [_("No PK is assigned to the client.")]
    missing = [] if pk.nip else [_("The NIP of the PK %(name)s is not filled in.", name=pk.get_full_name())]
    return {"jabatan": pk.jabatan or "Pembimbing Kemasyarakatan", "nama": pk.get_full_name(), "nip": pk.nip or "",
            "pangkat": pk.pangkat or ""}, missing
