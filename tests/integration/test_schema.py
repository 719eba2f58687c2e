import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from casefiles.kernel.errors import DatabaseError
from casefiles.persistence import schema
from casefiles.persistence.db import create_db_engine
from casefiles.persistence.models import Base


def test_the_migrations_build_exactly_the_schema_the_models_describe(blank_database_url):
    engine = create_db_engine(blank_database_url)
    assert schema.upgrade(engine) == (None, schema.head_revision())
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_migrating_again_changes_nothing(database_url):
    engine = create_db_engine(database_url)
    assert schema.upgrade(engine) == (schema.head_revision(), schema.head_revision())
    engine.dispose()


def test_a_database_without_the_schema_is_refused_with_what_to_do(blank_database_url):
    engine = create_db_engine(blank_database_url)
    with pytest.raises(DatabaseError, match="has no Oubli schema yet: run `oubli init`"):
        schema.require_current(engine)
    engine.dispose()


def test_on_postgresql_the_cases_table_is_vacuumed_after_one_percent_of_changes(database_url):
    engine = create_db_engine(database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("autovacuum is PostgreSQL's; SQLite removes index entries at once")
    with engine.connect() as connection:
        options = connection.exec_driver_sql("SELECT reloptions FROM pg_class WHERE relname = 'cases'").scalar()
    engine.dispose()
    assert "autovacuum_vacuum_scale_factor=0.01" in options


def test_the_newest_revision_read_from_the_migration_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert schema.head_revision() == ScriptDirectory(str(schema.MIGRATIONS)).get_current_head()


def test_the_revision_read_without_alembic_is_the_one_alembic_reads(database_url):
    engine = create_db_engine(database_url)
    with engine.connect() as connection:
        assert schema.current_revision(engine) == MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
