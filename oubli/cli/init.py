"""`oubli init`: create or migrate the schema, and create the key material."""

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json


def init(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create the database schema (or migrate it to this version) and the key files.

    Safe to run again: it only does what is missing. It never creates a ledger key for an erasure
    ledger that exists (restore ledger.key from its backup). It adds to the blind index every person out of
    daily use not in it yet (all of them again under a new index.key, when the former one was lost). Key
    files are created with mode 0600 in
    $OUBLI_KEYS (default: beside the default database) and never printed: back them up apart
    from the database.

    Example: oubli --db sqlite:///oubli.db init
    """
    from casefiles.crypto.blind_index import BlindIndex
    from casefiles.crypto.keys import create_missing_keys
    from casefiles.persistence import schema
    from casefiles.persistence.db import create_sqlite_database, display_url

    create_sqlite_database(ctx.find_root().obj.db_url)
    app = open_app(ctx, current_schema=False)
    before, after = schema.upgrade(app.engine)
    ledger_key = app.settings.keys_dir / "ledger.key"
    if not ledger_key.exists():  # never a new key for a ledger that exists: it would recognise nothing
        from casefiles.erasure.ledger import refuse_new_key_for

        with app.uow() as uow:
            refuse_new_key_for(uow.session, app.settings.ledger_file, ledger_key)
    created = create_missing_keys(app.settings.keys_dir)
    with app.uow() as uow:
        if before != after:
            uow.record("schema.migrated", "store", [], before=before, after=after)
        if created:
            uow.record("keys.created", "keys", created)
        if "index.key" in created:  # entries made with a key that is gone can never match again
            dropped = BlindIndex.drop_all(uow.session)
            if dropped:
                uow.record("blind_index.dropped", "person", [], persons=dropped)
        indexed = app.vault().index_missing(uow.session)
        if indexed:
            uow.record("blind_index.filled", "person", [], persons=indexed)
        uow.commit()
    result = {"database": display_url(app.settings.db_url), "schema_before": before, "schema": after,
              "keys_dir": str(app.settings.keys_dir), "keys_created": created, "persons_indexed": indexed}
    if as_json:
        emit_json(result)
        return
    migrated = "created" if before is None else ("migrated" if before != after else "already current")
    console.print(f"Database {result['database']}: schema {after} ({migrated}).", highlight=False)
    console.print(f"Keys in {result['keys_dir']}: "
                  + (f"created {', '.join(created)}." if created else "all present."), highlight=False)
    if indexed:
        console.print(f"{indexed} persons out of daily use added to the blind index.", highlight=False)
