"""Syncing from the département's case system: the source's own labels beside the mapped values, the
record's digest (an unchanged record is left untouched), holds made from the source's pending proceedings,
the link from each case to its id in the source, each sync and the change mark it read up to, and the source's confirmations of the purge list.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

ID = sa.String(length=64)
LABELLED = ("participations", "measures", "concerns", "documents")
COUNTS = ("new", "changed", "unchanged", "gone", "skipped_destroyed", "problems")


def upgrade() -> None:
    op.add_column("cases", sa.Column("record_sha256", sa.String(length=64), nullable=True))
    for table in LABELLED:
        op.add_column(table, sa.Column("source_label", sa.String(length=200), nullable=True))
    op.add_column("legal_holds", sa.Column("source_ref", sa.String(length=200), nullable=True))
    op.create_table(
        "source_links",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=False),
        sa.Column("first_synced_on", sa.Date(), nullable=False),
        sa.Column("last_seen_on", sa.Date(), nullable=False),
        sa.Column("gone_since", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_source_links_case_id_cases")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_source_links")),
    )
    op.create_index("ix_source_links_source_source_id", "source_links", ["source", "source_id"], unique=True)
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("synced_at", sa.String(length=32), nullable=False),
        sa.Column("watermark", sa.String(length=100), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    op.create_index(op.f("ix_sync_runs_source"), "sync_runs", ["source"])
    op.create_table(
        "purge_confirmations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("list_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_purge_confirmations_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purge_confirmations")),
    )
    op.create_index(op.f("ix_purge_confirmations_case_id"), "purge_confirmations", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_purge_confirmations_case_id"), table_name="purge_confirmations")
    op.drop_table("purge_confirmations")
    op.drop_index(op.f("ix_sync_runs_source"), table_name="sync_runs")
    op.drop_table("sync_runs")
    op.drop_index("ix_source_links_source_source_id", table_name="source_links")
    op.drop_table("source_links")
    op.drop_column("legal_holds", "source_ref")
    for table in LABELLED:
        op.drop_column(table, "source_label")
    op.drop_column("cases", "record_sha256")
