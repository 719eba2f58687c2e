"""Fault injection: the destroying run killed with SIGKILL at random moments, run again, then every
promise of destruction checked, on SQLite and PostgreSQL.

A small store is made as a user makes it, with the installed command run from this tree: `oubli init`,
`oubli seed`, a run far in the future that archives and proposes nearly every ended case, and
`oubli disposals approve` of the whole list (a policy that destroys every category). For each kill, a
copy of that store is taken, `oubli run` is started as a real process and, once it holds the run lock,
killed with SIGKILL after a delay drawn at random (seeded, printed) between 0 and the time a whole run
held its lock (drawn again, below, on a fresh copy, while the run finished before it: every kill is a
real one); `oubli run` is then run again to its end, and checked:

- every approved case is destroyed, has its tombstone, no key left, its entry in the ledger's table and
  in its file, and the file is the table line for line (no torn or doubled line);
- every disposal item is in a final state (done, with its date);
- no row of personal data is left for a destroyed case, nor any person only destroyed cases referred to;
- the journal's chain verifies;
- on SQLite, no destroyed person's name or NIR is in the raw bytes of the database and its -wal.

Prints each kill (its moment, where the killed run was: starting, in its batches with the cases it had
destroyed, or past them; the rerun's exit), then held/failed counts per database.

    .venv/bin/python bench/faults.py
    .venv/bin/python bench/faults.py --kills 20 --cases 300 --seed 7 --only sqlite
"""

import argparse
import hashlib
import hmac
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.databases import copy_of, throwaway_database  # noqa: E402
from casefiles.crypto.sealing import load_key  # noqa: E402
from casefiles.crypto.vault import referred_persons  # noqa: E402
from casefiles.erasure.eraser import CASE_TABLES  # noqa: E402
from casefiles.erasure.ledger import LINE  # noqa: E402
from casefiles.kernel.vocabulary import DisposalStatus  # noqa: E402
from casefiles.persistence import journal  # noqa: E402
from casefiles.persistence.models import (  # noqa: E402
    Case,
    DataKey,
    DisposalItem,
    Document,
    JournalEntry,
    LedgerEntry,
    Participation,
    Person,
    RecordHistory,
    RunLock,
    Statement,
    Tombstone,
)
from oubli.bootstrap import App, bootstrap  # noqa: E402
from oubli.settings import Settings  # noqa: E402

OUBLI = str(Path(sys.executable).parent / "oubli")
FUTURE = "2070-01-01"
BUSY = "another run"  # the rerun found the killed run's lock not yet freed by the server: it tries again


class Store:
    """The seeded store with its approved list, and what checking a copy of it needs."""

    def __init__(self, folder: Path, url: str, cases: int):
        self.folder, self.url = folder, url
        policy = folder / "destroy-all.yaml"
        policy.write_text("defaults: {keep_archived_years: 5, final_action: destroy}\n")
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "OUBLI_POLICY": str(policy),
                    "OUBLI_KEYS": str(folder / "keys"), "OUBLI_ACTOR": "bench-faults",
                    "OUBLI_LEDGER": str(folder / "build.ledger")}
        for words in (("init",), ("seed", "--cases", str(cases), "--seed", "11", "--as-of", "2026-11-22"),
                      ("run", "--as-of", FUTURE), ("disposals", "approve", "1", "--visa", "BENCH-1", "--yes")):
            done = self.oubli(url, self.env, *words)
            if done.returncode:
                raise SystemExit(f"oubli {words[0]} failed: {done.stderr}")
        app = self.app(url, folder / "build.ledger")
        with app.uow().reading() as uow:
            session = uow.session
            self.approved = set(session.scalars(select(DisposalItem.case_id).where(
                DisposalItem.status == DisposalStatus.APPROVED)))
            others = set(session.scalars(select(Participation.person_id).where(
                Participation.case_id.not_in(self.approved))))
            self.going = set(session.scalars(referred_persons(list(self.approved)))) - others
            vault = app.vault()
            going = vault.person_fields(session, self.going)
            staying = vault.person_fields(session, set(session.scalars(select(Person.id))) - self.going)
            kept_documents = session.execute(select(Document.id, Document.case_id, Document.sealed_text, Document.text)
                                             .where(Document.case_id.not_in(self.approved))).all()
            opened = vault.document_texts(session, [(row.id, row.case_id, row.sealed_text) for row in kept_documents
                                                     if row.sealed_text])
        # Names and NIRs that only destroyed persons have: none that what stays holds too (a surname can be
        # a living family's, or in the name of a town or a street)
        kept = "\n".join([str(value) for fields in staying.values() for value in fields.values() if value]
                         + list(opened.values()) + [row.text for row in kept_documents if row.text])
        self.values = sorted({fields[field] for fields in going.values() for field in ("last_name", "nir")
                              if fields[field] and fields[field] not in kept})
        self.ledger_key = load_key(folder / "keys" / "ledger.key")
        if app.engine.dialect.name == "sqlite":  # the whole store in its one file, ready to copy
            with app.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        app.engine.dispose()

    @staticmethod
    def oubli(url: str, env: dict, *words: str) -> subprocess.CompletedProcess:
        return subprocess.run([OUBLI, "--db", url, *words], env=env, capture_output=True, text=True, timeout=600)

    def app(self, url: str, ledger: Path) -> App:
        return bootstrap(Settings(db_url=url, keys_dir=self.folder / "keys", actor="bench-faults", ledger_path=ledger))

    def digest(self, kind: str, record_id: str) -> str:
        return hmac.new(self.ledger_key, f"{kind}:{record_id}".encode(), hashlib.sha256).hexdigest()


