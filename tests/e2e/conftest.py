"""Browser journeys: a real SIBIKA server on a free local port, Debian's Chromium driven by Playwright, axe-core
injected into every main screen, a screenshot of each saved under test-artifacts/screenshots/<run>/.

The browser is always /usr/bin/chromium (apt-get install chromium; ./sibika test installs it when it runs as
root): never a browser build downloaded by `playwright install`. axe-core comes from the npm registry, pinned in
tests/e2e/package.json, into tests/e2e/node_modules (git-ignored). Where either is missing the journeys are
skipped with the reason; under CI=true they fail instead.

One server (and one SQLite file, migrated with Alembic) and one browser serve the whole session of a pytest-xdist
worker; ./sibika test lets both workers take journeys, so each starts its own at its first journey. Every journey
makes its own clients and complaints, so journeys do not depend on each other, on their order or on their worker.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import IN_CI, PASSWORD, World, _make_world, fresh_app

E2E_DIR = Path(__file__).resolve().parent
REPO = E2E_DIR.parent.parent
CHROMIUM = os.environ.get("SIBIKA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
RUN = os.environ.get("SIBIKA_E2E_RUN") or time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
SHOTS = REPO / "test-artifacts" / "screenshots" / RUN
# Impacts that fail a screen; minor and moderate findings are written next to the screenshot.
BLOCKING_IMPACTS = {"serious", "critical"}


def _axe_version_wanted() -> str:
    return json.loads((E2E_DIR / "package.json").read_text())["dependencies"]["axe-core"]


def unavailable() -> str | None:
    """Why the browser journeys cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed: run ./sibika test, which installs requirements-dev.txt"
    if not os.access(CHROMIUM, os.X_OK):
        return (f"no Chromium at {CHROMIUM}: apt-get install chromium (./sibika test does it when run as root); "
                "a downloaded browser build is never used")
    if not AXE.exists():
        return "axe-core is not installed: (cd tests/e2e && npm install) — ./sibika test does it"
    have = json.loads((AXE.parent / "package.json").read_text())["version"]
    if have != _axe_version_wanted():
        return f"axe-core {have} installed, {_axe_version_wanted()} pinned: ./sibika test reinstalls it"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"Browser journeys are required under CI=true: {reason}")
        pytest.skip(f"Browser journeys skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Live:
    url: str
    app: object
    world: World

    def seed(self, fn):
        """Run fn(session, world) in an app context: the data a journey starts from, made without a browser."""
        from app.extensions import db

        with self.app.app_context():
            try:
                return fn(db.session, self.world)
            finally:
                db.session.remove()


@pytest.fixture(scope="session")
def live(browser, tmp_path_factory):
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # the journeys' requests would bury a failure's report
            pass

    with fresh_app("sqlite", tmp_path_factory.mktemp("e2e")) as app:
        yield from _serve(app, QuietHandler, make_server)


def _serve(app, QuietHandler, make_server):
    # The journeys post real forms, so they carry real CSRF tokens like a production browser.
    app.config.update(WTF_CSRF_ENABLED=True, TESTING=False)
    world = _make_world(app)
    with app.app_context():
        from app.guidance.assessment import store
        from app.complaints import intake
        from app.extensions import db

        from models import Office

        intake.ensure_defaults(db.session)
        store.ensure_demo(db.session)
        # The letterhead and signature data every letter needs, as an Admin fills them in once.
        for office in db.session.query(Office):
            office.regional_office = "Kantor Wilayah Kementerian Imigrasi dan Pemasyarakatan Jawa Barat"
            office.address, office.phone = f"Jl. Pemasyarakatan No. 1, {office.city}", "(022) 555-0101"
            office.head_name, office.head_nip = "Drs. Hendra Wijaya, M.Si.", "197001011995031001"
            office.public_whatsapp, office.public_hours = "0812-2000-3000", "Senin–Jumat 08.00–15.00"
        db.session.commit()
        from app.public import standard

        standard.ensure_defaults(db.session)  # what `flask sibika init` does
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="sibika-e2e", daemon=True)
    thread.start()
    try:
        yield Live(f"http://127.0.0.1:{server.server_port}", app, world)
    finally:
        server.shutdown()
        thread.join(timeout=10)


