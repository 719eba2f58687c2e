"""`oubli audit verify` over a large journal: entries per second against bare SHA-256.

Writes N entries (default 1,000,000) shaped like the nightly run's, in batches through the real
journal code, then times the verification (median of 3) and two baselines in the same run: reading
the rows without hashing, and hashing the same payloads in memory without a database.

    .venv/bin/python bench/audit_verify.py
    .venv/bin/python bench/audit_verify.py --entries 200000 --postgres
"""

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sqlalchemy.orm import sessionmaker  # noqa: E402

from bench.databases import throwaway_database  # noqa: E402
from casefiles.persistence import journal, schema  # noqa: E402
from casefiles.persistence.db import create_db_engine  # noqa: E402
from casefiles.persistence.models import JournalEntry  # noqa: E402
from casefiles.persistence.uow import UnitOfWork  # noqa: E402

BATCH = 10_000


def fill(engine: sa.Engine, count: int) -> None:
    uow = UnitOfWork(sessionmaker(bind=engine), "bench", lambda: datetime.now(UTC))
    with uow:
        for first in range(0, count, BATCH):
            for number in range(first, min(first + BATCH, count)):
                uow.record("case.archived", "case", [f"D-1-{number:07d}"], rule="default",
                           policy="3f2a9c1e", service_ended_on="2021-06-30")
            uow.flush()
        uow.commit()


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, throwaway_database(Path(temp), "journal", args.postgres) as url:
        engine = create_db_engine(url)
        schema.upgrade(engine)
        fill_s = timed(lambda: fill(engine, args.entries))

        def verify():
            with engine.connect() as connection:
                result = journal.verify(connection)
            assert result.ok and result.entries == args.entries

        def read_only():
            table = JournalEntry.__table__
            with engine.connect() as connection:
                rows = connection.execution_options(stream_results=True, yield_per=10_000).execute(
                    sa.select(*table.c).order_by(table.c.seq))
                assert sum(1 for _ in rows) == args.entries

        with engine.connect() as connection:
            payloads = [journal.canonical(list(row)).encode() for row in connection.execute(
                sa.select(JournalEntry.__table__).order_by(JournalEntry.seq))]

        def bare_hash():
            for payload in payloads:
                hashlib.sha256(payload).hexdigest()

        runs = {name: statistics.median(timed(f) for _ in range(3))
                for name, f in (("verify", verify), ("read rows only", read_only), ("bare sha256", bare_hash))}
        engine.dispose()

    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"audit journal on {backend}: {args.entries} entries written in {fill_s:.1f} s "
          f"({args.entries / fill_s:,.0f} entries/s)")
    for label, seconds in runs.items():
        print(f"{label:>15}: {seconds:6.2f} s median of 3, {args.entries / seconds:>12,.0f} entries/s")
    print(f"verify costs x{runs['verify'] / runs['read rows only']:.2f} the bare read and "
          f"x{runs['verify'] / runs['bare sha256']:.2f} bare hashing")


if __name__ == "__main__":
    main()
