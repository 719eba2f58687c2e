"""Getting the wired application from inside a command."""

import typer

from oubli.bootstrap import App, bootstrap


def open_app(ctx: typer.Context, current_schema: bool = True) -> App:
    """The application for the global options; by default only on a database whose schema is current."""
    app = bootstrap(ctx.find_root().obj)
    ctx.call_on_close(app.engine.dispose)  # its connections close with the command, not at exit
    if not current_schema:
        return app
    from casefiles.erasure.residue import finish_pending

    app.require_schema()
    finish_pending(app.engine)  # a clearing a former command could not finish (or a run killed after its commit)
    return app
