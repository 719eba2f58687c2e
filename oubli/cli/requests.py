"""`oubli requests`: the DPO's register of rights requests, with their deadlines, and access exports."""

from pathlib import Path

import typer
from rich.table import Table

from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import PERSON_FIELDS, Capacity, Channel, Letter, RequestKind
from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json, emit_text, errors, options_named

app = typer.Typer(help="Rights requests (GDPR arts. 15-21): register, identity, deadlines, answers and letters.\n\n"
                       "Example: oubli requests list --due-within 7",
                  no_args_is_help=True)


@app.command("open")
def open_command(
    ctx: typer.Context,
    kind: RequestKind = typer.Option(..., "--kind", help="The right exercised."),
    subject: str = typer.Option(..., "--subject", metavar="PERSON_ID", help="Whom the request is about."),
    requester_name: str = typer.Option(..., "--requester-name", help="Who sent it (kept in the register only)."),
    capacity: Capacity = typer.Option(..., "--capacity", help="In what capacity the requester asks."),
    received: str = typer.Option(..., "--received", metavar="YYYY-MM-DD", help="The day the request arrived."),
    channel: Channel = typer.Option(Channel.MAIL, "--channel", help="How it arrived."),
    requester_id: str = typer.Option(None, "--requester-id", metavar="PERSON_ID",
                                     help="The requester, when the store knows them: checks their capacity."),
    as_json: bool = typer.Option(False, "--json", help='Print {"id", "due_on", "warnings"} as JSON.'),
) -> None:
    """Register a request: due one calendar month after receipt. Prints the new request's id; warnings
    on the requester's capacity go to standard error.

    Example: oubli requests open --kind access --subject P-1-0000003 --requester-name "Mme X"
    --capacity self --received 2026-11-20
    """
    from subject_requests.register import open_request, show_request

    received_on = day_option(received, "--received")
    app_ = open_app(ctx)
    with options_named(requester_name="--requester-name", received_on="--received"):
        request_id, warnings = open_request(app_.uow(), kind, subject, requester_name, capacity, received_on,
                                            channel, app_.today(), requester_id, vault=app_.vault())
    view = show_request(app_.uow(), request_id, app_.today())
    if as_json:
        emit_json({"id": request_id, "due_on": view.due_on, "warnings": warnings})
    else:
        console.print(str(request_id))
        errors.print(f"Request {request_id} ({kind.value}) opened, due on {view.due_on.isoformat()}. "
                     "Verify the requester's identity before answering.", highlight=False)
    for warning in warnings:
        errors.print(f"Warning: {warning}.", markup=False, highlight=False)


@app.command("list")
def list_command(
    ctx: typer.Context,
    due_within: int = typer.Option(None, "--due-within", min=0, metavar="DAYS", help="Open requests due within DAYS."),
    overdue: bool = typer.Option(False, "--overdue", help="Open requests past their due date."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """List requests by due date: all of them, or the open ones due soon or overdue.

    Example: oubli requests list --overdue --json
    """
    from subject_requests.register import list_requests

    app_ = open_app(ctx)
    views = list_requests(app_.uow(), app_.today(), due_within, overdue)
    if as_json:
        emit_json(views)
        return
    table = Table("id", "kind", "subject", "received", "due", "days left", "identity", "status")
    for v in views:
        table.add_row(str(v.id), v.kind, v.subject_id, v.received_on.isoformat(), v.due_on.isoformat(),
                      str(v.days_left), "verified" if v.identity_verified else "to verify", v.status)
    console.print(table)
    console.print(f"{len(views)} requests.", highlight=False)


@app.command("show")
def show_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help="Print the request as JSON."),
) -> None:
    """Show one request: kind, status, dates, identity check.

    Example: oubli requests show 12 --json
    """
    from subject_requests.register import show_request

    app_ = open_app(ctx)
    view = show_request(app_.uow(), request_id, app_.today())
    if as_json:
        emit_json(view)
        return
    for name, value in vars(view).items():
        console.print(f"{name.replace('_', ' ')}: {value if value is not None else '-'}", highlight=False)


@app.command("verify-identity")
def verify_identity_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    method: str = typer.Option(..., "--method", help="How identity was checked (kept in the register only)."),
) -> None:
    """Record that the requester's identity was checked, and how (art. 12(6)).

    Example: oubli requests verify-identity 12 --method "carte d'identité vue au guichet"
    """
    from subject_requests.register import verify_identity

    app_ = open_app(ctx)
    with options_named(method="--method"):
        verify_identity(app_.uow(), request_id, method, app_.today())
    console.print(f"Identity verified for request {request_id}.", highlight=False)


