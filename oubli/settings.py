"""Where Oubli keeps its data and who is acting: from options, then the environment, then defaults."""

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from casefiles.kernel.config_files import DEFAULT_POLICY


def default_home() -> Path:
    """$OUBLI_HOME, else $XDG_DATA_HOME/oubli, else ~/.local/share/oubli."""
    if os.environ.get("OUBLI_HOME"):
        return Path(os.environ["OUBLI_HOME"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "oubli"


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


@dataclass
class Settings:
    """Plain values, read at every start: a dataclass, so that no command pays for pydantic to read them."""

    db_url: str
    keys_dir: Path
    actor: str
    transfers_dir: Path | None = None  # where packages for the archives are written; default: beside the keys
    ledger_path: Path | None = None  # the erasure ledger's file; default: beside the keys, outside the database
    policy_path: Path = DEFAULT_POLICY

    def __post_init__(self) -> None:
        self.keys_dir = Path(self.keys_dir)
        self.policy_path = Path(self.policy_path)
        self.transfers_dir = None if self.transfers_dir is None else Path(self.transfers_dir)
        self.ledger_path = None if self.ledger_path is None else Path(self.ledger_path)

    @property
    def ledger_file(self) -> Path:
        """The erasure ledger's file: as set, else beside the keys' folder, outside the database."""
        return self.ledger_path or self.keys_dir.parent / "erasure-ledger.txt"

    @classmethod
    def load(cls, db_url: str | None = None, actor: str | None = None) -> "Settings":
        home = default_home()
        return cls(
            db_url=db_url or os.environ.get("OUBLI_DB") or f"sqlite:///{home / 'oubli.db'}",
            keys_dir=Path(os.environ.get("OUBLI_KEYS") or home / "keys").expanduser(),
            actor=actor or os.environ.get("OUBLI_ACTOR") or getpass.getuser(),
            policy_path=Path(os.environ.get("OUBLI_POLICY") or DEFAULT_POLICY).expanduser(),
            transfers_dir=_path(os.environ.get("OUBLI_TRANSFERS")),
            ledger_path=_path(os.environ.get("OUBLI_LEDGER")),
        )
