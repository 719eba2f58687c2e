"""The destroying run as writers beside it see it: what BEGIN IMMEDIATE and the batch size cost the
run, and how long one batch keeps the write lock (what a DPO's hold may wait), on SQLite or PostgreSQL.

A store of about 3,000 cases approved for destruction is built once (see bench/destruction.py) and
copied before each measured run. Alternated, for each repeat:
- before: writers begin deferred (plain BEGIN) in batches of 500, as Oubli did;
- after:  writers begin with BEGIN IMMEDIATE, in batches of each size of --batches.
With --holds, a second process places that many legal holds, one every few milliseconds, while each
measured run goes: the holds placed, the held cases the run destroyed (must be 0), the median wait,
and the run's time against the same run alone. A hold that comes after the run destroyed its case is
refused ("nothing left to hold") and counted apart.

    .venv/bin/python bench/concurrency.py
    .venv/bin/python bench/concurrency.py --holds 100 --batches 200
    .venv/bin/python bench/concurrency.py --postgres --batches 500 --holds 100
"""

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import copy_of, throwaway_database  # noqa: E402
from bench.destruction import FUTURE, POLICY, app_for, build  # noqa: E402
from casefiles.kernel.errors import DatabaseError  # noqa: E402
from casefiles.persistence import uow as uow_module  # noqa: E402
from casefiles.persistence.models import Case  # noqa: E402
from retention.holds import place_hold  # noqa: E402
from retention.run import nightly_run  # noqa: E402


def _place_holds(url: str, folder: str, case_ids: list[str], started, waits) -> None:
    app = app_for(url, Path(folder), "holds")
    with app.uow().reading() as uow:  # connected and ready: the run may start
        uow.session.scalars(select(Case.id).limit(1)).all()
    started.set()
    for case_id in case_ids:
        begun = time.perf_counter()
        try:
            place_hold(app.uow(), case_id, "bench: contentieux en cours", date(2026, 11, 22))
            waits.append(time.perf_counter() - begun)
        except Exception as error:  # a case already destroyed refuses a hold: counted apart
            waits.append(-1.0 if "nothing left to hold" in str(error) else -2.0)
        time.sleep(0.005)
    app.engine.dispose()


def measure(url: str, folder: Path, label: str, immediate: bool, batch: int, holds: int) -> dict:
    app = app_for(url, folder, label)
    writes = uow_module.WRITES
    if not immediate:
        uow_module.WRITES = "bench_not_a_writer"  # the begin event then emits a plain BEGIN, as before
    batch_ends: list[float] = []
    waiter, waits = None, multiprocessing.Manager().list() if holds else []
    with app.uow().reading() as uow:
        pending = list(uow.session.scalars(select(Case.id).where(Case.state == "pending_disposal")
                                           .order_by(Case.id.desc()).limit(holds)))
    if holds:
        started = multiprocessing.Event()
        waiter = multiprocessing.Process(target=_place_holds, args=(url, str(folder), pending, started, waits))
        waiter.start()
    try:
        if waiter:
            started.wait()
        begun = time.perf_counter()
        try:
            result = nightly_run(app.uow, POLICY, FUTURE, app.clock, app.disposal_means(), batch_size=batch,
                                 on_progress=lambda done, total: batch_ends.append(time.perf_counter()))
            destroyed, died = result.counts["destroyed"], 0
        except DatabaseError:  # before: the run itself dies when a hold's transaction comes in its way
            destroyed, died = -1, 1
        seconds = time.perf_counter() - begun
        if waiter:
            waiter.join()
    finally:
        uow_module.WRITES = writes
    batches = [end - start for start, end in zip([begun, *batch_ends], batch_ends, strict=False)] or [0.0]
    figures = {"seconds": seconds, "destroyed": destroyed, "longest_batch": max(batches), "run_died": died}
    if holds:
        with app.uow().reading() as uow:
            states = dict(uow.session.execute(select(Case.id, Case.state).where(Case.id.in_(pending))).all())
        placed = [w for w in waits if w >= 0]
        figures |= {"placed": len(placed), "refused_destroyed": sum(1 for w in waits if w == -1.0),
                    "failed": sum(1 for w in waits if w == -2.0),
                    "held_destroyed": sum(1 for w, c in zip(waits, pending, strict=True)
                                           if w >= 0 and states[c] == "destroyed"),
                    "median_wait": statistics.median(placed) if placed else 0.0}
    app.engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=4_100, help="cases to seed (about 73%% are destroyed)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batches", default="500,200,100,50", help="batch sizes to measure with BEGIN IMMEDIATE")
    parser.add_argument("--holds", type=int, default=0, help="holds placed from another process during each run")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    kinds = [("before (BEGIN, batch 500)", False, 500)] + [
        (f"after (BEGIN IMMEDIATE, batch {size})", True, int(size)) for size in args.batches.split(",")]
    runs: dict[str, list[dict]] = {name: [] for name, _, _ in kinds}
    beside: dict[str, list[dict]] = {name: [] for name, _, _ in kinds}  # the same, holds placed meanwhile
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        with throwaway_database(folder, "concurrency", args.postgres) as url:
            approved = build(url, folder, args.cases)
            for repeat in range(args.repeats):
                for number, (name, immediate, batch) in enumerate(kinds):
                    label = f"k{number}r{repeat}"
                    with copy_of(url, label) as copy:
                        runs[name].append(measure(copy, folder, label, immediate, batch, 0))
                    if args.holds:
                        with copy_of(url, label + "h") as copy:
                            beside[name].append(measure(copy, folder, label + "h", immediate, batch, args.holds))
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"destroying run on {backend}: {approved} cases approved; medians of {args.repeats} runs, alternated"
          + (f"; {args.holds} holds placed from another process during each run" if args.holds else ""))
    baseline = statistics.median(r["seconds"] for r in runs[kinds[0][0]])
    for name, _, _ in kinds:
        seconds = statistics.median(r["seconds"] for r in runs[name])
        line = (f"{name:36} {seconds:7.2f} s  x{seconds / baseline:.2f}  longest batch "
                f"{statistics.median(r['longest_batch'] for r in runs[name]):.2f} s")
        print(line)
    for name, _, _ in kinds if args.holds else ():
        totals = {k: sum(r[k] for r in beside[name]) for k in ("run_died", "placed", "refused_destroyed", "failed",
                                                                 "held_destroyed")}
        waits = [r["median_wait"] for r in beside[name] if r["placed"]]
        alone, with_holds = (statistics.median(r["seconds"] for r in rows) for rows in (runs[name], beside[name]))
        print(f"{name:36} with holds: runs died {totals['run_died']}/{args.repeats}; holds placed "
              f"{totals['placed']}, refused as already destroyed {totals['refused_destroyed']}, failed "
              f"{totals['failed']}, held yet destroyed {totals['held_destroyed']}; median wait "
              f"{statistics.median(waits) if waits else 0:.3f} s; run {with_holds:.2f} s, "
              f"x{with_holds / alone:.2f} the same run alone")


if __name__ == "__main__":
    main()
