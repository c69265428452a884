"""Fuzz the REST API with schemathesis against its own OpenAPI document: no
request, however malformed, may get a 5xx.

    .venv/bin/python bench/fuzz_api.py [--examples 50] [--postgres] [--users admin pk_a]

Builds a scratch database with the real migrations and the test world (two
offices, users of every role, a few clients with records), logs in through
FAB's JWT login and sends schema-conforming and schema-violating requests
(schemathesis' positive and negative modes) to every operation. Prints each
operation's count of requests and every 5xx with its request; exits 1 on any.
The suite runs a small version (tests/web/test_api_fuzz.py).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

# Login, refresh and the spec itself are FAB's; the fuzz is of SIBIKA's resources.
SKIP_PATHS = ("/api/v1/security/", "/api/{version}/_openapi", "/api/v1/menu/")


@dataclass
class Finding:
    method: str
    path: str
    status: int
    request: str
    body: str


@dataclass
class Report:
    requests: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _forget_user() -> None:
    """An app context held open (as the tests do) is reused by requests: drop its cached user."""
    from flask import g, has_app_context

    if has_app_context():
        g.pop("_login_user", None)
        g.pop("user", None)


def bearer(app, username: str, password: str) -> dict[str, str]:
    _forget_user()
    token = app.test_client().post("/api/v1/security/login", json={
        "username": username, "password": password, "provider": "db"}).json["access_token"]
    return {"Authorization": f"Bearer {token}"}


def fuzz(app, headers: dict[str, str], spec_headers: dict[str, str], examples: int,
         paths: tuple[str, ...] | None = None) -> Report:
    """Every operation of the spec (served to ``spec_headers``), ``examples`` cases per
    generation mode, sent with ``headers``; 5xx answers are collected, not raised."""
    import schemathesis
    from schemathesis.generation.modes import GenerationMode

    _forget_user()
    schema = schemathesis.openapi.from_wsgi("/api/v1/_openapi", app, headers=spec_headers)
    report = Report()
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith(SKIP_PATHS) or (paths and not operation.path.startswith(paths)):
            continue
        label = f"{operation.method.upper()} {operation.path}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(app, operation, mode, headers, examples, label, report)
    return report


def _run(app, operation, mode, headers, examples, label, report) -> None:
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        _forget_user()
        response = case.call(headers=headers)
        report.requests[label] = report.requests.get(label, 0) + 1
        if response.status_code >= 500:
            report.findings.append(Finding(case.method, case.formatted_path, response.status_code,
                                           f"query={case.query!r} body={case.body!r}"[:400],
                                           response.text[:300]))

    try:
        check()
    except Exception as exc:  # noqa: BLE001 - a strategy that cannot generate is reported, not fatal
        name = type(exc).__name__
        if name not in ("Unsatisfiable", "FailedHealthCheck"):
            report.findings.append(Finding(operation.method, operation.path, 0, f"{mode}: {name}", str(exc)[:300]))


def _seed(app, world) -> None:
    """A client per PK, with the records the resources list."""
    from datetime import date

    from app.clients import assignments, next_number
    from app.extensions import db
    from models import Client, Consent, Handover, PKAssignment, ProgressEntry

    with app.app_context():
        for n, pk in enumerate(("pk_a", "pk_a2", "pk_b")):
            office = world.office_b if pk == "pk_b" else world.office_a
            client = Client(office_id=office, status="terdaftar", full_name=f"Fuzz {n}", sex="L",
                            birth_date=date(2010, 3, 14), offence_date=date(2025, 6, 1), origin="lpka",
                            supervision_kind_id=world.kind_id, supervision_start=date(2026, 1, 5),
                            supervision_expiry=date(2027, 1, 4))
            next_number.fill_number(db.session, client, 2026)
            db.session.add(client)
            db.session.flush()
            db.session.add(Handover(client_id=client.id, handover_date=date(2026, 1, 5), handing_party="LPKA",
                                    handing_officer="Petugas", receiving_officer_id=world.users["kepala"]))
            assignment = PKAssignment(client=client, client_id=client.id, pk_id=world.users[pk],
                                      start_date=date(2026, 1, 5), reason="")
            assignments.apply(db.session, assignment, None)
            db.session.add(assignment)
            client.status = "aktif"
            db.session.add(Consent(client_id=client.id, given=True, recorded_on=date(2026, 1, 6)))
            db.session.add(ProgressEntry(client_id=client.id, office_id=office, happened_on=date(2026, 1, 7),
                                         kind="konseling", what_happened="Konseling awal"))
        db.session.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--users", nargs="+", default=["admin", "pk_a"])
    parser.add_argument("--postgres", action="store_true", help="fuzz a scratch PostgreSQL database instead")
    args = parser.parse_args()

    from tests import conftest

    workdir = Path(tempfile.mkdtemp())
    created = conftest._create_pg_database() if args.postgres else None
    url = created[1] if created else f"sqlite:///{workdir / 'fuzz.db'}"
    app = conftest.build_app(url, str(workdir / "uploads"))
    world = conftest._make_world(app)
    _seed(app, world)
    failed = False
    with app.app_context():
        admin = bearer(app, "admin", conftest.PASSWORD)
        for username in args.users:
            report = fuzz(app, bearer(app, username, conftest.PASSWORD), admin, args.examples)
            print(f"{username}: {sum(report.requests.values())} requests over {len(report.requests)} operations")
            for finding in report.findings:
                failed = True
                print(f"  {finding.status} {finding.method} {finding.path} {finding.request}\n      {finding.body}")
    if created:
        conftest._drop_pg_database(created[0])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
