"""The project's own exceptions: expected failures with a message a DPO or operator can act on.

Messages name records by id, line number or entity type, never by a personal value.
"""


class OubliError(Exception):
    """An expected failure; the CLI prints it as one line on stderr and exits 1."""


class DatabaseError(OubliError):
    """The database cannot be reached or is not at the expected schema."""


class DatabaseBusy(DatabaseError):
    """Another writer kept its lock longer than a write waits: the command changed nothing."""


class NotFound(OubliError):
    """A record named by id does not exist."""


class InvalidInput(OubliError):
    """Input (a file, an argument) was rejected; `problems` lists every problem found."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
