"""Benchmark suite: the screens a PK and a Kepala Bapas use, on generated data,
through the real WSGI app (Flask's test client) and through gunicorn on
loopback, with a bare Flask-AppBuilder view of the same table as the floor.

    .venv/bin/python bench/run.py                                   # smoke: small, SQLite, few requests
    .venv/bin/python bench/run.py --scale national --backend postgresql --repeat 30 --gunicorn --results

For every screen: median and p95 over the repeated requests and the number of
SQL statements one request issues. The statement count must not grow with the
page size or the caseload: the run compares a small page with a big one, a PK
of few clients with one of many, a short progress book with a long one, and
exits with status 1 when any count differs. Times are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.results import load_text, write_section  # noqa: E402


def _pick(app):
    """The people and records the scenarios use, from office 1 of the generated data."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.demo.generator.generate import username
    from models import Client, Office, ProgressEntry, Staff

    with app.app_context():
        office = db.session.scalar(select(Office).where(Office.code == "GEN-001"))
        load = (select(Staff.username, func.count(Client.id)).join(Client, Client.current_pk_id == Staff.id)
                .where(Client.office_id == office.id, Client.status == "aktif")
                .group_by(Staff.username).order_by(func.count(Client.id), Staff.username))
        caseloads = db.session.execute(load).all()
        small_pk, big_pk = caseloads[0], caseloads[-1]
        book = (select(Client.id, func.count(ProgressEntry.id)).join(ProgressEntry, ProgressEntry.client_id == Client.id)
                .join(Staff, Staff.id == Client.current_pk_id)
                .where(Staff.username == big_pk[0], Client.status == "aktif")
                .group_by(Client.id).order_by(func.count(ProgressEntry.id), Client.id))
        books = db.session.execute(book).all()
        surname = db.session.scalar(select(Client.full_name).where(Client.office_id == office.id)
                                    .order_by(Client.id).limit(1)).split()[-1]
        return dict(office_id=office.id, kepala=username(1, "kepala"), small_pk=small_pk, big_pk=big_pk,
                    short_book=books[0], long_book=books[-1], surname=surname)


def _login(app, user: str):
    browser = app.test_client()
    response = browser.post("/login/", data={"username": user, "password": harness.PASSWORD})
    assert response.status_code == 302, (user, response.status_code)
    return browser


def _get(browser, url: str, expect: int = 200):
    def request():
        response = browser.get(url)
        assert response.status_code == expect, (url, response.status_code)
        response.close()

    return request


def single_user_paths(picked: dict, month: date) -> list[tuple[str, str, str, str]]:
    """(group, label, who, path) of every page measured with GET."""
    kepala, pk, dashboard = picked["kepala"], picked["big_pk"][0], picked["dashboard"]
    client_id, surname = picked["long_book"][0], picked["surname"]
    clients = "/clientview/list/"
    return [
        ("dashboard", f"PK's dashboard ({dashboard})", pk, dashboard),
        ("dashboard", f"Kepala's dashboard ({dashboard})", kepala, dashboard),
        ("list", "client list, first page", kepala, clients),
        ("list", "client list, filtered (status = aktif)", kepala, clients + "?_flt_3_status=aktif"),
        ("list", f"client list, search by name ('{surname}')", kepala, clients + f"?_flt_2_full_name={surname}"),
        ("list", "client list, sorted by expiry (desc)", kepala,
         clients + "?_oc_ClientView=supervision_expiry&_od_ClientView=desc"),
        ("list", "client list of a PK", pk, clients),
        ("detail", "client detail page", pk, f"/clientview/show/{client_id}"),
        ("detail", "client's stages and books page", pk, f"/bimbingan/{client_id}"),
        ("detail", "client's progress book", pk, f"/progressentryview/list/?_flt_0_client={client_id}"),
        ("due", "due items, PK", pk, "/jatuh-tempo/"),
        ("due", "due items, Kepala (whole office)", kepala, "/jatuh-tempo/"),
        ("register", f"stage register, {month:%Y-%m}", kepala, f"/register/buku/tahapan?bulan={month:%Y-%m}"),
        ("floor", "bare FAB list, first page", kepala, "/bench-bare/list/"),
        ("floor", "bare FAB list, filtered", kepala, "/bench-bare/list/?_flt_3_status=aktif"),
        ("floor", "bare FAB list, search by name", kepala, f"/bench-bare/list/?_flt_2_full_name={surname}"),
        ("floor", "bare FAB list, sorted by expiry (desc)", kepala,
         "/bench-bare/list/?_oc_BareClientView=supervision_expiry&_od_BareClientView=desc"),
        ("floor", "bare FAB show", kepala, f"/bench-bare/show/{client_id}"),
    ]


