"""What every command shares for its output: JSON with stable keys, rich tables, progress, dates."""

import dataclasses
import json
import sys
from contextlib import contextmanager
from datetime import date, datetime

import typer
from rich.console import Console

from casefiles.kernel.errors import InvalidInput

console = Console(soft_wrap=True)
errors = Console(stderr=True)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def emit_json(value) -> None:
    sys.stdout.write(json.dumps(_plain(value), ensure_ascii=False, indent=2) + "\n")


def day_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date in the form YYYY-MM-DD", param_hint=name) from None


@contextmanager
def options_named(**options: str):
    """Inside, an input error a service raises about one of these fields names the command's option
    instead (`requester_name="--requester-name"`), as the user typed it."""
    try:
        yield
    except InvalidInput as error:
        if error.field in options and error.wrong is not None:
            raise error.naming_field(options[error.field]) from None
        raise


@contextmanager
def progress(description: str, total: int | None):
    """A progress bar on stderr while work runs in a terminal; yields `advance(done)`."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                   console=errors, transient=True, disable=not errors.is_terminal)
    with bar:
        task = bar.add_task(description, total=total)

        def advance(done: int, total_now: int | None = None, label: str | None = None) -> None:
            bar.update(task, completed=done, total=total_now or total,
                       description=label or description)

        yield advance
