"""Hardening: a version on every editable record (optimistic locking), an
append-only audit log (triggers; identity values already logged are masked
first) and the retention proposals for anonymising closed cases.

Revision ID: 0011
Revises: 0010
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

VERSIONED = (
    "apel_log", "assessment", "classification", "client_confidential", "complaint_category", "guardian",
    "handover", "handover_document_type", "holiday", "letter_pattern", "monthly_report", "office", "partner",
    "programme", "programme_item", "progress_entry", "referral", "supervision_kind", "tpp_item", "tpp_session",
)

# Columns whose values the audit trail no longer keeps (app.platform.audit.redacted_columns as of this revision).
REDACTED = {
    "client": ("address", "alias", "birth_date", "birth_place", "full_name", "nik", "photo", "sentence"),
    "guardian": ("address", "name", "occupation", "phone"),
    "client_confidential": ("health", "household", "programme_notes", "safety"),
    "programme_item": ("activity", "need", "target"),
    "progress_entry": ("absence_reason", "follow_up", "result", "what_happened"),
    "assessment": ("consent_note", "domain_scores", "needs"),
    "tpp_session": ("notes",), "monthly_report": ("summary",), "termination": ("notes",),
    "programme": ("interests_talents", "notes", "tpp_note"), "apel_log": ("notes", "remote_reason"),
    "tpp_item": ("notes", "pk_recommendation"), "consent": ("notes",), "referral": ("purpose", "report_back"),
    "complaint": ("public_reply", "text"), "revocation": ("ground_details",), "handover": ("notes",),
    "pk_assignment": ("reason",), "complaint_step": ("text",), "classification": ("needs",),
    "book_entry": ("reason", "superseded_reason"),
}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$
"""


def _mask_logged_identity(bind) -> None:
    audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("table_name", sa.String),
                     sa.column("changes", sa.Text))
    rows = bind.execute(sa.select(audit.c.id, audit.c.table_name, audit.c.changes).where(
        audit.c.table_name.in_(list(REDACTED)), audit.c.changes.is_not(None))).all()
    for row in rows:
        changes = json.loads(row.changes)
        hidden = set(REDACTED[row.table_name]) & set(changes)
        if not hidden:
            continue
        for key in hidden:
            changes[key] = [None if v is None else "***" for v in changes[key]]
        bind.execute(audit.update().where(audit.c.id == row.id).values(
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True)))


def upgrade():
    op.create_table(
        "retention_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_retention_client", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["ab_user.id"], name="fk_retention_decided_by"),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name="fk_retention_office"),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["ab_user.id"], name="fk_retention_proposed_by"),
        sa.PrimaryKeyConstraint("id", name="pk_retention_proposal"),
    )
    with op.batch_alter_table("retention_proposal", schema=None) as batch_op:
        batch_op.create_index("ix_retention_office_status", ["office_id", "status"], unique=False)
        batch_op.create_index("ix_retention_proposal_client_id", ["client_id"], unique=False)
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(), nullable=True))
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    bind = op.get_bind()
    _mask_logged_identity(bind)
    if bind.dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
        op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()")
    elif bind.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: {verb} refused'); END")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    elif bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
    op.drop_index("ix_retention_proposal_client_id", table_name="retention_proposal")
    op.drop_index("ix_retention_office_status", table_name="retention_proposal")
    op.drop_table("retention_proposal")
