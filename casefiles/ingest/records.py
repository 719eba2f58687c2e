"""The import record format (one case per JSON line) and its validation. Pure: no database.

`parse_case` returns a `CaseRecord` or raises `RecordProblems` listing every problem found, each
naming the field and the item's id, never a personal value. See docs/record-format.md.
"""

from dataclasses import dataclass
from datetime import date

from casefiles.kernel.identifiers import compact_nir, nir_has_shape
from casefiles.kernel.vocabulary import PERSON_FIELDS, ConcernOutcome, DocumentKind, MeasureType, Role, Sex


@dataclass(frozen=True)
class PersonRecord:
    id: str
    last_name: str
    first_names: str | None = None
    birth_date: date | None = None
    birth_place: str | None = None
    sex: str | None = None
    nir: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    caf_number: str | None = None
    parental_authority_withdrawn: bool = False


@dataclass(frozen=True)
class ParticipantRecord:
    person_id: str
    role: str


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    type: str
    started_on: date
    ended_on: date | None = None

    @property
    def nature(self) -> str:
        return MeasureType(self.type).nature.value


@dataclass(frozen=True)
class ConcernRecord:
    id: str
    received_on: date
    outcome: str
    closed_on: date | None = None
    reported_by: str | None = None


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    kind: str
    written_on: date
    text: str
    author_id: str | None = None


