"""SDP export: batches and the marks of what each carried.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sdp_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['ab_user.id'], name='fk_sdp_batch_created_by'),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name='fk_sdp_batch_office'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sdp_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sdp_batch_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index('ix_sdp_batch_office_at', ['office_id', 'created_at'], unique=False)

    op.create_table('sdp_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['sdp_batch.id'], name='fk_sdp_mark_batch', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'entity_id', 'seq', name='uq_sdp_mark_entity_seq')
    )
    with op.batch_alter_table('sdp_mark', schema=None) as batch_op:
        batch_op.create_index('ix_sdp_mark_batch', ['batch_id'], unique=False)



def downgrade():
    with op.batch_alter_table('sdp_mark', schema=None) as batch_op:
        batch_op.drop_index('ix_sdp_mark_batch')

    op.drop_table('sdp_mark')
    with op.batch_alter_table('sdp_batch', schema=None) as batch_op:
        batch_op.drop_index('ix_sdp_batch_office_at')
        batch_op.drop_index(batch_op.f('ix_sdp_batch_created_by_id'))

    op.drop_table('sdp_batch')
