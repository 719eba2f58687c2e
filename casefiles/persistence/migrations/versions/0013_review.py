"""The DPO's review of an access export: each stretch unmasked or masked more, by document and offsets
or by person, remembered for the request and applied by the next review and by the export.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decisions")),
    )
    op.create_index(op.f("ix_review_decisions_request_id"), "review_decisions", ["request_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_review_decisions_request_id"), table_name="review_decisions")
    op.drop_table("review_decisions")
