"""One dossier of a case system, its rows read through the mapping, assembled into Oubli's cases. Pure.

A family dossier gives one case per child: the child, the dossier's adults (parents, referent, informants)
and, as siblings, the other children (if the mapping says so); the measures, concerns, documents and
proceedings attached to that child or to the whole family (no child named). Ids are made by the mapping's
templates (items prefixed by their case: the source numbers them again in each dossier). Dates are parsed by
the mapping's formats and codes mapped by its tables, the source's label kept beside the mapped value.
The record goes through the import's own checks (`parse_case`). Problems name the case's source id and a
kind, and where (a table and column, never a value); a problem that leaves the record unfaithful
(an unknown code, a date that cannot be read, a required value missing) leaves the case without record.
"""

import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from casefiles.ingest.mapping import Mapping, Section
from casefiles.ingest.records import Lengths, RecordProblems, parse_case
from casefiles.ingest.source_case import Problem, Proceeding, SourceCase
from casefiles.kernel.vocabulary import PERSON_FIELDS, Role

Row = dict[str, Any]  # a row by the mapping's names (id, code, started_on, ...), values as the source gives them
# A digest of each person's values by person id, across the dossiers read: a person described two ways is
# found with 16 bytes a person, whatever the source's size.
PersonDigests = MutableMapping[str, bytes]
# Problems after which the case cannot be built faithfully: it is left out.
BLOCKING = frozenset({"unknown_code", "bad_date", "missing_required", "no_child", "unknown_child", "invalid_record"})


@dataclass
class DossierRows:
    """One dossier's rows from each section of the mapping (`items`: measures, concerns, documents,
    proceedings), by the mapping's names; `dossier` is None when only other tables name the dossier."""

    key: str
    dossier: Row | None
    persons: list[Row] = field(default_factory=list)
    participants: list[Row] = field(default_factory=list)
    items: dict[str, list[Row]] = field(default_factory=dict)


