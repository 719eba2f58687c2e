"""Getting the wired application from inside a command."""

import typer

from oubli.bootstrap import App, bootstrap


def open_app(ctx: typer.Context, current_schema: bool = True) -> App:
    """The application for the global options; by default only on a database whose schema is current."""
    app = bootstrap(ctx.find_root().obj)
    ctx.call_on_close(app.engine.dispose)  # its connections close with the command, not at exit
    return app.require_schema() if current_schema else app
