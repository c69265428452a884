"""What the benchmarks share: a fresh database (SQLite file or a PostgreSQL
database named sibika_bench_*), the app built on it with the real migrations,
a bare Flask-AppBuilder list/show of the same client table as the floor, and a
counter of SQL statements per request."""
from __future__ import annotations

import math
import os
import secrets
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

PG_SERVER = os.environ.get("SIBIKA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "Bench-Sandi-2026!"


@contextmanager
def database(backend: str, url: str | None = None):
    """Yields a database URL: ``url`` as given (kept), else a new one dropped afterwards."""
    if url:
        yield url
        return
    if backend == "sqlite":
        folder = tempfile.mkdtemp(prefix="sibika_bench_")
        yield f"sqlite:///{folder}/bench.db"
        return
    name = f"sibika_bench_{secrets.token_hex(4)}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench_config(url: str, upload_dir: str):
    import config

    class BenchConfig(config.Config):
        SQLALCHEMY_DATABASE_URI = url
        UPLOAD_DIR = upload_dir
        SECRET_KEY = secrets.token_urlsafe(32)
        WTF_CSRF_ENABLED = False  # the test client posts forms without a token
        RATELIMIT_ENABLED = False

    return BenchConfig


def build(url: str, upload_dir: str, bare_office_id: int | None = None):
    """The app on ``url`` (migrated, roles and reference data in place), with the
    bare FAB view registered when ``bare_office_id`` is given."""
    from flask_migrate import upgrade

    from app import create_app

    app = create_app(bench_config(url, upload_dir))
    with app.app_context():
        upgrade()
        app.appbuilder.sm.sync()
    if bare_office_id is not None:
        register_bare_view(app, bare_office_id)
    return app


def register_bare_view(app, office_id: int) -> None:
    """Flask-AppBuilder with nothing of SIBIKA on top: the client table, the same
    columns, order and page size, narrowed to one office by a plain FAB filter so
    it reads as many rows as the Kepala Bapas's list. Bench harness only."""
    from flask_appbuilder import ModelView
    from flask_appbuilder.models.sqla.filters import FilterEqual
    from flask_appbuilder.models.sqla.interface import SQLAInterface

    from app.platform import roles
    from models import Client
    from views.clients.clients import ClientView

    class BareClientView(ModelView):
        route_base = "/bench-bare"
        datamodel = SQLAInterface(Client)
        list_columns = ClientView.list_columns
        search_columns = ["registration_number", "full_name", "status", "supervision_expiry"]
        order_columns = ClientView.order_columns
        base_order = ClientView.base_order
        show_columns = [c for _t, spec in ClientView.show_fieldsets for c in spec["fields"]]
        base_filters = [["office_id", FilterEqual, office_id]]
        page_size = 25

    with app.app_context():
        sm = app.appbuilder.sm
        app.appbuilder.add_view_no_menu(BareClientView)
        # SIBIKA's roles are FAB "builtin" roles: their grants are read from this table, not the database.
        grant = ["^BareClientView$", "^can_(list|show)$"]
        sm._builtin_roles = {name: pvms + [grant] if name in (roles.KEPALA, roles.PK) else pvms
                             for name, pvms in sm.builtin_roles.items()}


class StatementCounter:
    def __init__(self, engine):
        self.count = 0
        self.engine = engine
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, *args, **kwargs):
        # The read audit's one INSERT is written only when a page showed a child at all: a PK with nothing
        # due today writes none. It is one statement whatever the caseload, so it is not what is compared.
        if not statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            self.count += 1

    def close(self):
        event.remove(self.engine, "before_cursor_execute", self._seen)


@dataclass
class Figure:
    label: str
    timings: list[float] = field(default_factory=list)
    statements: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        ordered = sorted(self.timings)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(label: str, request, counter: StatementCounter, repeat: int, warmup: int = 1) -> Figure:
    """``request()`` run ``warmup`` + ``repeat`` times; the statement count is the
    largest seen in one request."""
    figure = Figure(label)
    for n in range(warmup + repeat):
        counter.count = 0
        began = time.perf_counter()
        request()
        elapsed = (time.perf_counter() - began) * 1000
        figure.statements = max(figure.statements, counter.count)
        if n >= warmup:
            figure.timings.append(elapsed)
    return figure
