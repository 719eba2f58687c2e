"""`oubli keys`: the master key that wraps every archived case's key."""

import dataclasses

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json

app = typer.Typer(help="The master key kept outside the database.\n\nExample: oubli keys rotate", no_args_is_help=True)


@app.command("rotate")
def rotate_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the key ids and the count as JSON."),
) -> None:
    """Wrap every case's and person's key (and every rectification history key) under a new master
    key, without touching the data, then replace master.key. Back up the new key at once; keep the
    old one only as long as the backups made under it, since it opens what they hold. A wrong or
    missing master key stops here and changes nothing; a rotation cut off is finished by running it
    again.

    Example: oubli keys rotate
    """
    from casefiles.crypto.key_rotation import rotate_master_key

    app_ = open_app(ctx)
    rotation = rotate_master_key(app_.uow(), app_.settings.keys_dir)
    if as_json:
        emit_json(dataclasses.asdict(rotation))
        return
    done = "Finished the interrupted rotation" if rotation.finished_interrupted else \
        f"Re-wrapped {rotation.keys_rewrapped} keys"
    console.print(f"{done}: master key {rotation.old_key_id} replaced by {rotation.new_key_id} in "
                  f"{app_.settings.keys_dir / 'master.key'}. Back up the new key now.", highlight=False)
