"""Consultants: accounts, clients, respondent and read-only links, agreed answers, certification dates

Revision ID: c4e8a2d61b57
Revises: b7d2c4e6f813
Create Date: 2026-12-02 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c4e8a2d61b57'
down_revision = 'b7d2c4e6f813'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consultant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultant')),
    sa.UniqueConstraint('email', name=op.f('uq_consultant_email'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consultant_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('scope', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisation_consultant_id'), ['consultant_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organisation_consultant_id_consultant'), 'consultant', ['consultant_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stage1_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('stage2_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('certified_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_assessment_previous_id_assessment'), 'assessment', ['previous_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('access', sa.String(length=8), server_default='answer', nullable=False))
        batch_op.add_column(sa.Column('expires_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_respondent_access_kind'), "access IN ('answer', 'read')")

    op.create_table('agreed_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=160), nullable=False),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('not_applicable', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('carried', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('NOT (not_applicable AND level IS NOT NULL)', name=op.f('ck_agreed_answer_na_has_no_level')),
    sa.CheckConstraint('level IS NULL OR (level >= 0 AND level <= 4)', name=op.f('ck_agreed_answer_level_on_scale')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_agreed_answer_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_answer')),
    sa.UniqueConstraint('assessment_id', 'question_key', name=op.f('uq_agreed_answer_assessment_id'))
    )


def downgrade():
    op.drop_table('agreed_answer')
    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_respondent_access_kind'), type_='check')
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('expires_on')
        batch_op.drop_column('access')
        batch_op.drop_column('role')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessment_previous_id_assessment'), type_='foreignkey')
        batch_op.drop_column('certified_on')
        batch_op.drop_column('stage2_on')
        batch_op.drop_column('stage1_on')
        batch_op.drop_column('previous_id')

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisation_consultant_id_consultant'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisation_consultant_id'))
        batch_op.drop_column('scope')
        batch_op.drop_column('consultant_id')

    op.drop_table('consultant')