@app.command("extend")
def extend_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    reason: str = typer.Option(..., "--reason", help="Why the answer takes longer (told to the person)."),
) -> None:
    """Extend the deadline once by two months, before the first deadline passes (art. 12(3)).

    Example: oubli requests extend 12 --reason "Dossier de 2 000 documents à examiner"
    """
    from subject_requests.register import extend

    app_ = open_app(ctx)
    with options_named(reason="--reason"):
        due_on = extend(app_.uow(), request_id, reason, app_.today())
    console.print(f"Request {request_id} extended: now due on {due_on.isoformat()}.", highlight=False)


@app.command("withdraw")
def withdraw_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
) -> None:
    """Record that the person withdrew the request; it leaves the deadlines.

    Example: oubli requests withdraw 12
    """
    from subject_requests.register import withdraw

    app_ = open_app(ctx)
    withdraw(app_.uow(), request_id, app_.today())
    console.print(f"Request {request_id} withdrawn.", highlight=False)


def _withheld(values: list[str]) -> dict[str, str]:
    withheld = {}
    for value in values:
        document, _, reason = value.partition("=")
        if not document.strip() or not reason.strip():
            raise typer.BadParameter(f"'{value}' is not DOC_ID=REASON", param_hint="--withhold")
        withheld[document.strip()] = reason.strip()
    return withheld


def _detector():
    """Built by the export only once the request has passed its checks: it loads the language model (the
    regular expressions its start compiles kept, as `oubli detect` keeps them)."""
    from oubli.cli.detect import build_detector

    return build_detector()


