"""Two app servers, one truth: two gunicorns behind one PostgreSQL and one Redis, a job worker of
their own, the 50-user mix across both, one server SIGKILLed mid-run.

    .venv/bin/python bench/two_servers.py [--clients 2000] [--users 50] [--seconds 90]

Reuses bench/load_faults.py's pieces (private PostgreSQL cluster, generated data, the PKs
as simulated users, ``./sibika serve``, locust from bench/.venv, the check of acknowledged
writes). Besides:

1. a private ``redis-server`` on a free loopback port (no disk), ``SIBIKA_REDIS_URL`` for
   both servers and the worker: the login limiter and the Huey queue live there;
2. servers A and B (``./sibika serve``, --workers each) on two ports, and one separate
   ``python -m app.jobs.worker``: the servers only queue, the worker runs;
3. locust with ``SIBIKA_LOCUST_HOSTS=A,B``: user n starts on A or B (round robin) and moves
   to the other when a request gets no answer (as a load balancer would); each user sends
   from a loopback address of its own, so the production login limit (--limit) holds;
4. at --kill-at seconds A's gunicorn master and workers get SIGKILL (its process group);
   --restart-after seconds later A is started again (it rejoins the same Redis and database);
5. a few SDP exports (--exports) are started during the run by PKs who are not load users,
   through A and B in turn (B when A is down); afterwards each must reach "selesai" on
   ``/pekerjaan/<id>/status.json``, asked of the other server, and the worker's log must
   show it ran them;
6. after the load, bad logins from one fresh address alternate between A and B: the first
   429 must come at attempt limit + 1 (counted across both), not at 2 × limit + 1 (per server).

Exits 1 when an acknowledged write is missing, a job did not finish, or the limit was not
shared. Summary in --work (summary.md / summary.json). Not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import requests  # noqa: E402

from bench import load_faults as lf  # noqa: E402
from bench.source_address import SourceAddressAdapter, loopback  # noqa: E402

JOB_ID = re.compile(r"/pekerjaan/(\d+)")
LOAD_BLOCK, THROTTLE_BLOCK, EXPORT_BLOCK = 1, 2, 3


def _redis(work: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server missing (apt-get install redis-server)")
    port = lf._free_port()
    log = open(work / "redis.log", "w")  # noqa: SIM115 (the server's whole life)
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--protected-mode", "yes"], stdout=log, stderr=log)
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(400):
        try:
            client.ping()
            return process, url
        except redis.ConnectionError:
            time.sleep(0.025)
    raise SystemExit("redis-server did not answer")


class Server:
    def __init__(self, name: str, env: dict, workers: int, log: Path):
        self.name, self.log, self.port = name, log, lf._free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "SIBIKA_WORKERS": str(workers), "SIBIKA_BIND": f"127.0.0.1:{self.port}"}
        self.process: subprocess.Popen | None = None
        self.ready = False  # answering /health (a restarted server is up before it is ready)

    def start(self) -> float:
        began = time.monotonic()
        with open(self.log, "a") as log:
            self.process = subprocess.Popen([str(ROOT / "sibika"), "serve"], cwd=ROOT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        lf._wait_healthy(self.base, self.process, seconds=240)
        self.ready = True
        return round(time.monotonic() - began, 1)

    def kill(self) -> dict:
        """SIGKILL to the master and every worker (``./sibika serve`` execs gunicorn in its own group)."""
        self.ready = False
        pids = subprocess.run(["pgrep", "-g", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        return {"signal": "SIGKILL", "processes": len(pids)}

    @property
    def up(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.up:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)


def _session(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", SourceAddressAdapter(address))
    return session


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"', html)
    return (found.group(1) or found.group(2)) if found else ""


def _login(session: requests.Session, base: str, username: str, password: str) -> None:
    token = _csrf(session.get(base + "/login/", timeout=60).text)
    answer = session.post(base + "/login/", data={"username": username, "password": password, "csrf_token": token},
                          allow_redirects=False, timeout=60)
    if answer.status_code != 302 or "/login" in answer.headers.get("Location", ""):
        raise RuntimeError(f"{username}: login refused ({answer.status_code})")


class Exports(threading.Thread):
    """Starts one SDP export per PK at the given offsets, through A and B in turn (B while A is down)."""

    def __init__(self, servers, accounts, password, offsets, began):
        super().__init__(daemon=True)
        self.servers, self.accounts, self.password, self.offsets, self.began = servers, accounts, password, offsets, began
        self.started: list[dict] = []

    def run(self) -> None:
        for n, (offset, account) in enumerate(zip(self.offsets, self.accounts)):
            time.sleep(max(0.0, self.began + offset - time.monotonic()))
            wanted = self.servers[n % 2]
            entry = {"offset_s": offset, "wanted": wanted.name, "username": account["username"], "tries": []}
            # Like a load balancer: the wanted server when it is ready, the other one when it is not
            # or dies under the request (a second start of the same export answers with the first job).
            for server in sorted(self.servers, key=lambda s: (not s.ready, s is not wanted)):
                session = _session(loopback(EXPORT_BLOCK, n))
                try:
                    job_id = self._start(session, server, account["username"])
                except (requests.RequestException, RuntimeError) as error:
                    entry["tries"].append(f"{server.name} at {time.monotonic() - self.began:.0f} s: {str(error)[:120]}")
                    continue
                entry.update(via=server.name, job_id=job_id, session=session)
                break
            else:
                entry.update(via="-", job_id=None, error="; ".join(entry["tries"]))
            self.started.append(entry)
            print(f"{offset:.0f} s: SDP export via {entry['via']}: {entry['job_id']} {entry['tries']}", flush=True)

    def _start(self, session, server, username) -> int | None:
        _login(session, server.base, username, self.password)
        token = _csrf(session.get(server.base + "/sdp/", timeout=120).text)
        answer = session.post(server.base + "/sdp/ekspor", data={"format": "json", "csrf_token": token},
                              allow_redirects=False, timeout=120)
        found = JOB_ID.search(answer.headers.get("Location", ""))
        if not found:
            raise RuntimeError(f"no job ({answer.status_code})")
        return int(found.group(1))


def _await_jobs(started: list[dict], servers, timeout: float) -> list[dict]:
    """Each job's state asked of the server that did not start it, until finished or ``timeout``."""
    deadline = time.monotonic() + timeout
    results = []
    for entry in started:
        if not entry.get("job_id"):
            results.append({**{k: v for k, v in entry.items() if k != "session"}, "final": "not started"})
            continue
        other = next((s for s in servers if s.name != entry["via"] and s.ready), next(s for s in servers if s.ready))
        state = {}
        while time.monotonic() < deadline:
            try:
                state = entry["session"].get(f"{other.base}/pekerjaan/{entry['job_id']}/status.json", timeout=60).json()
            except (requests.RequestException, ValueError) as error:
                state = {"status": f"? {error}"[:120]}
            if state.get("finished"):
                break
            time.sleep(1)
        results.append({**{k: v for k, v in entry.items() if k != "session"}, "asked": other.name,
                         "final": state.get("status"), "summary": state.get("summary", ""),
                         "error": state.get("error", "") or entry.get("error", "")})
    return results


