"""Rectification history (encrypted former values), statements on documents, restrictions, and the
decisions a request was answered with.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.add_column("subject_requests", sa.Column("answer", sa.Text(), nullable=True))
    op.create_table(
        "record_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("field", sa.String(length=30), nullable=False),
        sa.Column("former_value", sa.LargeBinary(), nullable=True),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=True),
        sa.Column("master_key_id", sa.String(length=16), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_record_history_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_history")),
    )
    op.create_index(op.f("ix_record_history_person_id"), "record_history", ["person_id"])
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_statements_document_id_documents")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_statements_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_index(op.f("ix_statements_document_id"), "statements", ["document_id"])
    op.create_index(op.f("ix_statements_person_id"), "statements", ["person_id"])
    op.create_table(
        "restrictions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("placed_on", sa.Date(), nullable=False),
        sa.Column("placed_by", sa.String(length=100), nullable=False),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("lifted_by", sa.String(length=100), nullable=True),
        sa.Column("person_told_on", sa.Date(), nullable=True),
        sa.Column("person_told_how", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_restrictions_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restrictions")),
    )
    op.create_index(op.f("ix_restrictions_case_id"), "restrictions", ["case_id"])
    op.create_index(op.f("ix_restrictions_request_id"), "restrictions", ["request_id"])


def downgrade() -> None:
    op.drop_table("restrictions")
    op.drop_table("statements")
    op.drop_table("record_history")
    op.drop_column("subject_requests", "answer")