def rerun(store: Store, url: str, env: dict) -> tuple[int, int]:
    """`oubli run` to its end; (exit code, tries: more than one when the killed run's lock was not yet
    freed on the server)."""
    for attempt in range(1, 21):
        done = store.oubli(url, env, "run", "--as-of", FUTURE)
        if done.returncode == 0 or BUSY not in done.stderr:
            return done.returncode, attempt
        time.sleep(0.5)
    return done.returncode, attempt


def check(store: Store, url: str, ledger: Path) -> list[str]:
    """The names of the invariants that do not hold on the store at `url`."""
    app = store.app(url, ledger)
    failed = []
    doomed = list(store.approved)

    def holds(name: str, condition: Callable[[], bool]) -> None:
        if not condition():
            failed.append(name)

    with app.uow().reading() as uow:
        s = uow.session

        def count(query) -> int:
            return s.scalar(select(func.count()).select_from(query.subquery())) or 0

        holds("every approved case destroyed", lambda: count(select(Case.id).where(
            Case.id.in_(doomed), Case.state != "destroyed")) == 0)
        holds("a tombstone for each", lambda: count(select(Tombstone.case_id).where(
            Tombstone.case_id.in_(doomed))) == len(doomed))
        holds("no key left", lambda: count(select(DataKey.owner_id).where(
            DataKey.owner_id.in_(doomed + list(store.going)))) == 0)
        table = s.execute(select(LedgerEntry.id, LedgerEntry.digest, LedgerEntry.kind, LedgerEntry.action,
                                 LedgerEntry.recorded_on).order_by(LedgerEntry.id)).all()
        in_table = {row.digest for row in table}
        holds("each in the ledger's table", lambda: all(store.digest("case", c) in in_table for c in doomed)
              and all(store.digest("person", p) in in_table for p in store.going))
        text = ledger.read_text(encoding="ascii") if ledger.exists() else ""
        in_file = {line.split()[1] for line in text.splitlines() if len(line.split()) == 5}
        holds("each in the ledger's file", lambda: all(store.digest("case", c) in in_file for c in doomed))
        holds("the file is the table, line for line", lambda: text == "".join(
            LINE.format(i, d, k, a, on.isoformat()) for i, d, k, a, on in table))
        holds("disposal items final", lambda: count(select(DisposalItem.id).where(
            DisposalItem.case_id.in_(doomed), (DisposalItem.status != DisposalStatus.DONE)
            | DisposalItem.carried_out_on.is_(None))) == 0)
        holds("no personal row left", lambda: all(count(select(model.case_id).where(model.case_id.in_(doomed))) == 0
                                                  for model in CASE_TABLES)
              and all(count(select(model.person_id).where(model.person_id.in_(store.going))) == 0
                      for model in (RecordHistory, Statement))
              and count(select(Person.id).where(Person.id.in_(store.going))) == 0)
    with app.engine.connect() as connection:
        holds("the journal verifies", lambda: journal.verify(connection).ok)
    if app.engine.dialect.name == "sqlite":
        path = Path(str(app.engine.url.database))
        raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists())
        holds("no name or NIR in the SQLite files", lambda: not any(v.encode() in raw for v in store.values))
    app.engine.dispose()
    return failed


