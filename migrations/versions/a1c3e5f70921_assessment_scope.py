"""Assessment scope, stated on the audit rehearsal report

Revision ID: a1c3e5f70921
Revises: 6f42f0cf4dc8
Create Date: 2026-12-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1c3e5f70921'
down_revision = '6f42f0cf4dc8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('scope')
