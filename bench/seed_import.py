"""Seed and import throughput and peak memory, at two sizes to show memory does not grow with size.

For each size: `oubli seed` into a fresh database, then `oubli import` of the same département written
as JSON Lines into another fresh database. Prints cases per second and each command's peak memory;
the baseline is the smaller size in the same run, and the verdict is the ratio of peak memories.

    .venv/bin/python bench/seed_import.py                      # 10,000 and 100,000 on SQLite
    .venv/bin/python bench/seed_import.py --sizes 2000,20000 --postgres
"""

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import throwaway_database  # noqa: E402
from bench.measure import run_measured  # noqa: E402
from synthetic.seed import Departement  # noqa: E402

OUBLI = str(Path(sys.executable).parent / "oubli")
AS_OF = date(2026, 11, 22)


def oubli(url: str, *args: str) -> list[str]:
    return [OUBLI, "--db", url, *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL at 127.0.0.1:5432 instead of SQLite")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    env = {**os.environ, "OUBLI_ACTOR": "bench"}
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env["OUBLI_KEYS"] = str(folder / "keys")
        for size in sizes:
            with throwaway_database(folder, f"seed{size}", args.postgres) as seeded:
                run_measured(oubli(seeded, "init"), env)
                seed_s, seed_mib, _ = run_measured(
                    oubli(seeded, "seed", "--cases", str(size), "--seed", "1", "--as-of", AS_OF.isoformat()), env)

            export = folder / f"export{size}.jsonl"
            with export.open("w", encoding="utf-8") as stream:
                for case in Departement(1, AS_OF).cases(size):
                    stream.write(json.dumps(case, ensure_ascii=False) + "\n")
            with throwaway_database(folder, f"import{size}", args.postgres) as imported:
                run_measured(oubli(imported, "init"), env)
                import_s, import_mib, out = run_measured(oubli(imported, "import", str(export), "--json"), env)
            assert json.loads(out)["cases"] == size
            rows.append((size, export.stat().st_size / 2**20, seed_s, seed_mib, import_s, import_mib))
            export.unlink()

    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"seed and import on {backend} ({os.cpu_count()} cores); one run per size, wall time of the command")
    print(f"{'cases':>8} {'file MiB':>9} {'seed c/s':>9} {'seed MiB':>9} {'import c/s':>11} {'import MiB':>11}")
    for size, file_mib, seed_s, seed_mib, import_s, import_mib in rows:
        print(f"{size:>8} {file_mib:>9.0f} {size / seed_s:>9.0f} {seed_mib:>9.0f} {size / import_s:>11.0f} "
              f"{import_mib:>11.0f}")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(f"{large[0] // small[0]}x the cases: peak memory x{large[3] / small[3]:.2f} (seed), "
              f"x{large[5] / small[5]:.2f} (import); throughput x{(large[0] / large[2]) / (small[0] / small[2]):.2f} "
              f"(seed), x{(large[0] / large[4]) / (small[0] / small[4]):.2f} (import)")


if __name__ == "__main__":
    main()
