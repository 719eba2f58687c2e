"""The erasure ledger: what was destroyed, as keyed digests that outlive a restored backup.

Each digest is HMAC-SHA256 of "kind:id" under the ledger key (kept outside the database, like the
master key): without the key nobody can tell which id a digest stands for, or test a guess. Entries
are written to the database in the transaction that destroys, then copied, once committed, to an
append-only file outside the database (so the file never names something that was not destroyed).
A database restored from a backup has fewer entries than the file: the nightly run sees it at the
cost of reading one line, and `oubli erasures replay` destroys again what the file says is gone.

Digests made under another key recognise nothing, so the key is checked against the ledger before any
use: the ledger's first entry (kind "key") is the digest of a fixed label under its key, the key's
check value, in the database and, being an entry, in the file's first line. A ledger made before the
check existed is probed instead (its most recent tombstoned cases must be in it) and gets its check
value with its next entry. A key that fails is refused: the only remedy is the key's backup.

A crash while a line is appended leaves it cut short (no newline, part of the digest): readers take
the file up to its last whole line, and the next copy cuts the torn end off and writes it again from
the table, journaled (`ledger.file_repaired`). A damaged line anywhere else is an error naming it.
"""

import fcntl
import hashlib
import hmac
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casefiles.kernel.errors import OubliError
from casefiles.kernel.vocabulary import RecordKind
from casefiles.persistence.db import chunks
from casefiles.persistence.models import LedgerEntry, Tombstone
from casefiles.persistence.uow import UnitOfWork

CASE, PERSON = RecordKind.CASE, RecordKind.PERSON
KEY = "key"  # the kind of the entry that holds the key's check value
KEY_CHECK_LABEL = "oubli ledger key check"
PROBED_TOMBSTONES = 20
# Fixed-width lines: "id digest kind action date", so the last one is found by seeking.
LINE = "{:012d} {} {:<6} {:<11} {}\n"
LINE_BYTES = len(LINE.format(0, "0" * 64, "", "", "2000-01-01"))
WHOLE_LINE = re.compile(rb"(\d{12}) ([0-9a-f]{64}) ([a-z]+) +([a-z_]+) +(\d{4}-\d\d-\d\d)\n")
TAIL_CHUNK = 1 << 16


class Resurrected(OubliError):
    """Destroyed records are back (a backup was restored): `oubli erasures replay` first."""


class WrongLedgerKey(OubliError):
    """The ledger key is not the one the erasure ledger was made with."""


class DamagedLedgerFile(OubliError):
    """A line of the ledger's file is not a ledger line (and not the last one, cut off while written)."""


def _parse(line: bytes) -> tuple[int, str, str, str, date] | None:
    """(id, digest, kind, action, date) of a whole line of the file, or None if it is not one."""
    match = WHOLE_LINE.fullmatch(line)
    if match is None or len(line) != LINE_BYTES:
        return None
    number, digest, kind, action, on = (group.decode("ascii") for group in match.groups())
    try:
        return int(number), digest, kind, action, date.fromisoformat(on)
    except ValueError:
        return None


@dataclass(frozen=True)
class Tail:
    """The end of the file: where its whole lines end, the last one's id, and what follows them (bytes
    of a line cut off while it was appended: no newline, or shorter than a line)."""

    whole_bytes: int
    last_id: int
    torn: bytes

    @property
    def torn_line(self) -> int:
        return self.whole_bytes // LINE_BYTES + 1

    @property
    def torn_id(self) -> int | None:
        """The torn line's entry id when its first field was written whole."""
        return int(self.torn[:12]) if re.fullmatch(rb"\d{12} ", self.torn[:13]) else None


