"""Load with faults: generated data → gunicorn → locust → two database faults → verification.

    .venv/bin/python bench/load_faults.py [--clients 20000] [--users 50] [--seconds 180]

Runs on a PostgreSQL cluster of its own (initdb into --pgdata, port --port, loopback
only), never on the shared server: the second fault restarts it. Steps:

1. initdb + start the private cluster (as the ``postgres`` user when run as root),
   create the database, ``flask db upgrade``, ``flask sibika init`` and
   ``flask sibika generate --scale national --clients N`` (skipped with --reuse when
   the database holds generated data already);
2. the PKs with the most active clients become the simulated users, each with the
   ids of its own active clients (a JSON file for bench/locust_mixed.py);
3. ``./sibika serve`` (gunicorn, --workers sync workers, production settings) on a
   free loopback port, access log to a file;
4. locust, headless, --users users for --seconds; meanwhile ``/health`` is probed
   every 0.2 s, and at --terminate-at seconds every connection of the app is killed
   (``pg_terminate_backend``), at --restart-at seconds the server is restarted
   (``pg_ctl restart -m fast``). The app is never restarted;
5. afterwards every write the server acknowledged (activities with their marker,
   letters with their id; bench/locust_mixed.py logs them) is looked up in the
   database. Missing acknowledged rows make the run exit 1.

Prints a Markdown summary (also ``summary.md`` / ``summary.json`` in --work). The
cluster is stopped and deleted at the end unless --keep. Needs locust in
bench/.venv (bench/requirements.txt). Not part of the test suite.
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACCESS = re.compile(r'\[(\d+/\w+/\d+:\d+:\d+:\d+ [+-]\d+)\] "(\w+) ([^"]*)" (\d{3}) ')


def _pg_bin(args) -> Path:
    if args.pg_bin:
        return Path(args.pg_bin)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("initdb not found: give --pg-bin")
    return Path(found[-1]).parent


def _as_postgres(command: list[str]) -> list[str]:
    """initdb refuses root: run the cluster as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    def __init__(self, pg_bin: Path, pgdata: Path, port: int):
        self.pg_bin, self.pgdata, self.port = pg_bin, pgdata, port
        self.created = False

    def ctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(_as_postgres([str(self.pg_bin / "pg_ctl"), "-D", str(self.pgdata), *args]),
                              capture_output=True, text=True, check=True, cwd="/tmp")

    def start(self) -> None:
        if not (self.pgdata / "PG_VERSION").exists():
            self.pgdata.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.pgdata, "postgres", "postgres")
            subprocess.run(_as_postgres([str(self.pg_bin / "initdb"), "-D", str(self.pgdata), "-U", "postgres",
                                         "--auth=trust"]), capture_output=True, check=True, cwd="/tmp")
            self.created = True
        if subprocess.run(_as_postgres([str(self.pg_bin / "pg_ctl"), "-D", str(self.pgdata), "status"]),
                          capture_output=True, cwd="/tmp").returncode != 0:
            self.ctl("-w", "-l", str(self.pgdata) + ".log", "-o", self.options(), "start")

    def options(self) -> str:
        return f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1"

    def restart(self) -> None:
        self.ctl("-w", "-m", "fast", "-l", str(self.pgdata) + ".log", "-o", self.options(), "restart")

    def stop_and_delete(self) -> None:
        self.ctl("-w", "-m", "fast", "stop")
        shutil.rmtree(self.pgdata)
        Path(str(self.pgdata) + ".log").unlink(missing_ok=True)


