"""Demo data (Faker, id_ID): a living office for a first look. Never run in production."""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from faker import Faker
from sqlalchemy import select

from app.clients import assignments
from app.clients import next_number
from app.demo import complaints as demo_complaints
from app.demo.lifecycle import live_through
from app.guidance.assessment.store import ensure_demo as ensure_demo_instrument
from app.platform import reference_data, roles
from app.supervision.record_rules import REVOCABLE_KINDS
from app.survey import demo as survey_demo
from models import (
    Client,
    ClientConfidential,
    Guardian,
    Handover,
    HandoverDocumentType,
    Office,
    Partner,
    PKAssignment,
    SupervisionKind,
)
from models.choices import EDUCATION, PARTNER_KIND, RELIGION, ClientStatus

OFFICES = [
    ("BPS-JKT-TIM", "Balai Pemasyarakatan Kelas I Jakarta Timur-Utara", "Jakarta", "Kantor Wilayah DKI Jakarta"),
    ("BPS-BDG", "Balai Pemasyarakatan Kelas I Bandung", "Bandung", "Kantor Wilayah Jawa Barat"),
]

# (role, username suffix) — one account per role in the first office, PKs in both.
STAFF = [
    (roles.KEPALA, "kepala"), (roles.PK, "pk1"), (roles.PK, "pk2"), (roles.PK, "pk3"),
    (roles.REGISTRASI, "registrasi"), (roles.PENGADUAN, "pengaduan"), (roles.TPP, "tpp1"), (roles.TPP, "tpp2"),
]
# Where a client of each kind of supervision comes from.
ORIGIN_OF_KIND = {"DIV": "kepolisian", "PDS": "pengadilan", "PK": "pengadilan", "LAIN": "kejaksaan"}
STATUS_MIX = [ClientStatus.AKTIF] * 6 + [ClientStatus.TERDAFTAR, ClientStatus.SELESAI, ClientStatus.SELESAI,
                                         ClientStatus.DICABUT, ClientStatus.DIPINDAHKAN, ClientStatus.MENINGGAL]


def _nip(fake: Faker, birth: date) -> str:
    return f"{birth:%Y%m%d}{fake.random_int(2005, 2022)}{fake.random_int(1, 12):02d}1{fake.random_int(1, 999):03d}"


def load(session, sm, *, clients: int, seed: int, password: str, today: date | None = None,
         upload_dir: str = "instance/uploads") -> dict[str, str]:
    """Create offices, staff and ``clients`` clients; return {role: username} of demo logins."""
    today = today or date.today()
    fake = Faker("id_ID")
    Faker.seed(seed)
    rnd = random.Random(seed)
    reference_data.ensure(session)
    ensure_demo_instrument(session)
    kinds = session.scalars(select(SupervisionKind)).all()
    doc_types = session.scalars(select(HandoverDocumentType)).all()
    logins: dict[str, str] = {}
    offices = []
    for index, (code, name, city, kanwil) in enumerate(OFFICES):
        office = session.scalars(select(Office).where(Office.code == code)).one_or_none()
        if office is None:
            office = Office(code=code, name=name, city=city, regional_office=kanwil,
                            address=fake.address().replace("\n", ", "), phone=fake.phone_number(),
                            email=f"{code.lower()}@bapas.example.id", head_name=fake.name(),
                            head_nip=_nip(fake, fake.date_of_birth(minimum_age=40, maximum_age=55)),
                            website=f"{code.lower()}.bapas.example.id", head_rank="Pembina (IV/a)",
                            registration_pattern="BA.{seq:04d}/{year}" if index == 0 else "REG-{office}-{year}-{seq:03d}")
            session.add(office)
            session.flush()
        offices.append(office)
        staff_by_role: dict[str, list] = {}
        for role_name, suffix in STAFF:
            if index and role_name not in (roles.PK, roles.KEPALA, roles.TPP):
                continue
            username = f"{suffix}" if index == 0 else f"{suffix}.{code.lower()}"
            user = sm.find_user(username=username)
            if not user:
                first, last = fake.first_name(), fake.last_name()
                user = sm.add_user(username, first, last, f"{username}@bapas.example.id", [sm.find_role(role_name)],
                                   password)
                user = sm.find_user(username=username)
                user.nip = _nip(fake, fake.date_of_birth(minimum_age=25, maximum_age=55))
                user.jabatan = "Pembimbing Kemasyarakatan" if role_name == roles.PK else str(role_name)
                user.pangkat = rnd.choice(["Penata Muda (III/a)", "Penata Muda Tk. I (III/b)", "Penata (III/c)"])
                user.office_id = office.id
            staff_by_role.setdefault(role_name, []).append(user)
            if index == 0:
                logins.setdefault(role_name, username)
        session.commit()
        for _ in range(4):
            session.add(Partner(office_id=office.id, name=fake.company(), kind=rnd.choice(list(PARTNER_KIND)),
                                contact_person=fake.name(), phone=fake.phone_number(),
                                services=rnd.choice(["Kursus menjahit", "Bimbingan rohani", "Sekolah paket B",
                                                     "Pelatihan bengkel motor", "Konseling adiksi"])))
        share = clients // len(OFFICES) + (clients % len(OFFICES) if index == 0 else 0)
        for n in range(share):
            _client(session, fake, rnd, office, staff_by_role, kinds, doc_types, STATUS_MIX[n % len(STATUS_MIX)],
                    today)
        session.commit()
    demo_complaints.load(session, offices[0], upload_dir, rnd)
    survey_demo.load(session, offices[0], rnd, today)
    return logins


