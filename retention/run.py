"""The nightly run: plan and apply the lifecycle for one as-of date, in batches, one transaction each.

It first checks the erasure ledger: on a database restored from a backup, destroyed records are back,
and the run reports them and stops until `oubli erasures replay` has destroyed them again. After the
batches, it clears what the destroyed rows left in the database's files (casefiles/erasure/residue.py).

A crash at any moment loses at most the batch in progress, which the next run does again: a case
is never half processed. Only due cases are read (see retention/due.py).
"""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from casefiles.kernel.vocabulary import CaseState
from casefiles.persistence.db import BATCH_WRITER, let_writers_in
from casefiles.persistence.uow import UnitOfWork
from retention import lock
from retention.apply import FINAL_STATE, DisposalMeans, apply_decisions
from retention.due import count_due, due_case_ids, load_facts, lock_cases
from retention.lifecycle import CaseDecision, plan
from retention.policy import FinalAction, Policy

# Cases per batch, one transaction each. On SQLite a batch holds the database's write lock, which every
# DPO command waits for, so batches are short there (bench/concurrency.py, 3,000 destroyed: 200 hold the
# lock 0.13 s at most against 0.24 s for 500, for x1.17 the time; 100: 0.10 s, x1.48). PostgreSQL locks
# only the batch's rows, and there 100 cost x1.6.
BATCH = {"sqlite": 200, "postgresql": 500}
COUNTED = ("archived", "reactivated", "proposed_for_disposal", "sampled", "destroyed", "anonymised",
           "sent_to_archives", "transferred", "skipped_hold", "not_carried_out", "rescheduled")


@dataclass
class RunResult:
    as_of: date
    dry_run: bool
    policy: str
    counts: dict[str, int]
    cases_examined: int = 0
    seconds: float = 0.0
    stopped_early: bool = False
    plan: list[CaseDecision] = field(default_factory=list)  # the decisions, in a dry run
    residue_cleared: bool = True  # False: another reader kept SQLite's log; the next command clears it


def _expected(step: str, decision: CaseDecision, policy: Policy) -> str:
    """What a step will be counted as when applied."""
    if step != "carry_out":
        return step
    if decision.final_action == FinalAction.TRANSFER_TO_ARCHIVES and decision.state != CaseState.AWAITING_TRANSFER:
        return "sent_to_archives" if policy.archives_recipient else "not_carried_out"
    return FINAL_STATE[decision.final_action].value


def nightly_run(uow_factory: Callable[[], UnitOfWork], policy: Policy, as_of: date, clock: Callable[[], datetime],
                means: DisposalMeans, dry_run: bool = False, on_progress: Callable[[int, int], None] | None = None,
                should_stop: Callable[[], bool] = lambda: False, batch_size: int | None = None) -> RunResult:
    started = time.perf_counter()
    held = None if dry_run else lock.acquire(uow_factory(), lock.holder_name(), clock())
    batch_writer = BATCH_WRITER.set(True)
    counts: Counter = Counter()
    result = RunResult(as_of=as_of, dry_run=dry_run, policy=policy.version, counts={})
    try:
        with uow_factory() as uow:
            means.eraser.vault.master(uow.session)  # a missing or wrong master key stops the run here
            means.eraser.ledger.check_key(uow.session)  # and so does a ledger key the ledger was not made with
            total = count_due(uow.session, as_of)
            batch_size = batch_size or BATCH.get(uow.session.get_bind().dialect.name, 500)
            if means.eraser.ledger.database_behind(uow.session):
                cases, persons = means.eraser.resurrected(uow.session)
                if not dry_run:
                    uow.record("erasures.resurrected_found", "case", sorted(cases), persons=len(persons))
                    uow.commit()
                raise means.eraser.ledger.restored(
                    f", and {len(cases)} cases and {len(persons)} persons destroyed since are back. Nothing was run: "
                    "run `oubli erasures replay` to destroy them again, then run again")
            if not dry_run:  # entries a crash kept from the file last time, a line it tore written again
                means.eraser.ledger.copy_to_file(uow)
                indexed = means.eraser.vault.index_missing(uow.session)  # persons sealed before the index was
                if indexed:
                    uow.record("blind_index.filled", "person", [], persons=indexed)
                    uow.commit()
        after = ""
        while not (stopped := should_stop()):
            with uow_factory() as uow:
                ids = due_case_ids(uow.session, as_of, after, batch_size)
                if not ids:
                    break
                if not dry_run:
                    lock_cases(uow.session, ids)
                decisions = plan(load_facts(uow.session, ids, means.eraser.vault), policy, as_of, means.sampling_key)
                counts["rescheduled"] += sum(1 for d in decisions if not d.steps)
                if dry_run:
                    result.plan.extend(decisions)
                    counts.update(_expected(step, d, policy) for d in decisions for step in d.steps)
                else:
                    counts.update(apply_decisions(uow, decisions, policy, as_of, means))
                    lock.renew(uow, held, clock())
                    uow.commit()
                    let_writers_in(uow.session.get_bind())  # a DPO's hold waiting goes before the next batch
            result.cases_examined += len(ids)
            after = ids[-1]
            if on_progress:
                on_progress(result.cases_examined, total)
        result.stopped_early = stopped
        result.counts = {key: counts.get(key, 0) for key in COUNTED}
        result.seconds = time.perf_counter() - started
        if not dry_run:
            with uow_factory() as uow:
                uow.record("run.completed", "run", [], as_of=as_of.isoformat(), policy=policy.version,
                           examined=result.cases_examined, stopped_early=stopped, **result.counts)
                uow.commit()
                # sealing an archived case's persons and texts leaves their former plain values as residue too
                erased = any(result.counts[state.value] for state in FINAL_STATE.values()) or result.counts["archived"]
                result.residue_cleared = means.eraser.settle(uow, erased)
    finally:
        BATCH_WRITER.reset(batch_writer)
        if held is not None:
            lock.release(uow_factory(), held)
    return result
