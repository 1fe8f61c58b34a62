"""Evidence files (stored by SHA-256), documents marked as held, and actions that close findings

Revision ID: e5a9d3c71f20
Revises: b7d1e3a2c9f4
Create Date: 2026-12-08 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e5a9d3c71f20'
down_revision = 'b7d1e3a2c9f4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('evidence_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_evidence_blob'))
    )
    op.create_table('document_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=160), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('marked_by', sa.String(length=160), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_document_mark_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_mark')),
    sa.UniqueConstraint('assessment_id', 'question_key', name=op.f('uq_document_mark_assessment_id'))
    )
    op.create_table('finding_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('bank_id', sa.String(length=64), nullable=False),
    sa.Column('clause_id', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), server_default='open', nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('public_id', sa.String(length=22), nullable=False),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'verified')", name=op.f('ck_finding_action_status_known')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_finding_action_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_action')),
    sa.UniqueConstraint('assessment_id', 'bank_id', 'clause_id', name=op.f('uq_finding_action_assessment_id')),
    sa.UniqueConstraint('public_id', name=op.f('uq_finding_action_public_id'))
    )
    with op.batch_alter_table('finding_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_action_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('question_key', sa.String(length=160), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_by', sa.String(length=160), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('public_id', sa.String(length=22), nullable=False),
    sa.CheckConstraint('(question_key IS NULL) <> (action_id IS NULL)', name=op.f('ck_evidence_one_target')),
    sa.CheckConstraint('size >= 0', name=op.f('ck_evidence_size_not_negative')),
    sa.ForeignKeyConstraint(['action_id'], ['finding_action.id'], name=op.f('fk_evidence_action_id_finding_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_evidence_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['link_id'], ['respondent.id'], name=op.f('fk_evidence_link_id_respondent'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sha256'], ['evidence_blob.sha256'], name=op.f('fk_evidence_sha256_evidence_blob')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence')),
    sa.UniqueConstraint('public_id', name=op.f('uq_evidence_public_id'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_sha256'), ['sha256'], unique=False)



def downgrade():
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_sha256'))
        batch_op.drop_index(batch_op.f('ix_evidence_assessment_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_action_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('finding_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_action_assessment_id'))

    op.drop_table('finding_action')
    op.drop_table('document_mark')
    op.drop_table('evidence_blob')
