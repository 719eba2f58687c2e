"""Alembic environment: migrations run on the engine handed over by `casefiles.persistence.schema`."""

from alembic import context

from casefiles.persistence.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
