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
        for form in self.mapping.dates.formats:
            try:
                return datetime.strptime(raw, form).date()
            except ValueError:
                continue
        self.problem("bad_date", where(section, name))
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
    dossier = _Case(mapping)
    if rows.dossier is None:
        dossier.problem("missing_required", where(mapping.dossiers, "id"))
        return [_refused(rows.key, dossier)]
    rows = _ordered(rows)
    persons = _persons(rows, mapping, seen, dossier)
    roles = mapping.participants
    children: list[str] = []
    adults: list[tuple[str, str, str | None]] = []  # person id, Oubli's role, the source's label
    for row in rows.participants:
        person_id, code = text(row.get("person")), text(row.get("role"))
        if person_id is None or code is None:
            dossier.problem("missing_required", where(roles, "person" if person_id is None else "role"))
            continue
        if code not in roles.codes:
            dossier.problem("unknown_code", where(roles, "role"))
            continue
        if person_id not in persons:
            dossier.problem("missing_required", where(mapping.persons, "id"))
            continue
        label = labels.get("participants", {}).get(code, code)
        for role in roles.codes[code]:
            if role == Role.CHILD:
                children.append(person_id)
            else:
                adults.append((person_id, role, label))
    children = sorted(set(children))
    if not children:
        dossier.problem("no_child", where(roles, "role"))
        return [_refused(rows.key, dossier)]
    for name, items in rows.items.items():
        section = mapping.items()[name]
        if any(text(row.get("child")) not in (None, *children) for row in items):
            dossier.problem("unknown_child", where(section, "child"))
    child_label = {text(row.get("person")): labels.get("participants", {}).get(text(row.get("role")) or "", "")
                   for row in rows.participants}
    return [_case(rows, child, children, adults, persons, child_label, mapping, labels, lengths, dossier)
            for child in children]


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


