"""The schema's version: migrating to the newest one, and refusing to work on any other."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from casefiles.persistence.db import display_url
from casefiles.kernel.errors import DatabaseError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise DatabaseError(
            f"cannot open the database {display_url(str(engine.url))}: {error.orig}"
        ) from None


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Run every migration not yet applied; returns (revision before, revision after)."""
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
