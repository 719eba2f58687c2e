"""One nightly run at a time: a lock that dies with its holder, and a row that says who holds it.

The lock itself is one the operating system or the server frees the moment its process dies, however
it dies (kill -9 included): on SQLite an `fcntl.flock` on a file beside the database (`<db>.run-lock`),
on PostgreSQL a session advisory lock on a connection of the run's own. The `run_locks` row is only for
display (who, since when, renewed until). A row whose lock is free was left by a run that died: the
next run takes it over at once and journals it. `break_lock` (`oubli run --break-lock`) does the same
on purpose, journaled, and refuses while the lock is held: a live run is stopped, not broken.

`renew`, at every batch, checks that the run still holds its lock (the file is still the one locked,
the advisory lock's connection is still alive and holds it) and its row; a run that lost either stops
before committing its batch.
"""

import fcntl
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from casefiles.kernel.errors import OubliError
from casefiles.persistence.journal import timestamp
from casefiles.persistence.models import RunLock
from casefiles.persistence.uow import UnitOfWork

NAME = "nightly"
TTL = timedelta(minutes=15)  # what the row shows as "renewed until"; the OS lock, not this, decides
ADVISORY_KEY = 0x6F75626C  # "oubl": the PostgreSQL advisory lock of the nightly run


class RunInProgress(OubliError):
    """Another run holds the lock."""


class RunLockLost(OubliError):
    """The run no longer holds its lock: it stops before committing anything more."""


@dataclass
class RunLockHandle:
    """The lock a run holds for its life; `close` frees it (the OS frees it if the process dies)."""

    holder: str
    acquired_at: str = ""
    _file: IO | None = field(default=None, repr=False)
    _path: Path | None = None
    _connection: Connection | None = field(default=None, repr=False)

    def held(self) -> bool:
        if self._file is not None:  # the file locked is still the one at the path (nobody replaced it)
            try:
                return os.fstat(self._file.fileno()).st_ino == os.stat(self._path).st_ino
            except OSError:
                return False
        if self._connection is not None:
            try:
                return bool(self._connection.execute(text(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND pid = pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = :key)"),
                    {"key": ADVISORY_KEY}).scalar())
            except DBAPIError:
                return False
        return True  # an in-memory database: one process only

    def close(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the file releases the flock
            self._file = None
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                self._connection.close()
            except DBAPIError:
                self._connection.invalidate()  # never back to the pool holding the lock
            self._connection = None


def holder_name() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}"


def lock_file(engine: Engine) -> Path | None:
    """The file beside a SQLite database that its run locks; None for PostgreSQL and in-memory SQLite."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    return Path(f"{Path(engine.url.database).expanduser().resolve()}.run-lock")


def _take(engine: Engine, holder: str) -> RunLockHandle | None:
    """The OS or advisory lock, without waiting; None if a live process holds it."""
    if engine.dialect.name == "postgresql":
        connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        if connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar():
            return RunLockHandle(holder, _connection=connection)
        connection.close()
        return None
    path = lock_file(engine)
    if path is None:
        return RunLockHandle(holder)
    handle = open(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "r+b")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return RunLockHandle(holder, _file=handle, _path=path)


def _busy(uow: UnitOfWork) -> RunInProgress:
    with uow.reading():
        row = uow.session.execute(select(RunLock).where(RunLock.name == NAME)).scalar_one_or_none()
        if row is None:
            return RunInProgress("another run is starting: wait for it to finish")
        return RunInProgress(f"another run ({row.holder}) has been running since {row.acquired_at}: wait for it "
                             "to finish (its process holds the lock; if it hangs, stop that process: the lock "
                             "goes with it)")


def acquire(uow: UnitOfWork, holder: str, now: datetime) -> RunLockHandle:
    """Take the lock or raise RunInProgress at once; a row left by a dead run is taken over, journaled."""
    with uow:
        engine = uow.session.get_bind()
    handle = _take(engine, holder)
    if handle is None:
        raise _busy(uow)
    try:
        _write_row(uow, handle, now, "run.lock_recovered")
    except BaseException:
        handle.close()
        raise
    return handle


def _write_row(uow: UnitOfWork, handle: RunLockHandle, now: datetime, action: str) -> None:
    handle.acquired_at = timestamp(now)
    with uow:
        row = uow.session.execute(select(RunLock).where(RunLock.name == NAME)).scalar_one_or_none()
        values = {"holder": handle.holder, "acquired_at": handle.acquired_at, "expires_at": timestamp(now + TTL)}
        if row is None:
            uow.session.add(RunLock(name=NAME, **values))
        else:  # its holder died (the lock was free): say so in the journal
            uow.record(action, "run", [], previous_holder=row.holder, previous_since=row.acquired_at)
            uow.session.execute(update(RunLock).where(RunLock.name == NAME).values(**values))
        uow.commit()


def renew(uow: UnitOfWork, handle: RunLockHandle, now: datetime) -> None:
    """Inside a batch's unit of work, before its commit: check the lock is still this run's and push
    the row's date back; a run that lost it stops here, its batch rolled back."""
    renewed = uow.session.execute(update(RunLock).where(
        RunLock.name == NAME, RunLock.holder == handle.holder, RunLock.acquired_at == handle.acquired_at)
        .values(expires_at=timestamp(now + TTL))).rowcount
    if not renewed or not handle.held():
        raise RunLockLost(f"this run ({handle.holder}) lost its lock since {handle.acquired_at}: it stops before "
                          "committing its batch; what it committed before stays, and the next run finishes")


def release(uow: UnitOfWork, handle: RunLockHandle) -> None:
    try:
        with uow:
            uow.session.execute(delete(RunLock).where(
                RunLock.name == NAME, RunLock.holder == handle.holder, RunLock.acquired_at == handle.acquired_at))
            uow.commit()
    finally:
        handle.close()


def break_lock(uow: UnitOfWork, now: datetime) -> str | None:
    """Clear the row of a run that died, journaled; returns its holder (None if there was no row).

    Decided by the lock itself: if it can be taken, its holder is dead; if not, a live process holds
    it and nothing is broken (RunInProgress)."""
    with uow:
        engine = uow.session.get_bind()
    handle = _take(engine, holder_name())
    if handle is None:
        raise _busy(uow)
    try:
        with uow:
            row = uow.session.execute(select(RunLock).where(RunLock.name == NAME)).scalar_one_or_none()
            if row is None:
                return None
            uow.record("run.lock_broken", "run", [], previous_holder=row.holder, previous_since=row.acquired_at)
            uow.session.execute(delete(RunLock).where(RunLock.name == NAME))
            uow.commit()
            return row.holder
    finally:
        handle.close()