def text(value: object) -> str | None:
    """A source's value as text: None for NULL and for an empty text (CSV exports cannot tell them apart)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    value = str(value).strip()
    return value or None


def where(section: Section, name: str) -> str:
    """A column by the source's names (TABLE.COLUMN), or the mapping's key for a query."""
    column = section.columns.get(name, name)
    return f"{section.table}.{column}" if section.table else column


class _Case:
    """The problems of one case (or of every case of the dossier), and a day parser that reports them."""

    def __init__(self, mapping: Mapping):
        self.mapping, self.problems = mapping, set[tuple[str, str]]()

    def problem(self, kind: str, place: str) -> None:
        self.problems.add((kind, place))

    def day(self, value: object, section: Section, name: str, required: bool = False) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        raw = text(value)
        if raw is None:
            if required:
                self.problem("missing_required", where(section, name))
            return None
        day = _parse_day(raw, tuple(self.mapping.dates.formats))
        if day is None:
            self.problem("bad_date", where(section, name))
        return day


@lru_cache(maxsize=1 << 16)  # a source's dates repeat: strptime is the assembling's slowest step otherwise
def _parse_day(raw: str, formats: tuple[str, ...]) -> date | None:
    for form in formats:
        try:
            return datetime.strptime(raw, form).date()
        except ValueError:
            continue
    return None


def _digest(row: Row) -> bytes:
    values = "\x1f".join(text(row.get(name)) or "" for name in (*PERSON_FIELDS, "parental_authority_withdrawn"))
    return hashlib.blake2b(values.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _persons(rows: DossierRows, mapping: Mapping, seen: PersonDigests, dossier: _Case) -> dict[str, Row]:
    """Each person once, by source id: of two rows for one id, the most recently changed (then the one with the
    greatest digest, so that every backend chooses the same); a person described two ways is a problem."""
    chosen: dict[str, tuple[str, bytes, Row]] = {}
    twice: set[str] = set()
    for row in rows.persons:
        person_id = text(row.get("id"))
        if person_id is None:
            continue
        candidate = (text(row.get("_changed")) or "", _digest(row), row)
        before = chosen.get(person_id)
        if before is not None and before[1] != candidate[1]:
            twice.add(person_id)
        if before is None or candidate[:2] > before[:2]:
            chosen[person_id] = candidate
    for person_id, (_, digest, _) in chosen.items():
        if seen.setdefault(person_id, digest) != digest:
            twice.add(person_id)
    if twice:
        dossier.problem("person_described_twice", where(mapping.persons, "id"))
    return {person_id: row for person_id, (_, _, row) in chosen.items()}


def _person_record(row: Row, mapping: Mapping, case: _Case) -> dict:
    section = mapping.persons
    record: dict[str, Any] = {"id": mapping.ids.person.format(id=text(row["id"]))}
    for name in PERSON_FIELDS:
        value = text(row.get(name))
        if value is None or name not in section.columns:
            continue
        if name == "birth_date":
            day = case.day(value, section, name)
            value = day.isoformat() if day else None
        elif name == "sex":
            value = section.sex.get(value)
            if value is None:
                case.problem("unknown_code", where(section, name))
        if value is not None:
            record[name] = value
    if "parental_authority_withdrawn" in section.columns:
        record["parental_authority_withdrawn"] = text(row.get("parental_authority_withdrawn")) in section.true_values
    return record


def assemble(rows: DossierRows, mapping: Mapping, labels: dict[str, dict[str, str]], lengths: Lengths,
             seen: PersonDigests) -> list[SourceCase]:
    """The cases of one dossier (one per child), or one without record saying why there is none.
    `labels`: each codes table's labels by section (participants, measures, ...) and code; `seen`: the
    persons' digests so far, updated."""
    dossier, head = _Case(mapping), rows.dossier
    if head is None:
        dossier.problem("missing_required", where(mapping.dossiers, "id"))
        return [_refused(rows.key, dossier)]
    rows = _ordered(rows)
    persons = _persons(rows, mapping, seen, dossier)
    roles, role_labels = mapping.participants, labels.get("participants", {})
    children: dict[str, str | None] = {}  # each child's person id, and the source's word for their role
    adults: list[tuple[str, str, str | None]] = []  # person id, Oubli's role, the source's word
    for row in rows.participants:
        person_id, code = text(row.get("person")), text(row.get("role"))
        if person_id is None or code is None:
            dossier.problem("missing_required", where(roles, "person" if person_id is None else "role"))
        elif code not in roles.codes:
            dossier.problem("unknown_code", where(roles, "role"))
        elif person_id not in persons:
            dossier.problem("missing_required", where(mapping.persons, "id"))
        else:
            for role in roles.codes[code]:
                if role == Role.CHILD:
                    children.setdefault(person_id, role_labels.get(code, code))
                else:
                    adults.append((person_id, role, role_labels.get(code, code)))
    if not children:
        dossier.problem("no_child", where(roles, "role"))
        return [_refused(rows.key, dossier)]
    for name, items in rows.items.items():
        if any(text(row.get("child")) not in (None, *children) for row in items):
            dossier.problem("unknown_child", where(mapping.items()[name], "child"))
    return [_Builder(rows, head, child, mapping, labels, dossier).build(children, adults, persons, lengths)
            for child in sorted(children)]


def _ordered(rows: DossierRows) -> DossierRows:
    """The rows in an order of their own (by id, numbers as numbers, then by value), whatever order the source gave
    them in: the same source gives the same record, and so the same digest, from one read to the next."""
    def key(row: Row) -> tuple:
        first = text(row.get("id")) or text(row.get("person")) or ""
        return len(first), first, sorted((name, text(value) or "") for name, value in row.items())
    return DossierRows(rows.key, rows.dossier, sorted(rows.persons, key=key), sorted(rows.participants, key=key),
                       {name: sorted(items, key=key) for name, items in rows.items.items()})


