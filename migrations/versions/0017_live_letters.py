"""One live letter per matter: matter key, diganti / dibatalkan with reason, unique partial index

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 10:00:00

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

revision = "0017"
down_revision = "0018"
branch_labels = None
depends_on = None

LIVE_WHERE = "status IN ('berlaku', 'ditandatangani')"
# Stored data, read by the office: Indonesian like every letter.
DUPLICATE_REASON = ("Terbit lebih dari sekali sebelum aturan satu surat berlaku per perkara; ditandai diganti "
                    "saat pembaruan sistem.")


def _matter(row) -> str:
    # As models.document.matter_key at the time of this migration (kept here: migrations do not import the app).
    if row.client_id is not None:
        about = f"klien:{row.client_id}"
    elif row.complaint_id is not None:
        about = f"pengaduan:{row.complaint_id}"
    elif row.tpp_session_id is not None:
        about = f"tpp:{row.tpp_session_id}"
    else:
        about = "-"
    return f"{row.doc_type}|{about}|{row.period or '-'}"


def upgrade():
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("matter", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("replaced_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("status_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("status_changed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("status_changed_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key("fk_generated_document_replaced_by", "generated_document",
                                    ["replaced_by_id"], ["id"])
        batch_op.create_foreign_key("fk_generated_document_status_changed_by", "ab_user",
                                    ["status_changed_by_id"], ["id"])

    documents = sa.table("generated_document", sa.column("id", sa.Integer), sa.column("doc_type", sa.String),
                         sa.column("client_id", sa.Integer), sa.column("complaint_id", sa.Integer),
                         sa.column("tpp_session_id", sa.Integer), sa.column("period", sa.String),
                         sa.column("status", sa.String), sa.column("matter", sa.String),
                         sa.column("replaced_by_id", sa.Integer), sa.column("status_reason", sa.Text),
                         sa.column("status_changed_at", sa.DateTime))
    bind = op.get_bind()
    # "draft" was never a draft: an issued letter, valid until signed, replaced or cancelled.
    bind.execute(documents.update().where(documents.c.status == "draft").values(status="berlaku"))
    rows = bind.execute(sa.select(documents.c.id, documents.c.doc_type, documents.c.client_id,
                                  documents.c.complaint_id, documents.c.tpp_session_id, documents.c.period,
                                  documents.c.status).order_by(documents.c.id)).all()
    live: dict[str, list] = {}
    for row in rows:
        matter = _matter(row)
        bind.execute(documents.update().where(documents.c.id == row.id).values(matter=matter))
        if row.status in ("berlaku", "ditandatangani"):
            live.setdefault(matter, []).append(row)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for same in live.values():
        if len(same) < 2:
            continue
        # The one that stays: the newest signed copy if there is one, else the newest letter.
        signed = [r for r in same if r.status == "ditandatangani"]
        keeper = (signed or same)[-1]
        for row in same:
            if row.id != keeper.id:
                bind.execute(documents.update().where(documents.c.id == row.id).values(
                    status="diganti", replaced_by_id=keeper.id, status_reason=DUPLICATE_REASON,
                    status_changed_at=now))

    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.alter_column("matter", existing_type=sa.String(length=120), nullable=False)
    op.create_index("uq_document_live_matter", "generated_document", ["matter"], unique=True,
                    sqlite_where=sa.text(LIVE_WHERE), postgresql_where=sa.text(LIVE_WHERE))


def downgrade():
    op.drop_index("uq_document_live_matter", table_name="generated_document")
    op.execute("UPDATE generated_document SET status = 'draft' WHERE status = 'berlaku'")
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_constraint("fk_generated_document_status_changed_by", type_="foreignkey")
        batch_op.drop_constraint("fk_generated_document_replaced_by", type_="foreignkey")
        batch_op.drop_column("status_changed_at")
        batch_op.drop_column("status_changed_by_id")
        batch_op.drop_column("status_reason")
        batch_op.drop_column("replaced_by_id")
        batch_op.drop_column("matter")