def killed_when(store: Store, url: str, ledger: Path) -> str:
    """Where the killed run was: starting (no lock yet), in its batches (how many cases destroyed), or
    past them (its completion journaled: clearing the residue, copying the ledger)."""
    app = store.app(url, ledger)
    with app.uow().reading() as uow:
        s = uow.session
        destroyed = s.scalar(select(func.count()).select_from(Case).where(Case.state == "destroyed"))
        locked = s.scalar(select(func.count()).select_from(RunLock))
        completed = s.scalar(select(func.count()).select_from(JournalEntry).where(
            JournalEntry.action == "run.completed", JournalEntry.actor == "bench-faults"))
    app.engine.dispose()
    if (completed or 0) > 1:  # the build's own run completed once
        return f"after its batches ({destroyed} destroyed):"
    return f"in its batches ({destroyed} destroyed):" if locked else "starting (no lock yet):"


def started(url: str, env: dict) -> subprocess.Popen:
    """`oubli run` started on `url`, returned once it holds the run lock (its row is there) or has ended:
    what comes before (starting Python, reading the settings) destroys nothing and is not worth a kill."""
    process = subprocess.Popen([OUBLI, "--db", url, "run", "--as-of", FUTURE], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = create_engine(url, poolclass=NullPool)
    try:
        while process.poll() is None:
            with engine.connect() as connection:
                if connection.execute(select(func.count()).select_from(RunLock)).scalar():
                    break
            time.sleep(0.005)
    finally:
        engine.dispose()
    return process


def killed_run(url: str, env: dict, delay: float) -> bool:
    """`oubli run` on `url` sent SIGKILL `delay` seconds after it took its lock; False if it had finished."""
    process = started(url, env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    return process.wait() == -signal.SIGKILL


def trials(store: Store, backend: str, kills: int, rng: random.Random) -> None:
    reference = store.folder / "reference.ledger"
    with copy_of(store.url, "reference") as url:
        process = started(url, {**store.env, "OUBLI_LEDGER": str(reference)})
        began = time.perf_counter()
        process.wait()
        whole = time.perf_counter() - began
        assert process.returncode == 0 and not check(store, url, reference), check(store, url, reference)
    print(f"{backend}: {len(store.approved)} approved cases, {len(store.going)} persons to go, "
          f"{len(store.values)} names and NIRs looked for; `oubli run` held its lock {whole:.2f} s: each kill that "
          "long at most after it took its lock, at a moment drawn at random, drawn again below while the run "
          "finished first")
    failures: Counter = Counter()
    held = 0
    for number in range(1, kills + 1):
        ledger = store.folder / f"kill{number}.ledger"
        env = {**store.env, "OUBLI_LEDGER": str(ledger)}
        delay, late = round(rng.uniform(0, whole), 3), []
        while True:
            with copy_of(store.url, f"kill{number}") as url:
                if killed_run(url, env, delay):
                    moment = killed_when(store, url, ledger)
                    code, tries = rerun(store, url, env)
                    failed = check(store, url, ledger) + ([f"rerun exit {code}"] if code else [])
                    break
            ledger.unlink(missing_ok=True)
            late.append(delay)
            delay = round(rng.uniform(0, delay), 3)
        held += not failed
        failures.update(failed)
        print(f"  kill {number:2} at +{delay:5.3f} s{f' (finished before {late})' if late else ''}, {moment} rerun "
              f"exit {code}{f' after {tries} tries' if tries > 1 else ''}: "
              + ("every invariant held" if not failed else "FAILED " + "; ".join(failed)))
    print(f"{backend}: held {held}/{kills}, failed {kills - held}/{kills}"
          + (f" ({', '.join(f'{name}: {n}' for name, n in failures.items())})" if failures else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=300, help="cases to seed (about 73%% are destroyed)")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261206, help="the random moments' seed")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    args = parser.parse_args()
    print(f"random seed {args.seed}")
    rng = random.Random(args.seed)
    for backend in ("sqlite", "postgresql"):
        if args.only and backend != args.only:
            continue
        with tempfile.TemporaryDirectory() as temp, \
                throwaway_database(Path(temp), "faults", backend == "postgresql") as url:
            trials(Store(Path(temp), url, args.cases), backend, args.kills, rng)


if __name__ == "__main__":
    main()
