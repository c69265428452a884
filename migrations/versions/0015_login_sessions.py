"""Login sessions kept on the server (logout, idle, password change and "log out
everywhere" end them there; API tokens belong to one); the session epoch they replace goes

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 07:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("user_agent", sa.String(length=255), nullable=True),
        sa.Column("address", sa.String(length=45), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_login_session_user_id", "login_session", ["user_id"])
    # Every session began under the epoch; after this upgrade each must log in again.
    with op.batch_alter_table("ab_user", schema=None) as batch_op:
        batch_op.drop_column("session_epoch")


def downgrade():
    with op.batch_alter_table("ab_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False))
    op.drop_index("ix_login_session_user_id", table_name="login_session")
    op.drop_table("login_session")
