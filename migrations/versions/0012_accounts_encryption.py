"""Accounts (lockout, session epoch) and encryption at rest of the sensitive notes

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

from app.platform import crypto

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Written out here, not read from the models: a migration describes the schema of its own time.
ENCRYPTED = {
    "client_confidential": ["health", "household", "safety", "programme_notes"],
    "programme": ["interests_talents", "notes", "tpp_note"],
    "programme_item": ["activity", "need", "target"],
}


def upgrade():
    with op.batch_alter_table("ab_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False))
    # Needs the keys of the running configuration (SIBIKA_FERNET_KEYS): `flask db upgrade` has them.
    crypto.encrypt_plaintext(op.get_bind(), ENCRYPTED)


def downgrade():
    crypto.decrypt_to_plaintext(op.get_bind(), ENCRYPTED)
    with op.batch_alter_table("ab_user", schema=None) as batch_op:
        batch_op.drop_column("session_epoch")
        batch_op.drop_column("locked_until")
