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
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Property tests must not fail because a loaded CI machine was slow on one example.
settings.register_profile("sibika", deadline=None)
settings.load_profile("sibika")

PG_SERVER = os.environ.get("SIBIKA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "Uji-Sandi-2026!"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_admin_engine():
    return create_engine(PG_SERVER, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


def _create_pg_database() -> tuple[str, str] | None:
    name = f"sibika_test_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with _pg_admin_engine().connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI=true but did not answer at {PG_SERVER}: {exc}")
        return None
    return name, make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(name: str) -> None:
    with _pg_admin_engine().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def build_app(url: str, upload_dir: str):
    from flask_migrate import upgrade

    import config
    from app import create_app

    class Cfg(config.TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        UPLOAD_DIR = upload_dir
        SECRET_KEY = secrets.token_urlsafe(32)

    app = create_app(Cfg)
    with app.app_context():
        upgrade()
        app.appbuilder.sm.sync()
        from app import reference_data
        from app.extensions import db

        reference_data.ensure(db.session)
    return app


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


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(request.param)
    uploads = str(workdir / "uploads")
    if request.param == "sqlite":
        app = build_app(f"sqlite:///{workdir / 'test.db'}", uploads)
        yield app, _make_world(app)
        return
    created = _create_pg_database()
    if created is None:
        pytest.skip(f"PostgreSQL half skipped: no server answered at {PG_SERVER}")
    name, url = created
    app = build_app(url, uploads)
    try:
        yield app, _make_world(app)
    finally:
        from app.extensions import db

        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_pg_database(name)


@pytest.fixture
def app(backend):
    app, _ = backend
    with app.app_context():
        yield app
        from app.extensions import db

        db.session.rollback()


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
    from app import assignments, registration_service
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
        registration_service.fill_number(db.session, client, 2026)
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
