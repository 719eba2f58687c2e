"""Peak memory of a nightly run that destroys about 10,000 cases with their documents.

Seeds a synthetic département, lets a run far in the future propose nearly every ended case, approves
the whole list, then measures the peak memory of the `oubli run` that destroys them, against the
same command on the same store when nothing is due (the baseline: the process's own footprint).
A policy that destroys every category is used, so that all of them count.

    .venv/bin/python bench/destroy_memory.py
    .venv/bin/python bench/destroy_memory.py --cases 3000
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.measure import run_measured  # noqa: E402

OUBLI = str(Path(sys.executable).parent / "oubli")
FUTURE = "2070-01-01"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=14_000, help="cases to seed (about 73%% end up destroyed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        policy = folder / "destroy-all.yaml"
        policy.write_text("defaults: {keep_archived_years: 5, final_action: destroy}\n")
        env = {**os.environ, "OUBLI_POLICY": str(policy), "OUBLI_KEYS": str(folder / "keys"), "OUBLI_ACTOR": "bench"}
        url = f"sqlite:///{folder / 'destroy.db'}"

        def oubli(*words: str) -> list[str]:
            return [OUBLI, "--db", url, *words]

        run_measured(oubli("init"), env)
        run_measured(oubli("seed", "--cases", str(args.cases), "--seed", "3", "--as-of", "2026-11-22"), env)
        _, _, proposed = run_measured(oubli("run", "--as-of", FUTURE, "--json"), env)
        run_measured(oubli("disposals", "approve", "1", "--visa", "BENCH-1", "--yes"), env)
        seconds, peak, out = run_measured(oubli("run", "--as-of", FUTURE, "--json"), env)
        destroyed = json.loads(out)["destroyed"]
        base_seconds, base_peak, _ = run_measured(oubli("run", "--as-of", FUTURE, "--json"), env)
    print(f"run destroying {destroyed} cases (of {args.cases} seeded; "
          f"{json.loads(proposed)['proposed_for_disposal']} proposed): {seconds:.1f} s, "
          f"{destroyed / seconds:.0f} cases/s, peak {peak:.0f} MiB")
    print(f"same command with nothing due: {base_seconds:.1f} s, peak {base_peak:.0f} MiB; "
          f"destroying costs +{peak - base_peak:.0f} MiB (x{peak / base_peak:.2f})")


if __name__ == "__main__":
    main()
