"""Crypto-shredding (sealed columns, data keys), the erasure ledger, anonymised statistics, and the
digest of a transfer package on its tombstone.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("persons", sa.Column("sealed", sa.LargeBinary(), nullable=True))
    op.add_column("documents", sa.Column("sealed_text", sa.LargeBinary(), nullable=True))
    op.add_column("tombstones", sa.Column("package_sha256", sa.String(length=64), nullable=True))
    op.create_table(
        "data_keys",
        sa.Column("owner_type", sa.String(length=10), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("master_key_id", sa.String(length=16), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("owner_type", "owner_id", name=op.f("pk_data_keys")),
    )
    op.create_index(op.f("ix_data_keys_master_key_id"), "data_keys", ["master_key_id"])
    op.create_table(
        "erasure_ledger",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_ledger")),
        sa.UniqueConstraint("digest", name=op.f("uq_erasure_ledger_digest")),
    )
    op.create_table(
        "statistical_records",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("birth_from", sa.Integer(), nullable=True),
        sa.Column("service_end_from", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("departement", sa.String(length=3), nullable=True),
        sa.Column("measures", sa.String(length=200), nullable=False),
        sa.Column("duration_from", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("concern_outcomes", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistical_records")),
    )
    op.create_table(
        "anonymisation_batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("carried_out_on", sa.Date(), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
        sa.Column("suppressed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisation_batches")),
    )


def downgrade() -> None:
    for table in ("anonymisation_batches", "statistical_records", "erasure_ledger"):
        op.drop_table(table)
    op.drop_index(op.f("ix_data_keys_master_key_id"), table_name="data_keys")
    op.drop_table("data_keys")
    op.drop_column("tombstones", "package_sha256")
    op.drop_column("documents", "sealed_text")
    op.drop_column("persons", "sealed")
