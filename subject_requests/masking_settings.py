"""Who is masked in an access answer besides the law's fixed rules: config/masking.yaml, checked at load."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, StrictBool

from casefiles.kernel.config_files import parse_yaml, read_config, shipped
from casefiles.kernel.errors import OubliError


class MaskingSettingsError(OubliError):
    """The masking settings file is missing or invalid."""


class MaskingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    professionals_masked: StrictBool


def load_masking_settings(path: Path | None = None) -> MaskingSettings:
    path = path or shipped("masking.yaml")
    return parse_yaml(read_config(path, "masking settings", MaskingSettingsError), MaskingSettings, str(path),
                      MaskingSettingsError)
