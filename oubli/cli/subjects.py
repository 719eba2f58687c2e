"""`oubli subjects`: find a person (a data subject) by name."""

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json

app = typer.Typer(help="Find data subjects.\n\nExample: oubli subjects search \"elodie le bris\"",
                  no_args_is_help=True)


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: str = typer.Argument(..., metavar="TEXT",
                               help="Words of the first names or last name, and/or a birth date; or a NIR."),
    born: str | None = typer.Option(None, "--born", metavar="YYYY-MM-DD", help="Only persons born that day."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many persons at most."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Find persons whose names contain every word given, whatever the accents and case; or by birth
    date or NIR. Persons out of daily use (all their cases archived) are found too, through the blind
    index (each word must then be a whole word of their names): they are marked sealed, and their names
    stay sealed (read the case with `oubli cases show CASE --reason TEXT`).

    Example: oubli subjects search "GUERIN remy" --born 2009-04-17
    """
    from casefiles.people.queries import search_subjects

    day = day_option(born, "--born")
    app_ = open_app(ctx)
    with app_.uow().reading() as uow:
        hits = search_subjects(uow.session, text, limit, day, app_.blind_index())
    if as_json:
        emit_json(hits)
        return
    table = Table("person", "sealed", "first names", "last name", "born", "cases (role, state)")
    for hit in hits:
        table.add_row(hit.person_id, "yes" if hit.sealed else "no",
                      "(sealed)" if hit.sealed else hit.first_names or "", "(sealed)" if hit.sealed else hit.last_name,
                      hit.birth_date.isoformat() if hit.birth_date else "-",
                      ", ".join(f"{case} ({role}, {state})" for case, role, state in hit.cases))
    console.print(table)
    sealed = sum(hit.sealed for hit in hits)
    console.print(f"{len(hits)} persons found" + (f", {sealed} of them out of daily use (sealed)." if sealed else "."),
                  highlight=False)


@app.command("history")
def history_command(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON_ID"),
    reason: str = typer.Option(None, "--reason", help="Why you read the former values (required; the read is "
                                                       "journaled, the reason kept apart from the journal)."),
    as_json: bool = typer.Option(False, "--json", help="Print the history as JSON."),
) -> None:
    """The values a rectification replaced (art. 16), decrypted with the master key, oldest first.

    Example: oubli subjects history P-1-0000003 --reason "Demande de la personne du 3 mars"
    """
    from subject_requests.rectification import former_values

    app_ = open_app(ctx)
    values = former_values(app_.uow(), person, app_.master_key(), reason, app_.clock())
    if as_json:
        emit_json(values)
        return
    table = Table("changed on", "request", "field", "former value")
    for value in values:
        table.add_row(value.changed_on.isoformat(), str(value.request_id), value.field,
                      "(empty)" if value.value is None else value.value)
    console.print(table)
    console.print(f"{len(values)} former values.", highlight=False)
