"""The mapping file: how a département's case system (its tables, columns and codes) reads as Oubli's cases.

YAML, validated when loaded: an error names the file and the key path and says what to write there
(`mapping.yaml: measures.codes.MJIE.type: 'XYZ' is not a measure type (one of AED, ...)`). No database
here: the reader (source_reader.py) turns the tables named into rows, the assembling (dossier.py)
turns one dossier's rows into cases. See docs/mapping.md.
"""

import re
import string
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import (
    PERSON_FIELDS,
    ConcernOutcome,
    DocumentKind,
    MeasureNature,
    MeasureType,
    Role,
    Sex,
)


class MappingError(InvalidInput):
    """The mapping file cannot be used: every problem names its key path."""


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_$#]*$")


def _one_of(choices: type[StrEnum]) -> str:
    return ", ".join(member.value for member in choices)


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(f"{value!r} is not a table or column name (letters, digits and _, not starting with a digit)")
    return value


Name = Annotated[str, AfterValidator(_name)]  # a table's or a column's, as the database spells it


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CodeLabels(_Strict):
    """A codes table of the source: each code's label, kept beside Oubli's value (`source_label`)."""

    table: Name
    code: Name
    label: Name


class Section(_Strict):
    """Where one kind of row comes from: a table, or a query (a SELECT giving the columns named)."""

    table: Name | None = None
    query: str | None = None
    columns: dict[str, Name]  # Oubli's name -> the source's column
    changed: Name | None = None  # the column that says the row changed (a sortable text or a timestamp)

    # The columns every section of this kind must name, and those it may name.
    REQUIRED: ClassVar[frozenset[str]] = frozenset()
    ALLOWED: ClassVar[frozenset[str]] = frozenset()

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        required, allowed = cls.REQUIRED, cls.ALLOWED
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not a column Oubli reads here "
                             f"(those are: {', '.join(sorted(allowed))})")
        missing = sorted(required - set(value))
        if missing:
            raise ValueError(f"name the source's column for {', '.join(missing)} (required: {', '.join(sorted(required))})")
        return value

    @model_validator(mode="after")
    def _table_or_query(self) -> "Section":
        if (self.table is None) == (self.query is None):
            raise ValueError("give either table (a table's name) or query (a SELECT), one of the two")
        if self.query is not None and not self.query.lstrip().lower().startswith(("select", "with")):
            raise ValueError("query must be a SELECT (the source is only read)")
        return self


def _must_be(choices: type[StrEnum], what: str) -> Callable[[str], str]:
    """A check that a text is one of `choices`: as a type's validator, its error names its own key
    (`concerns.codes.SIGN`)."""
    allowed = {member.value for member in choices}

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not {what} (one of {_one_of(choices)})")
        return value
    return check


RoleName = Annotated[str, AfterValidator(_must_be(Role, "a role"))]
MeasureTypeName = Annotated[str, AfterValidator(_must_be(MeasureType, "a measure type"))]
Framework = Annotated[str, AfterValidator(_must_be(MeasureNature, "a legal framework"))]
Outcome = Annotated[str, AfterValidator(_must_be(ConcernOutcome, "a concern's outcome"))]
Kind = Annotated[str, AfterValidator(_must_be(DocumentKind, "a document kind"))]
SexCode = Annotated[str, AfterValidator(_must_be(Sex, "a sex"))]
_ITEM = frozenset({"dossier", "id", "child", "code"})


class Dossiers(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"id", "opened_on"})
    ALLOWED: ClassVar[frozenset[str]] = frozenset({"id", "opened_on", "closed_on"})


class Persons(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"id", "last_name"})
    ALLOWED: ClassVar[frozenset[str]] = frozenset({"id", *PERSON_FIELDS, "parental_authority_withdrawn"})
    sex: dict[str, SexCode] = Field(default_factory=lambda: {"F": "F", "M": "M"})  # the source's code -> F or M
    true_values: list[str] = Field(default_factory=lambda: ["O", "1"])  # the values of a yes/no column meaning yes


class Participants(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"dossier", "person", "role"})
    ALLOWED: ClassVar[frozenset[str]] = frozenset({"dossier", "person", "role"})
    labels: CodeLabels | None = None
    # role code -> Oubli's roles (a father: parent and parental_authority_holder)
    codes: dict[str, Annotated[list[RoleName], Field(min_length=1)]]

    @field_validator("codes")
    @classmethod
    def _codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if not any(Role.CHILD in roles for roles in value.values()):
            raise ValueError("no code gives the role child: say which code marks the dossier's children")
        return value


class MeasureCode(_Strict):
    type: MeasureTypeName
    framework: Framework  # administrative or judicial: the code decides, not the type (a tutelle is judicial)


class Measures(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"dossier", "id", "code", "started_on"})
    ALLOWED: ClassVar[frozenset[str]] = _ITEM | {"started_on", "ended_on"}
    labels: CodeLabels | None = None
    codes: dict[str, MeasureCode]


class Concerns(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"dossier", "id", "code", "received_on"})
    ALLOWED: ClassVar[frozenset[str]] = _ITEM | {"received_on", "closed_on", "reported_by"}
    labels: CodeLabels | None = None
    codes: dict[str, Outcome]  # outcome code -> Oubli's outcome


class Documents(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"dossier", "id", "code", "written_on", "text"})
    ALLOWED: ClassVar[frozenset[str]] = _ITEM | {"written_on", "author", "text"}
    labels: CodeLabels | None = None
    codes: dict[str, Kind]  # kind code -> Oubli's document kind


