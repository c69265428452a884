"""The service standard as data (per office, versioned) and the office's public contacts

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "standard_component",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), nullable=False),
        sa.Column("component", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.UniqueConstraint("office_id", "component", "edition", name="uq_standard_component_edition"),
    )
    op.create_index("ix_standard_component_office_id", "standard_component", ["office_id"])
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_whatsapp", sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column("public_hours", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.drop_column("public_hours")
        batch_op.drop_column("public_whatsapp")
    op.drop_index("ix_standard_component_office_id", table_name="standard_component")
    op.drop_table("standard_component")