def _connect(url: str):
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _secret(path: Path, make) -> str:
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _flask(env: dict, *args: str) -> None:
    subprocess.run([str(ROOT / ".venv/bin/flask"), *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def _prepare(args, url: str, admin_url: str, env: dict) -> None:
    with _connect(admin_url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (args.database,)).fetchone()
        if exists and not args.reuse:
            conn.execute(f'DROP DATABASE "{args.database}"')
        if not exists or not args.reuse:
            conn.execute(f'CREATE DATABASE "{args.database}"')
    _flask(env, "db", "upgrade")
    _flask(env, "sibika", "init")
    with _connect(url) as conn:
        generated = conn.execute("SELECT count(*) FROM office WHERE code LIKE 'GEN-%'").fetchone()[0]
    if not generated:
        began = time.perf_counter()
        _flask(env, "sibika", "generate", "--scale", "national", "--clients", str(args.clients),
               "--password", args.password)
        print(f"generated {args.clients} clients in {time.perf_counter() - began:.0f} s", flush=True)


def _accounts(url: str, count: int) -> list[dict]:
    with _connect(url) as conn:
        rows = conn.execute(
            "SELECT u.username, array_agg(c.id ORDER BY c.id) FROM ab_user u "
            "JOIN client c ON c.current_pk_id = u.id WHERE c.status = 'aktif' AND u.active "
            "GROUP BY u.username ORDER BY count(*) DESC, u.username LIMIT %s", (count,)).fetchall()
    return [{"username": name, "clients": ids} for name, ids in rows]


class Prober(threading.Thread):
    """GET /health every ``every`` seconds; keeps (start, end, status or 0), monotonic clock."""

    def __init__(self, base: str, every: float = 0.2):
        super().__init__(daemon=True)
        self.base, self.every, self.samples, self.stopping = base, every, [], threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            began = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            self.samples.append((began, time.monotonic(), status))
            self.stopping.wait(max(0.0, self.every - (time.monotonic() - began)))

    def recovery(self, fault_at: float, window: float = 60.0) -> dict:
        """Failed probes after the fault and the time from the fault to the first
        success after the last failure (0 when no probe failed)."""
        after = [(t, s) for t, end, s in self.samples if fault_at <= t and end <= fault_at + window]
        failed = [t for t, s in after if s != 200]
        if not failed:
            return {"failed_probes": 0, "probes": len(after), "recovered_after_s": 0.0}
        ok = [t for t, s in after if s == 200 and t > failed[-1]]
        return {"failed_probes": len(failed), "probes": len(after),
                "recovered_after_s": round(ok[0] - fault_at, 2) if ok else None}


def _wait_healthy(base: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited; see its log")
        try:
            with urllib.request.urlopen(base + "/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not become healthy")


def _terminate(url: str, database: str) -> dict:
    with _connect(url) as conn:
        rows = conn.execute(
            "SELECT state, pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
            (database,)).fetchall()
    return {"killed": sum(1 for _state, ok in rows if ok),
            "active_when_killed": sum(1 for state, ok in rows if ok and state != "idle")}


def _access_log(path: Path) -> list[tuple[float, str, int]]:
    rows = []
    for line in path.read_text(errors="replace").splitlines():
        found = ACCESS.search(line)
        if found:
            at = datetime.strptime(found.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
            rows.append((at, found.group(3), int(found.group(4))))
    return rows


def _locust_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def _locust_failures(prefix: Path) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def _verify(url: str, acks_path: Path, run: str) -> dict:
    acked = acks_path.read_text().split("\n") if acks_path.exists() else []
    activities = {line.split(" ", 1)[1] for line in acked if line.startswith("activity ")}
    letters = {int(line.split(" ", 1)[1]) for line in acked if line.startswith("letter ")}
    with _connect(url) as conn:
        found_activities = {row[0] for row in conn.execute(
            "SELECT place FROM progress_entry WHERE place LIKE %s", (f"uji-beban {run}-%",))}
        found_letters = {row[0] for row in conn.execute(
            "SELECT id FROM generated_document WHERE id = ANY(%s)", (sorted(letters),))}
    return {"activities_acknowledged": len(activities), "activities_found": len(activities & found_activities),
            "activities_written_not_acknowledged": len(found_activities - activities),
            "letters_acknowledged": len(letters), "letters_found": len(found_letters),
            "missing": sorted(activities - found_activities)[:20] + sorted(letters - found_letters)[:20]}


def _summary(args, stats, failures, verdict, faults, access) -> str:
    lines = [f"Load with faults, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {args.users} users, "
             f"{args.seconds} s, {args.workers} gunicorn workers, {args.clients:,} generated clients.", "",
             "| endpoint | requests | failures | p50 ms | p95 ms | req/s |", "|---|---|---|---|---|---|"]
    for row in stats:
        lines.append(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                     f"{row['95%']} | {float(row['Requests/s']):.2f} |")
    for fault in faults:
        window = [s for t, _p, s in access if fault["wall"] - 1 <= t <= fault["wall"] + fault["window_s"]]
        fault["http_5xx_within_30s"] = sum(1 for s in window if s >= 500)
        late = [int(t) - int(fault["wall"]) for t, _p, s in access
                if s >= 500 and fault["wall"] - 1 <= t <= fault["wall"] + fault["window_s"]]
        fault["last_5xx_after_s"] = max(late) if late else None
        lines.append("")
        lines.append(f"Fault `{fault['what']}` at {fault['offset_s']} s: {json.dumps(fault['detail'])}; "
                     f"/health: {fault['recovery']['failed_probes']} of {fault['recovery']['probes']} probes failed "
                     f"before the next fault (60 s at most), healthy again {fault['recovery']['recovered_after_s']} s after the fault; "
                     f"5xx in the access log in the next {fault['window_s']:.0f} s: {fault['http_5xx_within_30s']}, "
                     f"the last in second +{fault['last_5xx_after_s']} of the fault (the log's times are whole seconds).")
    lines += ["", "Failures: " + ("none" if not failures else "; ".join(
        f"{f['Occurrences']}× {f['Method']} {f['Name']}: {f['Error'][:160]}" for f in failures))]
    lines += ["", f"Acknowledged writes: activities {verdict['activities_acknowledged']} acknowledged, "
                  f"{verdict['activities_found']} found ({verdict['activities_written_not_acknowledged']} written "
                  f"but not acknowledged); letters {verdict['letters_acknowledged']} acknowledged, "
                  f"{verdict['letters_found']} found."]
    statuses = {}
    for _t, _p, status in access:
        statuses[status] = statuses.get(status, 0) + 1
    lines += ["", "Status codes in the access log: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--terminate-at", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=110)
    parser.add_argument("--pgdata", default="/tmp/pgload")
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--pg-bin", default="")
    parser.add_argument("--database", default="sibika_load")
    parser.add_argument("--work", default="/tmp/sibika_load", help="instance dir, keys, logs, locust output")
    parser.add_argument("--password", default="Bench-Sandi-2026!", help="of the generated staff")
    parser.add_argument("--reuse", action="store_true", help="keep a database that holds generated data")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running (default: stop, delete)")
    args = parser.parse_args()

    locust = ROOT / "bench/.venv/bin/locust"
    if not locust.exists():
        raise SystemExit("locust missing: python3.11 -m venv bench/.venv && "
                         "bench/.venv/bin/pip install -r bench/requirements.txt")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(_pg_bin(args), Path(args.pgdata), args.port)
    cluster.start()
    admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{args.port}/postgres"
    url = f"postgresql+psycopg://postgres@127.0.0.1:{args.port}/{args.database}"
    env = {**os.environ, "FLASK_APP": "app:create_app", "SIBIKA_DATABASE_URL": url, "SIBIKA_INSTANCE_DIR": str(work),
           "SIBIKA_SECRET_KEY": _secret(work / "secret.key.txt", lambda: secrets.token_urlsafe(48)),
           "SIBIKA_FERNET_KEYS": _secret(work / "fernet.key.txt", _fernet_key)}
    gunicorn = None
    try:
        _prepare(args, url, admin_url, env)
        accounts = _accounts(url, args.users)
        (work / "users.json").write_text(json.dumps(accounts))
        print(f"{len(accounts)} PKs, {sum(len(a['clients']) for a in accounts)} active clients in their caseloads",
              flush=True)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        access_path = work / "gunicorn.log"
        serve_env = {**env, "SIBIKA_WORKERS": str(args.workers), "SIBIKA_BIND": f"127.0.0.1:{port}",
                     "SIBIKA_AUTH_RATE_LIMIT": "100000 per minute"}
        with open(access_path, "w") as log:
            gunicorn = subprocess.Popen([str(ROOT / "sibika"), "serve"], cwd=ROOT, env=serve_env, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        _wait_healthy(base, gunicorn)
        run = secrets.token_hex(4)
        prefix = work / f"locust_{run}"
        acks = work / f"acks_{run}.txt"
        prober = Prober(base)
        prober.start()
        began = time.monotonic()
        locust_env = {**os.environ, "SIBIKA_LOCUST_USERS": str(work / "users.json"),
                      "SIBIKA_LOCUST_PASSWORD": args.password, "SIBIKA_LOCUST_ACKS": str(acks), "SIBIKA_LOCUST_RUN": run}
        with open(work / f"locust_{run}.log", "w") as log:
            load = subprocess.Popen([str(locust), "-f", str(ROOT / "bench/locust_mixed.py"), "--host", base,
                                     "--headless", "-u", str(args.users), "-r", str(args.spawn_rate),
                                     "-t", f"{args.seconds}s", "--csv", str(prefix), "--only-summary"],
                                    cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
        faults = []
        for offset, what in sorted([(args.terminate_at, "pg_terminate_backend"), (args.restart_at, "pg_ctl restart")]):
            time.sleep(max(0.0, began + offset - time.monotonic()))
            at, wall = time.monotonic(), time.time()
            if what == "pg_ctl restart":
                cluster.restart()
                detail = {"restart_took_s": round(time.monotonic() - at, 2)}
            else:
                detail = _terminate(url, args.database)
            print(f"{offset:.0f} s: {what} {detail}", flush=True)
            faults.append({"what": what, "offset_s": offset, "at": at, "wall": wall, "detail": detail})
        load.wait()
        prober.stopping.set()
        prober.join()
        ends = [f["at"] for f in faults[1:]] + [time.monotonic()]
        for fault, end in zip(faults, ends):  # each fault's window ends where the next one begins
            fault["recovery"] = prober.recovery(fault["at"], min(60.0, end - fault["at"]))
            fault["window_s"] = min(30.0, end - fault["at"])
        stats = _locust_stats(prefix)
        failures = _locust_failures(prefix)
        verdict = _verify(url, acks, run)
        access = _access_log(access_path)
        text = _summary(args, stats, failures, verdict, faults, access)
        text += f"\n\n/health probes: {len(prober.samples)}, every {prober.every} s."
        print(text)
        (work / "summary.md").write_text(text + "\n")
        (work / "summary.json").write_text(json.dumps(
            {"stats": stats, "failures": failures, "verdict": verdict,
             "faults": [{k: v for k, v in f.items() if k != "at"} for f in faults]}, indent=2, default=str))
        return 1 if verdict["missing"] else 0
    finally:
        if gunicorn and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=60)
        if not args.keep:
            cluster.stop_and_delete()


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


if __name__ == "__main__":
    sys.exit(main())
