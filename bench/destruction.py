"""Destruction of about 10,000 cases with their documents: cases per second, and what clearing the
residue costs against plain deletion, in the same run, on SQLite or PostgreSQL.

A synthetic département is seeded, a run far in the future archives (seals) and proposes nearly every
ended case, and the whole list is approved. That store is then copied before each measured run, which
destroys the approved cases one way or the other, alternately:
- with residue clearing, as Oubli runs: SQLite's secure_delete and a TRUNCATE checkpoint of the
  write-ahead log; PostgreSQL's vacuum of the touched tables;
- plain deletion (the baseline): secure_delete off, no checkpoint, no vacuum.
Both delete the keys, write the ledger, the tombstones and the journal.

    .venv/bin/python bench/destruction.py
    .venv/bin/python bench/destruction.py --postgres --repeats 3
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import copy_of, throwaway_database  # noqa: E402
from casefiles.crypto.keys import create_missing_keys  # noqa: E402
from casefiles.erasure import eraser as erasure  # noqa: E402
from casefiles.persistence import schema  # noqa: E402
from oubli.bootstrap import App, bootstrap  # noqa: E402
from oubli.settings import Settings  # noqa: E402
from retention import disposals  # noqa: E402
from retention.policy import parse_policy  # noqa: E402
from retention.run import nightly_run  # noqa: E402
from synthetic.seed import seed_cases  # noqa: E402

FUTURE = date(2070, 1, 1)
POLICY = parse_policy("defaults:\n  final_action: destroy\n")  # every category destroyed, 5 years


def app_for(url: str, folder: Path, label: str) -> App:
    settings = Settings(db_url=url, keys_dir=folder / "keys", actor="bench", ledger_path=folder / f"{label}.ledger")
    return bootstrap(settings, clock=lambda: datetime.now(UTC))


def build(url: str, folder: Path, cases: int) -> int:
    """The store with its approved list; returns how many cases are approved for destruction."""
    create_missing_keys(folder / "keys")
    app = app_for(url, folder, "build")
    schema.upgrade(app.engine)
    seed_cases(app.uow(), cases, seed=7, as_of=date(2026, 11, 22))
    proposed = nightly_run(app.uow, POLICY, FUTURE, app.clock, app.disposal_means()).counts["proposed_for_disposal"]
    [disposal_list] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), disposal_list.id, "BENCH-1", FUTURE)
    app.engine.dispose()
    return proposed


def destroy(url: str, folder: Path, label: str, plain: bool) -> tuple[float, int]:
    app = app_for(url, folder, label)
    clear = erasure.clear_residue
    if plain:
        @event.listens_for(app.engine, "connect")
        def _no_secure_delete(dbapi_connection, _record):
            if app.engine.dialect.name == "sqlite":
                dbapi_connection.execute("PRAGMA secure_delete = OFF")
        erasure.clear_residue = lambda engine, tables: True
    try:
        started = time.perf_counter()
        result = nightly_run(app.uow, POLICY, FUTURE, app.clock, app.disposal_means())
        seconds = time.perf_counter() - started
    finally:
        erasure.clear_residue = clear
        app.engine.dispose()
    return seconds, result.counts["destroyed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=14_000, help="cases to seed (about 73%% end up destroyed)")
    parser.add_argument("--repeats", type=int, default=3, help="measured runs of each kind, alternated")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    times: dict[bool, list[float]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        with throwaway_database(folder, "destroy", args.postgres) as url:
            started = time.perf_counter()
            approved = build(url, folder, args.cases)
            built = time.perf_counter() - started
            for repeat in range(args.repeats):
                for plain in (False, True):
                    label = f"{'plain' if plain else 'clean'}{repeat}"
                    with copy_of(url, label) as copy:
                        seconds, destroyed = destroy(copy, folder, label, plain)
                    assert destroyed == approved, (destroyed, approved)
                    times[plain].append(seconds)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    clean, plain = statistics.median(times[False]), statistics.median(times[True])
    print(f"destruction on {backend}: {approved} approved cases of {args.cases} seeded (store built in {built:.0f} s); "
          f"medians of {args.repeats} runs each, alternated")
    print(f"with residue clearing : {clean:7.2f} s  {approved / clean:7.0f} cases/s  "
          f"(runs: {', '.join(f'{t:.2f}' for t in times[False])})")
    print(f"plain deletion        : {plain:7.2f} s  {approved / plain:7.0f} cases/s  "
          f"(runs: {', '.join(f'{t:.2f}' for t in times[True])})")
    print(f"residue clearing costs x{clean / plain:.2f} the time of plain deletion")


if __name__ == "__main__":
    main()
