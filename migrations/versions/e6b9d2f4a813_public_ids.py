"""Public ids for clients, assessments and links: URLs name them by 96 random bits, never by the integer id

Existing rows get a random id each (the same generator as new rows), then the column becomes NOT NULL and unique.

Revision ID: e6b9d2f4a813
Revises: d5a8c1e7f302
Create Date: 2026-12-10 10:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = 'e6b9d2f4a813'
down_revision = 'd5a8c1e7f302'
branch_labels = None
depends_on = None

TABLES = ('organisation', 'assessment', 'respondent')


def upgrade():
    connection = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('public_id', sa.String(length=22), nullable=True))
        rows = sa.table(table, sa.column('id', sa.Integer), sa.column('public_id', sa.String))
        ids = [row.id for row in connection.execute(sa.select(rows.c.id))]
        for row_id in ids:
            connection.execute(
                rows.update().where(rows.c.id == row_id).values(public_id=secrets.token_urlsafe(12))
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('public_id', existing_type=sa.String(length=22), nullable=False)
            batch_op.create_unique_constraint(batch_op.f(f'uq_{table}_public_id'), ['public_id'])


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'uq_{table}_public_id'), type_='unique')
            batch_op.drop_column('public_id')
