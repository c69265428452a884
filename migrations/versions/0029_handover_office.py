"""The office a handover happened in, fixed at the handover.

A transferred client's handover stays in the month flow of the office that received the child then, not
in the office that supervises them now (a transfer is counted in its own flow, app.dashboard.transfers).
The column is filled by the database from the client on insert, whatever writes the row, and — unlike book
lines and terminations (0025) — does not follow the client when it moves. (office_id, handover_date) lets
the Kepala's flow read one office's rows.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04 03:20:00
"""
from alembic import op
import sqlalchemy as sa

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("handover") as batch_op:  # SQLite adds a foreign key only by copying the table
        batch_op.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_handover_office_id_office", "office", ["office_id"], ["id"])
        batch_op.create_index("ix_handover_office_date", ["office_id", "handover_date"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE FUNCTION handover_takes_client_office() RETURNS trigger AS $$
            BEGIN
                IF NEW.office_id IS NULL THEN
                    SELECT office_id INTO NEW.office_id FROM client WHERE id = NEW.client_id;
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER handover_office BEFORE INSERT ON handover "
                   "FOR EACH ROW EXECUTE FUNCTION handover_takes_client_office()")
    else:
        op.execute("CREATE TRIGGER handover_office AFTER INSERT ON handover "
                   "FOR EACH ROW WHEN NEW.office_id IS NULL BEGIN "
                   "UPDATE handover SET office_id = (SELECT office_id FROM client WHERE id = NEW.client_id) "
                   "WHERE id = NEW.id; END")
    # Existing rows: the office the child came from when it was transferred since, else its office now.
    op.execute("UPDATE handover SET office_id = COALESCE("
               "(SELECT t.from_office_id FROM transfer t WHERE t.client_id = handover.client_id "
               " AND t.status = 'diterima' ORDER BY t.id LIMIT 1), "
               "(SELECT office_id FROM client WHERE client.id = handover.client_id))")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS handover_office ON handover")
        op.execute("DROP FUNCTION IF EXISTS handover_takes_client_office()")
    else:
        op.execute("DROP TRIGGER IF EXISTS handover_office")
    with op.batch_alter_table("handover") as batch_op:
        batch_op.drop_index("ix_handover_office_date")
        batch_op.drop_constraint("fk_handover_office_id_office", type_="foreignkey")
        batch_op.drop_column("office_id")
