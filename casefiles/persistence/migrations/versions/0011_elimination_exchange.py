"""The SEDA elimination exchange on a disposal list: the identifier and date of the request sent to the
archives, and the date of their decision as they dated it (an item's reason for a refusal is 0008's).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disposal_lists") as table:
        table.add_column(sa.Column("request_id", sa.String(length=100), nullable=True))
        table.add_column(sa.Column("requested_on", sa.Date(), nullable=True))
        table.add_column(sa.Column("visa_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("disposal_lists") as table:
        for column in ("visa_on", "requested_on", "request_id"):
            table.drop_column(column)
