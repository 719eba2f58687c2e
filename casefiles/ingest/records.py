"""The import record format (one case per JSON line) and its validation. Pure: no database.

`parse_case` returns a `CaseRecord` or raises `RecordProblems` listing every problem found, each
naming the field and the item's id, never a personal value (nor an unknown field's name: the file's
text). Every text is checked for what the store can keep (casefiles/kernel/stored_text.py): within
its column's length, which the caller reads from the store and hands in, and without NUL or lone
surrogate; ids are printable, since messages show them. See docs/record-format.md.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import cache

from casefiles.kernel.identifiers import compact_nir, nir_has_shape
from casefiles.kernel.names import search_name
from casefiles.kernel.stored_text import id_is_wrong, what_is_wrong
from casefiles.kernel.vocabulary import (
    PERSON_FIELDS,
    ConcernOutcome,
    DocumentKind,
    MeasureNature,
    MeasureType,
    Role,
    Sex,
)

# The most characters of each text field, by list ("case" for the case's own fields, then "persons",
# "participants", "measures", "concerns", "documents") and field; a field not named has no limit.
Lengths = Mapping[str, Mapping[str, int]]


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
    search_name: str = ""  # first names and last name folded (casefiles/kernel/names.py), as the store keeps them


@dataclass(frozen=True)
class ParticipantRecord:
    person_id: str
    role: str
    source_label: str | None = None  # the case system's own word for the role (a sync keeps it)


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    type: str
    started_on: date
    ended_on: date | None = None
    # The legal framework (administrative or judicial): the type's when not given. A case system's code may
    # say otherwise than its type (a tutelle déférée à l'ASE is judicial, a pupille's placement administrative).
    nature: str = ""
    source_label: str | None = None  # the case system's own label (MJIE, OPP, ...)

    def __post_init__(self) -> None:
        if not self.nature and self.type in _values(MeasureType):
            object.__setattr__(self, "nature", MeasureType(self.type).nature.value)


@dataclass(frozen=True)
class ConcernRecord:
    id: str
    received_on: date
    outcome: str
    closed_on: date | None = None
    reported_by: str | None = None
    source_label: str | None = None  # the case system's own word for the outcome


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    kind: str
    written_on: date
    text: str
    author_id: str | None = None
    source_label: str | None = None  # the case system's own word for the kind


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


@cache
def _values(choices: type) -> frozenset[str]:
    return frozenset(member.value for member in choices)


class _Reader:
    """Reads typed fields from one JSON object, collecting problems instead of stopping at the first.
    `lengths` holds the most characters each text field may have (its column's length)."""

    def __init__(self, problems: list[str], obj: object, where: str, allowed: set[str], required: set[str],
                 lengths: Mapping[str, int]):
        self.problems, self.where, self.lengths = problems, where, lengths
        if not isinstance(obj, dict):
            self.obj: dict = {}
            self.problem("must be a JSON object")
            return
        self.obj = obj
        unknown = set(obj) - allowed
        if unknown:  # by count: an unknown key is the file's text, maybe a personal value
            guesses = sorted({guess for name in sorted(unknown)[:10] if len(name) <= 40
                              for guess in get_close_matches(name, allowed, n=1)})
            self.problem(f"{len(unknown)} unknown field{'s' if len(unknown) > 1 else ''}"
                         + (f" (a misspelt {' or '.join(guesses)}?)" if guesses else "")
                         + f"; the fields here are: {', '.join(sorted(allowed))}")
        for name in sorted(set(getattr(obj, "repeated", ())) & allowed):  # a JsonObject's (json_line.py)
            self.problem("is given more than once in the same object: give each field once", name)
        for name in sorted(required - set(obj)):
            self.problem(f"missing field '{name}'")

    def problem(self, message: str, name: str | None = None) -> None:
        place = f"{self.where}.{name}" if name and self.where else (name or self.where)
        self.problems.append(f"{place}: {message}" if place else message)

    def string(self, name: str, required: bool = False) -> str | None:
        """The field's string as given, not checked for storing (for a choice or a NIR, checked their own way)."""
        value = self.obj.get(name)
        if value is None:
            if required and name in self.obj:
                self.problem("must not be null", name)
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem("must be a non-empty string" if required else "must be a string", name)
            return None
        return value

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.string(name, required)
        wrong = None if value is None else what_is_wrong(value, self.lengths.get(name))
        if wrong:
            self.problem(wrong, name)
            return None
        return value

    def ident(self, name: str, required: bool = False) -> str | None:
        """An id: text shown in messages, so printable."""
        value = self.string(name, required)
        wrong = None if value is None else id_is_wrong(value, self.lengths[name])
        if wrong:
            self.problem(wrong, name)
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
        value = self.string(name, required)
        if value is not None and value not in _values(allowed):
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


def _item_where(list_name: str, index: int, item: object, lengths: Lengths) -> str:
    """Where an item is: its place, and its id when that is one a message may show."""
    item_id, most = (item.get("id") if isinstance(item, dict) else None), lengths[list_name].get("id")
    shown = isinstance(item_id, str) and most is not None and id_is_wrong(item_id, most) is None
    return f"{list_name}[{index}]" + (f" ({item_id})" if shown else "")


def parse_case(obj: object, lengths: Lengths) -> CaseRecord:
    """`lengths`: the most characters of each text field, by list (`case` for the case's own fields),
    as the store's columns hold them (see `casefiles.ingest.store.record_lengths`)."""
    problems: list[str] = []
    case = _Reader(problems, obj, "", {"id", "opened_on", "persons", "participants", "measures",
                                       "concerns", "documents"}, {"id", "opened_on", "persons", "participants"},
                   lengths["case"])
    case_id = case.ident("id", required=True)
    opened_on = case.day("opened_on", required=True)

    persons = _parse_list(problems, case, "persons", _parse_person, lengths)
    # A person with a bad field is still there to refer to: its own problem is reported, not a cascade.
    person_ids = {item["id"] for item in case.items("persons") if isinstance(item, dict)
                  and isinstance(item.get("id"), str)}
    participants = _parse_list(problems, case, "participants", _parse_participant, lengths)
    measures = _parse_list(problems, case, "measures", _parse_measure, lengths)
    concerns = _parse_list(problems, case, "concerns", _parse_concern, lengths)
    documents = _parse_list(problems, case, "documents", _parse_document, lengths)

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


def _parse_list(problems, case: _Reader, list_name: str, parse_item, lengths: Lengths) -> list:
    parsed = []
    for index, item in enumerate(case.items(list_name)):
        before = len(problems)
        record = parse_item(_Reader(problems, item, _item_where(list_name, index, item, lengths),
                                              *FIELDS[list_name], lengths[list_name]))
        if len(problems) == before:
            parsed.append(record)
    return parsed


def _check_unique_ids(problems: list[str], list_name: str, items) -> None:
    seen = set()
    for item in items:
        if item.id in seen:
            problems.append(f"{list_name}: id {item.id} appears more than once")
        seen.add(item.id)


# Each list's fields: those allowed, and those required.
FIELDS = {
    "persons": ({"id", *PERSON_FIELDS, "parental_authority_withdrawn"}, {"id", "last_name"}),
    "participants": ({"person_id", "role", "source_label"}, {"person_id", "role"}),
    "measures": ({"id", "type", "nature", "started_on", "ended_on", "source_label"}, {"id", "type", "started_on"}),
    "concerns": ({"id", "received_on", "outcome", "closed_on", "reported_by", "source_label"},
                 {"id", "received_on", "outcome"}),
    "documents": ({"id", "kind", "written_on", "author_id", "text", "source_label"}, {"id", "kind", "written_on", "text"}),
}


def _parse_person(r: _Reader) -> PersonRecord:
    nir = r.string("nir")
    if nir is not None:
        nir = compact_nir(nir)
        if not nir_has_shape(nir):
            r.problem("is not a NIR of 15 characters (13 digits, 2A or 2B allowed, and a 2-digit key)", "nir")
    first_names, last_name = r.text("first_names"), r.text("last_name", required=True)
    folded = search_name(first_names, last_name)
    if len(folded) > r.lengths["search_name"]:  # folding can lengthen a name: 'ß' -> 'ss', a ligature -> its letters
        r.problem(f"first_names and last_name make {len(folded)} characters once folded for search, "
                  f"at most {r.lengths['search_name']}", "first_names")
    return PersonRecord(
        id=r.ident("id", required=True), last_name=last_name,
        first_names=first_names, birth_date=r.day("birth_date"),
        birth_place=r.text("birth_place"), sex=r.choice("sex", Sex), nir=nir,
        address=r.text("address"), phone=r.text("phone"), email=r.text("email"),
        caf_number=r.text("caf_number"),
        parental_authority_withdrawn=r.flag("parental_authority_withdrawn"), search_name=folded,
    )


def _parse_participant(r: _Reader) -> ParticipantRecord:
    return ParticipantRecord(r.ident("person_id", required=True), r.choice("role", Role, required=True),
                             r.text("source_label"))


def _parse_measure(r: _Reader) -> MeasureRecord:
    measure = MeasureRecord(r.ident("id", required=True), r.choice("type", MeasureType, required=True),
                            r.day("started_on", required=True), r.day("ended_on"),
                            r.choice("nature", MeasureNature) or "", r.text("source_label"))
    if measure.started_on and measure.ended_on and measure.ended_on < measure.started_on:
        r.problem("the measure ends before it starts", "ended_on")
    return measure


def _parse_concern(r: _Reader) -> ConcernRecord:
    concern = ConcernRecord(r.ident("id", required=True), r.day("received_on", required=True),
                            r.choice("outcome", ConcernOutcome, required=True), r.day("closed_on"),
                            r.ident("reported_by"), r.text("source_label"))
    if concern.received_on and concern.closed_on and concern.closed_on < concern.received_on:
        r.problem("the concern is closed before it was received", "closed_on")
    if concern.outcome == ConcernOutcome.PENDING and concern.closed_on:
        r.problem("a pending concern cannot have been closed", "closed_on")
    return concern


def _parse_document(r: _Reader) -> DocumentRecord:
    return DocumentRecord(r.ident("id", required=True), r.choice("kind", DocumentKind, required=True),
                          r.day("written_on", required=True), r.text("text", required=True),
                          r.ident("author_id"), r.text("source_label"))