def scenarios(app, picked: dict, month: date):
    """(group, label, who, request) for every screen measured, and the .zip batch apart."""
    pk = picked["big_pk"][0]
    browsers = {user: _login(app, user) for user in (picked["kepala"], pk)}
    rows = [(group, label, who, _get(browsers[who], path))
            for group, label, who, path in single_user_paths(picked, month)]
    # This month's report: the generated data already holds last month's for every client.
    rows.insert(13, ("letter", "one monthly report letter", pk,
                     _new_letters(app, browsers[pk], pk, date.today().replace(day=1))))
    batch = ("zip", f"monthly reports of the PK's caseload as .zip ({picked['big_pk'][1]} clients)", pk,
             _batch(app, browsers[pk], month))
    return rows, batch


def _new_letters(app, browser, pk: str, month: date):
    """Each request issues a new letter: the next active client without this month's report (one live letter per
    matter, so the same client's month again would be a refusal); it must redirect to the issued document. The
    PK's own clients first, then those of the other PKs of the office, each through their PK's login (logged in
    before the timing): a database kept for several runs runs out of the first PK's clients."""
    from sqlalchemy import select

    from app.extensions import db
    from models import Client, GeneratedDocument, Staff
    from models.choices import LIVE_DOCUMENT

    issued = select(GeneratedDocument.client_id).where(
        GeneratedDocument.doc_type == "laporan_perkembangan", GeneratedDocument.period == f"{month:%Y-%m}",
        GeneratedDocument.status.in_(LIVE_DOCUMENT), GeneratedDocument.client_id.is_not(None))
    with app.app_context():
        office = db.session.scalar(select(Staff.office_id).where(Staff.username == pk))
        rows = db.session.execute(select(Client.id, Staff.username).join(Staff, Staff.id == Client.current_pk_id).where(
            Staff.office_id == office, Client.status == "aktif", Client.id.not_in(issued))
            .order_by(Staff.username != pk, Client.id)).all()
    browsers = {pk: browser, **{username: _login(app, username) for username in {u for _c, u in rows} - {pk}}}
    pending = iter(rows)

    def request():
        client_id, username = next(pending)
        response = browsers[username].post(f"/dokumen/{client_id}/laporan-bulanan", data={"bulan": f"{month:%Y-%m}"})
        assert response.status_code == 302 and "/generateddocumentview/show/" in response.location, (
            response.status_code, response.location)

    return request


def _batch(app, browser, month: date):
    """The month's .zip is a background job: started, run here as the worker would, downloaded."""
    def request():
        from app.jobs import runner

        # The generated data holds a live report of that month for every client, which the batch would skip:
        # replacing them makes every letter of the caseload again, as the month's first batch does.
        started = browser.post("/dokumen/laporan-bulanan-semua", data={
            "bulan": f"{month:%Y-%m}", "ganti": "1", "alasan": "Pengukuran kinerja (bench/run.py)"})
        assert started.status_code == 302 and "/pekerjaan/" in started.location, started.status_code
        with app.app_context():
            runner.run(int(started.location.rstrip("/").rsplit("/", 1)[1]))
        state = browser.get(started.location + "/status.json").json
        assert state["status"] == "selesai", state
        response = browser.get(state["result"])
        assert response.status_code == 200 and response.mimetype == "application/zip", response.mimetype

    return request


