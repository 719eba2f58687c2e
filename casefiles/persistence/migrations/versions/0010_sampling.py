"""The sampling rule that kept a disposal item for history (its final action then the transfer).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("disposal_items", sa.Column("sampled_by", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("disposal_items") as batch:
        batch.drop_column("sampled_by")
