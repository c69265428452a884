"""The same screens through gunicorn (4 sync workers) on loopback: each screen
timed for one user at a time, then a mixed load of many users (bench/load.py)."""
from __future__ import annotations

import math
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench import load
from bench.harness import PASSWORD

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(url: str, office_id: int, workers: int = 4):
    port = _free_port()
    instance = tempfile.mkdtemp(prefix="sibika_bench_instance_")
    env = {**os.environ, "SIBIKA_DATABASE_URL": url, "SIBIKA_SECRET_KEY": secrets.token_urlsafe(32),
           "SIBIKA_INSTANCE_DIR": instance, "SIBIKA_BENCH_BARE_OFFICE": str(office_id)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--chdir", str(ROOT),
                                "--timeout", "120", "--log-level", "warning", "bench.wsgi:app"], env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if load.Browser(base).get("/login/")[0] == 200:
                return process, base
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not answer")


def _users(url: str, office_count: int, count: int, dashboard: str) -> list[tuple[str, list[str]]]:
    """PKs and Kepalas spread over the offices, each with the screens of the day."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT u.username, min(c.id) FROM ab_user u JOIN client c ON c.current_pk_id = u.id "
            "WHERE c.status = 'aktif' GROUP BY u.username ORDER BY u.username")).all()
    engine.dispose()
    pks = {name: client for name, client in rows}
    users = []
    month = date.today().replace(day=1)
    kepala_paths = [dashboard, "/clientview/list/", "/clientview/list/?_flt_3_status=aktif",
                    "/clientview/list/?_oc_ClientView=supervision_expiry&_od_ClientView=desc",
                    "/jatuh-tempo/", f"/register/buku/tahapan?bulan={month:%Y-%m}"]
    for n in range(count):
        office = n % office_count + 1
        if n % 5 == 4:
            users.append((f"o{office:02d}.kepala", kepala_paths))
            continue
        name = f"o{office:02d}.pk{n // office_count % 3 + 1:02d}"
        client = pks.get(name)
        paths = [dashboard, "/clientview/list/", "/jatuh-tempo/", "/progressentryview/list/"]
        if client:
            paths += [f"/clientview/show/{client}", f"/bimbingan/{client}",
                      f"/progressentryview/list/?_flt_0_client={client}"]
        users.append((name, paths))
    return users


def measure(url: str, uploads: str, picked: dict, month: date, repeat: int, users: int, seconds: int) -> dict:
    from bench.run import single_user_paths

    process, base = _start(url, picked["office_id"])
    try:
        browsers = {}
        single = []
        for _group, label, who, path in single_user_paths(picked, month):
            if who not in browsers:
                browsers[who] = load.Browser(base)
                browsers[who].login(who, PASSWORD)
            timings = []
            for n in range(repeat + 1):
                elapsed, status = load.timed_get(browsers[who], path)
                if status != 200:
                    raise RuntimeError(f"{path}: HTTP {status}")
                if n:
                    timings.append(elapsed)
            ordered = sorted(timings)
            single.append((label, statistics.median(timings), ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]))
            print(f"  gunicorn {label:<49} median {single[-1][1]:8.1f} ms  p95 {single[-1][2]:8.1f} ms")
        offices = min(10, _office_count(url))
        found = load.mixed_load(base, _users(url, offices, users, picked["dashboard"]), PASSWORD, seconds)
        print(f"  mixed load: {found}")
        return {"single": single, "load": found}
    finally:
        process.terminate()
        process.wait(timeout=30)


def _office_count(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM office WHERE code LIKE 'GEN-%'")).scalar()
    engine.dispose()
    return count
