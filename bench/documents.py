"""Benchmark: one letter end to end and the bare docxtpl render of the same template for
comparison (the floor, measured in the same run).

    .venv/bin/python bench/documents.py [--repeat 7]

Every letter request issues a new letter (one live letter per matter: each goes to another
client) and must redirect to the issued document; a refusal stops the run. The month's batch
is a background job now (app/jobs, tests/web/test_jobs.py) and is not timed here.

"One letter, compiled every time" clears the compiled-template cache (app.documents.compiled)
before each request: the letter as it cost before the cache, in the same run. The load average
(os.getloadavg) is printed before and after: a run above 2 is noisy, repeat it.

SQLite in a temporary folder, built with the real migrations; requests go
through the real WSGI app (Flask's test client), logged in as a PK.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="print cProfile's view of the letter requests")
    args = parser.parse_args()
    from flask import Flask
    from flask_babel import Babel

    from app.documents import compiled, render, samples, templates
    from tests.conftest import PASSWORD, _make_world, build_app

    folder = tempfile.mkdtemp()
    app = build_app(f"sqlite:///{folder}/bench.db", f"{folder}/uploads")
    world = _make_world(app)
    month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    with app.app_context():
        from app.clients import assignments, next_number
        from app.extensions import db
        from sqlalchemy import select

        from models import Client, Office, PKAssignment, ProgressEntry

        office = db.session.get(Office, world.office_a)
        office.address, office.city, office.head_name, office.head_nip = "Jl. Uji 1", "Jakarta", "Kepala Uji", "1" * 18
        for n in range((3 if args.profile else 2) * args.repeat + 1):
            client = Client(office_id=office.id, full_name=f"Klien {n}", sex="L", birth_date=date(2010, 1, 1),
                            offence_date=date(2025, 1, 1), origin="lpka", supervision_kind_id=world.kind_id,
                            basis_document="PAS-1.PK", status="aktif", stage="awal",
                            supervision_start=date.today() - timedelta(days=200),
                            supervision_expiry=date.today() + timedelta(days=300))
            next_number.fill_number(db.session, client, 2026)
            db.session.add(client)
            db.session.flush()
            assignment = PKAssignment(client=client, client_id=client.id, pk_id=world.users["pk_a"],
                                      start_date=client.supervision_start, reason="")
            assignments.apply(db.session, assignment, None)
            db.session.add(assignment)
            for day in (3, 12, 21):
                db.session.add(ProgressEntry(client_id=client.id, office_id=office.id,
                                             happened_on=month + timedelta(days=day), kind="konseling",
                                             what_happened="Konseling", result="Baik"))
        db.session.commit()
        unissued = iter(db.session.scalars(select(Client.id).where(Client.office_id == office.id,
                                                                   Client.full_name.like("Klien %"))).all())

    browser = app.test_client()
    browser.post("/login/", data={"username": "pk_a", "password": PASSWORD})

    def timed_once(action):
        began = time.perf_counter()
        action()
        return [(time.perf_counter() - began) * 1000]

    def one_letter():
        response = browser.post(f"/dokumen/{next(unissued)}/laporan-bulanan", data={"bulan": f"{month:%Y-%m}"})
        assert response.status_code == 302 and "/generateddocumentview/show/" in response.location, (
            response.status_code, response.location)

    bare_app = Flask(__name__)
    Babel(bare_app)
    path = render.TEMPLATE_DIR / templates.SHIPPED["laporan_perkembangan"]

    def bare():
        with bare_app.test_request_context():
            from docxtpl import DocxTemplate

            template = DocxTemplate(str(path))
            template.render(samples.SAMPLES["laporan_perkembangan"])
            template.save(io.BytesIO())

    def one_letter_compiled_every_time():
        compiled.clear()
        one_letter()

    def qr():
        render.qr_png(f"https://bapas.example.id/verifikasi/{os.urandom(18).hex()[:24]}")

    one_letter()  # warm-up: imports, the first compile, the session's first queries
    bare()
    load_before = os.getloadavg()
    results = {}
    # Interleaved rounds, so that a change of the machine's load falls on every figure alike.
    for _ in range(args.repeat):
        for label, action in (("bare docxtpl render + save (floor)", bare),
                              ("one monthly report, end to end", one_letter),
                              ("one letter, compiled every time", one_letter_compiled_every_time),
                              ("QR code of one address (segno PNG)", qr)):
            results.setdefault(label, []).extend(timed_once(action))
    load_after = os.getloadavg()
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(lambda: [one_letter() for _ in range(args.repeat)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
    for label, values in results.items():
        print(f"{label:<40} median {statistics.median(values):9.1f} ms   min {min(values):9.1f} ms   "
              f"max {max(values):9.1f} ms   ({len(values)} runs)")
    floor = statistics.median(results["bare docxtpl render + save (floor)"])
    for label in ("one monthly report, end to end", "one letter, compiled every time"):
        print(f"{label} / bare render: {statistics.median(results[label]) / floor:.2f}x")
    print("load average before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(*load_before, *load_after))


if __name__ == "__main__":
    main()