FLOOR_OF = {"client list, first page": "bare FAB list, first page",
            "client list, filtered (status = aktif)": "bare FAB list, filtered",
            "client list, search by name": "bare FAB list, search by name",
            "client list, sorted by expiry (desc)": "bare FAB list, sorted by expiry (desc)",
            "client detail page": "bare FAB show"}


def invariance_checks(app, picked: dict, counter) -> list[str]:
    """Statement counts that must be equal; returns the differences found."""
    kepala, small, big = picked["kepala"], picked["small_pk"][0], picked["big_pk"][0]
    browsers = {u: _login(app, u) for u in (kepala, small, big)}
    dashboard = picked["dashboard"]

    def count(user, url):
        counter.count = 0
        response = browsers[user].get(url)
        assert response.status_code == 200, (url, response.status_code)
        return counter.count

    pairs = [
        ("client list, page size 10 vs 100", (kepala, "/clientview/list/?psize_ClientView=10"),
         (kepala, "/clientview/list/?psize_ClientView=100")),
        ("progress book, page size 10 vs 100", (big, "/progressentryview/list/?psize_ProgressEntryView=10"),
         (big, "/progressentryview/list/?psize_ProgressEntryView=100")),
        (f"client list, caseload {picked['small_pk'][1]} vs {picked['big_pk'][1]}", (small, "/clientview/list/"),
         (big, "/clientview/list/")),
        ("dashboard, small vs big caseload", (small, dashboard), (big, dashboard)),
        ("due items, small vs big caseload", (small, "/jatuh-tempo/"), (big, "/jatuh-tempo/")),
        ("due items, PK vs whole office", (small, "/jatuh-tempo/"), (kepala, "/jatuh-tempo/")),
        (f"client detail, progress book of {picked['short_book'][1]} vs {picked['long_book'][1]} entries",
         (big, f"/clientview/show/{picked['short_book'][0]}"), (big, f"/clientview/show/{picked['long_book'][0]}")),
        ("client's progress book, short vs long",
         (big, f"/progressentryview/list/?_flt_0_client={picked['short_book'][0]}"),
         (big, f"/progressentryview/list/?_flt_0_client={picked['long_book'][0]}")),
        ("stages page, short vs long", (big, f"/bimbingan/{picked['short_book'][0]}"),
         (big, f"/bimbingan/{picked['long_book'][0]}")),
    ]
    failures, lines = [], []
    for label, first, second in pairs:
        count(*first)  # warm caches (FAB's permission lookups) so both sides are measured alike
        count(*second)
        a, b = count(*first), count(*second)
        lines.append(f"  {label:<62} {a:>4} / {b:<4} {'ok' if a == b else 'GROWS'}")
        if a != b:
            failures.append(f"{label}: {a} vs {b} statements")
    print("Statement counts that must not depend on page size or caseload:")
    print("\n".join(lines))
    return failures


