"""Running a command in a child process and reading its wall time and peak memory.

Each command runs under a fresh Python wrapper, so RUSAGE_CHILDREN is the peak of that command alone.
"""

import json
import subprocess
import sys
import time

WRAPPER = (
    "import resource, subprocess, sys, json;"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "sys.stderr.write(r.stderr);"
    "print(json.dumps({'rc': r.returncode, 'stdout': r.stdout,"
    " 'peak_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
)


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(seconds, peak MiB, stdout) of `command`; raises if it fails."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"benchmark wrapper failed: {result.stderr[-2000:]}")
    report = json.loads(result.stdout.splitlines()[-1])
    if report["rc"] != 0:
        raise SystemExit(f"{command[1:3]} failed with exit {report['rc']}: {result.stderr[-2000:]}")
    return seconds, report["peak_kib"] / 1024, report["stdout"]
