"""SDP marks carry a change marker, so finding what is pending hashes only what changed

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 04:50:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    # Existing marks get no marker: each such record is hashed once more and its
    # marker written by the next export.
    with op.batch_alter_table("sdp_mark", schema=None) as batch_op:
        batch_op.add_column(sa.Column("marker", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("sdp_mark", schema=None) as batch_op:
        batch_op.drop_column("marker")
