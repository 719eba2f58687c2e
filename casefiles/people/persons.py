"""The read model of persons and participants: plain values out, what is sealed already opened.

A person out of daily use has their identifying fields sealed under their own key (the plain columns
are blank); every read of a person goes through here, so no caller can forget to open them. Reads are
batched in bounded IN lists, and the vault (and the master key) is asked only when something is sealed.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.crypto.vault import Vault
from casefiles.kernel.errors import NotFound
from casefiles.kernel.vocabulary import IDENTIFYING_FIELDS, PERSON_FIELDS, Role
from casefiles.persistence.db import chunks
from casefiles.persistence.models import Participation, Person


@dataclass(frozen=True)
class PersonView:
    """A person's record, opened. `sealed` says that it is out of daily use (kept sealed in the store)."""

    id: str
    last_name: str
    first_names: str | None
    birth_date: date | None
    birth_place: str | None
    sex: str | None
    nir: str | None
    address: str | None
    phone: str | None
    email: str | None
    caf_number: str | None
    parental_authority_withdrawn: bool
    sealed: bool

    @property
    def name(self) -> str:
        return " ".join(filter(None, (self.first_names, self.last_name)))

    def fields(self, names: Iterable[str] = PERSON_FIELDS) -> dict:
        return {name: getattr(self, name) for name in names}


@dataclass(frozen=True)
class Participant:
    """A person taking part in a case, in one role (a person can hold several roles in a case)."""

    case_id: str
    role: str
    person: PersonView


def persons(session: Session, vault: Vault, person_ids: Collection[str]) -> dict[str, PersonView]:
    """{person id: the person, opened} for those of `person_ids` that exist."""
    plain_columns = [getattr(Person, field) for field in PERSON_FIELDS]
    rows: dict[str, tuple] = {}
    sealed: dict[str, bytes] = {}
    for chunk in chunks(sorted(set(person_ids))):
        for person_id, data, withdrawn, *plain in session.execute(
                select(Person.id, Person.sealed, Person.parental_authority_withdrawn, *plain_columns)
                .where(Person.id.in_(chunk))):
            rows[person_id] = (withdrawn, dict(zip(PERSON_FIELDS, plain, strict=True)))
            if data is not None:
                sealed[person_id] = data
    opened = vault.open_persons(session, sealed) if sealed else {}
    views = {}
    for person_id, (withdrawn, values) in rows.items():
        if person_id in opened:
            values |= {field: opened[person_id].get(field) for field in IDENTIFYING_FIELDS}
        views[person_id] = PersonView(person_id, **values, parental_authority_withdrawn=bool(withdrawn),
                                      sealed=person_id in sealed)
    return views


def person(session: Session, vault: Vault, person_id: str) -> PersonView | None:
    """The person, opened; None when no person has that id."""
    return persons(session, vault, [person_id]).get(person_id)


def existing_person(session: Session, vault: Vault, person_id: str, missing: str) -> PersonView:
    """The person, opened; NotFound with the message `missing` when no person has that id."""
    found = person(session, vault, person_id)
    if found is None:
        raise NotFound(missing)
    return found


def roles(session: Session, *, case_ids: Collection[str] | None = None, person_ids: Collection[str] | None = None,
          role: str | None = None) -> list[tuple[str, str, str]]:
    """(case id, person id, role) of the cases' participants, or of the persons' participations, by case,
    role and person. Ids and roles only: nothing sealed is read."""
    column, ids = (Participation.case_id, case_ids) if case_ids is not None else (Participation.person_id, person_ids)
    if ids is None:
        raise TypeError("roles() needs case_ids or person_ids")
    found = []
    for chunk in chunks(sorted(set(ids))):
        query = select(Participation.case_id, Participation.person_id, Participation.role).where(column.in_(chunk))
        if role is not None:
            query = query.where(Participation.role == role)
        found.extend(tuple(row) for row in session.execute(query))
    return sorted(found, key=lambda row: (row[0], row[2], row[1]))


def participants(session: Session, vault: Vault, case_ids: Collection[str], role: str | None = None
                 ) -> list[Participant]:
    """The participants of the cases (only those in `role` when given), by case, role and person, each
    with the person opened."""
    rows = roles(session, case_ids=case_ids, role=role)
    people = persons(session, vault, {person_id for _, person_id, _ in rows})
    return [Participant(case_id, person_role, people[person_id]) for case_id, person_id, person_role in rows]


def children(session: Session, vault: Vault, case_ids: Collection[str]) -> dict[str, PersonView]:
    """{case id: the case's child, opened}, for the cases that have one."""
    return {p.case_id: p.person for p in participants(session, vault, case_ids, role=Role.CHILD)}


IDENTITY_FIELDS = ("last_name", "first_names", "nir", "phone", "email", "caf_number", "birth_date", "birth_place",
                   "address")


@dataclass(frozen=True)
class Identity:
    """What names a participant in free text: names, identifiers, birth date and place, address, with every
    role in the case."""

    person_id: str
    roles: str
    last_name: str
    first_names: str | None
    nir: str | None
    phone: str | None
    email: str | None
    caf_number: str | None
    birth_date: date | None = None
    birth_place: str | None = None
    address: str | None = None


def identities(session: Session, vault: Vault, case_ids: Collection[str]) -> dict[str, list[Identity]]:
    """{case id: its participants' identities, by person id}, for every case in `case_ids`."""
    by_case: dict[str, dict[str, list[str]]] = {case_id: {} for case_id in case_ids}
    people: dict[str, PersonView] = {}
    for participant in participants(session, vault, case_ids):
        by_case[participant.case_id].setdefault(participant.person.id, []).append(participant.role)
        people[participant.person.id] = participant.person
    return {case_id: [Identity(person_id, ",".join(person_roles), *people[person_id].fields(IDENTITY_FIELDS).values())
                      for person_id, person_roles in sorted(found.items())]
            for case_id, found in by_case.items()}
