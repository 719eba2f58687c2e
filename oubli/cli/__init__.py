"""The `oubli` command line: global options, the command groups, and how errors are shown."""

import sys

import typer
from typer.core import TyperGroup

from casefiles.kernel.errors import InvalidInput, OubliError
from oubli.cli import (
    audit,
    cases,
    detect,
    disposals,
    erasures,
    holds,
    init,
    keys,
    purge_list,
    report,
    requests,
    run,
    seed,
    serve,
    store_import,
    subjects,
    sync,
    transfers,
    verify,
)
from oubli.cli.output import errors, null_identity, silence_stdout, stdout_closed, stdout_identity
from oubli.settings import Settings, default_home


class OubliGroup(TyperGroup):
    """The root command group: an expected failure becomes `Error: ...` on stderr and exit code 1, inside the
    app, so that whoever drives it (the console script, Typer's CliRunner) sees what a user sees. An unexpected
    one (a bug) becomes one line with an error id and exit code 70, its details in a file only the owner reads
    (oubli/failure_report.py): its message could carry a personal value. Click's own exits, usage errors and
    aborts, and Ctrl-C, go their usual way. A reader that stopped reading (`oubli cases list | head`) ends
    the command quietly with exit code 0, as it ends `cat`."""

    def invoke(self, ctx):
        try:
            try:
                return super().invoke(ctx)
            except BrokenPipeError:
                if not stdout_closed():
                    raise  # another pipe than standard output: a bug
                silence_stdout()
                raise typer.Exit(0) from None
            except OubliError as error:
                errors.print(f"Error: {error}", markup=False, highlight=False, soft_wrap=True)
                if isinstance(error, InvalidInput):
                    for problem in error.problems:
                        errors.print(f"  {problem}", markup=False, highlight=False, soft_wrap=True)
                raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, typer.TyperException):  # Click's own: help, usage errors, aborts
            raise
        except Exception as error:
            from oubli import failure_report  # here: every command's start does without it

            line = failure_report.report(error, default_home() / "errors", ctx.invoked_subcommand)
            errors.print(line, markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(failure_report.EXIT_CODE) from None


app = typer.Typer(
    cls=OubliGroup,
    help="Oubli: retention, rights requests and audit for ASE case records.\n\n"
         "Example: oubli --db sqlite:///oubli.db cases list",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", envvar="OUBLI_DB", metavar="URL",
                           help="Database URL: sqlite:///PATH or postgresql://USER@HOST:PORT/NAME. "
                                "Default: sqlite:///~/.local/share/oubli/oubli.db (or $OUBLI_HOME/oubli.db)."),
    actor: str = typer.Option(None, "--actor", envvar="OUBLI_ACTOR",
                              help="Who is acting, as written in the audit journal. Default: the OS user."),
) -> None:
    ctx.obj = Settings.load(db, actor)


app.command("init")(init.init)
app.command("seed")(seed.seed)
app.command("import")(store_import.import_cases)
app.command("sync")(sync.sync_command)
app.command("run")(run.run)
app.command("serve")(serve.serve)
app.command("detect")(detect.detect)
app.command("detect-eval")(detect.detect_eval)
app.command("verify-disposal")(verify.verify_disposal_command)
app.add_typer(cases.app, name="cases")
app.add_typer(subjects.app, name="subjects")
app.add_typer(holds.app, name="holds")
app.add_typer(disposals.app, name="disposals")
app.add_typer(report.app, name="report")
app.add_typer(requests.app, name="requests")
app.add_typer(audit.app, name="audit")
app.add_typer(keys.app, name="keys")
app.add_typer(erasures.app, name="erasures")
app.add_typer(transfers.app, name="transfers")
app.add_typer(purge_list.app, name="purge-list")


def main() -> None:
    before = stdout_identity()
    try:
        app()
    except SystemExit as end:
        # Typer prints help with a rich console of its own, which on a closed pipe points standard output at
        # /dev/null and exits 1 (`oubli --help | head`): a reader that stopped reading, exit 0 as above.
        if end.code == 1 and stdout_identity() != before and stdout_identity() == null_identity():
            raise SystemExit(0) from None
        raise
    finally:  # what is still buffered goes out now, while a closed pipe can still be told from a bug
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
