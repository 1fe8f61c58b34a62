"""Transition assessments: kind of assessment and the assessment answers were carried from

Revision ID: b7d2c4e6f813
Revises: a1c3e5f70921
Create Date: 2026-12-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7d2c4e6f813'
down_revision = 'a1c3e5f70921'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='full', nullable=False))
        batch_op.add_column(sa.Column('carried_from_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_assessment_carried_from_id_assessment'), 'assessment', ['carried_from_id'], ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessment_carried_from_id_assessment'), type_='foreignkey')
        batch_op.drop_column('carried_from_id')
        batch_op.drop_column('kind')
