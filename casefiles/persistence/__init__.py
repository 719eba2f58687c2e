"""The database: engines, models, migrations, the unit of work and the audit journal."""
