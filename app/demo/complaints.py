"""Demo data: complaints at every step of their handling, made with the real commands."""
from __future__ import annotations

from sqlalchemy import select

from app.platform import roles
from app.complaints import intake, workflow
from models import ComplaintCategory, Office, Staff

TEXTS = [
    "Antrean di loket wajib lapor sangat lama, anak saya menunggu hampir tiga jam.",
    "Petugas tidak menjelaskan jadwal wajib lapor dengan jelas.",
    "Saya tidak mendapat kabar tentang hasil sidang TPP anak saya.",
    "Ruang tunggu tidak nyaman dan tidak ada tempat untuk ibu menyusui.",
    "Jadwal kunjungan rumah berubah tanpa pemberitahuan.",
    "Formulir pengaduan di situs sulit ditemukan.",
]
PATHS = [
    (), ("ditelaah",), ("ditelaah", "arahan"), ("ditelaah", "arahan", "tindak_lanjut"),
    ("ditelaah", "arahan", "tindak_lanjut", "dijawab", "selesai"), ("ditolak",),
]


def load(session, office: Office, upload_dir: str, rnd) -> None:
    intake.ensure_defaults(session)
    categories = session.scalars(select(ComplaintCategory)).all()

    def staff(role):
        return session.scalars(select(Staff).where(Staff.office_id == office.id,
                                                   Staff.roles.any(name=role))).first()

    unit, kepala, official = staff(roles.PENGADUAN), staff(roles.KEPALA), staff(roles.PK)
    if not (unit and kepala and official):
        return
    for text, path in zip(TEXTS, PATHS):
        complaint = intake.receive(session, intake.Submission(
            office_id=office.id, category_id=rnd.choice(categories).id, text=text,
            channel=rnd.choice(["web", "web", "langsung", "telepon"])), upload_dir)
        for name in path:
            actor = {"arahan": kepala, "tindak_lanjut": official}.get(name, unit)
            workflow.run(session, workflow.STEPS[name], complaint, workflow.StepInput(
                text={"ditelaah": "Direkomendasikan perbaikan layanan.", "arahan": "Segera klarifikasi ke pengadu.",
                      "tindak_lanjut": "Sudah dilakukan perbaikan dan klarifikasi.",
                      "dijawab": "Terima kasih atas masukan Anda; layanan telah kami perbaiki.",
                      "selesai": "Ditutup.", "ditolak": "Pengaduan di luar kewenangan Bapas."}[name],
                by=actor, assigned_to=official, action_kind="perbaikan_klarifikasi"))
    session.commit()