def _not_exported(url: str, accounts: list[dict]) -> list[dict]:
    """PKs who never exported (an earlier run with --reuse): their export has rows to carry."""
    with lf._connect(url) as conn:
        done = {row[0] for row in conn.execute(
            "SELECT u.username FROM sdp_batch b JOIN ab_user u ON u.id = b.created_by_id")}
    return [a for a in accounts if a["username"] not in done]


def _probes(prober, killed_at: float) -> str:
    """Before the kill a failed probe is a timeout (10 s: a request queued behind the load on sync
    workers); after it, the time until the first answer."""
    before = [s for t, _e, s in prober.samples if t < killed_at]
    after = [(t, s) for t, _e, s in prober.samples if t >= killed_at]
    failed_after = [t for t, s in after if s != 200]
    back = next((t for t, s in after if s == 200 and (not failed_after or t > failed_after[0])), None)
    text = f"before the kill {sum(1 for s in before if s != 200)} of {len(before)} probes failed"
    text += f", after it {len(failed_after)} of {len(after)}"
    if failed_after:
        text += f", answering again {back - killed_at:.1f} s after the kill" if back else ", never answered again"
    return text


def _job_rows(url: str, ids: list[int]) -> dict[int, dict]:
    with lf._connect(url) as conn:
        rows = conn.execute("SELECT id, status, created_at, started_at, finished_at FROM job WHERE id = ANY(%s)",
                            (ids,)).fetchall()
    return {i: {"status": s, "queued_to_done_s": round((f - c).total_seconds(), 1) if f and c else None,
                "ran_s": round((f - st).total_seconds(), 1) if f and st else None} for i, s, c, st, f in rows}


