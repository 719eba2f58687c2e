"""SEDA transfer packages awaiting the archives' reply, and on the tombstone the package's SHA-512 and
the reply that confirmed it.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tombstones", sa.Column("package_sha512", sa.String(length=128), nullable=True))
    op.add_column("tombstones", sa.Column("transfer_reply", sa.String(length=100), nullable=True))
    op.create_table(
        "transfer_packages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("message_identifier", sa.String(length=100), nullable=False),
        sa.Column("seda_version", sa.String(length=5), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha512", sa.String(length=128), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reply_identifier", sa.String(length=100), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_transfer_packages_case_id_cases")),
        sa.ForeignKeyConstraint(["item_id"], ["disposal_items.id"],
                                name=op.f("fk_transfer_packages_item_id_disposal_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_packages")),
        sa.UniqueConstraint("message_identifier", name=op.f("uq_transfer_packages_message_identifier")),
    )
    op.create_index(op.f("ix_transfer_packages_case_id"), "transfer_packages", ["case_id"])
    op.create_index(op.f("ix_transfer_packages_status"), "transfer_packages", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_transfer_packages_status"), table_name="transfer_packages")
    op.drop_index(op.f("ix_transfer_packages_case_id"), table_name="transfer_packages")
    op.drop_table("transfer_packages")
    op.drop_column("tombstones", "transfer_reply")
    op.drop_column("tombstones", "package_sha512")
