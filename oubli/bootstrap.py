"""The one place that wires the application together. Nothing is built at import time."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from casefiles import schema
from casefiles.db import create_db_engine
from casefiles.sealing import load_master_key
from casefiles.uow import UnitOfWork
from oubli.settings import Settings
from retention.policy import Policy, load_policy


PARIS = ZoneInfo("Europe/Paris")  # the département's time: what "today" means for its records


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class App:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker
    clock: Callable[[], datetime]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory, self.settings.actor, self.clock)

    def today(self) -> date:
        """Today in Paris, by the application's clock."""
        return self.clock().astimezone(PARIS).date()

    def policy(self) -> Policy:
        return load_policy(self.settings.policy_path)

    def master_key(self) -> bytes:
        return load_master_key(self.settings.keys_dir)

    def require_schema(self) -> "App":
        schema.require_current(self.engine)
        return self


def bootstrap(settings: Settings, clock: Callable[[], datetime] = utc_now) -> App:
    engine = create_db_engine(settings.db_url)
    return App(settings, engine, sessionmaker(bind=engine, expire_on_commit=False), clock)
