"""Uploaded templates say why the start-up re-check took them out of use

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-02 07:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    # The re-check itself runs at start-up (`flask sibika init`, app.documents.template_recheck),
    # so that every later tightening of the rule reaches the stored versions too.
    with op.batch_alter_table("document_template", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refused_reason", sa.String(length=1000), nullable=True))


def downgrade():
    with op.batch_alter_table("document_template", schema=None) as batch_op:
        batch_op.drop_column("refused_reason")
