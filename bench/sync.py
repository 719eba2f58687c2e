"""`oubli sync` from the example vendor source: a first sync, then a nightly one where 1% of the dossiers changed.

The source is made by tests/data/vendor/make_vendor_source.py (20,000 family dossiers by default, about 1.7 cases
each); the store is a fresh SQLite database. Each sync runs as the command, in a fresh process (bench/measure.py):
wall time, cases per second and peak memory. The goal is that a nightly sync costs what changed, not the source's
size: its time is set against the first sync's, and against two baselines run beside it on the same store, a sync
of the unchanged source (the floor: the ids read, the links marked seen) and a `--full` sync that reads every case
and compares its digest (what the nightly sync would cost without the change mark).

    .venv/bin/python bench/sync.py                          # 20,000 dossiers, a SQLite source
    .venv/bin/python bench/sync.py --dossiers 5000 --postgres  # a PostgreSQL source at 127.0.0.1:5432
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import throwaway_database  # noqa: E402
from bench.measure import run_measured  # noqa: E402
from tests.data.vendor import make_vendor_source as vendor  # noqa: E402

OUBLI = str(Path(sys.executable).parent / "oubli")
MAPPING = str(Path(__file__).resolve().parent.parent / "tests" / "data" / "vendor" / "mapping.yaml")
STAMP = "2026-02-01 02:00:00"  # after every change mark the generator writes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--changed", type=float, default=0.01, help="the share of dossiers changed before the nightly sync")
    parser.add_argument("--postgres", action="store_true", help="a PostgreSQL source at 127.0.0.1:5432 instead of SQLite")
    args = parser.parse_args()
    env = {**os.environ, "OUBLI_ACTOR": "bench"}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env["OUBLI_KEYS"] = str(folder / "keys")
        with throwaway_database(folder, "vendor", args.postgres) as source, \
                throwaway_database(folder, "store", False) as store:
            vendor.write(source, args.dossiers)
            run_measured([OUBLI, "--db", store, "init"], env)

            def sync(*options: str) -> tuple[float, float, dict]:
                seconds, mib, out = run_measured(
                    [OUBLI, "--db", store, "sync", "--source", source, "--mapping", MAPPING, "--json", *options], env)
                return seconds, mib, json.loads(out)

            first = sync()
            changed_dossiers = vendor.change(source, args.changed, STAMP)
            nightly = sync()
            unchanged = sync()
            full = sync("--full")

    kind = "PostgreSQL" if args.postgres else "SQLite"
    cases = first[2]["new"]
    print(f"oubli sync: {args.dossiers} dossiers ({cases} cases) in a {kind} source, a SQLite store, "
          f"{os.cpu_count()} cores; one run each, wall time of the command")
    print(f"{'sync':<34} {'seconds':>8} {'source cases/s':>15} {'peak MiB':>9} {'written':>8} {'problems':>9}")
    for label, (seconds, mib, result) in (
            ("first (every case new)", first),
            (f"nightly ({len(changed_dossiers)} dossiers changed)", nightly),
            ("baseline: nothing changed", unchanged),
            ("baseline: --full, every case read", full)):
        written = result["new"] + result["changed"]
        print(f"{label:<34} {seconds:>8.1f} {cases / seconds:>15.0f} {mib:>9.0f} {written:>8} "
              f"{len(result['problems']):>9}")
    print(f"nightly / first: {nightly[0] / first[0]:.3f} of the time for {nightly[2]['changed']} cases changed "
          f"({nightly[2]['changed'] / cases:.1%} of them); nightly / --full: {nightly[0] / full[0]:.2f}; "
          f"nightly / nothing changed: {nightly[0] / unchanged[0]:.2f}")


if __name__ == "__main__":
    main()
