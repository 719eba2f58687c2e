"""The retention engine: disposal lists, tombstones, archive reads, the run lock, the scheduler's jobs.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "disposal_lists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("policy", sa.String(length=64), nullable=False),
        sa.Column("visa_ref", sa.String(length=100), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disposal_lists")),
    )
    op.create_index(op.f("ix_disposal_lists_status"), "disposal_lists", ["status"])

    op.create_table(
        "disposal_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("final_action", sa.String(length=30), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("service_ended_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("child_initials", sa.String(length=10), nullable=False),
        sa.Column("child_birth_year", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("carried_out_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_disposal_items_case_id_cases")),
        sa.ForeignKeyConstraint(["list_id"], ["disposal_lists.id"],
                                name=op.f("fk_disposal_items_list_id_disposal_lists")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disposal_items")),
    )
    op.create_index(op.f("ix_disposal_items_case_id"), "disposal_items", ["case_id"])
    op.create_index(op.f("ix_disposal_items_list_id"), "disposal_items", ["list_id"])
    op.create_index(op.f("ix_disposal_items_status"), "disposal_items", ["status"])

    op.create_table(
        "tombstones",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("case_ref_sha256", sa.String(length=64), nullable=False),
        sa.Column("final_action", sa.String(length=30), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("policy", sa.String(length=64), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("service_ended_on", sa.Date(), nullable=False),
        sa.Column("archived_on", sa.Date(), nullable=True),
        sa.Column("disposed_on", sa.Date(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("visa_ref", sa.String(length=100), nullable=False),
        sa.Column("approved_by", sa.String(length=100), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_tombstones_case_id_cases")),
        sa.ForeignKeyConstraint(["list_id"], ["disposal_lists.id"],
                                name=op.f("fk_tombstones_list_id_disposal_lists")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_tombstones")),
    )

    op.create_table(
        "archive_reads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_archive_reads_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_reads")),
    )
    op.create_index(op.f("ix_archive_reads_case_id"), "archive_reads", ["case_id"])

    op.create_table(
        "run_locks",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("acquired_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_run_locks")),
    )

    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    op.create_index(op.f("ix_apscheduler_jobs_next_run_time"), "apscheduler_jobs", ["next_run_time"])


def downgrade() -> None:
    for table in ("apscheduler_jobs", "run_locks", "archive_reads", "tombstones", "disposal_items",
                  "disposal_lists"):
        op.drop_table(table)
