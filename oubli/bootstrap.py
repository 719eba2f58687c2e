"""The one place that wires the application together. Nothing is built at import time.

What a command may not need is imported by the method that builds it: `oubli cases list` opens a
unit of work and never pays for the policy, the keys, the eraser or the means of disposal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from oubli.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import sessionmaker

    from casefiles.crypto.blind_index import BlindIndex
    from casefiles.crypto.vault import Vault
    from casefiles.erasure.eraser import Eraser
    from casefiles.persistence.uow import UnitOfWork
    from retention.apply import DisposalMeans
    from retention.policy import Policy


PARIS = ZoneInfo("Europe/Paris")  # the département's time: what "today" means for its records


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker
    clock: Callable[[], datetime]

    def uow(self) -> UnitOfWork:
        from casefiles.persistence.uow import UnitOfWork

        return UnitOfWork(self.session_factory, self.settings.actor, self.clock)

    def today(self) -> date:
        """Today in Paris, by the application's clock."""
        return self.clock().astimezone(PARIS).date()

    def policy(self) -> Policy:
        from retention.policy import load_policy

        return load_policy(self.settings.policy_path)

    def master_key(self) -> bytes:
        from casefiles.crypto.sealing import load_master_key

        return load_master_key(self.settings.keys_dir)

    def vault(self) -> Vault:
        """Reads the master key only when something sealed is touched."""
        from casefiles.crypto.vault import Vault

        return Vault(self.master_key, self.blind_index())

    def blind_index(self) -> BlindIndex:
        """Reads index.key only when the index is used."""
        from casefiles.crypto.blind_index import BlindIndex
        from casefiles.crypto.sealing import load_key

        return BlindIndex(lambda: load_key(self.settings.keys_dir / "index.key"))

    def eraser(self) -> Eraser:
        from casefiles.crypto.sealing import load_key
        from casefiles.erasure.eraser import Eraser
        from casefiles.erasure.ledger import Ledger

        return Eraser(self.vault(), Ledger(load_key(self.settings.keys_dir / "ledger.key"), self.settings.ledger_file))

    def disposal_means(self) -> DisposalMeans:
        from retention.apply import DisposalMeans

        folder = self.settings.transfers_dir or self.settings.keys_dir.parent / "transfers"
        return DisposalMeans(self.eraser(), folder)

    def require_schema(self) -> App:
        from casefiles.persistence import schema

        schema.require_current(self.engine)
        return self


def bootstrap(settings: Settings, clock: Callable[[], datetime] = utc_now) -> App:
    from sqlalchemy.orm import sessionmaker

    from casefiles.persistence.db import create_db_engine

    engine = create_db_engine(settings.db_url)
    return App(settings, engine, sessionmaker(bind=engine, expire_on_commit=False), clock)
