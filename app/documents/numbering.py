"""Letter numbers: one pattern per office and document type and a counter per
office, type and year (app.counters), so two users never get the same number."""
from __future__ import annotations

from sqlalchemy import select

from app.counters import take_next
from models import LetterCounter, LetterPattern, Office

DEFAULT_PATTERN = "{office}/PK.01.05/{type}/{seq:04d}/{year}"
# Short codes for {type} in a pattern.
TYPE_CODES = {"laporan_perkembangan": "LP", "surat_keterangan_akhir": "SKA", "berita_acara_serah_terima": "BAST",
              "surat_jawaban_pengaduan": "ADU", "berita_acara_sidang_tpp": "TPP",
              "kartu_bimbingan": "KBK"}


def pattern_for(session, office: Office, doc_type: str) -> str:
    found = session.scalars(select(LetterPattern).where(LetterPattern.office_id == office.id,
                                                        LetterPattern.doc_type == doc_type)).first()
    return found.pattern if found else DEFAULT_PATTERN


def next_number(session, office: Office, doc_type: str, year: int) -> str:
    seq = take_next(session, LetterCounter, office_id=office.id, doc_type=doc_type, year=year)
    return pattern_for(session, office, doc_type).format(seq=seq, year=year, office=office.code,
                                                          type=TYPE_CODES.get(doc_type, doc_type))
