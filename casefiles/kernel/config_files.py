"""The configuration files shipped with Oubli, and reading a YAML file into a validated pydantic model,
with errors that say where."""

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from casefiles.kernel.errors import OubliError

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


def shipped(name: str) -> Path:
    """A file or folder of the repository's config/, installed as the package `oubli_config`: found the same
    way in a wheel and in an editable install, never through this module's own place in the source tree."""
    resource = files("oubli_config").joinpath(name)
    if not isinstance(resource, Path):  # a package on disk is always a Path; a zipped one is not supported
        raise RuntimeError(f"the configuration {name} is not a file on disk: install Oubli unzipped")
    return resource


DEFAULT_POLICY = shipped("retention.yaml")
DEFAULT_DETECTION_CONFIG = shipped("detection.yaml")
DEFAULT_INFORMATION = shipped("access_information.yaml")
DEFAULT_LETTERS = shipped("letters")
DEFAULT_LETTER_SETTINGS = shipped("letters/settings.yaml")


def parse_yaml(text: str, model: type[M], source: str, error: type[OubliError]) -> M:
    """`text` as `model`; any problem raises `error` naming `source`, the line or the keys."""
    import yaml  # only when a file is read: commands that read none start without them
    from pydantic import ValidationError

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
