import os
import signal
import subprocess
import time

from tests.e2e.conftest import OUBLI


def test_serve_starts_logs_its_schedule_and_stops_cleanly_on_sigterm(cli):
    cli("init")
    env = {**os.environ, "OUBLI_HOME": str(cli.home)}
    process = subprocess.Popen([OUBLI, "--db", cli.db_url, "serve", "--cron", "30 2 * * *"], env=env,
                               stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "scheduler started" in line:
            break
    assert "nightly run at '30 2 * * *' Europe/Paris" in lines[-1]
    process.send_signal(signal.SIGTERM)
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 0
    assert "scheduler stopped" in rest
