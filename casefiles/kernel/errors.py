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
    """Input (a file, an argument) was rejected; `problems` lists every problem found.

    Made by `in_field`, it knows the field at fault by its name in the service (`requester_name`)
    and what is wrong with it, so that a shell can name the field its own way (a CLI option)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.field: str | None = None
        self.wrong: str | None = None  # what follows the field's name in the message

    @classmethod
    def in_field(cls, field: str, named: str, wrong: str) -> "InvalidInput":
        """`named` is how a person reads the field ("the requester's name"), `wrong` the rest."""
        error = cls(f"{named} {wrong}")
        error.field, error.wrong = field, wrong
        return error

    def naming_field(self, name: str) -> "InvalidInput":
        """The same error with the field called `name`."""
        renamed = InvalidInput(f"{name} {self.wrong}", self.problems)
        renamed.field, renamed.wrong = self.field, self.wrong
        return renamed
