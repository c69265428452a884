"""The litmas narrative the PK writes, and what the litmas says of a parent

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None

PARTS = ("ethnicity", "occupation", "guarantee", "basis", "purpose", "method", "childhood", "schooling", "health",
         "behaviour", "relations", "interests", "chronology", "motive", "victim", "response_client",
         "response_family", "response_community", "response_victim", "analysis", "conclusion", "recommendation")


def upgrade():
    op.create_table(
        "litmas_narrative",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("client.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=True) for name in PARTS),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("generated_document.id"), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), sa.ForeignKey("ab_user.id"), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.UniqueConstraint("client_id", "stage", name="uq_litmas_client_stage"),
    )
    op.create_index("ix_litmas_narrative_client_id", "litmas_narrative", ["client_id"])
    with op.batch_alter_table("guardian", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("religion", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("deceased", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("guardian", schema=None) as batch_op:
        batch_op.drop_column("deceased")
        batch_op.drop_column("religion")
        batch_op.drop_column("birth_date")
    op.drop_index("ix_litmas_narrative_client_id", table_name="litmas_narrative")
    op.drop_table("litmas_narrative")
