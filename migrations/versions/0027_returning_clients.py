"""Returning clients: a new registration linked to the earlier one of the same child (client_link), the
grants by which the earlier file's Kepala Bapas opens it to the new supervisors (earlier_file_grant), and
the indexes by which a registration is checked against every office (client.nik, client.birth_date).

Revision ID: 0027
Revises: 0025
Create Date: 2026-12-04 01:30:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0027"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "client_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("client.id", ondelete="CASCADE"), nullable=False),
        sa.Column("earlier_client_id", sa.Integer(), sa.ForeignKey("client.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("matched_on", sa.String(60), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("linked_by_id", sa.Integer(), sa.ForeignKey("ab_user.id"), nullable=True),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("client_id", "earlier_client_id", name="uq_client_link_pair"),
    )
    op.create_index("ix_client_link_client_id", "client_link", ["client_id"])
    op.create_index("ix_client_link_earlier_client_id", "client_link", ["earlier_client_id"])
    op.create_table(
        "earlier_file_grant",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("client_link.id", ondelete="CASCADE"), nullable=False),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("client.id", ondelete="CASCADE"), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), sa.ForeignKey("ab_user.id"), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_by_id", sa.Integer(), sa.ForeignKey("ab_user.id"), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_earlier_file_grant_link_id", "earlier_file_grant", ["link_id"])
    op.create_index("ix_earlier_file_grant_client_id", "earlier_file_grant", ["client_id"])
    op.create_index("uq_earlier_file_grant_open", "earlier_file_grant", ["link_id"], unique=True,
                    sqlite_where=sa.text("revoked_at IS NULL"), postgresql_where=sa.text("revoked_at IS NULL"))
    op.create_index("ix_client_nik", "client", ["nik"])
    op.create_index("ix_client_birth_date", "client", ["birth_date"])


def downgrade():
    op.drop_index("ix_client_birth_date", table_name="client")
    op.drop_index("ix_client_nik", table_name="client")
    op.drop_table("earlier_file_grant")
    op.drop_table("client_link")
