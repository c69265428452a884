"""Mixed load on a running SIBIKA (gunicorn + PostgreSQL), loopback only.

Every simulated user logs in as a PK and then, with think time, opens the
dashboard, the client list, a client's page, records a guidance activity and
issues a letter (the month's progress report, a real .docx render), in proportions 4:3:3:1:1.

Users: either one login for all (``SIBIKA_LOCUST_USER`` / ``SIBIKA_LOCUST_PASSWORD``,
the demo data's ``pk1``), or ``SIBIKA_LOCUST_USERS``, a JSON file of
``[{"username": ..., "clients": [ids of that PK's own active clients]}, ...]``
(bench/load_faults.py writes it from generated data): simulated user n logs in as
entry n, so each works in its own caseload.

``SIBIKA_LOCUST_ACKS``: a file where every write the server acknowledged is
appended as one line (``activity <marker>`` / ``letter <document id>``), so a run
can check afterwards that each of them is in the database. An activity counts as
acknowledged only when the redirect carries FAB's "success" flash: FAB answers a
failed commit with a redirect too, flashing the exception instead.

Several app servers (bench/two_servers.py): ``SIBIKA_LOCUST_HOSTS``, base URLs separated
by commas; simulated user n starts on entry n (round robin) and, like a load balancer,
moves to the next one when a request gets no answer at all (a dead server). The session
cookie is valid on each (one secret key). ``SIBIKA_LOCUST_SOURCE_BLOCK`` = b: user n
sends from 127.b.x.y of its own (bench/source_address.py), so each has its own login
counter, as staff on their own machines do.

Setup and the figures: bench/RESULTS.md, "Mixed load" and "Load with faults". Run
(locust in its own venv, see bench/requirements.txt):

    SIBIKA_LOCUST_USER=pk1.bps-jkt-tim SIBIKA_LOCUST_PASSWORD=... \\
    locust -f bench/locust_mixed.py --host http://127.0.0.1:8000 --headless -u 50 -r 10 -t 2m
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import random
import re
import uuid
import zlib
from datetime import date
from urllib.parse import urlparse

from locust import HttpUser, between, events, task
from source_address import SourceAddressAdapter, loopback  # locust puts this file's folder on sys.path

USERNAME = os.environ.get("SIBIKA_LOCUST_USER", "")
PASSWORD = os.environ.get("SIBIKA_LOCUST_PASSWORD", "")
USERS_FILE = os.environ.get("SIBIKA_LOCUST_USERS", "")
ACKS_FILE = os.environ.get("SIBIKA_LOCUST_ACKS", "")
HOSTS = [h for h in os.environ.get("SIBIKA_LOCUST_HOSTS", "").split(",") if h]
SOURCE_BLOCK = os.environ.get("SIBIKA_LOCUST_SOURCE_BLOCK", "")
RUN = os.environ.get("SIBIKA_LOCUST_RUN", uuid.uuid4().hex[:8])
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
CLIENT_ROW = re.compile(r'/clientview/show/(\d+)')
DOCUMENT = re.compile(r'/generateddocumentview/show/(\d+)')

_accounts = json.load(open(USERS_FILE, encoding="utf-8")) if USERS_FILE else []
_next_account = itertools.count()
_next_user = itertools.count()
_serial = itertools.count(1)
_acks = open(ACKS_FILE, "a", encoding="utf-8") if ACKS_FILE else None  # noqa: SIM115 (open for the whole run)


@events.test_start.add_listener
def _loopback_only(environment, **_kw):
    for url in [environment.host or "", *HOSTS]:
        host = urlparse(url).hostname
        if host not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit(f"This load test runs against loopback only, not {host!r}.")
    if not PASSWORD or not (USERNAME or _accounts):
        raise SystemExit("Set SIBIKA_LOCUST_PASSWORD and SIBIKA_LOCUST_USER or SIBIKA_LOCUST_USERS.")


def _token(html: str) -> str | None:
    found = CSRF.search(html)
    return (found.group(1) or found.group(2)) if found else None


def _flash_categories(response) -> list[str]:
    """Categories of the messages flashed into Flask's session cookie (signed, not encrypted)."""
    cookie = response.cookies.get("session")
    if not cookie:
        return []
    compressed = cookie.startswith(".")
    payload = cookie.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    data = json.loads(zlib.decompress(raw) if compressed else raw)
    flashes = data.get("_flashes", [])
    return [(item.get(" t") if isinstance(item, dict) else item)[0] for item in flashes]


