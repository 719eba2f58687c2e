"""The erasure ledger: what was destroyed, as keyed digests that outlive a restored backup.

Each digest is HMAC-SHA256 of "kind:id" under the ledger key (kept outside the database, like the
master key): without the key nobody can tell which id a digest stands for, or test a guess. Entries
are written to the database in the transaction that destroys, then copied, once committed, to an
append-only file outside the database (so the file never names something that was not destroyed).
A database restored from a backup has fewer entries than the file: the nightly run sees it at the
cost of reading one line, and `oubli erasures replay` destroys again what the file says is gone.
"""

import hashlib
import hmac
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casefiles.kernel.errors import OubliError
from casefiles.persistence.models import LedgerEntry
from casefiles.kernel.vocabulary import RecordKind

CASE, PERSON = RecordKind.CASE, RecordKind.PERSON
# Fixed-width lines: "id digest kind action date", so the last one is found by seeking.
LINE = "{:012d} {} {:<6} {:<11} {}\n"
LINE_BYTES = len(LINE.format(0, "0" * 64, "", "", "2000-01-01"))


class Resurrected(OubliError):
    """Destroyed records are back (a backup was restored): `oubli erasures replay` first."""


class Ledger:
    def __init__(self, key: bytes, path: Path):
        self._key = key
        self.path = path

    def digest(self, kind: str, record_id: str) -> str:
        return hmac.new(self._key, f"{kind}:{record_id}".encode("utf-8"), hashlib.sha256).hexdigest()

    def add(self, session: Session, kind: str, ids: Iterable[str], action: str, as_of: date) -> None:
        """Record erasures in the erasing transaction; refused on a restored database, whose new entries
        would take the numbers of lost ones (the transaction then rolls back: nothing is erased)."""
        if self.database_behind(session):
            raise self.restored(". Nothing was erased: run `oubli erasures replay` first")
        rows = [{"digest": self.digest(kind, i), "kind": kind, "action": action, "recorded_on": as_of} for i in ids]
        if rows:
            dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
            session.execute(dialect.insert(LedgerEntry).on_conflict_do_nothing(index_elements=["digest"]), rows)

    # --- the file outside the database --------------------------------------------------------------

    def _last_in_file(self) -> int:
        try:
            with self.path.open("rb") as stream:
                stream.seek(0, os.SEEK_END)
                if stream.tell() < LINE_BYTES:
                    return 0
                stream.seek(-LINE_BYTES, os.SEEK_END)
                return int(stream.read(12))
        except FileNotFoundError:
            return 0

    def copy_to_file(self, session: Session) -> int:
        """Append the committed entries the file does not hold yet; returns how many."""
        last = self._last_in_file()
        rows = session.execute(select(LedgerEntry.id, LedgerEntry.digest, LedgerEntry.kind, LedgerEntry.action,
                                      LedgerEntry.recorded_on).where(LedgerEntry.id > last)
                               .order_by(LedgerEntry.id)).all()
        if rows:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as stream:
                stream.writelines(LINE.format(i, d, k, a, on.isoformat()) for i, d, k, a, on in rows)
                stream.flush()
                os.fsync(stream.fileno())
        return len(rows)

    def database_behind(self, session: Session) -> bool:
        """True when the file holds entries the database lost: it was restored from a backup."""
        return self._last_in_file() > (session.scalar(select(func.max(LedgerEntry.id))) or 0)

    def restored(self, what_follows: str) -> Resurrected:
        """The error for a database `database_behind` its file, `what_follows` saying what was not done."""
        return Resurrected(f"the database holds less of the erasure ledger than its file {self.path}: it was "
                           f"restored from a backup{what_follows}")

    def file_entries(self) -> dict[str, tuple[int, str, str, date]]:
        """{digest: (id, kind, action, date)} of every line of the file."""
        entries = {}
        if self.path.exists():
            with self.path.open(encoding="ascii") as stream:
                for line in stream:
                    number, digest, kind, action, on = line.split()
                    entries[digest] = (int(number), kind, action, date.fromisoformat(on))
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
