"""PostgreSQL: vacuum the cases table after 1% of its rows change, not the default 20%.

Every lifecycle change rewrites the indexed next action and due date, leaving dead entries in the
index the nightly run searches; until a vacuum clears them, each run visits them again. With the
default threshold a table of a million cases would carry up to 200,000 of them.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE cases SET (autovacuum_vacuum_scale_factor = 0.01, "
                   "autovacuum_analyze_scale_factor = 0.01)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE cases RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)")
