"""The retention policy: loaded from YAML and validated, with the digest of the file as its version."""

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from casefiles.crypto.encrypted_package import age_recipient
from casefiles.kernel.config_files import parse_yaml, read_config
from casefiles.kernel.errors import InvalidInput, OubliError
from retention.sampling import Sampling


class Category(StrEnum):
    """In order of precedence: a case is in the first category that applies."""

    ABUSE = "abuse"
    JUDICIAL = "judicial"
    ADMINISTRATIVE = "administrative"
    CONCERN_ONLY = "concern_only"


class FinalAction(StrEnum):
    DESTROY = "destroy"
    ANONYMISE = "anonymise"
    TRANSFER_TO_ARCHIVES = "transfer_to_archives"


class Clock(StrEnum):
    END_OF_SERVICE = "end_of_service"


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    clock: Clock | None = None
    count_from_majority: bool | None = None
    archive_after_months: int | None = Field(default=None, ge=0, le=24)
    keep_archived_years: int | None = Field(default=None, ge=1, le=100)
    final_action: FinalAction | None = None
    visa_required: bool | None = None
    review_rejected_after_years: int | None = Field(default=None, ge=1, le=10)


class _Defaults(_Rule):
    clock: Clock = Clock.END_OF_SERVICE
    count_from_majority: bool = True  # Code civil art. 2235: no limitation period runs against a minor
    archive_after_months: int = Field(default=0, ge=0, le=24)
    keep_archived_years: int = Field(default=5, ge=1, le=100)
    final_action: FinalAction = FinalAction.DESTROY
    visa_required: bool = True
    review_rejected_after_years: int = Field(default=1, ge=1, le=10)


class _Anonymisation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    k: int = Field(default=5, ge=2, le=1000)
    max_suppressed_share: float = Field(default=0.1, ge=0, le=1)


class _Sampling(BaseModel):
    """The sample of eliminable files kept for history (retention/sampling.py): none unless asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    one_in: int | None = Field(default=None, ge=2, le=1000)
    birth_days: list[int] = []
    surname_initials: list[str] = []

    @field_validator("birth_days")
    @classmethod
    def _days_of_a_month(cls, days: list[int]) -> list[int]:
        wrong = [day for day in days if not 1 <= day <= 31]
        if wrong:
            raise ValueError(f"days of a month are 1 to 31, not {', '.join(map(str, wrong))}")
        return days

    @field_validator("surname_initials")
    @classmethod
    def _letters(cls, initials: list[str]) -> list[str]:
        wrong = [initial for initial in initials if not (len(initial) == 1 and "A" <= initial.upper() <= "Z")]
        if wrong:
            raise ValueError(f"each initial is one letter A to Z (accents are folded: É is under E), "
                             f"not {', '.join(map(repr, wrong))}")
        return [initial.upper() for initial in initials]


class _Transfer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    recipient: str | None = None  # the age public key of the Archives départementales


class _Agency(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    identifier: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")
    name: str = Field(min_length=1, max_length=200)


class _Archives(BaseModel):
    """Who is who in the SEDA messages, and the archives' own rule codes (their reference table)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seda_version: str = Field(default="2.2", pattern=r"^2\.[12]$")
    archival_agency: _Agency = _Agency(identifier="FRAD000", name="Archives départementales")
    transferring_agency: _Agency = _Agency(identifier="CD000-ASE", name="Conseil départemental, Aide sociale à l'enfance")
    originating_agency: _Agency = _Agency(identifier="CD000-ASE", name="Conseil départemental, Aide sociale à l'enfance")
    archival_agreement: str | None = Field(default=None, min_length=1, max_length=100)
    access_rule: str = Field(default="ACC-00016", min_length=1, max_length=50)
    appraisal_rule: str = Field(default="APP-ASE", min_length=1, max_length=50)