@events.request.add_listener
def _fail_over(context, response=None, **_kw):
    """No answer at all (connection refused or reset): the next request goes to the next server."""
    user = context.get("user") if context else None
    if user is not None and response is not None and response.status_code == 0 and len(HOSTS) > 1:
        user.host_index = (user.host_index + 1) % len(HOSTS)
        user.client.base_url = HOSTS[user.host_index]


def _ack(line: str) -> None:
    if _acks:
        _acks.write(line + "\n")
        _acks.flush()


class PkUser(HttpUser):
    wait_time = between(1, 3)

    def context(self):
        return {"user": self}

    def on_start(self):
        number = next(_next_user)
        if HOSTS:
            self.host_index = number % len(HOSTS)
            self.client.base_url = HOSTS[self.host_index]
        if SOURCE_BLOCK:
            adapter = SourceAddressAdapter(loopback(int(SOURCE_BLOCK), number))
            self.client.mount("http://", adapter)
        account = _accounts[next(_next_account) % len(_accounts)] if _accounts else None
        username = account["username"] if account else USERNAME
        page = self.client.get("/login/", name="login form")
        response = self.client.post("/login/", data={"username": username, "password": PASSWORD,
                                                     "csrf_token": _token(page.text) or ""},
                                    name="login", allow_redirects=False)
        if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
            raise RuntimeError(f"login failed ({response.status_code}); locked out or rate limited?")
        if account:
            self.client_ids = [str(i) for i in account["clients"]]
        else:
            listing = self.client.get("/clientview/list/?psize_ClientView=100", name="client list (setup)")
            self.client_ids = sorted(set(CLIENT_ROW.findall(listing.text))) or ["1"]
        self.csrf = None
        self._form_token()

    def _form_token(self) -> str:
        """The form's CSRF token, fetched again when the first try got no page (a server died meanwhile)."""
        if not self.csrf:
            self.csrf = _token(self.client.get("/progressentryview/add", name="activity form").text)
        return self.csrf or ""

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
        marker = f"uji-beban {RUN}-{next(_serial)}"
        with self.client.post("/progressentryview/add", name="add activity", allow_redirects=False, catch_response=True,
                              data={"csrf_token": self._form_token(), "client": random.choice(self.client_ids),
                                    "happened_on": date.today().isoformat(), "kind": "konseling",
                                    "place": marker, "attended": "y",
                                    "what_happened": "Konseling rutin (uji beban)."}) as response:
            if response.status_code == 302:
                categories = _flash_categories(response)
                if "success" in categories:
                    _ack(f"activity {marker}")
                    response.success()
                else:
                    response.failure(f"redirect without success ({categories})")
            elif response.status_code == 200 and CSRF.search(response.text):
                response.success()  # the form again with a domain refusal: nothing written, nothing acknowledged

    @task(1)
    def generate_letter(self):
        # The month's progress report: a real .docx render, numbered and archived. (The client card
        # needs a photo, which generated clients do not have: it would only measure the refusal.)
        with self.client.post(f"/dokumen/{random.choice(self.client_ids)}/laporan-bulanan", name="generate letter",
                              data={"csrf_token": self._form_token(), "bulan": date.today().strftime("%Y-%m")},
                              allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            issued = DOCUMENT.search(location) if response.status_code == 302 else None
            if issued:
                _ack(f"letter {issued.group(1)}")
                response.success()
            else:
                response.failure(f"not issued ({response.status_code} {urlparse(location).path})")
