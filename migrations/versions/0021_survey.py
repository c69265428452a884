"""Survei Kepuasan Masyarakat: answers, one-time codes, published quarters

Revision ID: 0021
Revises: 0016
Create Date: 2026-12-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0021"
down_revision = "0024"
branch_labels = None
depends_on = None

KEYS = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana")


def upgrade():
    op.create_table(
        "survey_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["generated_document.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("document_id"),
    )
    op.create_index("ix_survey_code_office_id", "survey_code", ["office_id"])
    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.SmallInteger(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.Column("service", sa.String(length=40), nullable=True),
        *(sa.Column(key, sa.SmallInteger(), nullable=False) for key in KEYS),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("age_range", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("education", sa.String(length=10), nullable=True),
        sa.Column("occupation", sa.String(length=20), nullable=True),
        *(sa.CheckConstraint(f"{key} BETWEEN 1 AND 4", name=f"ck_survey_response_{key}") for key in KEYS),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name="ck_survey_response_quarter"),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["code_id"], ["survey_code.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_id"),
    )
    op.create_index("ix_survey_response_period", "survey_response", ["office_id", "year", "quarter"])
    op.create_table(
        "survey_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.SmallInteger(), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("ikm", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("elements", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["published_by_id"], ["ab_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("office_id", "year", "quarter", name="uq_survey_publication_quarter"),
    )


def downgrade():
    op.drop_table("survey_publication")
    op.drop_index("ix_survey_response_period", table_name="survey_response")
    op.drop_table("survey_response")
    op.drop_index("ix_survey_code_office_id", table_name="survey_code")
    op.drop_table("survey_code")