@app.command("export")
def export_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    out: Path = typer.Option(None, "--out", dir_okay=False, help="The encrypted export to create (mode 0600)."),
    pdf: bool = typer.Option(False, "--pdf", help="Write the person's PDF (AES-256); its passphrase is printed once "
                                                   "unless given with --passphrase-file."),
    recipient: str = typer.Option(None, "--recipient", metavar="AGE_PUBLIC_KEY", help="Encrypt to this age key."),
    passphrase_file: Path = typer.Option(None, "--passphrase-file", exists=True, dir_okay=False,
                                         help="Encrypt with the passphrase in this file (first line)."),
    withhold: list[str] = typer.Option([], "--withhold", metavar="DOC_ID=REASON",
                                       help="Leave a document out, with the reason given to the person."),
    summary_only: bool = typer.Option(False, "--summary", help="Only show what would be masked; write nothing."),
    restriction_consent: str = typer.Option(None, "--restriction-consent", metavar="TEXT",
                                            help="How the subject consented to exporting restricted cases (18(2))."),
    review: str = typer.Option(None, "--review", metavar="FILE|-",
                               help="Write the review (each document, what is masked and why) encrypted to FILE, "
                                    "or show it here with '-' (as JSON with --json); no export is written."),
    keep: list[str] = typer.Option([], "--keep", metavar="DOC:START-END", help="Unmask this stretch."),
    mask: list[str] = typer.Option([], "--mask", metavar="DOC:START-END", help="Mask this stretch too."),
    keep_person: list[str] = typer.Option([], "--keep-person", metavar="PERSON_ID", help="Unmask this person."),
    mask_person: list[str] = typer.Option([], "--mask-person", metavar="PERSON_ID",
                                          help="Mask all that is found of this person."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary (and digest) as JSON."),
) -> None:
    """Write the answer to an access request (art. 15). For the person, --pdf: one PDF encrypted with
    AES-256 that any PDF reader opens with its passphrase (Oubli draws one and prints it once, to send by
    another channel than the file; or give yours with --passphrase-file), in French with the data as JSON
    attached. For machines: one file in the age format with a report in French, the data as JSON, the
    documents and a manifest of SHA-256 digests. In both, other people's data are masked.

    Review it first with --review: each document with each masked stretch, its offsets, label, whose
    data and why it is masked (encrypted for the DPO in the age format, or on the terminal with '-');
    --keep/--mask change it, are remembered for the request and apply to the next review and export.
    The request is answered once `oubli requests send` records the export sent; until then a new export
    replaces it. Nothing is written unencrypted; the journal keeps the file's digest and the review's ids
    and offsets, never a content nor a passphrase.

    Example: oubli requests export 12 --review - --keep D-1-0000042:120-135

    Example: oubli requests export 12 --pdf --out reponse-12.pdf

    Example: oubli requests export 12 --recipient age1... --out demande-12.age
    """
    from casefiles.crypto.passphrases import new_passphrase
    from subject_requests.access_export import export_access
    from subject_requests.information import load_information
    from subject_requests.review import KEEP, MASK, Change, review_text, stretch_change

    withheld = _withheld(withhold)
    if review is not None and out is not None:
        raise typer.BadParameter("review first, then export: give --review or --out, not both", param_hint="--review")
    if not summary_only and out is None and review is None:
        raise typer.BadParameter("give --out FILE to write the export, or --review FILE|- to review it",
                                 param_hint="--out")
    try:
        changes = ([stretch_change(KEEP, v, "--keep") for v in keep] + [stretch_change(MASK, v, "--mask") for v in mask]
                   + [Change(KEEP, person_id=p) for p in keep_person] + [Change(MASK, person_id=p) for p in mask_person])
    except InvalidInput as error:
        raise typer.BadParameter(str(error)) from None
    passphrase = None
    if passphrase_file:
        lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        passphrase = lines[0] if lines and lines[0].strip() else None
        if passphrase is None:
            raise typer.BadParameter("the passphrase file's first line is empty", param_hint="--passphrase-file")
    if pdf and recipient:
        raise typer.BadParameter("the PDF opens with a passphrase, not an age key: leave out --recipient, or "
                                 "leave out --pdf for the age file", param_hint="--recipient")
    drawn = new_passphrase() if pdf and passphrase is None and out is not None and not summary_only else None
    passphrase = passphrase or drawn
    app_ = open_app(ctx)
    summary, digest = export_access(app_.uow(), request_id, _detector, load_information(), app_.today(), app_.vault(),
                                    None if summary_only else out, recipient, passphrase, withheld,
                                    restriction_consent, pdf=pdf, changes=changes,
                                    review_out=None if review in (None, "-") else Path(review))
    if review == "-":
        documents = [d.review() for d in summary.documents]
        if as_json:
            emit_json({"request_id": request_id, "documents": documents, "withheld": summary.withheld})
        else:
            emit_text(review_text(request_id, documents, summary.withheld))
        return
    if review is not None:
        console.print(f"Review of request {request_id} written, encrypted, to {review}.", highlight=False)
        return
    report = summary.as_dict() | ({"sha256": digest, "out": str(out), "replaces": summary.replaces} if digest else {})
    if digest and drawn:
        report["passphrase"] = drawn
    if as_json:
        emit_json(report)
        return
    labels = sorted(report["masked"])
    table = Table("document", *labels, title=f"Masked in request {request_id}'s documents")
    for document in report["per_document"]:
        table.add_row(document["document"], *[str(document["masked"].get(label, 0)) for label in labels])
    console.print(table)
    console.print(f"{report['documents']} documents from {report['cases']} cases; masked in all: "
                  + (", ".join(f"{label} {count}" for label, count in report["masked"].items()) or "nothing")
                  + (f"; withheld: {', '.join(report['withheld'])}" if report["withheld"] else "") + ".",
                  highlight=False)
    if digest:
        console.print(f"Written {out} (sha256 {digest})"
                      + (f"; it replaces the export {summary.replaces}, not to be sent" if summary.replaces else "")
                      + f". Once sent: oubli requests send {request_id} --channel mail --on YYYY-MM-DD", highlight=False)
    if digest and drawn:
        console.print(f"Passphrase (shown this once; send it by another channel than the file): {drawn}",
                      highlight=False)


@app.command("send")
def send_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    channel: Channel = typer.Option(..., "--channel", help="How the answer was sent."),
    sent_on: str = typer.Option(..., "--on", metavar="YYYY-MM-DD", help="The day it was sent (not in the future)."),
) -> None:
    """Record that the access export was sent to the person: the request is answered on that day, and
    the deadline figures count it so.

    Example: oubli requests send 12 --channel mail --on 2026-12-01
    """
    from subject_requests.register import send

    day = day_option(sent_on, "--on")
    app_ = open_app(ctx)
    with options_named(sent_on="--on"):
        digest = send(app_.uow(), request_id, channel, day, app_.today())
    console.print(f"Request {request_id} answered: export {digest} sent by {channel.value} on {day.isoformat()}.",
                  highlight=False)


