"""The office an earlier file was opened to: earlier_file_grant.office_id.

A grant opens the earlier file to the supervisors of the linked registration *in the office it was given
to*; when that child is transferred on, the grant stays with that office and does not open the file to
the receiving one (app.access.granted_file_clause). Existing grants are given the office the linked
registration is in now.

Revision ID: 0028
Revises: 0026
Create Date: 2026-12-04 03:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0028"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("earlier_file_grant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
    op.execute("UPDATE earlier_file_grant SET office_id = (SELECT client.office_id FROM client_link "
               "JOIN client ON client.id = client_link.client_id WHERE client_link.id = earlier_file_grant.link_id)")
    with op.batch_alter_table("earlier_file_grant", schema=None) as batch_op:
        batch_op.alter_column("office_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key("fk_earlier_file_grant_office_id", "office", ["office_id"], ["id"])
        batch_op.create_index("ix_earlier_file_grant_office_id", ["office_id"])


def downgrade():
    with op.batch_alter_table("earlier_file_grant", schema=None) as batch_op:
        batch_op.drop_index("ix_earlier_file_grant_office_id")
        batch_op.drop_constraint("fk_earlier_file_grant_office_id", type_="foreignkey")
        batch_op.drop_column("office_id")
