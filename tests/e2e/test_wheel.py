"""The package as a user installs it: a wheel built from pyproject.toml, installed (not editable) in a fresh
virtual environment, run from a folder outside the repository with its shipped configuration.

The fresh environment gets the wheel alone (`--no-deps`); its dependencies are those of the environment
running the tests, reached through a path file. Installing them again from the wheel cache would take a
minute and test pip's resolver, not this package: what is under test is that the wheel's own files (the
code, config/ as `oubli_config`, the migrations) are all there and are the ones used. An audit hook in the
fresh environment reports (and refuses) every file the commands open or list in the source tree, outside
the dependencies' environment."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Where the source tree is, as its own files say; not a package of the wheel
NOT_PACKAGED = {".venv", ".git", "build", "tests", "bench", "docs", "config"}

GUARD = '''"""Installed by tests/e2e/test_wheel.py: no file of the source tree is opened or listed."""
import atexit
import os
import sys

_TREE = os.environ["OUBLI_TEST_SOURCE_TREE"] + os.sep
_DEPENDENCIES = os.environ["OUBLI_TEST_DEPENDENCIES"] + os.sep
_READ = []


def _hook(event, args):
    if event not in ("open", "os.listdir", "os.scandir") or not args or isinstance(args[0], int) or args[0] is None:
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    if path.startswith(_TREE) and not path.startswith(_DEPENDENCIES):
        _READ.append(path)
        raise RuntimeError(f"read from the source tree: {path}")


@atexit.register
def _report():
    for path in _READ:
        sys.stderr.write(f"source tree read: {path}\\n")


sys.addaudithook(_hook)
'''


def _listed_packages() -> list[str]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]


def _source_packages() -> set[str]:
    found = set()
    for init in REPO.rglob("__init__.py"):
        parts = init.relative_to(REPO).parent.parts
        if parts and parts[0] not in NOT_PACKAGED and not parts[0].endswith(".egg-info"):
            found.add(".".join(parts))
    return found


def _wheel_files() -> set[str]:
    """Every file the wheel must carry, as its path inside the wheel."""
    files = {"scheduler.py"}
    for package in _listed_packages():
        folder = REPO / "config" if package == "oubli_config" else REPO.joinpath(*package.split("."))
        for path in folder.iterdir():
            if path.is_file() and path.suffix != ".pyc":
                files.add("/".join([*package.split("."), path.name]))
    files |= {f"oubli_config/letters/{path.name}" for path in (REPO / "config" / "letters").iterdir()}
    files |= {f"anonymizer/data/{path.name}" for path in (REPO / "anonymizer" / "data").glob("*.txt")}
    return files


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    listed = _listed_packages()
    assert set(listed) - {"oubli_config"} == _source_packages()
    assert "oubli_config" in listed and (REPO / "config" / "__init__.py").is_file()


@pytest.mark.slow
def test_the_wheel_installed_elsewhere_runs_init_seed_run_and_report_with_its_shipped_configuration(tmp_path):
    # Built from a clean copy: a stale build/ in the working tree would hide a file the wheel misses.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "tests", "bench", "docs"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, text=True)
    (wheel,) = wheels.glob("oubli-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        carried = {name for name in archive.namelist() if ".dist-info/" not in name}
    assert _wheel_files() <= carried, f"missing from the wheel: {sorted(_wheel_files() - carried)}"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, text=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "_source_tree_guard.py").write_text(GUARD, encoding="utf-8")
    (site / "00_source_tree_guard.pth").write_text("import _source_tree_guard\n", encoding="utf-8")
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("OUBLI_") and key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"OUBLI_HOME": str(tmp_path / "home"), "OUBLI_TEST_SOURCE_TREE": str(REPO),
            "OUBLI_TEST_DEPENDENCIES": sys.prefix}

    def oubli(*args: str) -> str:
        done = subprocess.run([str(venv / "bin" / "oubli"), *args], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "source tree" not in done.stderr
        return done.stdout

    where = subprocess.run(
        [str(python), "-c", "import oubli, casefiles.kernel.config_files as c; print(oubli.__file__); "
                            "print(c.DEFAULT_POLICY); print(c.DEFAULT_LETTERS)"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True).stdout.split()
    assert all(Path(path).is_relative_to(site) for path in where), where

    oubli("init")
    oubli("seed", "--cases", "30", "--seed", "1")
    done = oubli("run")
    archived, proposed = (int(re.search(rf"{what} (\d+)", done).group(1)) for what in ("archived",
                                                                                        "proposed for disposal"))
    assert archived > 0 and proposed > 0, done
    report = tmp_path / "report.html"
    oubli("report", "retention", "--out", str(report))

    html = report.read_text(encoding="utf-8")
    assert f"dossier archivé</td><td class=n>{archived}</td>" in html
    assert f"dossier proposé à l&#x27;élimination</td><td class=n>{proposed}</td>" in html
    # The policy version every action records is the digest of the shipped retention.yaml
    policy = hashlib.sha256((REPO / "config" / "retention.yaml").read_bytes()).hexdigest()
    assert policy[:12] in html

    # The detector reads its word lists (anonymizer/data) from the wheel, not from the source tree
    note = tmp_path / "note.txt"
    note.write_text("Rojda dort.", encoding="utf-8")
    assert [(e["label"], e["start"], e["end"]) for e in json.loads(oubli("detect", str(note), "--json"))] == [
        ("PERSON", 0, 5)]