class Screen:
    """One browser tab of one person, with the checks every main screen gets."""

    def __init__(self, page, live: Live, journey: str):
        self.page, self.live, self.journey = page, live, journey
        self.server_errors: list[str] = []
        page.on("response", lambda r: self.server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)

    def go(self, path: str):
        self.page.goto(self.live.url + path)
        return self.page

    def login(self, username: str):
        page = self.go("/logout/")
        page.goto(self.live.url + "/login/")
        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.locator("form [type=submit]").first.click()
        page.wait_for_load_state()
        assert "/login" not in page.url, f"login of {username} failed"
        return page

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{self.journey}--{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe(self, name: str) -> None:
        """No serious or critical axe-core violation on the page as it is now."""
        # Evaluated through the DevTools protocol, not as a <script>: the app's
        # Content-Security-Policy (nonces only) rightly refuses an injected inline script.
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        result = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = result["violations"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / f"{self.journey}--{name}.axe.json").write_text(json.dumps(violations, indent=1))
        blocking = [f"{v['id']} ({v['impact']}): {v['help']} — "
                    + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                                for n in v["nodes"][:5])
                    for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"accessibility of {name} ({self.page.url}):\n" + "\n".join(blocking)

    def screen(self, name: str) -> Path:
        """A main screen: screenshot, then the accessibility check."""
        path = self.shot(name)
        self.axe(name)
        return path

    def flash_text(self) -> str:
        return " ".join(self.page.locator(".alert").all_inner_texts())


@pytest.fixture
def person(browser, live, request):
    """person(journey_name) -> a Screen in a fresh browser context (own cookies), closed after the test."""
    contexts = []

    def _open(name: str | None = None, **context_args) -> Screen:
        settings = {"viewport": {"width": 1280, "height": 900}, "locale": "id-ID", "accept_downloads": True,
                    **context_args}
        context = browser.new_context(**settings)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Screen(context.new_page(), live, name or request.node.name.removeprefix("test_"))

    screens: list[Screen] = []

    def _tracked(name: str | None = None, **context_args) -> Screen:
        screen = _open(name, **context_args)
        screens.append(screen)
        return screen

    yield _tracked
    errors = [e for s in screens for e in s.server_errors]
    for context in contexts:
        context.close()
    assert not errors, f"server errors during the journey: {errors}"


# Dates that make every stage reachable today: the stage engine needs a period whose computed lanjutan and
# akhir dates lie in the past (a transition refuses a future date) while the supervision still runs.
TODAY = date.today()
START = TODAY - timedelta(days=300)
EXPIRY = TODAY + timedelta(days=65)


def fill_date(page, selector: str, day: date) -> None:
    """Type an ISO date and close the date picker, as a person does by pressing Escape."""
    page.fill(selector, day.isoformat())
    page.press(selector, "Escape")


def choose(page, selector: str, text: str) -> None:
    """Pick the option of a (Select2) <select> whose text contains `text`."""
    options = page.locator(f"{selector} option", has_text=text)
    assert options.count() >= 1, f"no option with {text!r} in {selector}"
    page.select_option(selector, label=options.first.inner_text().strip())


def submit(page, form: str = "form") -> None:
    with page.expect_navigation():
        page.locator(f"{form} [type=submit]").first.click()


def choose_first(page, selector: str) -> None:
    """Pick the first real option of a <select> (skipping an empty placeholder)."""
    values = page.eval_on_selector_all(f"{selector} option", "els => els.map(e => e.value).filter(v => v && v !== '__None')")
    assert values, f"{selector} offers nothing"
    page.select_option(selector, values[0])
