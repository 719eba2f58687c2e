"""The schema's version: migrating to the newest one, and refusing to work on any other.

Only migrating imports Alembic: checking that a database is current (what every command does
before it starts) reads the version table with SQLAlchemy and the newest revision from the
migration files' own `revision = ...` lines, which is what Alembic would read from them too."""

import re
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError

from casefiles.kernel.errors import DatabaseError
from casefiles.persistence.db import display_url

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which migrations/env.py keeps
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest revision: the one no migration names as its `down_revision`."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None:
            continue
        revisions.add(revision.group(1))
        if down is not None and down.group(2):
            parents.add(down.group(2))
    heads = revisions - parents
    if len(heads) != 1:
        raise DatabaseError(f"the migrations in {MIGRATIONS} have {len(heads)} newest revisions, not one: "
                            f"{', '.join(sorted(heads)) or 'none'}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    except OperationalError as error:
        raise DatabaseError(
            f"cannot open the database {display_url(str(engine.url))}: {error.orig}"
        ) from None
    if len(rows) > 1:
        raise DatabaseError(f"the database {display_url(str(engine.url))} records {len(rows)} schema revisions "
                            f"({', '.join(sorted(rows))}) in {VERSION_TABLE}, not one")
    return rows[0] if rows else None


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Run every migration not yet applied; returns (revision before, revision after)."""
    from alembic import command

    before = current_revision(engine)
    command.upgrade(alembic_config(engine), "head")
    return before, head_revision()


def require_current(engine: Engine) -> None:
    revision = current_revision(engine)
    if revision != head_revision():
        where = display_url(str(engine.url))
        if revision is None:
            raise DatabaseError(f"the database {where} has no Oubli schema yet: run `oubli init`")
        raise DatabaseError(
            f"the database {where} is at schema revision {revision}, this version needs "
            f"{head_revision()}: run `oubli init` to migrate it"
        )
