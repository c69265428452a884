"""Benchmark: one letter end to end, 100 monthly reports as one .zip, and the bare
docxtpl render of the same template for comparison.

    .venv/bin/python bench/documents.py [--repeat 7] [--clients 100]

SQLite in a temporary folder, built with the real migrations; requests go
through the real WSGI app (Flask's test client), logged in as a PK.
"""
from __future__ import annotations

import argparse
import io
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
    parser.add_argument("--clients", type=int, default=100)
    args = parser.parse_args()
    from flask import Flask
    from flask_babel import Babel

    from app.documents import render, samples, templates
    from tests.conftest import PASSWORD, _make_world, build_app

    folder = tempfile.mkdtemp()
    app = build_app(f"sqlite:///{folder}/bench.db", f"{folder}/uploads")
    world = _make_world(app)
    month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    with app.app_context():
        from app.clients import assignments, next_number as registration_service
        from app.extensions import db
        from models import Client, Office, PKAssignment, ProgressEntry

        office = db.session.get(Office, world.office_a)
        office.address, office.city, office.head_name, office.head_nip = "Jl. Uji 1", "Jakarta", "Kepala Uji", "1" * 18
        for n in range(args.clients):
            client = Client(office_id=office.id, full_name=f"Klien {n}", sex="L", birth_date=date(2010, 1, 1),
                            offence_date=date(2025, 1, 1), origin="lpka", supervision_kind_id=world.kind_id,
                            basis_document="PAS-1.PK", status="aktif", stage="awal",
                            supervision_start=date.today() - timedelta(days=200),
                            supervision_expiry=date.today() + timedelta(days=300))
            registration_service.fill_number(db.session, client, 2026)
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
        first_client = db.session.query(Client).filter_by(full_name="Klien 0").one().id

    browser = app.test_client()
    browser.post("/login/", data={"username": "pk_a", "password": PASSWORD})

    def timed(action):
        out = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            action()
            out.append((time.perf_counter() - began) * 1000)
        return out

    def one_letter():
        response = browser.post(f"/dokumen/{first_client}/laporan-bulanan", data={"bulan": f"{month:%Y-%m}"})
        assert response.status_code == 302, response.status_code

    def batch():
        response = browser.post("/dokumen/laporan-bulanan-semua", data={"bulan": f"{month:%Y-%m}"})
        assert response.status_code == 200 and response.mimetype == "application/zip"

    bare_app = Flask(__name__)
    Babel(bare_app)
    path = render.TEMPLATE_DIR / templates.SHIPPED["laporan_perkembangan"]

    def bare():
        with bare_app.test_request_context():
            from docxtpl import DocxTemplate

            template = DocxTemplate(str(path))
            template.render(samples.SAMPLES["laporan_perkembangan"])
            template.save(io.BytesIO())

    results = {"bare docxtpl render + save": timed(bare), "one monthly report, end to end": timed(one_letter),
               f"{args.clients} monthly reports as one .zip": timed(batch) if args.repeat else []}
    for label, values in results.items():
        print(f"{label:<36} median {statistics.median(values):9.1f} ms   min {min(values):9.1f} ms   "
              f"max {max(values):9.1f} ms   ({len(values)} runs)")
    ratio = statistics.median(results["one monthly report, end to end"]) / statistics.median(
        results["bare docxtpl render + save"])
    print(f"end to end / bare render: {ratio:.1f}x")


if __name__ == "__main__":
    main()
