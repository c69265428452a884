"""Office-scoped indexes for the stage register and the Kepala's monthly flow.

* handover (client_id, handover_date): an office's handovers by month are read from its clients (their
  office index) and each client's handovers from this index, so the cost is that of one office.
* termination.office_id and (office_id, end_date): the office's ends by month read straight from the
  office's rows. The column is filled by the database from the client on insert, whatever writes the row.
* book_entry.office_id (from 0002) is now a predicate of the stage and expiry books: when an Admin moves a
  client to another office, its book lines and its termination follow (trigger), so the predicate never
  hides a line.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 11:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0025"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_handover_client_date", "handover", ["client_id", "handover_date"])
    with op.batch_alter_table("termination") as batch_op:  # SQLite adds a foreign key only by copying the table
        batch_op.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_termination_office_id_office", "office", ["office_id"], ["id"])
        batch_op.create_index("ix_termination_office_end", ["office_id", "end_date"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE FUNCTION termination_takes_client_office() RETURNS trigger AS $$
            BEGIN
                IF NEW.office_id IS NULL THEN
                    SELECT office_id INTO NEW.office_id FROM client WHERE id = NEW.client_id;
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER termination_office BEFORE INSERT ON termination "
                   "FOR EACH ROW EXECUTE FUNCTION termination_takes_client_office()")
        op.execute("""
            CREATE FUNCTION rows_follow_client_office() RETURNS trigger AS $$
            BEGIN
                UPDATE book_entry SET office_id = NEW.office_id WHERE client_id = NEW.id;
                UPDATE termination SET office_id = NEW.office_id WHERE client_id = NEW.id;
                RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER client_office_moves_rows AFTER UPDATE OF office_id ON client "
                   "FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id) "
                   "EXECUTE FUNCTION rows_follow_client_office()")
    else:
        op.execute("CREATE TRIGGER termination_office AFTER INSERT ON termination "
                   "FOR EACH ROW WHEN NEW.office_id IS NULL BEGIN "
                   "UPDATE termination SET office_id = (SELECT office_id FROM client WHERE id = NEW.client_id) "
                   "WHERE id = NEW.id; END")
        op.execute("CREATE TRIGGER client_office_moves_rows AFTER UPDATE OF office_id ON client "
                   "FOR EACH ROW WHEN OLD.office_id IS NOT NEW.office_id BEGIN "
                   "UPDATE book_entry SET office_id = NEW.office_id WHERE client_id = NEW.id; "
                   "UPDATE termination SET office_id = NEW.office_id WHERE client_id = NEW.id; END")
    for table in ("book_entry", "termination"):
        op.execute(f"UPDATE {table} SET office_id = (SELECT office_id FROM client WHERE client.id = {table}.client_id) "
                   f"WHERE office_id IS NULL OR office_id <> "
                   f"(SELECT office_id FROM client WHERE client.id = {table}.client_id)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS client_office_moves_rows ON client")
        op.execute("DROP FUNCTION IF EXISTS rows_follow_client_office()")
        op.execute("DROP TRIGGER IF EXISTS termination_office ON termination")
        op.execute("DROP FUNCTION IF EXISTS termination_takes_client_office()")
    else:
        op.execute("DROP TRIGGER IF EXISTS client_office_moves_rows")
        op.execute("DROP TRIGGER IF EXISTS termination_office")
    with op.batch_alter_table("termination") as batch_op:
        batch_op.drop_index("ix_termination_office_end")
        batch_op.drop_constraint("fk_termination_office_id_office", type_="foreignkey")
        batch_op.drop_column("office_id")
    op.drop_index("ix_handover_client_date", table_name="handover")
