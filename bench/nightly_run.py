"""The nightly run's cost follows the cases that change, not the size of the store.

Builds stores of structured data only (cases, one child each, a measure, a concern; no documents) at
two sizes, every case planned as a real run leaves it: most active or archived and not due. Then
times, in process, (a) a run where nothing is due and (b) a run where 1% of the cases are due to be
archived (reset between repeats). Medians of several runs; the baseline is the smaller store.

    .venv/bin/python bench/nightly_run.py                     # 100,000 and 1,000,000 cases, SQLite
    .venv/bin/python bench/nightly_run.py --sizes 20000,200000 --postgres
"""

import argparse
import functools
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import throwaway_database  # noqa: E402
from casefiles.crypto.keys import create_missing_keys  # noqa: E402
from casefiles.persistence import schema  # noqa: E402
from casefiles.persistence.db import create_db_engine  # noqa: E402
from casefiles.persistence.models import Case, Concern, Measure, Participation, Person  # noqa: E402
from casefiles.persistence.uow import UnitOfWork  # noqa: E402
from oubli.bootstrap import bootstrap  # noqa: E402
from oubli.settings import DEFAULT_POLICY, Settings  # noqa: E402
from retention.policy import load_policy  # noqa: E402
from retention.run import nightly_run  # noqa: E402

AS_OF = date(2026, 11, 22)
CHUNK = 20_000


def rows_for(number: int, rng: random.Random, due: bool) -> tuple[dict, dict, dict, dict, dict]:
    case_id, person_id = f"D-{number:08d}", f"P-{number:08d}"
    opened = AS_OF - timedelta(days=rng.randrange(60, 15 * 365))
    ended = None if rng.random() < 0.4 else min(opened + timedelta(days=rng.randrange(100, 1500)), AS_OF - timedelta(days=2))
    if due:  # ended, still active, archiving due yesterday: what a run after an import meets
        ended = AS_OF - timedelta(days=1)
        state, archived, next_action, due_on = "active", None, "archive", ended
    elif ended is None:
        state, archived, next_action, due_on = "active", None, None, None
    else:  # archived, proposal due in the future
        due_on = AS_OF + timedelta(days=rng.randrange(30, 1800))
        state, archived, next_action = "archived", ended, "propose_disposal"
    case = {"id": case_id, "opened_on": opened, "state": state, "service_ended_on": ended, "archived_on": archived,
            "next_action": next_action, "next_action_due_on": due_on, "category": "administrative"}
    person = {"id": person_id, "last_name": "X", "first_names": None, "birth_date": opened - timedelta(days=3000),
              "parental_authority_withdrawn": False, "search_name": "x"}
    participation = {"case_id": case_id, "person_id": person_id, "role": "child"}
    measure = {"id": f"M-{number:08d}", "case_id": case_id, "type": "AED", "nature": "administrative",
               "started_on": opened + timedelta(days=1), "ended_on": ended}
    concern = {"id": f"IP-{number:08d}", "case_id": case_id, "received_on": opened, "outcome": "evaluation",
               "closed_on": opened + timedelta(days=1)}
    return case, person, participation, measure, concern


def build(engine: sa.Engine, size: int, due_share: float) -> list[str]:
    rng = random.Random(size)
    due_ids = []
    tables = (Case.__table__, Person.__table__, Participation.__table__, Measure.__table__, Concern.__table__)
    for start in range(0, size, CHUNK):
        batches = [[] for _ in tables]
        for number in range(start, min(start + CHUNK, size)):
            due = rng.random() < due_share
            for batch, row in zip(batches, rows_for(number, rng, due), strict=True):
                batch.append(row)
            if due:
                due_ids.append(batches[0][-1]["id"])
        with engine.begin() as connection:
            for table in (tables[1], tables[0], tables[2], tables[3], tables[4]):
                connection.execute(table.insert(), batches[tables.index(table)])
    return due_ids


def reset(engine: sa.Engine, due_ids: list[str]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(due_ids), 5000):
            connection.execute(sa.update(Case).where(Case.id.in_(due_ids[start:start + 5000])).values(
                state="active", archived_on=None, next_action="archive", next_action_due_on=AS_OF - timedelta(days=1)))


def timed_runs(engine: sa.Engine, repeats: int, before=None) -> tuple[float, int]:
    policy = load_policy(DEFAULT_POLICY)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    means = disposal_means(engine)
    times, examined = [], 0
    for _ in range(repeats):
        if before:
            before()
        started = time.perf_counter()
        result = nightly_run(lambda: UnitOfWork(factory, "bench", lambda: datetime.now(UTC)), policy,
                             AS_OF, lambda: datetime.now(UTC), means)
        times.append(time.perf_counter() - started)
        examined = result.cases_examined
    return statistics.median(times), examined


@functools.cache
def disposal_means(engine: sa.Engine):
    """Keys and a ledger file in a folder of their own, as `oubli init` makes them, one per database."""
    folder = Path(tempfile.mkdtemp(prefix="oubli-bench-keys-"))
    create_missing_keys(folder / "keys")
    settings = Settings(db_url=engine.url.render_as_string(hide_password=False), keys_dir=folder / "keys",
                        actor="bench", ledger_path=folder / "ledger.txt")
    app = bootstrap(settings)
    app.engine.dispose()
    return app.disposal_means()


def vacuum(engine: sa.Engine) -> None:
    """What PostgreSQL's autovacuum does after a night's changes (migration 0004 sets it to 1%)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")


def measure(url: str, size: int, args) -> tuple:
    """(cases, seconds to build, nothing due before vacuum, nothing due after, 1%-due run, due cases)."""
    engine = create_db_engine(url)
    schema.upgrade(engine)
    started = time.perf_counter()
    due_ids = build(engine, size, 0.01)
    vacuum(engine)
    built = time.perf_counter() - started
    one_percent, examined = timed_runs(engine, args.repeats, before=lambda: reset(engine, due_ids))
    before_vacuum, examined_nothing = timed_runs(engine, args.repeats)
    vacuum(engine)
    nothing, _ = timed_runs(engine, args.repeats)
    assert examined == len(due_ids) and examined_nothing == 0
    engine.dispose()
    return size, built, before_vacuum, nothing, one_percent, len(due_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as temp:
        for size in [int(s) for s in args.sizes.split(",")]:
            with throwaway_database(Path(temp), f"run{size}", args.postgres) as url:
                results.append(measure(url, size, args))
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"nightly run on {backend}, structured data only; medians of {args.repeats} runs")
    print("nothing due: right after the 1% runs (their dead index entries still there), then after a vacuum")
    print(f"{'cases':>9} {'built in':>9} {'nothing, dirty':>15} {'nothing due':>12} {'1% due':>9} "
          f"{'due cases':>10} {'due/s':>8}")
    for size, built, dirty, nothing, one_percent, due in results:
        print(f"{size:>9} {built:>8.0f}s {dirty * 1000:>13.1f}ms {nothing * 1000:>10.1f}ms {one_percent:>8.2f}s "
              f"{due:>10} {due / one_percent:>8.0f}")
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(f"{large[0] // small[0]}x the cases: nothing-due run x{large[3] / small[3]:.2f} "
              f"(x{large[2] / small[2]:.2f} before vacuum), 1%-due run x{large[4] / small[4]:.2f} "
              f"(with {large[5] / small[5]:.1f}x the due cases)")


if __name__ == "__main__":
    main()
