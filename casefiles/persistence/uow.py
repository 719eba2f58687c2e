"""The unit of work: one transaction whose journal entries commit with its changes, or not at all."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from casefiles.persistence import journal
from casefiles.persistence.journal import Event


class UnitOfWork:
    """Use as a context manager; leaving it without `commit()` rolls everything back."""

    def __init__(self, session_factory: sessionmaker, actor: str, clock: Callable[[], datetime]):
        self._session_factory = session_factory
        self.actor = actor
        self._clock = clock
        self._events: list[Event] = []

    def __enter__(self) -> "UnitOfWork":
        self.session: Session = self._session_factory()
        self._events = []
        return self

    def __exit__(self, *exc_info) -> None:
        self.session.rollback()
        self.session.close()

    def record(self, action: str, target_type: str, target_ids, **details) -> int:
        """Journal an event with this unit of work; `details` must hold no personal value.

        Returns the event's position among those pending, to find its sequence number after `flush`."""
        self._events.append(Event(action, target_type, tuple(target_ids), details))
        return len(self._events) - 1

    def flush(self) -> list[int]:
        """Write pending changes and their journal entries, still inside the transaction; returns the
        entries' sequence numbers in the order they were recorded. Loaded objects are let go."""
        self.session.flush()
        seqs = journal.append(self.session, self._events, self.actor, self._clock())
        self._events = []
        self.session.expunge_all()
        return seqs

    def commit(self) -> None:
        self.flush()
        self.session.commit()
