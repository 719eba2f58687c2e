"""`oubli erasures compact` after a destroying run: how long each table stays locked, against the plain
vacuum every run already does, in the same run, on SQLite or PostgreSQL.

The store of bench/destruction.py (about 10,000 approved cases of 14,000) is built, the approved cases
destroyed by a run, then the store is copied before each measured pass, which times, table by table
(PostgreSQL) or for the whole file (SQLite):
- the baseline: what the run already does after destroying, a plain VACUUM of each table (PostgreSQL: it
  takes no lock that stops reads or writes) or a TRUNCATE checkpoint (SQLite);
- compaction: VACUUM then VACUUM FULL (PostgreSQL: ACCESS EXCLUSIVE on the table for the VACUUM FULL,
  so every read and write of that table waits) or VACUUM and an emptied log (SQLite: the write lock,
  readers go on).
The lock is held for the time printed: that is how long a command touching the table waits.
On SQLite it also times `verify-disposal`'s proof on the bytes (reading the file's free space and
looking for every destroyed key) against its checks of the rows, on the store before compaction.

    .venv/bin/python bench/compaction.py --postgres
    .venv/bin/python bench/compaction.py --cases 3000
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import copy_of, throwaway_database  # noqa: E402
from bench.destruction import FUTURE, POLICY, app_for, build  # noqa: E402
from casefiles.erasure import file_proof  # noqa: E402
from casefiles.erasure.disposal_check import verify_disposal  # noqa: E402
from casefiles.erasure.eraser import ERASED_TABLES  # noqa: E402
from casefiles.erasure.residue import compact  # noqa: E402
from casefiles.persistence.db import create_db_engine  # noqa: E402
from retention.run import nightly_run  # noqa: E402


def timed(url: str, statements: list[str]) -> float:
    engine = create_db_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        started = time.perf_counter()
        for statement in statements:
            connection.exec_driver_sql(statement)
        seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def sizes(url: str) -> dict[str, int]:
    """Bytes of each table with its indexes and TOAST (PostgreSQL), or of the whole file (SQLite)."""
    if url.startswith("sqlite"):
        return {"(whole file)": Path(url.removeprefix("sqlite:///")).stat().st_size}
    engine = create_db_engine(url)
    with engine.connect() as connection:
        found = dict(connection.exec_driver_sql(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN "
            f"({', '.join(repr(t) for t in ERASED_TABLES)})").all())
    engine.dispose()
    return found


def proof_times(app) -> tuple[float, float]:
    """Seconds of verify-disposal's row checks and of its proof on the file, for every disposed case."""
    ledger = app.eraser().ledger
    started = time.perf_counter()
    with app.uow().reading() as uow:
        checks = verify_disposal(uow.session, ledger)
    rows = time.perf_counter() - started
    started = time.perf_counter()
    proof = file_proof.prove(app.engine, ledger, [check.case_id for check in checks])
    files = time.perf_counter() - started
    assert not proof.problems and not proof.by_case and not any(check.problems for check in checks)
    return rows, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=14_000, help="cases to seed (about 73%% end up destroyed)")
    parser.add_argument("--repeats", type=int, default=3, help="measured passes of each kind, alternated")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    tables = sorted(ERASED_TABLES) if args.postgres else ["(whole file)"]
    times: dict[tuple[str, str], list[float]] = {(t, k): [] for t in tables for k in ("vacuum", "compact")}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        with throwaway_database(folder, "compact", args.postgres) as url:
            approved = build(url, folder, args.cases)
            app = app_for(url, folder, "destroy")
            destroyed = nightly_run(app.uow, POLICY, FUTURE, app.clock, app.disposal_means()).counts["destroyed"]
            proof = None if args.postgres else proof_times(app)
            app.engine.dispose()
            before = sizes(url)
            for repeat in range(args.repeats):
                for kind in ("vacuum", "compact"):
                    with copy_of(url, f"{kind}{repeat}") as copy:
                        for table in tables:
                            if not args.postgres:
                                started = time.perf_counter()
                                if kind == "vacuum":
                                    timed(copy, ["PRAGMA wal_checkpoint(TRUNCATE)"])
                                else:
                                    engine = create_db_engine(copy)
                                    compact(engine, ())
                                    engine.dispose()
                                times[table, kind].append(time.perf_counter() - started)
                            elif kind == "vacuum":
                                times[table, kind].append(timed(copy, [f'VACUUM "{table}"']))
                            else:
                                timed(copy, [f'VACUUM "{table}"'])  # compact's first step: no lock on reads
                                times[table, kind].append(timed(copy, [f'VACUUM (FULL, ANALYZE) "{table}"']))
                        after = sizes(copy) if kind == "compact" else {}
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"compaction on {backend}: {destroyed} of {approved} approved cases destroyed from {args.cases} seeded; "
          f"medians of {args.repeats} passes of each kind, alternated")
    print(f"{'table':<16} {'the run does':>13} {'locked by compaction':>21}  size before -> after")
    total_vacuum = total_compact = 0.0
    for table in tables:
        vacuum, full = statistics.median(times[table, "vacuum"]), statistics.median(times[table, "compact"])
        total_vacuum, total_compact = total_vacuum + vacuum, total_compact + full
        size = f"{before[table] / 1e6:7.1f} MB -> {after[table] / 1e6:7.1f} MB" if table in before else ""
        print(f"{table:<16} {vacuum:11.3f} s {full:19.3f} s  {size}")
    if proof:
        rows, files = proof
        print(f"verify-disposal of the {destroyed} destroyed cases: rows {rows:.2f} s, bytes {files:.2f} s "
              f"(x{files / rows:.1f} the row checks)")
    print(f"{'all':<16} {total_vacuum:11.3f} s {total_compact:19.3f} s  (compaction x{total_compact / total_vacuum:.1f} "
          "what the run does: " + ("plain vacuums)" if args.postgres else "a checkpoint)"))


if __name__ == "__main__":
    main()
