"""E-mail: delivery records, reminders and digests sent, account tokens, firm logos; due dates, names and origins
of assessments, respondents' addresses and "done", consultants' confirmation, firm and digest choice

Revision ID: e5a7c9d1f318
Revises: e6b9d2f4a813
Create Date: 2026-12-10 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e5a7c9d1f318'
down_revision = 'e6b9d2f4a813'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('firm_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('weekly_digest', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('origin', sa.String(length=16), server_default='new', nullable=False))
        batch_op.add_column(sa.Column('in_trends', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('remind_days', sa.Integer(), server_default='3', nullable=False))

    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('done_at', sa.DateTime(), nullable=True))

    op.create_table('mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=250), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=True),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('queued', 'sent', 'outbox', 'failed')", name=op.f('ck_mail_status_known')),
    sa.ForeignKeyConstraint(['consultant_id'], ['consultant.id'], name=op.f('fk_mail_consultant_id_consultant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['link_id'], ['respondent.id'], name=op.f('fk_mail_link_id_respondent'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail'))
    )
    with op.batch_alter_table('mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_consultant_id'), ['consultant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_link_id'), ['link_id'], unique=False)

    op.create_table('reminder_sent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('link_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['link_id'], ['respondent.id'], name=op.f('fk_reminder_sent_link_id_respondent'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_sent')),
    sa.UniqueConstraint('link_id', 'due_on', 'kind', name=op.f('uq_reminder_sent_link_id'))
    )
    op.create_table('digest_sent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultant_id'], ['consultant.id'], name=op.f('fk_digest_sent_consultant_id_consultant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_sent')),
    sa.UniqueConstraint('consultant_id', 'week', name=op.f('uq_digest_sent_consultant_id'))
    )
    op.create_table('account_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=8), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("purpose IN ('reset', 'confirm')", name=op.f('ck_account_token_purpose_known')),
    sa.ForeignKeyConstraint(['consultant_id'], ['consultant.id'], name=op.f('fk_account_token_consultant_id_consultant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_account_token_token_hash'))
    )
    with op.batch_alter_table('account_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_token_consultant_id'), ['consultant_id'], unique=False)

    op.create_table('firm_logo',
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('png', sa.LargeBinary(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultant_id'], ['consultant.id'], name=op.f('fk_firm_logo_consultant_id_consultant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('consultant_id', name=op.f('pk_firm_logo'))
    )


def downgrade():
    op.drop_table('firm_logo')
    with op.batch_alter_table('account_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_token_consultant_id'))
    op.drop_table('account_token')
    op.drop_table('digest_sent')
    op.drop_table('reminder_sent')
    with op.batch_alter_table('mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_link_id'))
        batch_op.drop_index(batch_op.f('ix_mail_consultant_id'))
    op.drop_table('mail')
    with op.batch_alter_table('respondent', schema=None) as batch_op:
        batch_op.drop_column('done_at')
        batch_op.drop_column('email')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('remind_days')
        batch_op.drop_column('due_on')
        batch_op.drop_column('in_trends')
        batch_op.drop_column('origin')
        batch_op.drop_column('name')
    with op.batch_alter_table('consultant', schema=None) as batch_op:
        batch_op.drop_column('weekly_digest')
        batch_op.drop_column('firm_name')
        batch_op.drop_column('email_confirmed_at')