def _client(session, fake, rnd, office, staff_by_role, kinds, doc_types, status, today):
    offence = today - timedelta(days=rnd.randint(200, 1400))
    age_at_offence_days = rnd.randint(12 * 365 + 10, 18 * 365 - 10)
    birth = offence - timedelta(days=age_at_offence_days)
    sex = rnd.choice(["L", "L", "L", "P"])
    # Children carry no academic titles: first and last name only.
    first = fake.first_name_male() if sex == "L" else fake.first_name_female()
    name = f"{first} {fake.last_name()}"
    decision = offence + timedelta(days=rnd.randint(30, 120))
    # Only PB, CB and CMB can be revoked.
    kind = rnd.choice([k for k in kinds if status != ClientStatus.DICABUT or k.code in REVOCABLE_KINDS])
    start = min(decision + timedelta(days=rnd.randint(30, 200)), today - timedelta(days=rnd.randint(10, 60)))
    expiry = start + timedelta(days=rnd.randint(180, 1100))
    if status == ClientStatus.AKTIF and expiry <= today:
        expiry = today + timedelta(days=rnd.randint(30, 500))
    if status == ClientStatus.SELESAI and expiry > today:
        span = (today - start).days
        expiry = start + timedelta(days=max(1, span - rnd.randint(1, max(1, span // 3))))
    client = Client(
        office_id=office.id, office=office, full_name=name, alias=rnd.choice([None, fake.first_name()]),
        sex=sex, birth_place=fake.city_name(), birth_date=birth, nik=None,
        religion=rnd.choice(list(RELIGION)), education=rnd.choice(list(EDUCATION)),
        address=fake.address().replace("\n", ", "), offence_date=offence,
        offence_article=rnd.choice(["Pasal 362 KUHP", "Pasal 351 ayat (1) KUHP", "Pasal 365 KUHP",
                                    "Pasal 114 UU 35/2009", "Pasal 170 KUHP"]),
        decision_number=f"{rnd.randint(1, 300)}/Pid.Sus-Anak/{decision.year}/PN {office.city[:3]}",
        decision_date=decision, sentence=f"Pidana penjara {rnd.randint(3, 24)} bulan",
        supervision_kind_id=kind.id, basis_document=f"PAS-{rnd.randint(1000, 9999)}.PK.01.04.06",
        origin=ORIGIN_OF_KIND.get(kind.code, "lpka"), status=ClientStatus.TERDAFTAR,
        supervision_start=None if status == ClientStatus.TERDAFTAR else start,
        supervision_expiry=None if status == ClientStatus.TERDAFTAR else expiry,
        # Registered on the day the client was received (09.00 WIB), so the client register reads like the book.
        created_at=datetime.combine(start, time(2, 0)),
    )
    next_number.fill_number(session, client, start.year)
    session.add(client)
    session.flush()
    for relation in rnd.sample(["ayah", "ibu", "wali"], rnd.randint(1, 2)):
        session.add(Guardian(client_id=client.id, relation=relation,
                             name=fake.name_male() if relation == "ayah" else fake.name_female(),
                             occupation=fake.job(), address=client.address, phone=fake.phone_number()))
    if status == ClientStatus.TERDAFTAR:
        return
    receiver = (staff_by_role.get(roles.REGISTRASI) or staff_by_role[roles.PK])[0]
    handover = Handover(client_id=client.id, handover_date=start, handing_party=f"LPKA Kelas II {office.city}",
                        handing_officer=fake.name(), receiving_officer_id=receiver.id,
                        documents=[d for d in doc_types if d.required])
    session.add(handover)
    pk = rnd.choice(staff_by_role[roles.PK])
    assignment = PKAssignment(client=client, client_id=client.id, pk_id=pk.id, start_date=start, reason="")
    assignments.apply(session, assignment, None)
    session.add(assignment)
    session.flush()
    live_through(session, client, status, today, rnd, pk.id)
    if rnd.random() < 0.7:
        session.add(ClientConfidential(
            client_id=client.id,
            health=rnd.choice(["Sehat", "Asma ringan, kontrol rutin di puskesmas", "Riwayat penggunaan zat"]),
            household=rnd.choice(["Tinggal dengan ibu dan dua adik", "Orang tua bercerai, tinggal dengan nenek"]),
            safety=rnd.choice(["Tidak ada ancaman", "Pernah diancam kelompok geng setempat"]),
            programme_notes="Konseling mingguan; pendampingan kembali ke sekolah."))
