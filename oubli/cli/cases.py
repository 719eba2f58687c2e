"""`oubli cases`: list cases and show one case."""

import typer
from rich.table import Table

from casefiles.kernel.vocabulary import CaseState
from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json

app = typer.Typer(help="Look at cases (dossiers).\n\nExample: oubli cases list --state active",
                  no_args_is_help=True)


def _day(value) -> str:
    return value.isoformat() if value else "-"


@app.command("list")
def list_command(
    ctx: typer.Context,
    state: CaseState = typer.Option(CaseState.ACTIVE, "--state", help="Cases in this state; archived cases "
                                                                        "are out of daily use and shown only on request."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many cases at most."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many cases first."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """List cases in one lifecycle state (default: active) with their next action, by case id.

    Example: oubli cases list --state pending_disposal --limit 20
    """
    from casefiles.people.queries import list_cases

    app_ = open_app(ctx)
    with app_.uow().reading() as uow:
        total, cases = list_cases(uow.session, state.value, limit, offset)
    if as_json:
        emit_json({"total": total, "offset": offset, "cases": cases})
        return
    table = Table("case", "state", "opened", "service ended", "next action", "due")
    for case in cases:
        table.add_row(case.id, case.state, _day(case.opened_on), _day(case.service_ended_on),
                      case.next_action or "-", _day(case.next_action_due_on))
    console.print(table)
    console.print(f"{len(cases)} of {total} cases shown (from {offset}).", highlight=False)


@app.command("show")
def show_command(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="The case id."),
    reason: str = typer.Option(None, "--reason", help="Why you read an archived case (required for one; "
                                                       "the read is journaled)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Show one case: lifecycle, holds, participants and their roles, measures, concerns, documents;
    for a disposed case, its tombstone.

    Example: oubli cases show D-42-0000001 --reason "Demande du juge du 3 mars" --json
    """
    from casefiles.people.archive_reads import read_case

    app_ = open_app(ctx)
    case = read_case(app_.uow(), case_id, reason, app_.clock(), app_.vault())
    if as_json:
        emit_json(case)
        return
    console.print(f"Case {case.id}: {case.state}, opened {_day(case.opened_on)}, "
                  f"service ended {_day(case.service_ended_on)}, archived {_day(case.archived_on)}; "
                  f"next action {case.next_action or '-'} due {_day(case.next_action_due_on)}; "
                  f"holds in force: {sum(1 for hold in case.holds if hold.lifted_on is None)}.", style="bold")
    people = Table("person", "role", "name", title="Participants")
    for participant in case.participants:
        people.add_row(participant.person_id, participant.role, participant.name)
    measures = Table("measure", "type", "nature", "start", "end", title="Measures")
    for measure in case.measures:
        measures.add_row(measure.id, measure.type, measure.nature, _day(measure.started_on),
                         _day(measure.ended_on))
    concerns = Table("concern", "received", "outcome", "closed", title="Concerns")
    for concern in case.concerns:
        concerns.add_row(concern.id, _day(concern.received_on), concern.outcome, _day(concern.closed_on))
    documents = Table("document", "kind", "written", "author", "characters", title="Documents")
    for document in case.documents:
        documents.add_row(document.id, document.kind, _day(document.written_on), document.author_id or "-",
                          str(document.characters))
    for table in (people, measures, concerns, documents):
        console.print(table)
    if case.tombstone:
        t = case.tombstone
        console.print(f"Tombstone: {t.final_action} on {t.disposed_on.isoformat()} under the {t.category} rule "
                      f"(policy {t.policy[:12]}), disposal list {t.list_id}, visa {t.visa_ref}, approved by "
                      f"{t.approved_by}, journal entry {t.journal_seq}.", highlight=False)