def navbar_cost(app, picked: dict, repeat: int) -> list[tuple[str, float, int]]:
    """Time spent per page drawing the menu (app.platform.menu_cache) and in the permission checks of the menu
    and buttons (FAB's has_access and get_user_menu_access), median over ``repeat`` requests, and how many
    checks one page makes. A check made while the menu is drawn counts once, inside the menu's time."""
    import statistics

    from app.platform import menu_cache

    sm = app.appbuilder.sm
    spent, calls, depth = [0.0], [0], [0]

    def timed(original):
        def timed_call(*args, **kwargs):
            depth[0] += 1
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[0] += time.perf_counter() - began
                calls[0] += 1
        return timed_call

    wrapped = {name: timed(getattr(sm, name)) for name in ("has_access", "get_user_menu_access")}
    drawn_menu = app.jinja_env.globals["cached_menu"]
    timed_menu = timed(drawn_menu)
    timed_menu.jinja_pass_arg = drawn_menu.jinja_pass_arg  # still given the template's context
    pk, client_id = picked["big_pk"][0], picked["long_book"][0]
    out = []
    for who, label, url in ((picked["kepala"], "client list", "/clientview/list/"),
                            (pk, "client detail", f"/clientview/show/{client_id}"),
                            (picked["kepala"], "dashboard", picked["dashboard"])):
        browser = _login(app, who)
        menu_cache.forget()
        browser.get(url)  # the first page of a role draws its menu; the others take it as drawn
        samples = []
        for name, check in wrapped.items():
            setattr(sm, name, check)
        app.jinja_env.globals["cached_menu"] = timed_menu
        try:
            for _n in range(repeat):
                spent[0], calls[0] = 0.0, 0
                assert browser.get(url).status_code == 200
                samples.append(spent[0] * 1000)
        finally:
            for name in wrapped:
                delattr(sm, name)
            app.jinja_env.globals["cached_menu"] = drawn_menu
        out.append((f"{label} ({who})", statistics.median(samples), calls[0] - 1))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["small", "national"], default="small")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--url", help="an already generated database (kept); default: a new one, dropped after")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--zip-repeat", type=int, default=1)
    parser.add_argument("--gunicorn", action="store_true", help="also measure through gunicorn and run the load")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help="length of the mixed load")
    parser.add_argument("--results", action="store_true", help="write the figures into bench/RESULTS.md")
    args = parser.parse_args()
    from app.extensions import db
    from app.demo.generator.generate import generate

    today = date.today()
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    uploads = tempfile.mkdtemp(prefix="sibika_bench_uploads_")
    with harness.database(args.backend, args.url) as url:
        app = harness.build(url, uploads)
        generated = None
        if not args.url:
            began = time.perf_counter()
            generated = generate(app, args.scale, password=harness.PASSWORD, today=today)
            generated = (generated, time.perf_counter() - began)
        picked = _pick(app)
        harness.register_bare_view(app, picked["office_id"])
        # The dashboards (/beranda/) are being built on main; until they are merged the home page stands in.
        found = _login(app, picked["kepala"]).get("/beranda/").status_code
        picked["dashboard"] = "/beranda/" if found == 200 else "/"
        # Requests run outside any app context, as in production: each one gets its own session.
        with app.app_context():
            engine = db.engine
        counter = harness.StatementCounter(engine)
        failures = invariance_checks(app, picked, counter)
        load_before = os.getloadavg()
        print(f"Load average at the start: {load_text(load_before)}")
        print("Navbar per page (menu drawn or taken as drawn, and the permission checks of the buttons):")
        navbar = navbar_cost(app, picked, args.repeat)
        for label, median, checks in navbar:
            print(f"  {label:<58} median {median:8.1f} ms  {checks:>4} checks")
        rows, batch = scenarios(app, picked, month)
        figures = []
        for group, label, who, request in rows:
            figure = harness.timed(label, request, counter, args.repeat)
            figure.note = who
            figures.append((group, figure))
            print(f"  {label:<58} median {figure.median:8.1f} ms  p95 {figure.p95:8.1f} ms  "
                  f"{figure.statements:>4} SQL   ({who})")
        zip_figure = harness.timed(batch[1], batch[3], counter, args.zip_repeat, warmup=0)
        zip_figure.note = batch[2]
        figures.append((batch[0], zip_figure))
        print(f"  {batch[1]:<58} median {zip_figure.median:8.1f} ms  {zip_figure.statements:>4} SQL")
        counter.close()
        engine.dispose()
        served = None
        if args.gunicorn:
            from bench import served as gunicorn_run

            served = gunicorn_run.measure(url, uploads, picked, month, args.repeat, args.users, args.seconds)
        load_after = os.getloadavg()
        print(f"Load average at the end: {load_text(load_after)}")
        if args.results:
            write_section(ROOT / "bench" / "RESULTS.md", _machine(args), " ".join(["bench/run.py", *sys.argv[1:]]),
                          generated, figures, FLOOR_OF, failures, served, navbar=navbar,
                          load=(load_before, load_after))
    if failures:
        print("Statement count grows with page size or caseload:\n  " + "\n  ".join(failures))
        return 1
    return 0


def _machine(args) -> str:
    cores = os.cpu_count()
    return (f"{cores} cores, Python {platform.python_version()}, {args.backend}, "
            f"scale {args.scale}, {date.today().isoformat()}")


if __name__ == "__main__":
    sys.exit(main())