def _refused(source_id: str, case: _Case) -> SourceCase:
    return SourceCase(source_id, None, problems=tuple(Problem(source_id, kind, place)
                                                      for kind, place in sorted(case.problems)))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class _Builder(_Case):
    """One child's case of a dossier: its record as the import reads it (`parse_case`), and its problems."""

    def __init__(self, rows: DossierRows, dossier: Row, child: str, mapping: Mapping,
                 labels: dict[str, dict[str, str]], problems: _Case):
        super().__init__(mapping)
        self.problems |= problems.problems
        self.rows, self.dossier, self.child, self.labels = rows, dossier, child, labels
        self.source_id = f"{rows.key}/{child}"
        self.case_id = mapping.ids.case.format(dossier=rows.key, child=child)
        self.in_case: set[str] = set()
        self.dates: list[date | None] = []  # of its items, for a dossier without opening date

    def build(self, children: dict[str, str | None], adults: list[tuple[str, str, str | None]],
              persons: dict[str, Row], lengths: Lengths) -> SourceCase:
        mapping, child = self.mapping, self.child
        participants = [(child, Role.CHILD.value, children[child])]
        if mapping.split.other_children == "sibling":
            participants += [(other, Role.SIBLING.value, label) for other, label in children.items() if other != child]
        participants += adults
        self.in_case = {person_id for person_id, _, _ in participants}
        roles: dict[tuple[str, str], str | None] = {}  # a role given by two codes is one participation
        for person_id, role, label in participants:
            roles.setdefault((self.person(person_id), role), label)
        if "nir" in mapping.persons.columns and text(persons[child].get("nir")) is None:
            self.problem("missing_nir", where(mapping.persons, "nir"))
        measures, running = self.measures()
        case: dict[str, Any] = {"id": self.case_id,
                                "persons": [_person_record(persons[p], mapping, self) for p in sorted(self.in_case)],
                                "participants": [{"person_id": p, "role": role,
                                                  **({"source_label": label} if label else {})}
                                                 for (p, role), label in roles.items()],
                                "measures": measures, "concerns": self.concerns(), "documents": self.documents()}
        proceedings = self.proceedings()
        case["opened_on"] = _iso(self.opened_on())
        closed = self.day(self.dossier.get("closed_on"), mapping.dossiers, "closed_on")
        if closed is not None and running:
            self.problem("closed_with_running_measure", where(mapping.dossiers, "closed_on"))
        record = None
        if not self.refused():
            try:
                record = parse_case(case, lengths)
            except RecordProblems as error:
                for message in error.problems:
                    self.problem("invalid_record", message.split(": ", 1)[0])
        return SourceCase(self.source_id, None if self.refused() else record, tuple(proceedings),
                          tuple(Problem(self.source_id, kind, place) for kind, place in sorted(self.problems)))

    def refused(self) -> bool:
        return any(kind in BLOCKING for kind, _ in self.problems)

    def person(self, source_id: str) -> str:
        return self.mapping.ids.person.format(id=source_id)

    def opened_on(self) -> date | None:
        """The dossier's opening date; without one, the earliest date of the case's items."""
        section = self.mapping.dossiers
        opened = self.day(self.dossier.get("opened_on"), section, "opened_on")
        if opened is not None or ("bad_date", where(section, "opened_on")) in self.problems:
            return opened
        known = [day for day in self.dates if day is not None]
        self.problem("missing_opening_date" if known else "missing_required", where(section, "opened_on"))
        return min(known, default=None)

    def mine(self, name: str) -> list[Row]:
        """The rows of a section attached to this child or to the whole family."""
        return [row for row in self.rows.items.get(name, []) if text(row.get("child")) in (None, self.child)]

    def item_id(self, row: Row, section: Section) -> str | None:
        raw = text(row.get("id"))
        if raw is None:
            self.problem("missing_required", where(section, "id"))
            return None
        return self.mapping.ids.item.format(case=self.case_id, dossier=self.rows.key, child=self.child, id=raw)

    def code(self, row: Row, section: Section, codes: dict) -> tuple[str | None, Any]:
        """The row's code, and what the mapping makes of it (None, and a problem, when it does not know it)."""
        raw = text(row.get("code"))
        if raw is None:
            self.problem("missing_required", where(section, "code"))
            return None, None
        if raw not in codes:
            self.problem("unknown_code", where(section, "code"))
            return raw, None
        return raw, codes[raw]

    def labelled(self, name: str, raw: str | None) -> dict:
        return {"source_label": self.labels.get(name, {}).get(raw, raw)} if raw else {}

    def reference(self, row: Row, name: str, section: Section, field: str) -> dict:
        """`{field: person}` for a person of the case; nothing (and a problem) for another."""
        raw = text(row.get(name))
        if raw is None:
            return {}
        if raw not in self.in_case:
            self.problem("unknown_person", where(section, name))
            return {}
        return {field: self.person(raw)}

    def measures(self) -> tuple[list[dict], int]:
        """The measures, and how many have no end."""
        section, measures, running = self.mapping.measures, [], 0
        if section is None:
            return [], 0
        for row in self.mine("measures"):
            raw, mapped = self.code(row, section, section.codes)
            started = self.day(row.get("started_on"), section, "started_on", required=True)
            ended = self.day(row.get("ended_on"), section, "ended_on")
            self.dates.append(started)
            running += text(row.get("ended_on")) is None
            measures.append({"id": self.item_id(row, section), "type": mapped and mapped.type,
                             "nature": mapped and mapped.framework, "started_on": _iso(started),
                             **({"ended_on": _iso(ended)} if ended else {}), **self.labelled("measures", raw)})
        return measures, running

    def concerns(self) -> list[dict]:
        section, concerns = self.mapping.concerns, []
        if section is None:
            return []
        for row in self.mine("concerns"):
            raw, outcome = self.code(row, section, section.codes)
            received = self.day(row.get("received_on"), section, "received_on", required=True)
            closed = self.day(row.get("closed_on"), section, "closed_on")
            self.dates.append(received)
            concerns.append({"id": self.item_id(row, section), "outcome": outcome, "received_on": _iso(received),
                             **({"closed_on": _iso(closed)} if closed else {}),
                             **self.reference(row, "reported_by", section, "reported_by"),
                             **self.labelled("concerns", raw)})
        return concerns

    def documents(self) -> list[dict]:
        section, documents = self.mapping.documents, []
        if section is None:
            return []
        for row in self.mine("documents"):
            raw, kind = self.code(row, section, section.codes)
            written = self.day(row.get("written_on"), section, "written_on", required=True)
            body = row.get("text")
            if text(body) is None:
                self.problem("missing_required", where(section, "text"))
            self.dates.append(written)
            documents.append({"id": self.item_id(row, section), "kind": kind, "written_on": _iso(written),
                              "text": str(body or ""), **self.reference(row, "author", section, "author_id"),
                              **self.labelled("documents", raw)})
        return documents

    def proceedings(self) -> list[Proceeding]:
        section, proceedings = self.mapping.proceedings, list[Proceeding]()
        if section is None:
            return []
        for row in self.mine("proceedings"):
            _, kind = self.code(row, section, section.codes)
            started = self.day(row.get("started_on"), section, "started_on", required=True)
            ended = self.day(row.get("ended_on"), section, "ended_on")
            proceeding_id = self.item_id(row, section)
            if proceeding_id in {proceeding.id for proceeding in proceedings}:
                self.problem("invalid_record", where(section, "id"))  # the import's own lists are checked so
            elif kind and started and proceeding_id:
                proceedings.append(Proceeding(proceeding_id, kind, started, ended))
        return proceedings