class _CaseSystem(BaseModel):
    """The département's case system (IODAS, Solis...) that Oubli is fed from: what the purge list asks of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The CNIL's référentiel for child protection: files leave the live system (la base active) within two
    # years of the last contact, the end of support.
    live_system_years: int = Field(default=2, ge=1, le=10)


class _PolicyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: _Defaults = _Defaults()
    categories: dict[Category, _Rule] = {}
    anonymisation: _Anonymisation = _Anonymisation()
    sampling: _Sampling = _Sampling()
    transfer: _Transfer = _Transfer()
    archives: _Archives = _Archives()
    case_system: _CaseSystem = _CaseSystem()


class PolicyError(OubliError):
    """The policy file is missing or invalid."""


@dataclass(frozen=True)
class Rule:
    category: Category
    clock: Clock
    count_from_majority: bool
    archive_after_months: int
    keep_archived_years: int
    final_action: FinalAction
    visa_required: bool
    review_rejected_after_years: int


@dataclass(frozen=True)
class Agency:
    identifier: str
    name: str


@dataclass(frozen=True)
class Archives:
    """The parties and rule codes of the SEDA messages to the Archives départementales."""

    seda_version: str
    archival_agency: Agency
    transferring_agency: Agency
    originating_agency: Agency
    archival_agreement: str | None
    access_rule: str  # the archives' code for the access period (private life: 50 years)
    appraisal_rule: str  # the archives' code for the retention of ASE files


def _archives(given: _Archives) -> Archives:
    return Archives(seda_version=given.seda_version,
                    archival_agency=Agency(**given.archival_agency.model_dump()),
                    transferring_agency=Agency(**given.transferring_agency.model_dump()),
                    originating_agency=Agency(**given.originating_agency.model_dump()),
                    archival_agreement=given.archival_agreement, access_rule=given.access_rule,
                    appraisal_rule=given.appraisal_rule)


DEFAULT_ARCHIVES = _archives(_Archives())


class Reading(StrEnum):
    """When the archive period starts, across the categories (the report's policy table says it)."""

    FROM_MAJORITY = "from_majority"  # every category: at the child's 18th birthday when later (art. 2235)
    FROM_END_OF_SERVICE = "from_end_of_service"  # every category: when services end, whatever the child's age
    MIXED = "mixed"  # some categories from majority (the rules say which), the others from the end of service


@dataclass(frozen=True)
class Policy:
    version: str  # SHA-256 of the policy file
    rules: dict[Category, Rule]
    k: int = 5  # anonymisation: every combination of quasi-identifiers shared by at least k records
    max_suppressed_share: float = 0.1
    archives_recipient: str | None = None  # transfers are encrypted to this age public key
    archives: Archives = DEFAULT_ARCHIVES
    sampling: Sampling = Sampling()  # the sample of eliminable files kept for history: none by default
    # The case system moves a case out of its daily use this long after the end of service (the purge list).
    live_system_years: int = 2

    def rule(self, category: Category) -> Rule:
        return self.rules[category]

    @property
    def reading(self) -> Reading:
        from_majority = [rule.count_from_majority for rule in self.rules.values()]
        if all(from_majority):
            return Reading.FROM_MAJORITY
        return Reading.MIXED if any(from_majority) else Reading.FROM_END_OF_SERVICE


def parse_policy(text: str, source: str = "the policy") -> Policy:
    loaded = parse_yaml(text, _PolicyFile, source, PolicyError)
    defaults = loaded.defaults.model_dump()
    rules = {}
    for category in Category:
        given = loaded.categories.get(category, _Rule()).model_dump(exclude_none=True)
        rules[category] = Rule(category=category, **(defaults | given))
        if not rules[category].visa_required and rules[category].final_action != FinalAction.TRANSFER_TO_ARCHIVES:
            raise PolicyError(
                f"{source} is invalid: categories.{category.value}.visa_required: only transfer_to_archives "
                "may do without the visa of the Archives départementales (Code du patrimoine L212-2)"
            )
    recipient = loaded.transfer.recipient
    if recipient:
        try:
            age_recipient(recipient, "transfer.recipient")
        except InvalidInput as problem:
            raise PolicyError(f"{source} is invalid: {problem}: ask the Archives départementales for theirs") from None
    return Policy(version=hashlib.sha256(text.encode("utf-8")).hexdigest(), rules=rules, k=loaded.anonymisation.k,
                  max_suppressed_share=loaded.anonymisation.max_suppressed_share, archives_recipient=recipient,
                  archives=_archives(loaded.archives), sampling=_sampling(loaded.sampling),
                  live_system_years=loaded.case_system.live_system_years)


def _sampling(given: _Sampling) -> Sampling:
    return Sampling(one_in=given.one_in, birth_days=frozenset(given.birth_days),
                    surname_initials=frozenset(given.surname_initials))


def load_policy(path: Path) -> Policy:
    return parse_policy(read_config(path, "retention policy", PolicyError), str(path))
