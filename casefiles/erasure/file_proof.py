"""`verify-disposal` on the bytes: what the database's own files still hold of the disposed cases.

On SQLite it proves, and says that it proved: the write-ahead log is empty (it first finishes a pending
clearing; a reader that keeps the log is named as the reason to retry), secure_delete is on, no page of
the free list holds a non-zero byte, and the key of each disposed case (recorded by its nonce when it
was deleted, casefiles/erasure/shredded_keys.py) is nowhere in the free space of the file (the free
list, and the free blocks and unallocated area of every b-tree page; live rows are checked by the row
queries). The file is read inside a read transaction begun on an empty log, during which SQLite writes
nothing into it. On PostgreSQL the files are out of reach: it says so instead of claiming it.
"""

from dataclasses import dataclass, field

from sqlalchemy import Engine

from casefiles.crypto.sealing import NONCE_BYTES
from casefiles.erasure import shredded_keys
from casefiles.erasure.ledger import CASE, Ledger
from casefiles.erasure.residue import WAIT_SECONDS, clear_residue, database_file, log_bytes, log_file
from casefiles.erasure.sqlite_pages import free_space
from casefiles.persistence.db import WRITES

COMPACT = "run `oubli erasures compact` (it rewrites the database file from its live rows), then verify again"


@dataclass
class FileProof:
    checked: list[str] = field(default_factory=list)  # what was proven on the bytes
    not_proven: list[str] = field(default_factory=list)  # what this database keeps out of reach
    problems: list[str] = field(default_factory=list)  # what fails for every case, each with what to do
    by_case: dict[str, list[str]] = field(default_factory=dict)  # what fails for one case


POSTGRESQL_OUT_OF_REACH = [
    "PostgreSQL's data files: former values of deleted or updated rows stay in a table's pages until the space "
    "is reused or `oubli erasures compact` rewrites the tables",
    "PostgreSQL's WAL segments, WAL archives and base backups: they keep rows as they were written (sealed "
    "values stay unreadable once the master key that wrapped their keys is retired)",
]


def prove(engine: Engine, ledger: Ledger, case_ids: list[str]) -> FileProof:
    """Call once no transaction of this process is open on `engine` (a reader keeps SQLite's log)."""
    if engine.dialect.name == "postgresql":
        return FileProof(not_proven=list(POSTGRESQL_OUT_OF_REACH))
    path = database_file(engine)
    if path is None:
        return FileProof(not_proven=["an in-memory database has no file"])
    proof = FileProof()
    clear_residue(engine, (), WAIT_SECONDS)  # finishes a clearing left pending
    with engine.execution_options(**{WRITES: False}).connect() as connection, connection.begin():
        roots = list(connection.exec_driver_sql("SELECT rootpage FROM sqlite_schema WHERE rootpage > 0").scalars())
        secure = connection.exec_driver_sql("PRAGMA secure_delete").scalar_one()
        left = log_bytes(engine)
        if left:
            proof.problems.append(
                f"SQLite's write-ahead log {log_file(engine)} still holds {left} bytes, which may be pages as they "
                "were before the destruction: another program is using the database; close it (or wait for the "
                "nightly run to end), then run `oubli verify-disposal` again")
            return proof
        proof.checked.append("SQLite's write-ahead log empty")
        space = free_space(path, roots)
    if secure != 1:
        proof.problems.append("SQLite's secure_delete is off on this connection: deleted rows are not overwritten; "
                              "run Oubli's own commands only")
    else:
        proof.checked.append("secure_delete on")
    if space.free_pages_not_zero:
        proof.problems.append(f"{space.free_pages_not_zero} of the {space.free_pages} free pages of {path} hold "
                              f"non-zero bytes (deleted without secure_delete): {COMPACT}")
    else:
        proof.checked.append(f"every free page all zeros ({space.free_pages} free pages)")
    recorded = shredded_keys.read(engine)
    found = space.holds(recorded.nonces(), NONCE_BYTES)
    for case_id in case_ids:
        digest = ledger.digest(CASE, case_id)
        if digest in recorded.keys:
            nonce = recorded.keys[digest]
            if nonce is not None and nonce in found:
                proof.by_case[case_id] = [f"its key's bytes are still in the free space of {path}: {COMPACT}"]
        elif not recorded.compacted:
            proof.by_case[case_id] = [
                f"its key was not recorded when it was destroyed (by an earlier version, or the file "
                f"{shredded_keys.record_path(engine)} is lost), so its absence cannot be shown: {COMPACT}"]
    proof.checked.append("each disposed case's key absent from the file's free space (free pages, free blocks "
                         "and unallocated space of every b-tree page; overflow pages not read)")
    return proof
