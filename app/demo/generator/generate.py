"""Data generator: fills a migrated SIBIKA database with the shape of a province
or the whole country — offices, staff of every role, clients in every status
with their handovers, assessments, programmes, TPP sessions and decisions,
progress book (about 20 activities a client a year), apel logs, monthly reports,
document metadata and complaints.

    flask sibika generate --scale small|national [--seed N] [--password P]
    .venv/bin/python -m app.demo.generator.generate --scale small --url sqlite:///instance/gen.db

Rows are made by app/demo/generator/life.py (which follows the product's own rules) and
written by app/demo/generator/bulk.py (COPY on PostgreSQL). The document rows are metadata
only: their .docx files are not written, so downloading one answers "not found".
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, time as clock, timedelta

from sqlalchemy import select, text

from app.demo.generator.bulk import BulkWriter
from app.demo.generator.life import ClientLife, Ctx, OfficeCtx


@dataclass(frozen=True)
class Scale:
    offices: int
    clients: int


SCALES = {"small": Scale(offices=3, clients=2_000), "national": Scale(offices=90, clients=100_000)}
# Over the years most clients have finished; about a third are under supervision now.
STATUS_WEIGHTS = {"aktif": 34, "terdaftar": 2, "selesai": 48, "dicabut": 6, "dipindahkan": 8, "meninggal": 2}
CITIES = ["Jakarta Pusat", "Jakarta Timur", "Jakarta Selatan", "Bandung", "Bogor", "Bekasi", "Cirebon", "Garut",
          "Semarang", "Surakarta", "Pekalongan", "Purwokerto", "Magelang", "Yogyakarta", "Surabaya", "Malang",
          "Kediri", "Madiun", "Jember", "Bojonegoro", "Serang", "Tangerang", "Medan", "Pematangsiantar",
          "Padang", "Bukittinggi", "Pekanbaru", "Jambi", "Palembang", "Bengkulu", "Bandar Lampung", "Pangkalpinang",
          "Tanjungpinang", "Batam", "Banda Aceh", "Lhokseumawe", "Pontianak", "Singkawang", "Palangka Raya",
          "Banjarmasin", "Samarinda", "Balikpapan", "Tarakan", "Manado", "Gorontalo", "Palu", "Makassar",
          "Parepare", "Bone", "Kendari", "Mamuju", "Denpasar", "Karangasem", "Mataram", "Sumbawa", "Kupang",
          "Atambua", "Ambon", "Ternate", "Jayapura", "Merauke", "Manokwari", "Sorong", "Nabire", "Klaten",
          "Pati", "Cilacap", "Tegal", "Sukabumi", "Karawang", "Tasikmalaya", "Indramayu", "Blitar", "Pamekasan",
          "Probolinggo", "Banyuwangi", "Sibolga", "Padangsidimpuan", "Dumai", "Lubuklinggau", "Metro",
          "Kotabaru", "Sampit", "Bitung", "Luwuk", "Palopo", "Bulukumba", "Bima", "Ende", "Tual", "Wamena"]
STAFF_ROLES = [("kepala", "Kepala Bapas", 1), ("registrasi", "Petugas Registrasi", 2),
               ("pengaduan", "Unit Pengaduan", 1), ("tpp", "Anggota TPP", 3)]
CLIENTS_PER_PK = 60  # over the years; about 20 under supervision at a time
USER = ("id", "first_name", "last_name", "username", "password", "active", "email", "created_on", "changed_on",
        "nip", "jabatan", "pangkat", "office_id")


def username(office_no: int, role: str, n: int | None = None) -> str:
    """Login names of generated staff: ``o01.kepala``, ``o01.pk03``."""
    return f"o{office_no:02d}.{role}" + (f"{n:02d}" if n is not None else "")


def _names(seed: int):
    from faker import Faker

    fake = Faker("id_ID")
    fake.seed_instance(seed)
    return ({"L": sorted({fake.first_name_male() for _ in range(400)}),
             "P": sorted({fake.first_name_female() for _ in range(400)})},
            sorted({fake.last_name() for _ in range(400)}), sorted({fake.city_name() for _ in range(200)}))


def _reference(session):
    from app.platform import reference_data
    from app.guidance.assessment.store import ensure_demo
    from app.complaints import intake
    from models import HandoverDocumentType, SupervisionKind

    reference_data.ensure(session)
    intake.ensure_defaults(session)
    instrument = ensure_demo(session)
    items = [(i.id, d.code, i.protective, [(o.id, o.score) for o in i.options])
             for d in instrument.domains for i in d.items]
    cutoffs = [(c.category, c.min_score, c.max_score) for c in instrument.cutoffs]
    kinds = [(k.id, k.code) for k in session.scalars(select(SupervisionKind).order_by(SupervisionKind.id))]
    docs = list(session.scalars(select(HandoverDocumentType.id).where(HandoverDocumentType.required)))
    session.commit()
    return kinds, docs, (instrument.id, items, cutoffs)


def _staff(w: BulkWriter, sm, office_id: int, office_no: int, pk_count: int, password_hash: str, rnd) -> dict:
    role_ids = {r.name: r.id for r in sm.get_all_roles()}
    made: dict[str, list[int]] = {}
    now = datetime.now().replace(microsecond=0)
    for role, role_name, count in STAFF_ROLES + [("pk", "PK", pk_count)]:
        for n in range(count):
            login = username(office_no, role, None if count == 1 and role != "pk" else n + 1)
            user = w.new_id("ab_user")
            w.add("ab_user", USER, (user, role_name.split()[0].title(), f"{office_no:02d}-{n + 1}", login,
                                    password_hash, True, f"{login}@bapas.example.id", now, now,
                                    f"1980{user:014d}",
                                    "Pembimbing Kemasyarakatan" if role == "pk" else role_name,
                                    "Penata Muda (III/a)", office_id))
            w.add("ab_user_role", ("id", "user_id", "role_id"), (w.new_id("ab_user_role"), user, role_ids[role_name]))
            made.setdefault(role, []).append(user)
    return made


def _complaints(w: BulkWriter, office: OfficeCtx, pengaduan: int, categories, today: date, rnd, per_year: int):
    from app.complaints.deadlines import add_working_days
    from app.complaints.intake import tracking_number

    chain = ["diterima", "ditelaah", "arahan", "tindak_lanjut", "dijawab", "selesai"]
    for _ in range(per_year * 6):
        received = today - timedelta(days=rnd.randint(0, 6 * 365))
        category_id, days = rnd.choice(categories)
        age = (today - received).days
        reached = len(chain) if age > 60 else rnd.randint(1, len(chain))
        complaint = w.new_id("complaint")
        at = datetime.combine(received, clock(3, 0))
        w.add("complaint", ("id", "office_id", "tracking_number", "channel", "category_id", "text", "consent_contact",
                            "received_at", "due_on", "status", "public_reply", "assigned_to_id", "recorded_by_id",
                            "version"),
              (complaint, office.id, tracking_number(), rnd.choice(["web", "langsung", "telepon", "sms_wa"]),
               category_id, "Layanan wajib lapor di kantor Bapas memerlukan waktu tunggu yang lama.", False, at,
               add_working_days(received, days, set()), chain[reached - 1],
               "Terima kasih, antrean wajib lapor telah kami perbaiki." if reached >= 5 else None,
               office.registrar if reached >= 3 else None, pengaduan, 1))
        for n, status in enumerate(chain[:reached]):
            w.add("complaint_step", ("id", "complaint_id", "status", "at", "by_id", "text", "action_kind",
                                     "assigned_to_id"),
                  (w.new_id("complaint_step"), complaint, status, at + timedelta(days=n), pengaduan,
                   None if status == "diterima" else "Ditindaklanjuti sesuai standar pelayanan.",
                   "perbaikan" if status == "tindak_lanjut" else None,
                   office.registrar if status == "arahan" else None))


def _counters(w: BulkWriter, ctx: Ctx) -> None:
    for (office, year), seq in ctx.reg_seq.items():
        w.add("registration_counter", ("office_id", "year", "last_seq"), (office, year, seq))
    for (office, doc_type, year), seq in ctx.letter_seq.items():
        w.add("letter_counter", ("office_id", "doc_type", "year", "last_seq"), (office, doc_type, year, seq))


def generate(app, scale: str = "small", seed: int = 2026, password: str = "Bench-Sandi-2026!",
             today: date | None = None, echo=print, clients: int | None = None,
             offices: int | None = None, report=None) -> dict[str, int]:
    """Fill the migrated database of ``app``; returns rows written per table.
    ``clients`` / ``offices`` override the scale's numbers (tests use a handful);
    ``report(done, total, step)`` hears of each office done (a background job's bar)."""
    from app.extensions import db
    from models import ComplaintCategory, Office

    spec = Scale(offices or SCALES[scale].offices, clients or SCALES[scale].clients)
    today, rnd = today or date.today(), random.Random(seed)
    began = time.perf_counter()
    with app.app_context():
        sm = app.appbuilder.sm
        if db.session.scalar(select(Office.id).where(Office.code.like("GEN-%")).limit(1)):
            raise ValueError("This database holds generated data already.")
        sm.sync()
        kinds, docs, instrument = _reference(db.session)
        categories = [(c.id, c.response_days) for c in db.session.scalars(select(ComplaintCategory))]
        from werkzeug.security import generate_password_hash

        password_hash = generate_password_hash(password)
        first_names, last_names, places = _names(seed)
        connection = db.session.connection()
        w = BulkWriter(connection)
        ctx = Ctx(w, rnd, today, kinds, docs, instrument, first_names, last_names, places)
        statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        for n in range(spec.offices):
            share = spec.clients // spec.offices + (1 if n < spec.clients % spec.offices else 0)
            city = CITIES[n % len(CITIES)] + ("" if n < len(CITIES) else f" {n // len(CITIES) + 1}")
            office_id = w.new_id("office")
            code = f"GEN-{n + 1:03d}"
            w.add("office", ("id", "code", "name", "regional_office", "address", "city", "head_name", "head_nip",
                             "registration_pattern"),
                  (office_id, code, f"Balai Pemasyarakatan Kelas II {city}", f"Kantor Wilayah {city}",
                   f"Jl. Pemasyarakatan No. {n + 1}, {city}", city, f"Kepala {city}", f"19700101199503100{n % 10}"[:18],
                   "BA.{seq:04d}/{year}" if n % 2 == 0 else "REG-{office}-{year}-{seq:05d}"))
            staff = _staff(w, sm, office_id, n + 1, max(3, share // CLIENTS_PER_PK), password_hash, rnd)
            pks = staff["pk"]
            office = OfficeCtx(office_id, code, city, "BA.{seq:04d}/{year}" if n % 2 == 0 else
                               "REG-{office}-{year}-{seq:05d}", pks, [k + 1 for k in range(len(pks))],
                               staff["tpp"], staff["registrasi"][0], staff["kepala"][0])
            w.flush()
            for _ in range(share):
                life = ClientLife(ctx, office)
                life.run(rnd.choices(statuses, weights)[0])
                life.finish()
                w.maybe_flush()
            _complaints(w, office, staff["pengaduan"][0], categories, today, rnd, per_year=max(5, share // 30))
            if report:
                report(n + 1, spec.offices, code)
            if (n + 1) % 10 == 0:
                echo(f"  {n + 1} offices, {w.next_id.get('client', 1) - 1} clients so far "
                     f"({time.perf_counter() - began:.0f} s)")
        _counters(w, ctx)
        w.finish()
        db.session.commit()
        if connection.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
    counts = dict(sorted(w.counts.items()))
    echo(f"Generated ({scale}, seed {seed}) in {time.perf_counter() - began:.1f} s:")
    for table, count in counts.items():
        echo(f"  {table:<22} {count:>10,}")
    echo(f"Logins: {username(1, 'kepala')}, {username(1, 'pk', 1)} ... password {password}")
    return counts


def main() -> None:
    import argparse

    import config
    from flask_migrate import upgrade

    from app import create_app

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--url", required=True, help="database URL (migrated here)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    class Cfg(config.Config):
        SQLALCHEMY_DATABASE_URI = args.url

    app = create_app(Cfg)
    with app.app_context():
        upgrade()
    generate(app, args.scale, args.seed)


if __name__ == "__main__":
    main()
