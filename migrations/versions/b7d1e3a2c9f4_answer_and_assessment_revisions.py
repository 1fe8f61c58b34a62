"""Answer and assessment revisions, so a save over newer answers is detected instead of overwriting them

Revision ID: b7d1e3a2c9f4
Revises: c4e8a2d61b57
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d1e3a2c9f4'
down_revision = 'c4e8a2d61b57'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('revision')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('revision')
