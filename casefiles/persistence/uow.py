"""The unit of work: one transaction whose journal entries commit with its changes, or not at all."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from casefiles.persistence import journal
from casefiles.persistence.db import WRITES
from casefiles.persistence.journal import Event


class UnitOfWork:
    """Use as a context manager; leaving it without `commit()` rolls everything back.

    Its transactions are writers: on SQLite each takes the write lock when it begins, waiting a bounded
    time for the nightly run's batch or another command (casefiles/persistence/db.py). A service that only
    reads enters `uow.reading()` instead, which neither takes that lock nor may commit."""

    def __init__(self, session_factory: sessionmaker, actor: str, clock: Callable[[], datetime]):
        self._session_factory = session_factory
        self.actor = actor
        self._clock = clock
        self._events: list[Event] = []
        self._reading = False

    def reading(self) -> "UnitOfWork":
        self._reading = True
        return self

    def __enter__(self) -> "UnitOfWork":
        bind = self._session_factory.kw.get("bind")
        if bind is not None and not self._reading:
            bind = bind.execution_options(**{WRITES: True})
        self.session: Session = self._session_factory(bind=bind)
        self._events = []
        return self

    def __exit__(self, *exc_info) -> None:
        self._reading = False
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
        if self._reading:
            raise RuntimeError("a unit of work entered with reading() cannot commit")
        self.flush()
        self.session.commit()
