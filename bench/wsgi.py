"""WSGI entry for gunicorn in the benchmarks: the app as ``create_app()`` builds
it from the environment (config.Config), plus the bare FAB floor view over the
office named by SIBIKA_BENCH_BARE_OFFICE.

    SIBIKA_DATABASE_URL=... SIBIKA_BENCH_BARE_OFFICE=1 gunicorn -w 4 bench.wsgi:app
"""
from __future__ import annotations

import os

from app import create_app
from bench.harness import register_bare_view

app = create_app()
if os.environ.get("SIBIKA_BENCH_BARE_OFFICE"):
    register_bare_view(app, int(os.environ["SIBIKA_BENCH_BARE_OFFICE"]))