def _throttle(servers, limit: int) -> dict:
    """Bad logins from one fresh address, A, B, A, B ...: where does the first 429 come?"""
    session = _session(loopback(THROTTLE_BLOCK, 0))
    tokens = {s.name: _csrf(session.get(s.base + "/login/", timeout=60).text) for s in servers}
    answers = []
    for n in range(2 * limit + 2):
        server = servers[n % 2]
        status = session.post(server.base + "/login/", data={"username": f"tidak-ada-{n}", "password": "salah-sekali-1",
                                                             "csrf_token": tokens[server.name]},
                              allow_redirects=False, timeout=60).status_code
        answers.append((server.name, status))
    first = next((n + 1 for n, (_name, status) in enumerate(answers) if status == 429), None)
    after = answers[first - 1:first + 1] if first else []
    return {"limit": limit, "first_429_at_attempt": first, "per_server_before_429": {
        s.name: sum(1 for name, st in answers[:(first or len(answers) + 1) - 1] if name == s.name) for s in servers},
        "both_refuse_after": bool(first) and len(after) == 2 and {n for n, _ in after} == {s.name for s in servers}
        and all(st == 429 for _n, st in after),
        "answers": "".join("x" if st == 429 else "." for _n, st in answers)}


def _per_server(servers) -> dict:
    counts = {}
    for server in servers:
        rows = lf._access_log(server.log)
        statuses = {}
        for _t, _p, status in rows:
            statuses[status] = statuses.get(status, 0) + 1
        counts[server.name] = {"requests": len(rows), "statuses": dict(sorted(statuses.items()))}
    return counts