def _case(rows: DossierRows, child: str, children: list[str], adults: list[tuple[str, str, str | None]],
          persons: dict[str, Row], child_label: dict[str | None, str], mapping: Mapping,
          labels: dict[str, dict[str, str]], lengths: Lengths, dossier: _Case) -> SourceCase:
    source_id = f"{rows.key}/{child}"
    case_id = mapping.ids.case.format(dossier=rows.key, child=child)
    case = _Case(mapping)
    case.problems |= dossier.problems

    def person(source_person: str) -> str:
        return mapping.ids.person.format(id=source_person)

    participants = [(child, Role.CHILD.value, child_label.get(child) or None)]
    if mapping.split.other_children == "sibling":
        participants += [(other, Role.SIBLING.value, child_label.get(other) or None) for other in children
                         if other != child]
    participants += adults
    in_case = {person_id for person_id, _, _ in participants}
    roles: dict[tuple[str, str], str | None] = {}  # a role given by two codes is one participation
    for person_id, role, label in participants:
        roles.setdefault((person(person_id), role), label)
    obj: dict[str, Any] = {
        "id": case_id,
        "persons": [_person_record(persons[p], mapping, case) for p in sorted(in_case)],
        "participants": [{"person_id": p, "role": role, **({"source_label": label} if label else {})}
                         for (p, role), label in roles.items()],
    }
    child_record = persons[child]
    if "nir" in mapping.persons.columns and text(child_record.get("nir")) is None:
        case.problem("missing_nir", where(mapping.persons, "nir"))

    def mine(name: str) -> list[Row]:
        return [row for row in rows.items.get(name, []) if text(row.get("child")) in (None, child)]

    def item_id(row: Row, section: Section) -> str | None:
        raw = text(row.get("id"))
        if raw is None:
            case.problem("missing_required", where(section, "id"))
            return None
        return mapping.ids.item.format(case=case_id, dossier=rows.key, child=child, id=raw)

    def code(row: Row, section: Section, codes: dict) -> tuple[str | None, Any]:
        raw = text(row.get("code"))
        if raw is None:
            case.problem("missing_required", where(section, "code"))
            return None, None
        if raw not in codes:
            case.problem("unknown_code", where(section, "code"))
            return raw, None
        return raw, codes[raw]

    def reference(row: Row, name: str, section: Section) -> str | None:
        raw = text(row.get(name))
        if raw is None:
            return None
        if raw not in in_case:
            case.problem("unknown_person", where(section, name))
            return None
        return person(raw)

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    def labelled(name: str, raw: str | None) -> dict:
        return {"source_label": labels.get(name, {}).get(raw or "", raw)} if raw else {}

    measures, dates, running = [], [], 0
    if mapping.measures:
        on = mapping.measures
        for row in mine("measures"):
            raw, mapped = code(row, on, on.codes)
            started = case.day(row.get("started_on"), on, "started_on", required=True)
            ended = case.day(row.get("ended_on"), on, "ended_on")
            dates.append(started)
            running += text(row.get("ended_on")) is None and mapped is not None
            measures.append({"id": item_id(row, on), "type": mapped and mapped.type,
                             "nature": mapped and mapped.framework, "started_on": iso(started),
                             **({"ended_on": iso(ended)} if ended else {}), **labelled("measures", raw)})
    concerns = []
    if mapping.concerns:
        about = mapping.concerns
        for row in mine("concerns"):
            raw, mapped = code(row, about, about.codes)
            received = case.day(row.get("received_on"), about, "received_on", required=True)
            closed = case.day(row.get("closed_on"), about, "closed_on")
            dates.append(received)
            concerns.append({"id": item_id(row, about), "outcome": mapped, "received_on": iso(received),
                             **({"closed_on": iso(closed)} if closed else {}),
                             **({"reported_by": by} if (by := reference(row, "reported_by", about)) else {}),
                             **labelled("concerns", raw)})
    documents = []
    if mapping.documents:
        written_in = mapping.documents
        for row in mine("documents"):
            raw, mapped = code(row, written_in, written_in.codes)
            written = case.day(row.get("written_on"), written_in, "written_on", required=True)
            body = row.get("text")
            if text(body) is None:
                case.problem("missing_required", where(written_in, "text"))
            dates.append(written)
            documents.append({"id": item_id(row, written_in), "kind": mapped, "written_on": iso(written),
                              "text": str(body or ""),
                              **({"author_id": by} if (by := reference(row, "author", written_in)) else {}),
                              **labelled("documents", raw)})
    proceedings = []
    if mapping.proceedings:
        pending = mapping.proceedings
        for row in mine("proceedings"):
            _, kind = code(row, pending, pending.codes)
            started = case.day(row.get("started_on"), pending, "started_on", required=True)
            ended = case.day(row.get("ended_on"), pending, "ended_on")
            proceeding_id = item_id(row, pending)
            if kind and started and proceeding_id:
                proceedings.append(Proceeding(proceeding_id, kind, started, ended))

    opened = case.day(rows.dossier.get("opened_on") if rows.dossier else None, mapping.dossiers, "opened_on")
    if opened is None and not case.problems & {("bad_date", where(mapping.dossiers, "opened_on"))}:
        known = [day for day in dates if day is not None]
        if known:
            opened = min(known)
            case.problem("missing_opening_date", where(mapping.dossiers, "opened_on"))
        else:
            case.problem("missing_required", where(mapping.dossiers, "opened_on"))
    closed = case.day(rows.dossier.get("closed_on") if rows.dossier else None, mapping.dossiers, "closed_on")
    if closed is not None and running:
        case.problem("closed_with_running_measure", where(mapping.dossiers, "closed_on"))
    obj |= {"opened_on": iso(opened), "measures": measures, "concerns": concerns, "documents": documents}

    record = None
    if not any(kind in BLOCKING for kind, _ in case.problems):
        try:
            record = parse_case(obj, lengths)
        except RecordProblems as error:
            for message in error.problems:
                case.problem("invalid_record", message.split(": ", 1)[0])
    if any(kind in BLOCKING for kind, _ in case.problems):
        record = None
    return SourceCase(source_id, record, tuple(proceedings),
                      tuple(Problem(source_id, kind, place) for kind, place in sorted(case.problems)))
