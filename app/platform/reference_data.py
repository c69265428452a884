"""Reference rows every installation needs (idempotent)."""
from __future__ import annotations

from sqlalchemy import select

from models import HandoverDocumentType, SupervisionKind

SUPERVISION_KINDS = [
    ("PB", "Pembebasan Bersyarat"),
    ("CB", "Cuti Bersyarat"),
    ("CMB", "Cuti Menjelang Bebas"),
    ("ASM", "Asimilasi"),
    ("PDS", "Pidana dengan Syarat / Pengawasan"),
    ("PK", "Pelatihan Kerja"),
    ("DIV", "Diversi"),
    ("LAIN", "Lainnya"),
]

HANDOVER_DOCUMENTS = [
    ("Surat Keputusan (SK) program / putusan pengadilan", True),
    ("Salinan putusan pengadilan", True),
    ("Berita acara pelaksanaan putusan", False),
    ("Surat jaminan orang tua / wali", True),
    ("Kartu identitas (KK/KTP/akta kelahiran)", False),
    ("Hasil litmas sebelumnya", False),
    ("Foto klien", False),
]


def ensure(session) -> None:
    known = set(session.scalars(select(SupervisionKind.code)))
    for code, name in SUPERVISION_KINDS:
        if code not in known:
            session.add(SupervisionKind(code=code, name=name, active=True))
    known_docs = set(session.scalars(select(HandoverDocumentType.name)))
    for name, required in HANDOVER_DOCUMENTS:
        if name not in known_docs:
            session.add(HandoverDocumentType(name=name, required=required))
    session.commit()
