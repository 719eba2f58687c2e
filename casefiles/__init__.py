"""The case-record store: models, migrations, unit of work, import, synthetic data, audit journal."""
