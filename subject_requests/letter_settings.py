"""Who sends the letters and where a refusal can be challenged: config/letters/settings.yaml,
validated at load (an error names the key)."""

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from casefiles.kernel.config_files import DEFAULT_LETTER_SETTINGS, parse_yaml, read_config
from casefiles.kernel.errors import OubliError


class LetterSettingsError(OubliError):
    """The letters' settings file is missing or invalid."""


Line = Annotated[str, StringConstraints(pattern=r"\S")]  # not empty, not blank


class Sender(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Line
    service: Line
    address: list[Line] = Field(min_length=1)
    city: Line
    signatory: Line


class LetterSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sender: Sender
    court: Line


def load_letter_settings(path: Path = DEFAULT_LETTER_SETTINGS) -> LetterSettings:
    return parse_yaml(read_config(path, "letters' settings", LetterSettingsError), LetterSettings, str(path),
                      LetterSettingsError)
