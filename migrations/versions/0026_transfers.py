"""Transfers between offices (pindah wilayah bimbingan), and the rows that follow a client who moves.

* transfer: one row per proposal (app.supervision.transfers); at most one open (diajukan / disetujui) per client,
  held by a unique partial index.
* The trigger of 0025 that moves a client's book lines and termination with the client's office now moves
  the reporting log (apel_log) and the progress book (progress_entry) as well: their office column is a
  predicate of the office's lists, so after a transfer no line of the file is left behind in the old office.

Revision ID: 0026
Revises: 0027
Create Date: 2026-12-04 01:30:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0026"
down_revision = "0027"
branch_labels = None
depends_on = None

OPEN_WHERE = "status IN ('diajukan', 'disetujui')"
FOLLOWING = ("book_entry", "termination", "apel_log", "progress_entry")
FOLLOWING_0025 = ("book_entry", "termination")


def _follow(tables) -> None:
    updates = " ".join(f"UPDATE {t} SET office_id = NEW.office_id WHERE client_id = NEW.id;" for t in tables)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION rows_follow_client_office() RETURNS trigger AS $$
            BEGIN
                {updates}
                RETURN NEW;
            END $$ LANGUAGE plpgsql""")
    else:
        op.execute("DROP TRIGGER IF EXISTS client_office_moves_rows")
        op.execute("CREATE TRIGGER client_office_moves_rows AFTER UPDATE OF office_id ON client "
                   f"FOR EACH ROW WHEN OLD.office_id IS NOT NEW.office_id BEGIN {updates} END")


def upgrade():
    op.create_table(
        "transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("from_office_id", sa.Integer(), nullable=False),
        sa.Column("to_office_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("new_address", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("from_registration_number", sa.String(length=60), nullable=False),
        sa.Column("to_registration_number", sa.String(length=60), nullable=True),
        sa.Column("from_pk_id", sa.Integer(), nullable=True),
        sa.Column("new_pk_id", sa.Integer(), nullable=True),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("refusal_reason", sa.Text(), nullable=True),
        sa.Column("letter_number", sa.String(length=120), nullable=True),
        sa.Column("handover_letter_number", sa.String(length=120), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["to_office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["from_pk_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["new_pk_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["approved_by_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["decided_by_id"], ["ab_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_transfer_client_id", "transfer", ["client_id"])
    op.create_index("ix_transfer_from_office", "transfer", ["from_office_id", "status"])
    op.create_index("ix_transfer_to_office", "transfer", ["to_office_id", "status"])
    op.create_index("uq_transfer_open_client", "transfer", ["client_id"], unique=True,
                    sqlite_where=sa.text(OPEN_WHERE), postgresql_where=sa.text(OPEN_WHERE))
    _follow(FOLLOWING)
    for table in ("apel_log", "progress_entry"):
        op.execute(f"UPDATE {table} SET office_id = (SELECT office_id FROM client WHERE client.id = {table}.client_id) "
                   f"WHERE office_id <> (SELECT office_id FROM client WHERE client.id = {table}.client_id)")


def downgrade():
    _follow(FOLLOWING_0025)
    op.drop_index("uq_transfer_open_client", table_name="transfer")
    op.drop_index("ix_transfer_to_office", table_name="transfer")
    op.drop_index("ix_transfer_from_office", table_name="transfer")
    op.drop_index("ix_transfer_client_id", table_name="transfer")
    op.drop_table("transfer")
