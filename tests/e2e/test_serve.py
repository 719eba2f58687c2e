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
    process.send_signal(signal.SIGTERM)
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 0
    assert "scheduler stopped" in rest
