"""indexes for national scale: the client list's date filters and sorts within an office

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 03:40:00

"""
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.create_index("ix_client_office_start", ["office_id", "supervision_start"], unique=False)
        batch_op.create_index("ix_client_office_expiry", ["office_id", "supervision_expiry"], unique=False)


def downgrade():
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index("ix_client_office_expiry")
        batch_op.drop_index("ix_client_office_start")
