"""The DPO beside the nightly run: holds placed from another process while a destroying run goes
succeed (or are refused with a clear error when the case went first), the run finishes, and no held
case is destroyed. Real processes: the point is two of them sharing the database."""

import json
import multiprocessing
import subprocess
import time
from datetime import date

import sqlalchemy as sa

from casefiles.kernel.errors import OubliError
from casefiles.persistence.db import create_db_engine
from oubli.bootstrap import bootstrap
from oubli.settings import Settings
from retention.holds import list_holds, place_hold
from tests.conftest import plainer_reading
from tests.e2e.test_retention_contract import TODAY, seeded


def _place_holds(cli, case_ids: list[str], ready, results) -> None:
    """In a process of its own: the DPO's `holds place`, through the service the command calls (a command
    started per hold would come after a 1,500-case run has finished)."""
    app = bootstrap(Settings(db_url=cli.db_url, keys_dir=cli.home / "keys", actor="e2e-dpo"))
    list_holds(app.uow())  # connected, ready
    ready.wait()
    for case_id in case_ids:
        try:
            place_hold(app.uow(), case_id, "Contentieux en cours devant le tribunal", date(2026, 11, 22))
            results.put((case_id, 0, ""))
        except OubliError as error:
            results.put((case_id, 1, f"Error: {error}"))
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
            results.put((case_id, 2, f"Traceback: {type(error).__name__}"))
    app.engine.dispose()


def _running(engine) -> bool:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM run_locks")).scalar() == 1


# SQLite only: there the write gate is what lets a hold in between two batches. On PostgreSQL a hold
# waits for the batch's row locks, and whether any lands before the run reaches its case is a race
# (all 25 came too late in one CI run); tests/integration/test_restriction_beside_run.py covers its locks.
def test_holds_placed_from_another_process_during_a_destroying_run_succeed_and_are_honoured(cli, cli_process,
                                                                                          tmp_path):
    # Under the plainer reading many cases are destroyed: a run long enough for holds to come in between batches.
    (tmp_path / "policy.yaml").write_text(plainer_reading(), encoding="utf-8")
    cli.env["OUBLI_POLICY"] = str(tmp_path / "policy.yaml")
    seeded(cli, 1500)
    assert cli("run", "--as-of", TODAY).returncode == 0
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-118", "--yes").returncode == 0
    # The run takes cases in id order: the last ones give the holds the time to come first.
    to_hold = sorted((item["case_id"] for item in disposal_list["items"]), reverse=True)[:25]

    fork = multiprocessing.get_context("fork")
    ready, results = fork.Event(), fork.Queue()
    holders = [fork.Process(target=_place_holds, args=(cli, to_hold[start::2], ready, results)) for start in (0, 1)]
    for holder in holders:
        holder.start()
    run = cli_process.popen("run", "--as-of", TODAY, "--json", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    engine = create_db_engine(cli.db_url)
    deadline = time.monotonic() + 120
    while not _running(engine) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    ready.set()  # the run has its lock: the holds come now, from two other processes
    out, err = run.communicate(timeout=300)
    for holder in holders:
        holder.join(timeout=300)
    placed = {}
    while not results.empty():
        case_id, returncode, stderr = results.get()
        placed[case_id] = returncode
        assert returncode == 0 or "nothing left to hold" in stderr, stderr  # never "database is locked"
        assert "Traceback" not in stderr
    assert run.returncode == 0, err
    assert len(placed) == len(to_hold) and 0 in placed.values()
    held = [case_id for case_id, returncode in placed.items() if returncode == 0]
    with engine.connect() as connection:
        states = dict(connection.execute(sa.text("SELECT id, state FROM cases WHERE id IN :ids")
                                         .bindparams(sa.bindparam("ids", expanding=True)), {"ids": held}).all())
    engine.dispose()
    assert set(states.values()) == {"pending_disposal"}  # every held case is still there
    summary = json.loads(out)
    assert summary["destroyed"] > 0 and summary["skipped_hold"] == len(held)
