"""What the bordereau d'élimination needs beyond the item: the volume of each file's documents, measured
when it is proposed (they are gone once it is destroyed), and the reason the archives gave for refusing it.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disposal_items") as batch:
        batch.add_column(sa.Column("document_bytes", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("rejection_reason", sa.Text(), nullable=True))
    # Items still awaiting their end: their documents are there to be measured. Done ones stay unmeasured.
    op.execute("UPDATE disposal_items SET document_bytes = (SELECT COALESCE(SUM(COALESCE(LENGTH(documents.sealed_text), "
               "LENGTH(documents.text))), 0) FROM documents WHERE documents.case_id = disposal_items.case_id) "
               "WHERE status IN ('proposed', 'approved')")


def downgrade() -> None:
    with op.batch_alter_table("disposal_items") as batch:
        batch.drop_column("rejection_reason")
        batch.drop_column("document_bytes")
