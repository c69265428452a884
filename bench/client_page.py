"""Benchmark: the client page against the bare FAB show of the same client, requests interleaved so that
the machine's load falls on both alike; the page is measured with and without views.tab_count (the related
tabs counted from their first page), in the same run.

    .venv/bin/python bench/client_page.py [--backend postgresql] [--repeat 40] [--url URL]

Generated data (``--scale small``: 3 offices, 2,000 clients) in a new database dropped afterwards, unless
``--url`` names one already generated. Prints medians, p95, the ratio to the bare show, the SQL statements
of one request and the load average (os.getloadavg) before and after: a run above 2 is noisy.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness  # noqa: E402
from bench.run import _login, _pick  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--url", help="an already generated database (kept)")
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    from app.extensions import db
    from app.demo.generator.generate import generate
    from views import tab_count

    with harness.database(args.backend, args.url) as url:
        app = harness.build(url, tempfile.mkdtemp(prefix="sibika_bench_uploads_"))
        if not args.url:
            generate(app, "small", password=harness.PASSWORD, today=date.today())
        picked = _pick(app)
        harness.register_bare_view(app, picked["office_id"])
        client_id = picked["long_book"][0]
        pk, kepala = _login(app, picked["big_pk"][0]), _login(app, picked["kepala"])
        with app.app_context():
            engine = db.engine
        counted_from_page = tab_count.query

        def page(counting: bool):
            def request():
                tab_count.query = counted_from_page if counting else (lambda *args, **kwargs: None)
                try:
                    response = pk.get(f"/clientview/show/{client_id}")
                finally:
                    tab_count.query = counted_from_page
                assert response.status_code == 200, response.status_code
            return request

        def bare():
            assert kepala.get(f"/bench-bare/show/{client_id}").status_code == 200

        cases = {"client page": page(True), "client page without tab_count": page(False), "bare FAB show": bare}
        counter = harness.StatementCounter(engine)
        statements = {}
        for label, request in cases.items():
            request()  # warm-up
            counter.count = 0
            request()
            statements[label] = counter.count
        counter.close()
        timings = {label: [] for label in cases}
        load_before = os.getloadavg()
        for _ in range(args.repeat):
            for label, request in cases.items():
                began = time.perf_counter()
                request()
                timings[label].append((time.perf_counter() - began) * 1000)
        load_after = os.getloadavg()
        engine.dispose()
    floor = statistics.median(timings["bare FAB show"])
    for label, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
        print(f"{label:<32} median {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms  "
              f"{statements[label]:>3} SQL  x bare show {statistics.median(values) / floor:.2f}")
    print("load average before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(*load_before, *load_after))


if __name__ == "__main__":
    main()
