"""Test harness: one application per database (SQLite always, PostgreSQL when it
answers), migrated with Alembic exactly as production, and a small world of two
offices with users of every role.

PostgreSQL: SIBIKA_TEST_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres)
names the server; a fresh database is created for the run and dropped after.
Without a server the PostgreSQL half is skipped with a visible reason, except
under CI=true, where it fails the run.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

# Property tests must not fail because a loaded CI machine was slow on one example.
settings.register_profile("sibika", deadline=None)
settings.load_profile("sibika")

PG_SERVER = os.environ.get("SIBIKA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "Uji-Sandi-2026!"
IN_CI = os.environ.get("CI", "").lower() == "true"


def tool_missing(reason: str) -> None:
    """A tool a test needs is not on this machine: skip with the reason, fail under CI=true (where
    ./sibika test, run as root, installs it)."""
    if IN_CI:
        pytest.fail(f"required under CI=true (./sibika test installs it as root): {reason}")
    pytest.skip(reason)


def free_port() -> int:
    """A loopback port nobody listens on now (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
# Which tests run on PostgreSQL too: those marked `both_databases` (see pytest_generate_tests), or every test
# with SIBIKA_TEST_ALL_ON_POSTGRES=1.
ALL_ON_POSTGRES = os.environ.get("SIBIKA_TEST_ALL_ON_POSTGRES", "") == "1"


def _pg_admin_engine():
    return create_engine(PG_SERVER, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


def _create_pg_database(template: str | None = None) -> tuple[str, str] | None:
    # The pid keeps the names of parallel workers (pytest-xdist) and of parallel runs apart.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"sibika_test_{worker}_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with _pg_admin_engine().connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
            # A test database is thrown away: not waiting for the WAL flush at each commit is safe here.
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI=true but did not answer at {PG_SERVER}: {exc}")
        return None
    return name, make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(name: str) -> None:
    with _pg_admin_engine().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _sqlite_without_fsync(dbapi_connection, _record) -> None:
    # A test database need not survive a power cut; SQLite's fsync at every commit was a third of set-up time.
    dbapi_connection.execute("PRAGMA synchronous = OFF")


def _create(url: str, upload_dir: str, **overrides):
    """The application on url, schema untouched; ``overrides`` are settings of its own."""
    import config
    from app import create_app

    class Cfg(config.TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        UPLOAD_DIR = upload_dir
        JOB_DIR = str(Path(upload_dir).parent / "jobs")
        BACKUP_DIR = str(Path(upload_dir).parent / "backups")
        SECRET_KEY = secrets.token_urlsafe(32)

    for key, value in overrides.items():
        setattr(Cfg, key, value)
    app = create_app(Cfg)
    # Every page template fails on a name it does not get, instead of printing nothing (production keeps
    # Jinja's lenient default, so a slip never costs a user a page).
    from jinja2 import StrictUndefined

    app.jinja_env.undefined = StrictUndefined
    if url.startswith("sqlite"):
        from app.extensions import db

        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_without_fsync)
            db.engine.dispose()
    return app


def _prepare(app) -> None:
    """Migrate (Alembic, as production), write roles and permissions, reference data."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
        app.appbuilder.sm.sync()
        from app.platform import reference_data
        from app.extensions import db

        reference_data.ensure(db.session)
        db.session.commit()
        db.session.remove()


def build_app(url: str, upload_dir: str):
    """An application on url, migrated and prepared there (kept for callers that bring their own database)."""
    app = _create(url, upload_dir)
    _prepare(app)
    return app


# One prepared database per kind and process, copied for every fresh one: migrating and writing the
# permissions once instead of once per application.
_TEMPLATES: dict[str, str] = {}
_TEMPLATE_DIR = Path(tempfile.gettempdir()) / f"sibika-templates-{os.getpid()}"


def _template(kind: str) -> str | None:
    if kind in _TEMPLATES:
        return _TEMPLATES[kind]
    from app.extensions import db

    _TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        path = _TEMPLATE_DIR / "template.db"
        app = build_app(f"sqlite:///{path}", str(_TEMPLATE_DIR / "uploads"))
        _TEMPLATES[kind] = str(path)
    else:
        created = _create_pg_database()
        if created is None:
            return None
        name, url = created
        _TEMPLATES[kind] = name  # dropped at the end of the session even if preparing fails
        app = build_app(url, str(_TEMPLATE_DIR / "uploads"))
    with app.app_context():  # CREATE DATABASE ... TEMPLATE wants nobody connected to the template
        db.session.remove()
        db.engine.dispose()
    return _TEMPLATES[kind]


def pytest_sessionfinish(session, exitstatus):
    if "postgresql" in _TEMPLATES:
        _drop_pg_database(_TEMPLATES.pop("postgresql"))
    shutil.rmtree(_TEMPLATE_DIR, ignore_errors=True)


@contextmanager
def fresh_app(kind: str, workdir: Path, **overrides):
    """A new application on a new, migrated and prepared database of `kind` ("sqlite" or "postgresql"),
    nothing else in it; its database is dropped afterwards. Skips (fails under CI=true) without PostgreSQL."""
    from app.extensions import db

    workdir = Path(workdir)
    uploads = str(workdir / "uploads")
    template = _template(kind)
    if kind == "sqlite":
        shutil.copyfile(template, workdir / "test.db")
        app = _create(f"sqlite:///{workdir / 'test.db'}", uploads, **overrides)
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        return
    created = _create_pg_database(template) if template else None
    if created is None:
        pytest.skip(f"PostgreSQL half skipped: no server answered at {PG_SERVER}")
    name, url = created
    app = _create(url, uploads, **overrides)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_pg_database(name)


@dataclass
class World:
    """Ids of the fixture records each test can rely on."""

    office_a: int
    office_b: int
    users: dict[str, int]
    kind_id: int


USERS = {
    # username: (role, office key)
    "admin": ("Admin", None),
    "kepala": ("Kepala Bapas", "a"),
    "pk_a": ("PK", "a"),
    "pk_a2": ("PK", "a"),
    "registrasi": ("Petugas Registrasi", "a"),
    "pengaduan": ("Unit Pengaduan", "a"),
    "tpp": ("Anggota TPP", "a"),
    "kepala_b": ("Kepala Bapas", "b"),
    "pk_b": ("PK", "b"),
    "registrasi_b": ("Petugas Registrasi", "b"),
}


def _make_world(app) -> World:
    from app.extensions import db
    from models import Office, SupervisionKind

    with app.app_context():
        sm = app.appbuilder.sm
        offices = {}
        for key, code in (("a", "BPS-A"), ("b", "BPS-B")):
            office = Office(code=code, name=f"Balai Pemasyarakatan {code}", city="Kota " + key.upper(),
                            registration_pattern="BA.{seq:04d}/{year}")
            db.session.add(office)
            db.session.flush()
            offices[key] = office.id
        db.session.commit()
        ids = {}
        for n, (username, (role, office_key)) in enumerate(USERS.items()):
            user = sm.add_user(username, username.title(), "Uji", f"{username}@example.test",
                               sm.find_role(role), PASSWORD)
            assert user, username
            user = sm.find_user(username=username)
            user.office_id = offices[office_key] if office_key else None
            user.nip = f"19900101201501{n:04d}"
            ids[username] = user.id
        db.session.commit()
        kind = db.session.query(SupervisionKind).filter_by(code="PB").one()
        return World(offices["a"], offices["b"], ids, kind.id)


BACKENDS = ["sqlite", "postgresql"]


def pytest_generate_tests(metafunc):
    """Every test that uses the shared application runs on SQLite; those marked `both_databases` (a module's
    pytestmark, a class or a function) run on PostgreSQL as well. Parametrised here rather than in the
    fixture so the choice is per test; scope="session" keeps one application per database per worker."""
    if "backend" not in metafunc.fixturenames:
        return
    both = ALL_ON_POSTGRES or metafunc.definition.get_closest_marker("both_databases") is not None
    metafunc.parametrize("backend", BACKENDS if both else BACKENDS[:1], indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request, tmp_path_factory):
    kind = getattr(request, "param", "sqlite")
    with fresh_app(kind, tmp_path_factory.mktemp(kind)) as app:
        yield app, _make_world(app)


@contextmanager
def _rolled_back(app):
    """The test's work in one transaction on one connection, rolled back at the end: each test starts from
    the world as it was made. Commits of the code under test release a SAVEPOINT only
    (join_transaction_mode="create_savepoint")."""
    from app.extensions import db

    connection = db.engine.connect()
    transaction = connection.begin()
    connection.name = connection.dialect.name  # FAB asks session.get_bind().name, which an Engine has
    raw = connection.connection.driver_connection
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # pysqlite would start the transaction only at the first write, and a SAVEPOINT outside BEGIN is a
        # transaction of its own that RELEASE commits: begin explicitly, on this connection only.
        legacy = raw.isolation_level
        raw.isolation_level = None
        connection.exec_driver_sql("BEGIN")
    factory = db.session.session_factory

    class BoundSession(factory.class_):
        # Flask-SQLAlchemy's Session picks its engine by bind key and would ignore the connection given.
        def get_bind(self, *args, **kwargs):
            return self.bind

    session = BoundSession(**{**factory.kw, "bind": connection, "join_transaction_mode": "create_savepoint"})
    db.session.registry.set(session)
    try:
        yield
    finally:
        session.close()
        db.session.registry.clear()
        transaction.rollback()
        if sqlite:
            raw.isolation_level = legacy
        connection.close()


@pytest.fixture
def app(backend, request):
    """The shared application in an app context. Unless the test is marked `committing`, its database
    work is rolled back afterwards (see _rolled_back); `committing` tests (threads, other connections,
    several processes) commit for real into the shared database, as every test did before."""
    app, _ = backend
    from app.extensions import db

    with app.app_context():
        if request.node.get_closest_marker("committing"):
            yield app
            db.session.rollback()
            return
        with _rolled_back(app):
            yield app


@pytest.fixture
def world(backend) -> World:
    return backend[1]


@pytest.fixture
def db_session(app):
    from app.extensions import db

    return db.session


class Browser:
    """A logged-in test client; one per user."""

    def __init__(self, app, username: str | None):
        self.client = app.test_client()
        self.username = username
        if username:
            self._forget_cached_user()
            response = self.client.post("/login/", data={"username": username, "password": PASSWORD})
            assert response.status_code == 302, f"login of {username} failed"

    @staticmethod
    def _forget_cached_user():
        # Tests hold an app context open, and Flask reuses it for requests, so
        # Flask-Login's per-context user cache would leak between browsers.
        from flask import g, has_app_context

        if has_app_context():
            g.pop("_login_user", None)
            g.pop("user", None)

    def get(self, url, **kw):
        self._forget_cached_user()
        return self.client.get(url, **kw)

    def post(self, url, **kw):
        self._forget_cached_user()
        return self.client.post(url, **kw)

    def api(self, method: str, url: str, json=None):
        self._forget_cached_user()
        return self.client.open(url, method=method, json=json)


@pytest.fixture
def as_user(app):
    cache: dict[str, Browser] = {}

    def _as(username: str | None) -> Browser:
        if username not in cache:
            cache[username] = Browser(app, username)
        return cache[username]

    return _as


@pytest.fixture
def make_client(app, world):
    """Create a client straight through the models (for tests about reading)."""
    from app.clients import assignments, next_number
    from app.extensions import db
    from models import Client, Handover, PKAssignment

    def _make(office: str = "a", pk: str | None = "pk_a", status: str = "terdaftar", handover: bool = False,
              **fields):
        office_id = world.office_a if office == "a" else world.office_b
        values = dict(full_name="Budi Santoso", sex="L", birth_date=date(2010, 3, 14),
                      offence_date=date(2025, 6, 1), origin="lpka", supervision_kind_id=world.kind_id,
                      supervision_start=date(2026, 1, 5), supervision_expiry=date(2027, 1, 4))
        values.update(fields)
        client = Client(office_id=office_id, status="terdaftar", **values)
        next_number.fill_number(db.session, client, 2026)
        db.session.add(client)
        db.session.flush()
        if handover:
            db.session.add(Handover(client_id=client.id, handover_date=values["supervision_start"],
                                    handing_party="LPKA Kelas II", handing_officer="Petugas LPKA",
                                    receiving_officer_id=world.users["registrasi" if office == "a" else "registrasi_b"]))
        if pk:
            assignment = PKAssignment(client=client, client_id=client.id, pk_id=world.users[pk],
                                      start_date=values["supervision_start"] or date.today(), reason="")
            assignments.apply(db.session, assignment, None)
            db.session.add(assignment)
        client.status = status
        db.session.commit()
        return client

    return _make


@pytest.fixture(autouse=True)
def _frozen_today(request):
    """@pytest.mark.today(date(...)): date.today() and datetime.now() start on that day (10:00 in Jakarta)
    and run on from there, so a test that counts within "this month" or "in 3 days" does not fail on the
    last days of a month. The database server's own now() (server defaults) is not moved."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    import time_machine

    moment = datetime.combine(marker.args[0], time(10, 0), tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def babel_context():
    """A request context of a bare Flask app with Babel, for unit tests of code that translates."""
    from flask import Flask
    from flask_babel import Babel

    bare = Flask(__name__)
    Babel(bare)
    with bare.test_request_context():
        yield


@pytest.fixture
def active(make_client):
    """A client under supervision by pk_a (aktif, handed over, 200 days in, 300 to go)."""
    from tests import factories

    return factories.active_client(make_client)


@pytest.fixture
def in_awal(make_client, db_session):
    """A client of pk_a whose supervision started on factories.START: in the awal stage."""
    from tests import factories

    return factories.client_in_awal(make_client, db_session)


@pytest.fixture
def fresh_user(app):
    """A user of its own, so that locking or ending its sessions touches no other test."""
    from app.extensions import db
    from models import Staff

    sm = app.appbuilder.sm
    made = []

    def _make(username: str, role: str = "PK"):
        user = sm.add_user(username, "Uji", "Akun", f"{username}@example.test", sm.find_role(role), PASSWORD)
        assert user
        made.append(user.id)
        return user

    yield _make
    db.session.rollback()
    for user_id in made:
        user = db.session.get(Staff, user_id)
        if user is not None:
            user.roles = []
            db.session.delete(user)
    db.session.commit()
