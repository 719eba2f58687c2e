"""What every command shares for its output: JSON with stable keys, rich tables, progress, dates.

Data reach the terminal as they are written, never as instructions to it: the consoles read no rich
markup (`[/bold]` in a name is text) and no emoji codes, and `visible` shows every control character
(ESC, BEL, the C1 codes, bidirectional overrides...) as a `\\x1b`-style escape, so that a name or a note
can neither break a command's output nor drive the operator's terminal. Everything printed goes through
these consoles, `emit_json` or `visible`."""

import dataclasses
import errno
import json
import os
import re
import select
import sys
from contextlib import contextmanager
from datetime import date, datetime

import typer
from rich.console import Console
from rich.text import Text

from casefiles.kernel.errors import InvalidInput

# C0 controls but tab and newline (a carriage return only ahead of a newline: CSV's line ends), DEL, C1
# controls, and Unicode's bidirectional embeddings, overrides and isolates, which reorder what is shown.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
# What JSON leaves unescaped of those (json.dumps escapes C0 itself).
_JSON_UNESCAPED = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written out (`\\x1b`, `\\u202e`): safe to show on a terminal."""
    return _CONTROLS.sub(_escaped, text)


class DataConsole(Console):
    """A rich console that prints text literally (no markup, no emoji codes) with its controls made visible."""

    def __init__(self, **options) -> None:
        super().__init__(markup=False, emoji=False, **options)

    def render_str(self, text: str, **options) -> Text:
        options["markup"] = options["emoji"] = False
        return super().render_str(visible(text), **options)

    def on_broken_pipe(self) -> None:
        """Rich would exit with code 1: the root command group decides instead (see oubli/cli/__init__.py)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


console = DataConsole(soft_wrap=True)
errors = DataConsole(stderr=True)


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


def json_text(value, indent: int | None = 2) -> str:
    """`value` as JSON and a newline, every control character in it escaped (JSON's own `\\u` escapes)."""
    text = json.dumps(_plain(value), ensure_ascii=False, indent=indent)
    return _JSON_UNESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def emit_json(value) -> None:
    sys.stdout.write(json_text(value))


def emit_text(text: str) -> None:
    """A document (a letter, a report, a redacted text) on standard output, its control characters visible."""
    sys.stdout.write(visible(text))


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


def stdout_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (poll reports an error on its end)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file: Typer's CliRunner, a closed stream
        return False
    poller = select.poll()
    poller.register(descriptor, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))


def silence_stdout() -> None:
    """Standard output to /dev/null once its reader has gone, as Python's documentation advises for
    SIGPIPE: what is still buffered is dropped there, and the exit does not fail writing it."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


def stdout_identity() -> tuple[int, int] | None:
    """The device and inode of what standard output's descriptor points at."""
    try:
        status = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def null_identity() -> tuple[int, int]:
    status = os.stat(os.devnull)
    return status.st_dev, status.st_ino
