"""Mixed load on a running SIBIKA (gunicorn + PostgreSQL), loopback only.

Every simulated user logs in as a demo PK and then, with think time, opens the
dashboard, the client list, a client's page, records a guidance activity and
issues a letter (the client card, a real .docx render), in proportions 4:3:3:1:1.

Setup and the figures: bench/RESULTS.md, "Mixed load". Run (locust in its own venv,
see bench/requirements.txt):

    SIBIKA_LOCUST_USER=pk1.bps-jkt-tim SIBIKA_LOCUST_PASSWORD=... \\
    locust -f bench/locust_mixed.py --host http://127.0.0.1:8000 --headless -u 50 -r 10 -t 2m
"""
from __future__ import annotations

import os
import random
import re
from datetime import date
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

USERNAME = os.environ.get("SIBIKA_LOCUST_USER", "")
PASSWORD = os.environ.get("SIBIKA_LOCUST_PASSWORD", "")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
CLIENT_ROW = re.compile(r'/clientview/show/(\d+)')


@events.test_start.add_listener
def _loopback_only(environment, **_kw):
    host = urlparse(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"This load test runs against loopback only, not {host!r}.")
    if not USERNAME or not PASSWORD:
        raise SystemExit("Set SIBIKA_LOCUST_USER and SIBIKA_LOCUST_PASSWORD (a demo PK login).")


def _token(html: str) -> str | None:
    found = CSRF.search(html)
    return (found.group(1) or found.group(2)) if found else None


class PkUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/login/", name="login form")
        response = self.client.post("/login/", data={"username": USERNAME, "password": PASSWORD,
                                                     "csrf_token": _token(page.text) or ""},
                                    name="login", allow_redirects=False)
        if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
            raise RuntimeError(f"login failed ({response.status_code}); locked out or rate limited?")
        listing = self.client.get("/clientview/list/?psize_ClientView=100", name="client list (setup)")
        self.client_ids = sorted(set(CLIENT_ROW.findall(listing.text))) or ["1"]
        self.csrf = _token(self.client.get("/progressentryview/add", name="activity form").text)

    @task(4)
    def dashboard(self):
        self.client.get("/", name="dashboard")

    @task(3)
    def client_list(self):
        self.client.get("/clientview/list/", name="client list")

    @task(3)
    def client_page(self):
        self.client.get(f"/clientview/show/{random.choice(self.client_ids)}", name="client page")

    @task(1)
    def add_activity(self):
        with self.client.post("/progressentryview/add", name="add activity", allow_redirects=False, catch_response=True,
                              data={"csrf_token": self.csrf, "client": random.choice(self.client_ids),
                                    "happened_on": date.today().isoformat(), "kind": "konseling",
                                    "place": "Kantor Bapas", "attended": "y",
                                    "what_happened": "Konseling rutin (uji beban)."}) as response:
            # 302 = saved; 200 = the form again with a domain refusal (e.g. a client no longer supervised).
            if response.status_code in (200, 302):
                response.success()

    @task(1)
    def generate_letter(self):
        with self.client.post(f"/dokumen/{random.choice(self.client_ids)}/kartu", name="generate letter",
                              data={"csrf_token": self.csrf}, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                response.success()
