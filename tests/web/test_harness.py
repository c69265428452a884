"""The test harness itself: a test's work is rolled back, fresh_app() gives a migrated database of its own, and
only the test configuration hashes passwords cheaply."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import Office, Staff
from tests.conftest import _rolled_back, fresh_app

pytestmark = pytest.mark.both_databases


def _offices(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Office))


def test_a_tests_commits_are_rolled_back_afterwards(backend):
    app, _ = backend
    from app.extensions import db

    with app.app_context():
        before = _offices(db)
        with _rolled_back(app):
            db.session.add(Office(code="BPS-X", name="Balai X", city="Kota X", registration_pattern="X.{seq}"))
            db.session.commit()  # the code under test commits: a SAVEPOINT is released, nothing more
            assert _offices(db) == before + 1
        db.session.remove()
        assert _offices(db) == before


def test_fresh_app_is_migrated_with_roles_and_empty(backend, tmp_path):
    kind = backend[0].config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
    from app.extensions import db

    with fresh_app(kind, tmp_path) as app, app.app_context():
        assert _offices(db) == 0 and db.session.scalar(select(func.count()).select_from(Staff)) == 0
        assert app.appbuilder.sm.find_role("Kepala Bapas") is not None
        db.session.remove()


def test_only_the_test_configuration_hashes_passwords_cheaply(app, world):
    import config

    assert "FAB_PASSWORD_HASH_METHOD" not in vars(config.Config)  # production: FAB's scrypt
    user = app.appbuilder.sm.get_user_by_id(world.users["pk_a"])
    assert user.password.startswith("pbkdf2:sha256:1$")