@app.command("decide")
def decide_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help='Print {"decisions": [{"record", "outcome", "ground"}]}.'),
) -> None:
    """Decide a request record by record and answer it. Erasure (art. 17): an active case, an archived
    case within its retention period or a held case is refused with its ground (restriction is offered
    instead); what has no ground left is erased. Restriction (art. 18): each case is marked, only
    stored until lifted. Rectification (art. 16): closes it with what was rectified and whom to tell
    (art. 19). Portability and objection: answered with the grounds of a public-task service. The
    letter to send is then `oubli requests letter ID`.

    Example: oubli requests decide 12 --json
    """
    from subject_requests.decide import decide
    from subject_requests.information import load_information

    app_ = open_app(ctx)
    decisions = decide(app_.uow(), request_id, app_.today(), load_information().recipients, app_.eraser())
    if as_json:
        emit_json({"request_id": request_id, "decisions": [
            {"record": d.record, "outcome": d.outcome, "ground": d.ground} for d in decisions]})
        return
    table = Table("record", "outcome", "ground")
    for decision in decisions:
        table.add_row(decision.record, decision.outcome, decision.ground)
    console.print(table)
    console.print(f"Request {request_id} is answered. The letter: oubli requests letter {request_id}", highlight=False)


@app.command("rectify")
def rectify_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    field: str = typer.Option(..., "--field", metavar="NAME", help="The identifying field: "
                                                                             + ", ".join(PERSON_FIELDS) + "."),
    value: str = typer.Option(..., "--value", metavar="TEXT", help="The correct value (empty clears the field)."),
) -> None:
    """Correct an identifying field of the request's subject (art. 16). The former value is kept,
    encrypted under the master key, in the record's history; the journal names the field only. Close
    the request with `oubli requests decide ID` once everything is corrected.

    Example: oubli requests rectify 12 --field last_name --value "Martin-Durand"
    """
    from subject_requests.rectification import rectify

    app_ = open_app(ctx)
    rectify(app_.uow(), request_id, field, value, app_.vault(), app_.today())
    console.print(f"Request {request_id}: {field} rectified; the former value is kept encrypted.", highlight=False)


@app.command("add-statement")
def add_statement_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    document: str = typer.Option(..., "--document", metavar="DOC_ID", help="The disputed document."),
    text_file: Path = typer.Option(..., "--text-file", exists=True, dir_okay=False,
                                   help="The person's statement, as UTF-8 text."),
) -> None:
    """Add the person's own statement to a disputed assessment (art. 16): the document is not rewritten;
    the statement goes with it, and into the person's access exports.

    Example: oubli requests add-statement 12 --document D-1-0000042 --text-file declaration.txt
    """
    from subject_requests.rectification import add_statement

    try:
        text = text_file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise typer.BadParameter("the file is not UTF-8 text", param_hint="--text-file") from None
    app_ = open_app(ctx)
    statement_id = add_statement(app_.uow(), request_id, document, text, app_.today())
    console.print(f"Statement {statement_id} added to document {document} for request {request_id}.",
                  highlight=False)


@app.command("lift-restriction")
def lift_restriction_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    told_on: str = typer.Option(..., "--told-on", metavar="YYYY-MM-DD", help="When the person was told."),
    told_how: str = typer.Option(..., "--told-how", metavar="TEXT", help="How (kept in the register only)."),
) -> None:
    """Lift the restriction placed for a request; the person must have been told first (art. 18(3)).

    Example: oubli requests lift-restriction 12 --told-on 2026-11-20 --told-how "courrier recommandé"
    """
    from subject_requests.restriction import lift

    day = day_option(told_on, "--told-on")
    app_ = open_app(ctx)
    cases = lift(app_.uow(), request_id, day, told_how, app_.today())
    console.print(f"Restriction lifted on {len(cases)} case(s): {', '.join(cases)}.", highlight=False)


@app.command("letter")
def letter_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    which: Letter = typer.Option(None, "--which", help="Default: the one the request's state calls for."),
    out: Path = typer.Option(None, "--out", dir_okay=False, help="Write to this file (mode 0600) instead of printing."),
    force: bool = typer.Option(False, "--force", help="Replace the file at --out if there is one."),
) -> None:
    """The letter to send, in French, from the templates in config/letters/ and the sender in
    config/letters/settings.yaml: the acknowledgement (asking a representative for proof of capacity),
    the extension notice, or the answer (granted, partly or wholly refused: each refusal with its
    article, the right to complain to the CNIL and to go to court).

    Example: oubli requests letter 12 --out lettre-12.txt
    """
    from casefiles.crypto.private_files import write_private
    from subject_requests.information import load_information
    from subject_requests.letter_settings import load_letter_settings
    from subject_requests.letters import render

    app_ = open_app(ctx)
    letter = render(app_.uow(), request_id, load_information(), load_letter_settings(), app_.today(), app_.vault(),
                    which)
    if letter.address_missing:
        errors.print(f"Warning: the store has no address for request {request_id}'s requester: write it under their "
                     "name before sending.", highlight=False)
    if out is None:
        emit_text(letter.text)
        return
    write_private(out, letter.text.encode("utf-8"), replace=force)
    console.print(f"Letter written to {out}.", highlight=False)
