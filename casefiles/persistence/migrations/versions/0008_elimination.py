"""The SEDA elimination exchange on a disposal list: the identifier and date of the request sent to the
archives, and the date of their decision as they dated it; on each item, the archives' reason for a refusal
(the same column as 0008_bordereau's: whichever runs second must not add it again).

Revision ID: 0008_elimination
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_elimination"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disposal_lists") as table:
        table.add_column(sa.Column("request_id", sa.String(length=100), nullable=True))
        table.add_column(sa.Column("requested_on", sa.Date(), nullable=True))
        table.add_column(sa.Column("visa_on", sa.Date(), nullable=True))
    with op.batch_alter_table("disposal_items") as table:
        table.add_column(sa.Column("rejection_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("disposal_items") as table:
        table.drop_column("rejection_reason")
    with op.batch_alter_table("disposal_lists") as table:
        for column in ("visa_on", "requested_on", "request_id"):
            table.drop_column(column)
