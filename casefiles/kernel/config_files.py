"""Reading a YAML configuration file into a validated pydantic model, with errors that say where."""

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from casefiles.kernel.errors import OubliError

M = TypeVar("M", bound=BaseModel)


def parse_yaml(text: str, model: type[M], source: str, error: type[OubliError]) -> M:
    """`text` as `model`; any problem raises `error` naming `source`, the line or the keys."""
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise error(f"{source} is not valid YAML{where}: correct the file") from None
    try:
        return model.model_validate(document)
    except ValidationError as problem:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
                             for item in problem.errors(include_url=False, include_input=False))
        raise error(f"{source} is invalid: {problems}") from None


def read_config(path: Path, what: str, error: type[OubliError]) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as problem:
        raise error(f"cannot read the {what} {path}: {problem.strerror}") from None
