"""Office settings for the letters (paper size, logo, Laman, the head's rank, Plh./Plt.) and the
PK's view on changing the programme in the monthly report

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0018"
down_revision = "0021"
branch_labels = None
depends_on = None

OFFICE_COLUMNS = (("logo", 80), ("website", 120), ("head_rank", 80), ("acting_role", 4), ("acting_name", 150),
                  ("acting_nip", 18), ("acting_rank", 80))


def upgrade():
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paper_size", sa.String(length=2), nullable=False, server_default="A4"))
        for name, length in OFFICE_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    with op.batch_alter_table("monthly_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("programme_assessment", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("monthly_report", schema=None) as batch_op:
        batch_op.drop_column("programme_assessment")
    with op.batch_alter_table("office", schema=None) as batch_op:
        for name, _length in reversed(OFFICE_COLUMNS):
            batch_op.drop_column(name)
        batch_op.drop_column("paper_size")
