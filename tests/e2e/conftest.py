import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

OUBLI = str(Path(sys.executable).parent / "oubli")


class Cli:
    """Runs the installed `oubli` command as a user would, in a home of its own."""

    def __init__(self, db_url: str, home: Path):
        self.db_url, self.home = db_url, home
        self.env: dict[str, str] = {}  # more environment for every command, such as OUBLI_POLICY

    def __call__(self, *args: str, db: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "OUBLI_HOME": str(self.home), "OUBLI_ACTOR": "e2e-dpo", "COLUMNS": "200", **self.env}
        env.pop("OUBLI_DB", None)
        command = [OUBLI, *(["--db", self.db_url] if db else []), *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, input=input, timeout=300)

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli(blank_database_url, tmp_path) -> Cli:
    return Cli(blank_database_url, tmp_path / "home")
