"""`oubli keys rotate` puts its commit on disk before it installs the new master key: on SQLite in WAL
mode with synchronous=NORMAL a commit is only written to the log, and a power cut after the key's
install would leave every key wrapped by a master key no longer on disk. Observed on a real process
with strace: the write-ahead log is fsynced before master.key.next is renamed over master.key."""

import os
import re
import shutil
import subprocess

import pytest

from tests.e2e.conftest import OUBLI


def test_the_rotation_is_synced_to_disk_before_the_new_master_key_replaces_the_old(cli, cli_process, tmp_path):
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed")
    cli.start_from_seeded(cases=60, seed=5, as_of="2026-11-22")
    assert cli("run", "--as-of", "2026-11-22").returncode == 0  # archived cases: keys to re-wrap
    trace = tmp_path / "trace.log"
    env = {**cli_process.environment(), "PYTHONPATH": os.getcwd()}
    done = subprocess.run([strace, "-f", "-qq", "-e", "trace=openat,fsync,rename", "-o", str(trace), OUBLI,
                           *cli.arguments(("keys", "rotate"), db=True)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    opened: dict[str, str] = {}  # "pid fd" -> path
    events = []
    for line in trace.read_text().splitlines():
        if match := re.match(r'(\d+)\s+openat\(.*?"([^"]+)".*\)\s+=\s+(\d+)', line):
            opened[f"{match[1]} {match[3]}"] = match[2]
        elif match := re.match(r"(\d+)\s+fsync\((\d+)\)", line):
            events.append(("fsync", opened.get(f"{match[1]} {match[2]}", "")))
        elif match := re.match(r'(\d+)\s+rename\("([^"]+)", "([^"]+)"\)', line):
            events.append(("rename", match[3]))
    installed = events.index(("rename", str(cli.home / "keys" / "master.key")))
    log_synced = [i for i, (kind, path) in enumerate(events) if kind == "fsync" and path.endswith(".db-wal")]
    assert log_synced and log_synced[-1] < installed, events
