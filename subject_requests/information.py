"""What every access export tells the person (art. 15(1)-(2)): config/access_information.yaml."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from casefiles.kernel.config_files import DEFAULT_INFORMATION, parse_yaml, read_config
from casefiles.kernel.errors import OubliError


class InformationError(OubliError):
    """The access information file is missing or invalid."""


class AccessInformation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    controller: str
    purposes: list[str] = Field(min_length=1)
    legal_basis: str
    recipients: list[str] = Field(min_length=1)
    retention: str
    source: str
    rights: str
    complaint: str


def load_information(path: Path = DEFAULT_INFORMATION) -> AccessInformation:
    return parse_yaml(read_config(path, "access information", InformationError), AccessInformation, str(path),
                      InformationError)
