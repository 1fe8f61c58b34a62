"""Server-side consultant sessions and attempt counters shared by every worker

Revision ID: d5a8c1e7f302
Revises: e5a9d3c71f20
Create Date: 2026-12-10 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd5a8c1e7f302'
down_revision = 'e5a9d3c71f20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consultant_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultant_id'], ['consultant.id'], name=op.f('fk_consultant_session_consultant_id_consultant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultant_session')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_consultant_session_key_hash'))
    )
    with op.batch_alter_table('consultant_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultant_session_consultant_id'), ['consultant_id'], unique=False)

    op.create_table('attempt_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(), nullable=False),
    sa.Column('wait_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt_counter')),
    sa.UniqueConstraint('scope', 'key_hash', name=op.f('uq_attempt_counter_scope'))
    )


def downgrade():
    op.drop_table('attempt_counter')
    with op.batch_alter_table('consultant_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultant_session_consultant_id'))
    op.drop_table('consultant_session')
