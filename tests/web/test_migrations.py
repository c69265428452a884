"""`flask db upgrade` on an empty database gives exactly the schema of the models."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_appbuilder import Model

from app.extensions import db
import pytest

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well


def test_migrated_schema_matches_the_models(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Model.metadata)
    assert diff == []


def test_the_schema_was_built_by_alembic_not_create_all(app):
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is not None
