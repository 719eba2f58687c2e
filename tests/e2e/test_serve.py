import re
import signal
import subprocess
import time


def test_serve_starts_logs_its_schedule_and_stops_cleanly_on_sigterm(cli_process):
    process = cli_process.popen("serve", "--cron", "30 2 * * *", stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "scheduler started" in line:
            break
    assert "nightly run at '30 2 * * *' Europe/Paris" in lines[-1]
    assert re.search(r"next at \d{4}-\d\d-\d\d 02:30:00 CES?T; a run not done is tried again every 5 min until "
                     r"06:00$", lines[-1])
    process.send_signal(signal.SIGTERM)
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 0
    assert "scheduler stopped" in rest
    logged = [line for line in "".join(lines + [rest]).splitlines() if line]
    # One line per event, each with its time in Paris time and its zone, and no line of Alembic's
    assert len(logged) == 2, logged
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d CES?T oubli\.scheduler INFO ", line) for line in logged)
    assert not any("alembic" in line or "Context impl" in line for line in logged)
    # Idle when stopped: no run in progress to announce
    assert not any("run in progress" in line for line in logged)


def test_serve_refuses_a_retry_deadline_that_is_not_a_time_of_day(cli):
    refused = cli("serve", "--retry-until", "6h")
    assert refused.returncode == 2 and "'6h' is not a time of day such as 06:00" in refused.stderr
