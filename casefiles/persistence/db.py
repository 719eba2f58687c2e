"""Opening the database: SQLite (the embedded default) or PostgreSQL, with the same code."""

import fcntl
import os
import time
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from casefiles.kernel.errors import DatabaseBusy, DatabaseError

# How long a write waits for another writer (the nightly run between two batches, a DPO's command)
# before it gives up with DatabaseBusy. The run's batches are kept far shorter than this.
BUSY_TIMEOUT = 30.0
# The execution option a unit of work sets on the transactions that write (see casefiles/persistence/uow.py).
WRITES = "oubli_writes"
# Set while the nightly run writes its batches (retention/run.py): they do not queue at the write gate.
BATCH_WRITER: ContextVar[bool] = ContextVar("oubli_batch_writer", default=False)


def normalise_url(url: str) -> str:
    """Accept the URL forms operators type: `postgresql://` uses psycopg 3, the driver installed."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"'{url}' is not a database URL: use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL as it may be shown in a message: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


def create_db_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """The engine never renders a statement's parameters in an exception (they hold personal values),
    and a write that cannot have its lock within `busy_timeout` seconds raises DatabaseBusy."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, parsed.database, busy_timeout)
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True,
                               connect_args={"options": f"-c lock_timeout={int(busy_timeout * 1000)}"})
    else:
        raise DatabaseError(f"unsupported database '{parsed.get_backend_name()}': use SQLite or PostgreSQL")

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        if _is_lock_wait(context.original_exception):
            raise _busy(busy_timeout) from None

    return engine


def _busy(busy_timeout: float) -> DatabaseBusy:
    return DatabaseBusy(f"the database stayed locked by another writer for {busy_timeout:g} s (most likely the "
                        "nightly run, between two of its batches): nothing was changed; try again in a few minutes")


def _is_lock_wait(error: BaseException) -> bool:
    """SQLite's SQLITE_BUSY (`database is locked`) or PostgreSQL's lock_not_available (55P03)."""
    if getattr(error, "sqlite_errorcode", None) is not None:
        return error.sqlite_errorcode & 0xFF == 5  # SQLITE_BUSY and its extended codes
    return getattr(error, "sqlstate", None) == "55P03"


def _sqlite_engine(url: str, database: str | None, busy_timeout: float) -> Engine:
    if database and database != ":memory:":
        # Only `oubli init` creates the file (create_sqlite_database): any other command on a path where
        # there is none would leave an empty database behind, under a name the user mistyped.
        path = Path(database).expanduser().resolve()
        if not path.exists():
            raise DatabaseError(f"no database at {path}: run `oubli init` to create it, or give another --db")
    # `timeout` is SQLite's busy timeout: how long a statement waits for a lock another connection holds.
    engine = create_engine(url, hide_parameters=True, connect_args={"timeout": busy_timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, open transactions, so that reads are inside them too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # Deleted content and freed pages are overwritten with zeros (see casefiles/residue.py).
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    gate = _gate_path(database)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # SQLAlchemy's recipe for pysqlite (driver-level transactions off, BEGIN emitted here). A transaction
        # that writes takes the write lock at its start (BEGIN IMMEDIATE), waiting at most the busy timeout:
        # a deferred one that read first could not wait for the lock later, SQLite failing it at once
        # (SQLITE_BUSY_SNAPSHOT) when another writer committed meanwhile. Reads begin deferred: in WAL mode
        # they never wait for a writer nor make one wait.
        options = connection.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        if options.get(WRITES) and gate is not None and not BATCH_WRITER.get():
            held = _queue_at(gate, busy_timeout)
            if held is None:
                raise _busy(busy_timeout)
            connection.info["write_gate"] = held
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITES) else "BEGIN")

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(connection):
        held = connection.info.pop("write_gate", None)
        if held is not None:
            held.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):  # a connection given back without commit nor rollback
        held = record.info.pop("write_gate", None)
        if held is not None:
            held.close()

    return engine


# SQLite's busy handler polls, sleeping up to 100 ms between tries, while the nightly run takes the
# write lock again the instant it commits a batch: a DPO's write could starve for a whole run. So a
# DPO's writer first takes the write gate, a file lock beside the database, for its transaction; the
# run, between two batches, waits until the gate is free (`let_writers_in`), which lets that writer
# in. flock frees the gate if its holder dies.
def _gate_path(database: str | None) -> Path | None:
    if not database or database == ":memory:":
        return None
    return Path(f"{Path(database).expanduser().resolve()}.write-gate")


def _queue_at(gate: Path, timeout: float):
    """The gate, taken within `timeout` seconds; None if it could not be."""
    handle = open(os.open(gate, os.O_RDWR | os.O_CREAT, 0o600), "r+b")
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() > deadline:
                handle.close()
                return None
            time.sleep(0.005)


def let_writers_in(engine: Engine) -> None:
    """Between two batches of the run: wait for the writers queued at the gate, if any (SQLite only)."""
    gate = _gate_path(engine.url.database) if engine.dialect.name == "sqlite" else None
    if gate is not None:
        held = _queue_at(gate, BUSY_TIMEOUT)  # a writer that hangs holds the run back this long at most
        if held is not None:
            held.close()


def create_sqlite_database(url: str) -> None:
    """For `oubli init`: a SQLite database's folder (owner only) and empty file, if they are missing. The file
    holds personal data: readable by its owner only (SQLite gives its -wal the same mode)."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser().resolve()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        except FileExistsError:
            pass
        except OSError as error:
            raise DatabaseError(f"cannot create the database {path}: {error.strerror}; give another --db") from None


def chunks(items: list, size: int = 500):
    """`items` in slices small enough for an IN list on either database."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def commit_durably(session) -> None:
    """Before committing something that must survive a power cut before the next step acts on it (`keys
    rotate` installs the new master key only then): on PostgreSQL the commit waits for its WAL to be flushed
    whatever the server's synchronous_commit. SQLite's side is `synced` after the commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO on"))


def synced(bind: Engine | Connection) -> None:
    """After such a commit on SQLite: in WAL mode with synchronous=NORMAL a commit writes its pages to the log
    without syncing it, so the log (and the file, which a checkpoint may have written into) go to disk now."""
    database = bind.engine.url.database if bind.engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        return
    path = Path(database).expanduser().resolve()
    for name in (f"{path}-wal", str(path)):
        try:
            descriptor = os.open(name, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