@dataclass(frozen=True)
class CaseRecord:
    id: str
    opened_on: date
    persons: tuple[PersonRecord, ...]
    participants: tuple[ParticipantRecord, ...]
    measures: tuple[MeasureRecord, ...] = ()
    concerns: tuple[ConcernRecord, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()


class RecordProblems(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class _Reader:
    """Reads typed fields from one JSON object, collecting problems instead of stopping at the first."""

    def __init__(self, problems: list[str], obj: object, where: str, allowed: set[str], required: set[str]):
        self.problems, self.where = problems, where
        if not isinstance(obj, dict):
            self.obj = {}
            self.problem("must be a JSON object")
            return
        self.obj = obj
        for name in sorted(set(obj) - allowed):
            self.problem(f"unknown field '{name}'")
        for name in sorted(required - set(obj)):
            self.problem(f"missing field '{name}'")

    def problem(self, message: str, name: str | None = None) -> None:
        place = f"{self.where}.{name}" if name and self.where else (name or self.where)
        self.problems.append(f"{place}: {message}" if place else message)

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.obj.get(name)
        if value is None:
            if required and name in self.obj:
                self.problem("must not be null", name)
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem("must be a non-empty string" if required else "must be a string", name)
            return None
        return value

    def day(self, name: str, required: bool = False) -> date | None:
        value = self.obj.get(name)
        if value is None:
            if required and name in self.obj:
                self.problem("must not be null", name)
            return None
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem("is not a date in the form YYYY-MM-DD", name)
        return None

    def choice(self, name: str, allowed: type, required: bool = False) -> str | None:
        value = self.text(name, required)
        if value is not None and value not in {member.value for member in allowed}:
            self.problem(f"is not one of {', '.join(member.value for member in allowed)}", name)
            return None
        return value

    def flag(self, name: str) -> bool:
        value = self.obj.get(name, False)
        if not isinstance(value, bool):
            self.problem("must be true or false", name)
            return False
        return value

    def items(self, name: str) -> list:
        value = self.obj.get(name, [])
        if not isinstance(value, list):
            self.problem("must be a list", name)
            return []
        return value


def _item_where(list_name: str, index: int, item: object) -> str:
    item_id = item.get("id") if isinstance(item, dict) else None
    return f"{list_name}[{index}]" + (f" ({item_id})" if isinstance(item_id, str) else "")


def parse_case(obj: object) -> CaseRecord:
    problems: list[str] = []
    case = _Reader(problems, obj, "", {"id", "opened_on", "persons", "participants", "measures",
                                       "concerns", "documents"}, {"id", "opened_on", "persons", "participants"})
    case_id = case.text("id", required=True)
    opened_on = case.day("opened_on", required=True)

    persons = _parse_list(problems, case, "persons", _parse_person)
    # A person with a bad field is still there to refer to: its own problem is reported, not a cascade.
    person_ids = {item.get("id") for item in case.items("persons") if isinstance(item, dict)}
    participants = _parse_list(problems, case, "participants", _parse_participant)
    measures = _parse_list(problems, case, "measures", _parse_measure)
    concerns = _parse_list(problems, case, "concerns", _parse_concern)
    documents = _parse_list(problems, case, "documents", _parse_document)

    for list_name, items in (("persons", persons), ("measures", measures),
                             ("concerns", concerns), ("documents", documents)):
        _check_unique_ids(problems, list_name, items)
    references = [(f"participants[{i}].person_id", p.person_id) for i, p in enumerate(participants)]
    references += [(f"concerns[{i}].reported_by", c.reported_by) for i, c in enumerate(concerns)]
    references += [(f"documents[{i}].author_id", d.author_id) for i, d in enumerate(documents)]
    for place, person_id in references:
        if person_id is not None and person_id not in person_ids:
            problems.append(f"{place}: refers to person {person_id}, who is not in this case's persons")
    children = sum(1 for p in participants if p.role == Role.CHILD)
    if "participants" in case.obj and children != 1:
        problems.append(f"participants: a case has exactly one child, this one has {children}")

    if problems:
        raise RecordProblems(problems)
    return CaseRecord(case_id, opened_on, tuple(persons), tuple(participants), tuple(measures),
                      tuple(concerns), tuple(documents))


def _parse_list(problems, case: _Reader, list_name: str, parse_item) -> list:
    parsed = []
    for index, item in enumerate(case.items(list_name)):
        before = len(problems)
        record = parse_item(problems, item, _item_where(list_name, index, item))
        if len(problems) == before:
            parsed.append(record)
    return parsed


def _check_unique_ids(problems: list[str], list_name: str, items) -> None:
    seen = set()
    for item in items:
        if item.id in seen:
            problems.append(f"{list_name}: id {item.id} appears more than once")
        seen.add(item.id)


PERSON_KEYS = {"id", *PERSON_FIELDS, "parental_authority_withdrawn"}


def _parse_person(problems, item, where) -> PersonRecord:
    r = _Reader(problems, item, where, PERSON_KEYS, {"id", "last_name"})
    nir = r.text("nir")
    if nir is not None:
        nir = compact_nir(nir)
        if not nir_has_shape(nir):
            r.problem("is not a NIR of 15 characters (13 digits, 2A or 2B allowed, and a 2-digit key)", "nir")
    return PersonRecord(
        id=r.text("id", required=True), last_name=r.text("last_name", required=True),
        first_names=r.text("first_names"), birth_date=r.day("birth_date"),
        birth_place=r.text("birth_place"), sex=r.choice("sex", Sex), nir=nir,
        address=r.text("address"), phone=r.text("phone"), email=r.text("email"),
        caf_number=r.text("caf_number"),
        parental_authority_withdrawn=r.flag("parental_authority_withdrawn"),
    )


def _parse_participant(problems, item, where) -> ParticipantRecord:
    r = _Reader(problems, item, where, {"person_id", "role"}, {"person_id", "role"})
    return ParticipantRecord(r.text("person_id", required=True), r.choice("role", Role, required=True))


def _parse_measure(problems, item, where) -> MeasureRecord:
    r = _Reader(problems, item, where, {"id", "type", "started_on", "ended_on"}, {"id", "type", "started_on"})
    measure = MeasureRecord(r.text("id", required=True), r.choice("type", MeasureType, required=True),
                            r.day("started_on", required=True), r.day("ended_on"))
    if measure.started_on and measure.ended_on and measure.ended_on < measure.started_on:
        r.problem("the measure ends before it starts", "ended_on")
    return measure


def _parse_concern(problems, item, where) -> ConcernRecord:
    r = _Reader(problems, item, where, {"id", "received_on", "outcome", "closed_on", "reported_by"},
                {"id", "received_on", "outcome"})
    concern = ConcernRecord(r.text("id", required=True), r.day("received_on", required=True),
                            r.choice("outcome", ConcernOutcome, required=True), r.day("closed_on"),
                            r.text("reported_by"))
    if concern.received_on and concern.closed_on and concern.closed_on < concern.received_on:
        r.problem("the concern is closed before it was received", "closed_on")
    if concern.outcome == ConcernOutcome.PENDING and concern.closed_on:
        r.problem("a pending concern cannot have been closed", "closed_on")
    return concern


def _parse_document(problems, item, where) -> DocumentRecord:
    r = _Reader(problems, item, where, {"id", "kind", "written_on", "author_id", "text"},
                {"id", "kind", "written_on", "text"})
    return DocumentRecord(r.text("id", required=True), r.choice("kind", DocumentKind, required=True),
                          r.day("written_on", required=True), r.text("text", required=True),
                          r.text("author_id"))
