"""The blind index that finds persons out of daily use without opening them, and the reasons given for
reading a person's rectification history. The index's entries are made outside the migration (its key
lives outside the database): `oubli init` and `oubli run` fill what is missing.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "blind_index",
        sa.Column("digest", sa.LargeBinary(length=32), nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_blind_index_person_id_persons")),
        sa.PrimaryKeyConstraint("digest", "person_id", name=op.f("pk_blind_index")),
    )
    op.create_index(op.f("ix_blind_index_person_id"), "blind_index", ["person_id"])
    op.create_table(
        "history_reads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_history_reads_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_reads")),
    )
    op.create_index(op.f("ix_history_reads_person_id"), "history_reads", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_history_reads_person_id"), table_name="history_reads")
    op.drop_table("history_reads")
    op.drop_index(op.f("ix_blind_index_person_id"), table_name="blind_index")
    op.drop_table("blind_index")
