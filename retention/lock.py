"""One nightly run at a time: a lock row that a second run finds taken, and that expires if its holder dies."""

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from casefiles.kernel.errors import OubliError
from casefiles.persistence.journal import timestamp
from casefiles.persistence.models import RunLock
from casefiles.persistence.uow import UnitOfWork

NAME = "nightly"
TTL = timedelta(minutes=15)  # renewed at every batch; a run that died frees the lock after this


class RunInProgress(OubliError):
    """Another run holds the lock."""


def holder_name() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}"


def acquire(uow: UnitOfWork, holder: str, now: datetime) -> None:
    with uow:
        row = uow.session.execute(select(RunLock).where(RunLock.name == NAME).with_for_update()).scalar_one_or_none()
        if row is not None and row.expires_at > timestamp(now):
            raise RunInProgress(
                f"another run ({row.holder}) has been running since {row.acquired_at}: wait for it to finish; "
                f"if it died, its lock expires at {row.expires_at}"
            )
        values = {"holder": holder, "acquired_at": timestamp(now), "expires_at": timestamp(now + TTL)}
        if row is None:
            uow.session.add(RunLock(name=NAME, **values))
        else:
            uow.session.execute(update(RunLock).where(RunLock.name == NAME).values(**values))
            uow.record("run.lock_expired", "run", [], previous_holder_expired_at=row.expires_at)
        try:
            uow.commit()
        except IntegrityError:
            raise RunInProgress("another run started at the same moment: this one stops") from None


def renew(uow: UnitOfWork, holder: str, now: datetime) -> None:
    """Inside a batch's unit of work: push the expiry back."""
    uow.session.execute(update(RunLock).where(RunLock.name == NAME, RunLock.holder == holder)
                        .values(expires_at=timestamp(now + TTL)))


def release(uow: UnitOfWork, holder: str) -> None:
    with uow:
        uow.session.execute(delete(RunLock).where(RunLock.name == NAME, RunLock.holder == holder))
        uow.commit()