class Proceedings(Section):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({"dossier", "id", "code", "started_on"})
    ALLOWED: ClassVar[frozenset[str]] = _ITEM | {"started_on", "ended_on"}
    codes: dict[str, str]  # nature code -> what it is, in words (the hold's reason; no personal value)


def _template(value: str, needed: Sequence[str], allowed: Sequence[str]) -> str:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ValueError(f"{value!r} is not a template ({error}): write the parts in braces, e.g. {{dossier}}") from None
    unknown = sorted(fields - set(allowed))
    if unknown:
        raise ValueError(f"{value!r}: {{{unknown[0]}}} is not a part Oubli knows here (those are: "
                         f"{', '.join('{' + name + '}' for name in allowed)})")
    missing = [name for name in needed if name not in fields]
    if missing:
        raise ValueError(f"{value!r} must hold {', '.join('{' + name + '}' for name in missing)}, "
                         "or two items would get the same id")
    return value


class Ids(_Strict):
    """How Oubli's ids are made from the source's: a case per child of a dossier; items prefixed by their case,
    since the source numbers them again in each dossier."""

    case: str = "{dossier}-{child}"
    item: str = "{case}-{id}"
    person: str = "{id}"

    @field_validator("case")
    @classmethod
    def _case(cls, value: str) -> str:
        return _template(value, ("dossier", "child"), ("dossier", "child"))

    @field_validator("item")
    @classmethod
    def _item(cls, value: str) -> str:
        return _template(value, ("case", "id"), ("case", "dossier", "child", "id"))

    @field_validator("person")
    @classmethod
    def _person(cls, value: str) -> str:
        return _template(value, ("id",), ("id",))


class Split(_Strict):
    other_children: str = "sibling"  # the dossier's other children in each child's case: sibling, or leave_out

    @field_validator("other_children")
    @classmethod
    def _other(cls, value: str) -> str:
        if value not in ("sibling", "leave_out"):
            raise ValueError(f"{value!r} is not sibling or leave_out")
        return value


class Dates(_Strict):
    formats: list[str] = Field(default_factory=lambda: ["%d/%m/%Y", "%Y-%m-%d"])

    @field_validator("formats")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("give at least one date format, e.g. '%d/%m/%Y'")
        for form in value:
            if not all(part in form for part in ("%d", "%m")) or not ("%Y" in form or "%y" in form):
                raise ValueError(f"{form!r} is not a date format with %d, %m and %Y (e.g. '%d/%m/%Y')")
            datetime(2024, 12, 31).strftime(form)
        return value


class Csv(_Strict):
    encoding: str = "utf-8"
    delimiter: str = ";"
    extension: str = ".csv"

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str) -> str:
        try:
            "".encode(value)
        except LookupError:
            raise ValueError(f"{value!r} is not an encoding Python knows (e.g. utf-8, cp1252, latin-1)") from None
        return value

    @field_validator("delimiter")
    @classmethod
    def _delimiter(cls, value: str) -> str:
        if len(value) != 1:
            raise ValueError("the delimiter is one character, e.g. ';'")
        return value


class Mapping(_Strict):
    name: str = Field(min_length=1, max_length=100)  # the case system's name in Oubli
    ids: Ids = Ids()
    split: Split = Split()
    dates: Dates = Dates()
    csv: Csv = Csv()
    dossiers: Dossiers
    persons: Persons
    participants: Participants
    measures: Measures | None = None
    concerns: Concerns | None = None
    documents: Documents | None = None
    proceedings: Proceedings | None = None

    def items(self) -> dict[str, Measures | Concerns | Documents | Proceedings]:
        """The sections of items attached to a dossier (or one of its children), by name."""
        sections = {"measures": self.measures, "concerns": self.concerns, "documents": self.documents,
                    "proceedings": self.proceedings}
        return {name: section for name, section in sections.items() if section is not None}

    def child_codes(self) -> list[str]:
        return sorted(code for code, roles in self.participants.codes.items() if Role.CHILD in roles)


def _path(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location if not str(part).startswith("function-"))


def _message(error: Any) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "missing":
        return "missing: add this key (see docs/mapping.md)"
    if kind == "extra_forbidden":
        return "is not a key Oubli knows here: check its spelling (see docs/mapping.md)"
    if kind in ("string_type", "string_sub_type"):
        return "must be text: write it in quotes ('01', 'NO'): YAML reads 01 as a number, yes or no as true or false"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    return f"{message[:1].lower()}{message[1:]}"


def parse_mapping(data: object, where: str = "mapping") -> Mapping:
    try:
        return Mapping.model_validate(data)
    except ValidationError as error:
        problems = [f"{where}: {_path(item['loc']) or '(the file)'}: {_message(item)}" for item in error.errors()]
        raise MappingError("; ".join(problems), problems) from None


def load_mapping(path: str | Path) -> Mapping:
    """The mapping file at `path`, checked; MappingError naming the file and each wrong key otherwise."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError(f"{path.name}: cannot be read ({error.strerror}): check the path given") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise MappingError(f"{path.name}: is not valid YAML{line}: check its indentation and quotes") from None
    if not isinstance(data, dict):
        raise MappingError(f"{path.name}: must be a YAML mapping of keys (name, dossiers, persons, ...)")
    return parse_mapping(data, path.name)
