"""The case-record store and the append-only audit journal.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", ID, nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("first_names", sa.String(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_place", sa.String(length=200), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=True),
        sa.Column("address", sa.String(length=400), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("caf_number", sa.String(length=20), nullable=True),
        sa.Column("parental_authority_withdrawn", sa.Boolean(), nullable=False),
        sa.Column("search_name", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_index(op.f("ix_persons_search_name"), "persons", ["search_name"])

    op.create_table(
        "cases",
        sa.Column("id", ID, nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("service_ended_on", sa.Date(), nullable=True),
        sa.Column("archived_on", sa.Date(), nullable=True),
        sa.Column("next_action", sa.String(length=30), nullable=True),
        sa.Column("next_action_due_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    op.create_index("ix_cases_next_action_due_on", "cases", ["next_action", "next_action_due_on"])
    op.create_index(op.f("ix_cases_state"), "cases", ["state"])

    op.create_table(
        "participations",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_participations_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_participations_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("case_id", "person_id", "role", name=op.f("pk_participations")),
    )
    op.create_index(op.f("ix_participations_person_id"), "participations", ["person_id"])

    op.create_table(
        "measures",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("nature", sa.String(length=20), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_measures_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measures")),
    )
    op.create_index(op.f("ix_measures_case_id"), "measures", ["case_id"])

    op.create_table(
        "concerns",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("reported_by", ID, nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_concerns_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["persons.id"], name=op.f("fk_concerns_reported_by_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concerns")),
    )
    op.create_index(op.f("ix_concerns_case_id"), "concerns", ["case_id"])
    op.create_index(op.f("ix_concerns_reported_by"), "concerns", ["reported_by"])

    op.create_table(
        "documents",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("author_id", ID, nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["persons.id"], name=op.f("fk_documents_author_id_persons")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_documents_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_author_id"), "documents", ["author_id"])
    op.create_index(op.f("ix_documents_case_id"), "documents", ["case_id"])

    op.create_table(
        "legal_holds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_on", sa.Date(), nullable=False),
        sa.Column("placed_by", sa.String(length=100), nullable=False),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("lifted_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_legal_holds_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    op.create_index(op.f("ix_legal_holds_case_id"), "legal_holds", ["case_id"])

    op.create_table(
        "journal_entries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("target_type", sa.String(length=30), nullable=False),
        sa.Column("target_ids", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_journal_entries")),
    )
    op.create_index(op.f("ix_journal_entries_action"), "journal_entries", ["action"])
    op.create_index(op.f("ix_journal_entries_at"), "journal_entries", ["at"])

    journal_head = op.create_table(
        "journal_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_head")),
    )
    op.bulk_insert(journal_head, [{"id": 1, "seq": 0, "hash": GENESIS}])

    _forbid_changes_to_journal_entries()


def _forbid_changes_to_journal_entries() -> None:
    """Defence in depth: the database itself refuses to edit or delete journal entries.

    Someone with enough rights can drop these triggers; `oubli audit verify` still sees the change.
    """
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER journal_entries_no_{event.lower()} BEFORE {event} ON journal_entries "
                "BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION journal_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit journal is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION journal_entries_append_only()"
        )


def downgrade() -> None:
    for table in (
        "journal_head",
        "journal_entries",
        "legal_holds",
        "documents",
        "concerns",
        "measures",
        "participations",
        "cases",
        "persons",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION journal_entries_append_only()")
