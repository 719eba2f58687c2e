"""How long an `oubli` command takes to start, against a bare Python interpreter in the same run.

Builds a temporary home with `oubli init` and `oubli seed --cases 1000` (SQLite), then starts real
processes, interleaved round by round so that a busy moment of the machine falls on every command
alike: `python -c pass`, the bare import of Typer and SQLAlchemy's ORM (the floor of any command
that reads the store), `oubli --help`, `oubli cases list`, `oubli requests list` and
`oubli audit verify`. Prints each command's median wall time and its ratio to the bare interpreter.

    .venv/bin/python bench/cli_startup.py
    .venv/bin/python bench/cli_startup.py --rounds 30 --cases 200
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUBLI = str(Path(sys.executable).parent / "oubli")
AS_OF = "2026-11-22"
TARGET_S = 0.25  # issue 12: `oubli --help` and `oubli cases list` under a quarter of a second


def run(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:])} failed with exit {result.returncode}: {result.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        env = {**os.environ, "OUBLI_HOME": str(home), "OUBLI_ACTOR": "bench"}
        for name in ("OUBLI_DB", "OUBLI_KEYS"):
            env.pop(name, None)
        run([OUBLI, "init"], env)
        run([OUBLI, "seed", "--cases", str(args.cases), "--as-of", AS_OF], env)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            # the floor of any command that reads the store: the libraries alone, no Oubli code
            "import typer, sqla orm": [sys.executable, "-c", "import typer, sqlalchemy.orm"],
            "oubli --help": [OUBLI, "--help"],
            "oubli cases list": [OUBLI, "cases", "list"],
            "oubli requests list": [OUBLI, "requests", "list"],
            "oubli audit verify": [OUBLI, "audit", "verify"],
        }
        for command in commands.values():  # one warm-up each: the file cache, compiled bytecode
            run(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                times[name].append(run(command, env))

    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["python -c pass"]
    print(f"command start-up, {args.rounds} interleaved rounds, SQLite home with {args.cases} seeded cases "
          f"({os.cpu_count()} cores)")
    print(f"{'command':<22} {'median s':>9} {'min s':>7} {'max s':>7} {'x bare':>8}")
    for name, values in times.items():
        print(f"{name:<22} {medians[name]:>9.3f} {min(values):>7.3f} {max(values):>7.3f} {medians[name] / bare:>8.1f}")
    for name in ("oubli --help", "oubli cases list"):
        verdict = "meets" if medians[name] < TARGET_S else "misses"
        print(f"{name}: {medians[name]:.3f} s median {verdict} the {TARGET_S} s target")


if __name__ == "__main__":
    main()