def _summary(args, stats, failures, verdict, kill, jobs, throttle, per_server, worker_ran, uptime) -> str:
    lines = [f"Two app servers, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {args.users} users across A and B, "
             f"{args.seconds} s, {args.workers} gunicorn workers each, one job worker ({args.job_threads} threads), "
             f"one Redis, {args.clients:,} generated clients; login limit {args.limit!r}.",
             f"`uptime` before: {uptime[0]}", f"`uptime` after: {uptime[1]}", "",
             "| endpoint | requests | failures | p50 ms | p95 ms | req/s |", "|---|---|---|---|---|---|"]
    for row in stats:
        lines.append(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                     f"{row['95%']} | {float(row['Requests/s']):.2f} |")
    lines += ["", f"Kill: A ({kill['detail']['processes']} processes: master and workers) got SIGKILL at "
                  f"{kill['offset_s']:.0f} s; started again at {kill['restart_offset_s']:.0f} s, healthy "
                  f"{kill['restart_took_s']} s later. /health on A: {kill['probes']['A']}; on B: {kill['probes']['B']}.",
              "Requests per server (access logs; A's log spans both of its lives): " + "; ".join(
                  f"{name} {c['requests']} ({', '.join(f'{k}: {v}' for k, v in c['statuses'].items())})"
                  for name, c in per_server.items())]
    seen = [datetime.strptime(f[key], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp() - kill["wall"]
            for f in failures for key in ("First Seen", "Last Seen") if f.get(key)]
    if seen:
        lines += ["", f"Every failure was seen between {min(seen):+.0f} s and {max(seen):+.0f} s of the kill "
                      f"(locust's times are whole seconds)."]
    lines += ["", "Failures: " + ("none" if not failures else "; ".join(
        f"{f['Occurrences']}× {f['Method']} {f['Name']}: {f['Error'][:160]}" for f in failures))]
    lines += ["", f"Acknowledged writes: activities {verdict['activities_acknowledged']} acknowledged, "
                  f"{verdict['activities_found']} found ({verdict['activities_written_not_acknowledged']} written "
                  f"but not acknowledged); letters {verdict['letters_acknowledged']} acknowledged, "
                  f"{verdict['letters_found']} found. Lost: {len(verdict['missing'])}."]
    lines += ["", f"Jobs (SDP exports, queued through a server, run by the separate worker; its log shows "
                  f"{worker_ran} executions):"]
    for job in jobs:
        lines.append(f"- at {job['offset_s']:.0f} s via {job['via']}"
                     + (f" (wanted {job['wanted']}: {'; '.join(job['tries'])})" if job["tries"] else
                        f" (wanted {job['wanted']}, not ready)" if job["via"] != job["wanted"] else "")
                     + f": job {job.get('job_id')}, asked {job.get('asked', '-')}: {job['final']}"
                     + (f", queued→done {job['db']['queued_to_done_s']} s (ran {job['db']['ran_s']} s)"
                        if job.get("db") else "") + (f"; {job['error']}" if job.get("error") else ""))
    t = throttle
    lines += ["", f"Login throttling after the load, bad logins from one address alternating A, B: first 429 at "
                  f"attempt {t['first_429_at_attempt']} (limit {t['limit']}; per-server counting would allow "
                  f"{2 * t['limit']}); before it A answered {t['per_server_before_429']['A']}, B "
                  f"{t['per_server_before_429']['B']}; both refuse afterwards: {t['both_refuse_after']}. "
                  f"Sequence (. answered, x 429): `{t['answers']}`."]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=2_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of each server")
    parser.add_argument("--job-threads", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=40)
    parser.add_argument("--restart-after", type=float, default=5)
    parser.add_argument("--exports", type=int, default=4)
    parser.add_argument("--limit", default="20 per 5 minutes", help="SIBIKA_AUTH_RATE_LIMIT (the product's default)")
    parser.add_argument("--job-timeout", type=float, default=300)
    parser.add_argument("--pgdata", default="/tmp/pgtwo")
    parser.add_argument("--port", type=int, default=5434)
    parser.add_argument("--pg-bin", default="")
    parser.add_argument("--database", default="sibika_two")
    parser.add_argument("--work", default="/tmp/sibika_two")
    parser.add_argument("--password", default="Bench-Sandi-2026!")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    locust = ROOT / "bench/.venv/bin/locust"
    if not locust.exists():
        raise SystemExit("locust missing: python3.11 -m venv bench/.venv && "
                         "bench/.venv/bin/pip install -r bench/requirements.txt")
    limit = int(args.limit.split()[0])
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    uptime = [subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()]
    cluster = lf.Cluster(lf._pg_bin(args), Path(args.pgdata), args.port)
    cluster.start()
    admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{args.port}/postgres"
    url = f"postgresql+psycopg://postgres@127.0.0.1:{args.port}/{args.database}"
    redis_process, redis_url = _redis(work)
    env = {**os.environ, "FLASK_APP": "app:create_app", "SIBIKA_DATABASE_URL": url, "SIBIKA_INSTANCE_DIR": str(work),
           "SIBIKA_SECRET_KEY": lf._secret(work / "secret.key.txt", lambda: secrets.token_urlsafe(48)),
           "SIBIKA_FERNET_KEYS": lf._secret(work / "fernet.key.txt", lf._fernet_key),
           "SIBIKA_REDIS_URL": redis_url, "SIBIKA_AUTH_RATE_LIMIT": args.limit}
    servers = [Server(name, env, args.workers, work / f"gunicorn_{name}.log") for name in ("A", "B")]
    for server in servers:
        server.log.write_text("")
    worker = None
    try:
        lf._prepare(args, url, admin_url, env)
        accounts = lf._accounts(url, args.users + args.exports + 50)
        load_accounts = accounts[:args.users]
        export_accounts = _not_exported(url, accounts[args.users:])[:args.exports]
        (work / "users.json").write_text(json.dumps(load_accounts))
        for server in servers:
            print(f"server {server.name} on {server.base}: healthy after {server.start()} s", flush=True)
        with open(work / "worker.log", "w") as log:
            worker = subprocess.Popen([str(ROOT / ".venv/bin/python"), "-m", "app.jobs.worker",
                                       "--workers", str(args.job_threads)], cwd=ROOT,
                                      env={**env, "SIBIKA_PRODUCTION": "1"}, stdout=log, stderr=subprocess.STDOUT)
        run = secrets.token_hex(4)
        prefix, acks = work / f"locust_{run}", work / f"acks_{run}.txt"
        probers = {s.name: lf.Prober(s.base, every=0.5) for s in servers}
        for prober in probers.values():
            prober.start()
        began = time.monotonic()
        locust_env = {**os.environ, "SIBIKA_LOCUST_USERS": str(work / "users.json"),
                      "SIBIKA_LOCUST_PASSWORD": args.password, "SIBIKA_LOCUST_ACKS": str(acks),
                      "SIBIKA_LOCUST_RUN": run, "SIBIKA_LOCUST_HOSTS": ",".join(s.base for s in servers),
                      "SIBIKA_LOCUST_SOURCE_BLOCK": str(LOAD_BLOCK)}
        with open(work / f"locust_{run}.log", "w") as log:
            load = subprocess.Popen([str(locust), "-f", str(ROOT / "bench/locust_mixed.py"), "--host", servers[0].base,
                                     "--headless", "-u", str(args.users), "-r", str(args.spawn_rate),
                                     "-t", f"{args.seconds}s", "--csv", str(prefix), "--only-summary"],
                                    cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
        step = args.seconds / (args.exports + 1)
        exports = Exports(servers, export_accounts, args.password, [round(step * (n + 1), 1) for n in range(args.exports)],
                          began)
        exports.start()
        time.sleep(max(0.0, began + args.kill_at - time.monotonic()))
        killed_at, killed_wall = time.monotonic(), time.time()
        kill = {"offset_s": killed_at - began, "detail": servers[0].kill()}
        print(f"{kill['offset_s']:.0f} s: A killed {kill['detail']}", flush=True)
        time.sleep(args.restart_after)
        kill["restart_offset_s"] = time.monotonic() - began
        kill["restart_took_s"] = servers[0].start()
        print(f"A healthy again after {kill['restart_took_s']} s", flush=True)
        load.wait()
        exports.join()
        for prober in probers.values():
            prober.stopping.set()
            prober.join()
        kill["probes"] = {name: _probes(prober, killed_at) for name, prober in probers.items()}
        kill["wall"] = killed_wall
        stats, failures = lf._locust_stats(prefix), lf._locust_failures(prefix)
        verdict = lf._verify(url, acks, run)
        throttle = _throttle(servers, limit)
        jobs = _await_jobs(exports.started, servers, args.job_timeout)
        rows = _job_rows(url, [j["job_id"] for j in jobs if j.get("job_id")])
        for job in jobs:
            job["db"] = rows.get(job.get("job_id"))
        worker_ran = sum(1 for line in (work / "worker.log").read_text(errors="replace").splitlines()
                         if "Executing" in line and "run_job" in line)
        uptime.append(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        text = _summary(args, stats, failures, verdict, kill, jobs, throttle, _per_server(servers), worker_ran, uptime)
        print(text)
        (work / "summary.md").write_text(text + "\n")
        (work / "summary.json").write_text(json.dumps(
            {"stats": stats, "failures": failures, "verdict": verdict, "kill": kill, "jobs": jobs,
             "throttle": throttle, "worker_ran": worker_ran, "uptime": uptime}, indent=2, default=str))
        ok = (not verdict["missing"] and all(j["final"] == "selesai" for j in jobs)
              and throttle["first_429_at_attempt"] == limit + 1 and throttle["both_refuse_after"])
        return 0 if ok else 1
    finally:
        for server in servers:
            server.stop()
        if worker and worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=60)
        redis_process.terminate()
        redis_process.wait(timeout=10)
        if not args.keep:
            cluster.stop_and_delete()


if __name__ == "__main__":
    sys.exit(main())
