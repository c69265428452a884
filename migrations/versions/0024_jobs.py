"""Background jobs (app.jobs): owner, status and result of each.

Revision ID: 0024
Revises: 0016
Create Date: 2026-12-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0024"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=True),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("result_name", sa.String(length=120), nullable=True),
        sa.Column("result_path", sa.String(length=200), nullable=True),
        sa.Column("result_mime", sa.String(length=80), nullable=True),
        sa.Column("result_url", sa.String(length=200), nullable=True),
        sa.Column("result_clients", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_job_owner_created", "job", ["owner_id", "created_at"])


def downgrade():
    op.drop_index("ix_job_owner_created", table_name="job")
    op.drop_table("job")
