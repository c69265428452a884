"""Letter numbers: one pattern per office and document type and a counter per
office, type and year (app.platform.counters), so two users never get the same number."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.clients.register_numbers import pattern_errors
from app.errors import DomainError
from app.platform import number_pattern
from app.platform.counters import take_next
from models import LetterCounter, LetterPattern, Office

DEFAULT_PATTERN = "{office}/PK.01.05/{type}/{seq:04d}/{year}"
# Short codes for {type} in a pattern.
TYPE_CODES = {"laporan_perkembangan": "LP", "surat_keterangan_akhir": "SKA", "berita_acara_serah_terima": "BAST",
              "surat_jawaban_pengaduan": "ADU", "berita_acara_sidang_tpp": "TPP",
              "kartu_bimbingan": "KBK", "kontrak_bimbingan": "KTR", "berita_acara_pengakhiran": "BAP",
              "litmas": "LITMAS", "surat_pengantar_pindah": "PINDAH",
              "berita_acara_pindah": "BASTP"}


def pattern_for(session, office: Office, doc_type: str) -> str:
    found = session.scalars(select(LetterPattern).where(LetterPattern.office_id == office.id,
                                                        LetterPattern.doc_type == doc_type)).first()
    return found.pattern if found else DEFAULT_PATTERN


def next_number(session, office: Office, doc_type: str, year: int) -> str:
    seq = take_next(session, LetterCounter, office_id=office.id, doc_type=doc_type, year=year)
    pattern = pattern_for(session, office, doc_type)
    try:
        return number_pattern.fill(pattern, {"seq": seq, "year": year, "office": office.code,
                                             "type": TYPE_CODES.get(doc_type, doc_type)})
    except ValueError as exc:
        # A pattern stored before the rule was strict (or written by hand) is not obeyed.
        raise DomainError(_("The letter numbering pattern %(pattern)s of this office is not valid; ask the Admin "
                            "to correct it.", pattern=pattern)) from exc


LETTER_FIELDS = {"seq", "year", "office", "type"}


def pattern_problems(pattern: str) -> dict[str, list[str]]:
    """A pattern must hold {seq} and only the known fields, and format cleanly."""
    messages = {"malformed": _("The pattern is not well formed."),
                "missing_seq": _("The pattern must contain {seq} (the running number)."),
                "unknown_field": _("The pattern may use only {seq}, {year}, {office} and {type}."),
                "field_form": _("A field is written {seq} or with a width, e.g. {seq:04d}: no attribute, index, "
                                "conversion or field inside a field.")}
    errors = pattern_errors(pattern, LETTER_FIELDS)
    return {"pattern": [messages[e] for e in errors]} if errors else {}