class Ledger:
    def __init__(self, key: bytes, path: Path):
        self._key = key
        self.path = path
        self._checked = False

    def digest(self, kind: str, record_id: str) -> str:
        return hmac.new(self._key, f"{kind}:{record_id}".encode(), hashlib.sha256).hexdigest()

    def derived_key(self, label: bytes) -> bytes:
        """A key of its own for another use (the sample kept for history), derived from this one, which is
        never rotated: never the ledger's key itself, so that nothing made with it matches a ledger line."""
        return hmac.new(self._key, label, hashlib.sha256).digest()

    def add(self, session: Session, kind: str, ids: Iterable[str], action: str, as_of: date) -> None:
        """Record erasures in the erasing transaction; refused on a restored database, whose new entries
        would take the numbers of lost ones (the transaction then rolls back: nothing is erased)."""
        self.check_key(session)  # and refused under a key the ledger was not made with
        if self.database_behind(session):
            raise self.restored(". Nothing was erased: run `oubli erasures replay` first")
        rows = [{"digest": self.digest(kind, i), "kind": kind, "action": action, "recorded_on": as_of} for i in ids]
        if rows:
            self._check_value_first(session, rows)
            dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
            session.execute(dialect.insert(LedgerEntry).on_conflict_do_nothing(index_elements=["digest"]), rows)

    # --- the key's check value ----------------------------------------------------------------------

    def check_value(self) -> str:
        return self.digest(KEY, KEY_CHECK_LABEL)

    def check_key(self, session: Session) -> None:
        """Raise WrongLedgerKey unless the key is the one the ledger (database and file) was made with;
        once it held, this ledger object does not ask again."""
        if self._checked:
            return
        recorded = set(session.scalars(select(LedgerEntry.digest).where(LedgerEntry.kind == KEY)))
        if (first := self._first_in_file()) is not None and first[2] == KEY:
            recorded.add(first[1])
        elif not recorded and first is not None:  # a ledger begun before the check value, restored: read it all
            recorded = {digest for digest, (_, kind, _, _) in self.file_entries().items() if kind == KEY}
        if recorded:
            if recorded != {self.check_value()}:
                raise self._wrong_key("its check value does not match")
        elif self._has_entries(session) and not self._probe_passes(session):
            raise self._wrong_key("the most recent disposed cases are not in the ledger under it")
        self._checked = True

    def _has_entries(self, session: Session) -> bool:
        return self._last_in_file() > 0 or session.scalar(select(LedgerEntry.id).limit(1)) is not None

    def _probe_passes(self, session: Session) -> bool:
        """A ledger made before the check value: the most recent tombstoned cases must be in it under
        this key, unless it holds no case at all (they were disposed of before the ledger existed).
        Without tombstones (only persons erased) nothing can tell: the key is taken as it is."""
        cases = list(session.scalars(select(Tombstone.case_id)
                                     .order_by(Tombstone.disposed_on.desc(), Tombstone.case_id)
                                     .limit(PROBED_TOMBSTONES)))
        if not cases:
            return True
        digests = {self.digest(CASE, case) for case in cases}
        if session.scalar(select(LedgerEntry.id).where(LedgerEntry.digest.in_(digests)).limit(1)) is not None:
            return True
        in_file = self.file_entries()
        if not digests.isdisjoint(in_file):
            return True
        holds_cases = session.scalar(select(LedgerEntry.id).where(LedgerEntry.kind == CASE).limit(1)) is not None
        return not holds_cases and all(kind != CASE for _, kind, _, _ in in_file.values())

    def _check_value_first(self, session: Session, rows: list[dict]) -> None:
        """Put the key's check value before the `rows` to record when the ledger has none yet: the first
        entry of a new ledger (the file's first line), the next entry of one made before the check."""
        if session.scalar(select(LedgerEntry.id).where(LedgerEntry.kind == KEY).limit(1)) is None:
            rows.insert(0, {"digest": self.check_value(), "kind": KEY, "action": "check",
                            "recorded_on": rows[0]["recorded_on"]})

    def _wrong_key(self, why: str) -> "WrongLedgerKey":
        return WrongLedgerKey(
            f"the ledger key (ledger.key in the keys folder) is not the key the erasure ledger {self.path} was "
            f"made with ({why}): nothing was done. Restore ledger.key from its backup; never create a new one, "
            "under which the ledger would recognise nothing it holds")

    # --- looking ids up --------------------------------------------------------------------------------

    def destroyed(self, session: Session, records: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of the (kind, id) pairs the ledger holds: records destroyed that must not come back.
        Asks the database (one query per chunk); refused on a restored database, which lacks entries."""
        self.check_key(session)
        if self.database_behind(session):
            raise self.restored(". Nothing was imported: run `oubli erasures replay` first")
        by_digest = {self.digest(kind, record_id): (kind, record_id) for kind, record_id in records}
        found: set[tuple[str, str]] = set()
        for chunk in chunks(list(by_digest)):
            found.update(by_digest[d] for d in session.scalars(select(LedgerEntry.digest)
                                                               .where(LedgerEntry.digest.in_(chunk))))
        return found

    # --- the file outside the database --------------------------------------------------------------

    def _first_in_file(self) -> tuple[int, str, str] | None:
        """(id, digest, kind) of the file's first line, or None without a whole one."""
        try:
            with self.path.open("rb") as stream:
                line = stream.read(LINE_BYTES)
        except FileNotFoundError:
            return None
        if (entry := _parse(line)) is None:
            if self._tail().whole_bytes == 0:  # the first line is the torn one
                return None
            raise self._damaged(1)
        return entry[0], entry[1], entry[2]

    def _last_in_file(self) -> int:
        return self._tail().last_id

    def _tail(self) -> Tail:
        """Reads the file from its end back to its last whole line (one line, unless a crash left more)."""
        try:
            stream = self.path.open("rb")
        except FileNotFoundError:
            return Tail(0, 0, b"")
        with stream:
            size = stream.seek(0, os.SEEK_END)
            end = self._after_last_newline(stream, size)
            if end and len(last := self._line_ending_at(stream, end)) < LINE_BYTES:
                end -= len(last)  # a line cut short, a newline after it: torn too
            stream.seek(end)
            torn = stream.read(size - end)
            if end == 0:
                return Tail(0, 0, torn)
            if end % LINE_BYTES or (entry := _parse(self._line_ending_at(stream, end))) is None:
                raise self._damaged(self._first_bad_line())
            return Tail(end, entry[0], torn)

    @staticmethod
    def _after_last_newline(stream, size: int) -> int:
        """The offset just after the file's last newline (0 without one)."""
        position = size
        while position > 0:
            start = max(0, position - TAIL_CHUNK)
            stream.seek(start)
            found = stream.read(position - start).rfind(b"\n")
            if found >= 0:
                return start + found + 1
            position = start
        return 0

    @staticmethod
    def _line_ending_at(stream, end: int) -> bytes:
        """The line whose newline ends at `end` (at most a line and a byte are read)."""
        start = max(0, end - LINE_BYTES - 1)
        stream.seek(start)
        data = stream.read(end - start)
        return data[data.rfind(b"\n", 0, len(data) - 1) + 1:]

    def _first_bad_line(self) -> int:
        with self.path.open("rb") as stream:
            for number, line in enumerate(stream, start=1):
                if _parse(line) is None:
                    return number
        return 0

    def _damaged(self, line: int) -> DamagedLedgerFile:
        return DamagedLedgerFile(
            f"line {line} of the erasure ledger's file {self.path} is damaged: nothing was done. Restore the file "
            "from its backup; or, if the database was not restored from a backup since that line was written, "
            "move the file aside: the next run writes it again from the database's ledger table")

    def _repair(self, uow: UnitOfWork, tail: Tail) -> None:
        """Cut off a line torn by a crash while it was appended, once the database is seen to hold the
        entry it copied (it is written again from there), and journal it; committed at once."""
        after = select(LedgerEntry.id).where(LedgerEntry.id > tail.last_id)
        held = (uow.session.scalar(after.limit(1)) if tail.torn_id is None
                else uow.session.scalar(select(LedgerEntry.id).where(LedgerEntry.id == tail.torn_id)))
        if held is None:
            raise DamagedLedgerFile(
                f"line {tail.torn_line} of the erasure ledger's file {self.path} was cut off while it was written, "
                "and the database (restored from a backup?) does not hold the entry it copied: that erasure cannot "
                "be read back from either, and nothing was done. Put back the database as it was before its "
                "restore; or, to go on without that entry, cut the line off with "
                f"`truncate -s {tail.whole_bytes} {self.path}`")
        os.truncate(self.path, tail.whole_bytes)
        uow.record("ledger.file_repaired", "ledger", [], line=tail.torn_line, bytes_cut=len(tail.torn),
                   after_entry=tail.last_id)
        uow.commit()

    def copy_to_file(self, uow: UnitOfWork) -> int:
        """Append the committed entries the file does not hold yet (after cutting off a line torn by a
        crash, journaled and committed); returns how many. Holds an flock on the file meanwhile, so that
        a line another process is still appending is never taken for a torn one, nor copied twice."""
        if not self.path.exists() and uow.session.scalar(select(LedgerEntry.id).limit(1)) is None:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "ab") as stream:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # released when the file is closed
            tail = self._tail()
            if tail.torn:
                self._repair(uow, tail)
            rows = uow.session.execute(select(LedgerEntry.id, LedgerEntry.digest, LedgerEntry.kind,
                                              LedgerEntry.action, LedgerEntry.recorded_on)
                                       .where(LedgerEntry.id > tail.last_id).order_by(LedgerEntry.id)).all()
            if rows:
                stream.write("".join(LINE.format(i, d, k, a, on.isoformat()) for i, d, k, a, on in rows)
                             .encode("ascii"))
                stream.flush()
                os.fsync(descriptor)
        return len(rows)

    def database_behind(self, session: Session) -> bool:
        """True when the file holds entries the database lost: it was restored from a backup."""
        return self._last_in_file() > (session.scalar(select(func.max(LedgerEntry.id))) or 0)

    def restored(self, what_follows: str) -> Resurrected:
        """The error for a database `database_behind` its file, `what_follows` saying what was not done."""
        return Resurrected(f"the database holds less of the erasure ledger than its file {self.path}: it was "
                           f"restored from a backup{what_follows}")

    def file_entries(self) -> dict[str, tuple[int, str, str, date]]:
        """{digest: (id, kind, action, date)} of every whole line of the file, the key's check value
        included; a last line torn by a crash is left out (the next copy writes it again)."""
        entries = {}
        whole = self._tail().whole_bytes
        if whole:
            with self.path.open("rb") as stream:
                for number, line in enumerate(stream, start=1):
                    if (entry := _parse(line)) is None:
                        raise self._damaged(number)
                    entries[entry[1]] = (entry[0], entry[2], entry[3], entry[4])
                    if number * LINE_BYTES == whole:
                        break
        return entries

    def restore_entries(self, session: Session) -> int:
        """Put back into the database the entries only the file holds (after a restore); returns how many."""
        present = set(session.scalars(select(LedgerEntry.digest)))
        missing = [{"id": number, "digest": digest, "kind": kind, "action": action, "recorded_on": on}
                   for digest, (number, kind, action, on) in self.file_entries().items() if digest not in present]
        if missing:
            session.execute(LedgerEntry.__table__.insert(), missing)
            if session.get_bind().dialect.name == "postgresql":
                session.execute(select(func.setval("erasure_ledger_id_seq", func.max(LedgerEntry.id))))
        return len(missing)


def refuse_new_key_for(session: Session, path: Path, key_path: Path) -> None:
    """Before `oubli init` creates a missing ledger key: refused when an erasure ledger exists (entries
    in the database or a file), since a new key would recognise none of them."""
    in_database = session.scalar(select(func.count()).select_from(LedgerEntry)) or 0
    in_file = path.exists() and path.stat().st_size > 0
    if in_database or in_file:
        where = " and ".join([f"{in_database} entries in the database"] * bool(in_database)
                             + [f"its file {path}"] * in_file)
        raise WrongLedgerKey(
            f"the ledger key {key_path} is missing, but the erasure ledger ({where}) was made with it: no key "
            "was created. Restore ledger.key from its backup into that folder (or set OUBLI_KEYS to the folder "
            "that holds it); a new key would recognise nothing the ledger holds")
