"""`oubli subjects`: find a person (a data subject) by name."""

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json

app = typer.Typer(help="Find data subjects.\n\nExample: oubli subjects search \"elodie le bris\"",
                  no_args_is_help=True)


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: str = typer.Argument(..., metavar="TEXT", help="Words of the first names or last name."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many persons at most."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Find persons whose names contain every word given, whatever the accents and case.

    Example: oubli subjects search "GUERIN remy"
    """
    from casefiles.people.queries import search_subjects

    app_ = open_app(ctx)
    with app_.uow().reading() as uow:
        hits = search_subjects(uow.session, text, limit)
    if as_json:
        emit_json(hits)
        return
    table = Table("person", "first names", "last name", "born", "cases (role)")
    for hit in hits:
        table.add_row(hit.person_id, hit.first_names or "", hit.last_name,
                      hit.birth_date.isoformat() if hit.birth_date else "-",
                      ", ".join(f"{case} ({role})" for case, role in hit.cases))
    console.print(table)
    console.print(f"{len(hits)} persons found.", highlight=False)


@app.command("history")
def history_command(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON_ID"),
    as_json: bool = typer.Option(False, "--json", help="Print the history as JSON."),
) -> None:
    """The values a rectification replaced (art. 16), decrypted with the master key, oldest first.

    Example: oubli subjects history P-1-0000003
    """
    from subject_requests.rectification import former_values

    app_ = open_app(ctx)
    values = former_values(app_.uow(), person, app_.master_key())
    if as_json:
        emit_json(values)
        return
    table = Table("changed on", "request", "field", "former value")
    for value in values:
        table.add_row(value.changed_on.isoformat(), str(value.request_id), value.field,
                      "(empty)" if value.value is None else value.value)
    console.print(table)
    console.print(f"{len(values)} former values.", highlight=False)
