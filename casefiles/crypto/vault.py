"""Crypto-shredding: what is out of daily use is kept encrypted under a key of its own.

When a case is archived its documents' text is sealed under the case's key; a person's identifying
fields are sealed under the person's own key once no case in daily use refers to them (a person can be
in several cases, so they cannot share one case's key). Each key is wrapped by the master key, which
lives outside the database. Destroying a case or a person deletes its key first: every copy of the
sealed rows, in any backup, is then unreadable once the master key that wrapped that copy's keys is
retired (`oubli keys rotate`). A case that comes back into daily use is opened again.

The master key is read only when something sealed is touched, so daily work on active cases never
needs it; the first time it is read, every stored key must have been wrapped by it, or nothing happens.

A sealed person stays findable through the blind index (casefiles/crypto/blind_index.py): their entries
are written as they are sealed, replaced as they are resealed, deleted as they are opened again.
"""

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date

from sqlalchemy import bindparam, delete, exists, select, true, update
from sqlalchemy.orm import Session, attributes

from casefiles.crypto import sealing
from casefiles.crypto.blind_index import BlindIndex
from casefiles.kernel.names import search_name
from casefiles.kernel.vocabulary import IDENTIFYING_FIELDS, CaseState, RecordKind
from casefiles.persistence.db import chunks
from casefiles.persistence.models import (
    BlindIndexEntry,
    Case,
    Concern,
    DataKey,
    Document,
    Participation,
    Person,
    RecordHistory,
)

SEALED_FIELDS = IDENTIFYING_FIELDS
BLANK = {field: None for field in SEALED_FIELDS} | {"last_name": "", "search_name": ""}
CASE, PERSON = RecordKind.CASE, RecordKind.PERSON


def _binding(owner_type: str, owner_id: str) -> str:
    return f"{owner_type}:{owner_id}"


def _fields_to_bytes(values: dict) -> bytes:
    return json.dumps({k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()},
                      ensure_ascii=False).encode("utf-8")


def _fields_from_bytes(data: bytes) -> dict:
    values = json.loads(data)
    if values.get("birth_date"):
        values["birth_date"] = date.fromisoformat(values["birth_date"])
    return values


class Vault:
    """Seals and opens with data keys, each wrapped by the master key that `load_master` reads. Without
    an `index` (a key rotation, which only re-wraps) no person can be sealed."""

    def __init__(self, load_master: Callable[[], bytes], index: BlindIndex | None = None):
        self._load_master = load_master
        self.index = index
        self._master: bytes | None = None
        self._keys: dict[tuple[str, str], bytes] = {}

    def master(self, session: Session) -> bytes:
        if self._master is None:
            master = self._load_master()
            check_master(session, master)
            self._master = master
        return self._master

    # --- keys -------------------------------------------------------------------------------------

    def _keys_of(self, session: Session, owner_type: str, ids: Collection[str], create_on: date | None = None
                 ) -> dict[str, bytes]:
        """The unwrapped keys of `ids`; missing ones are made when `create_on` is given."""
        master = self.master(session)
        wanted = [i for i in ids if (owner_type, i) not in self._keys]
        for chunk in chunks(wanted):
            for owner_id, wrapped in session.execute(select(DataKey.owner_id, DataKey.wrapped_key).where(
                    DataKey.owner_type == owner_type, DataKey.owner_id.in_(chunk))):
                self._keys[owner_type, owner_id] = sealing.decrypt(master, wrapped, _binding(owner_type, owner_id))
        missing = [i for i in ids if (owner_type, i) not in self._keys]
        if missing and create_on is not None:
            rows = []
            for owner_id in missing:
                key = sealing.new_data_key()
                self._keys[owner_type, owner_id] = key
                rows.append({"owner_type": owner_type, "owner_id": owner_id, "created_on": create_on,
                             "wrapped_key": sealing.encrypt(master, key, _binding(owner_type, owner_id)),
                             "master_key_id": sealing.key_id(master)})
            session.execute(DataKey.__table__.insert(), rows)
        elif missing:
            raise sealing.KeyProblem(f"the key of {owner_type} {missing[0]} is gone: its sealed data cannot be read")
        return {i: self._keys[owner_type, i] for i in ids}

    def forget(self, session: Session, owner_type: str, ids: Collection[str]) -> None:
        """Delete the keys: what they sealed can never be read again, here or in any copy."""
        for chunk in chunks(list(ids)):
            session.execute(delete(DataKey).where(DataKey.owner_type == owner_type, DataKey.owner_id.in_(chunk)))
            for owner_id in chunk:
                self._keys.pop((owner_type, owner_id), None)

    # --- sealing and opening ----------------------------------------------------------------------

    def seal_cases(self, session: Session, case_ids: Collection[str], as_of: date) -> None:
        """Seal the documents of `case_ids` and their persons that no case in daily use refers to.
        Idempotent: what is sealed already is left as it is."""
        if not case_ids:
            return
        documents = session.execute(select(Document.id, Document.case_id, Document.text).where(
            Document.case_id.in_(case_ids), Document.sealed_text.is_(None))).all()
        keys = self._keys_of(session, CASE, sorted({case_id for _, case_id, _ in documents}), create_on=as_of)
        if documents:
            session.execute(update(Document.__table__).where(Document.__table__.c.id == bindparam("doc_id")), [
                {"doc_id": doc_id, "text": "",
                 "sealed_text": sealing.encrypt(keys[case_id], text.encode("utf-8"), _binding("document", doc_id))}
                for doc_id, case_id, text in documents])
        persons = list(session.scalars(select(Person.id).where(Person.id.in_(referred_persons(case_ids)),
                                                               Person.sealed.is_(None))))
        in_daily_use = still_referred(session, persons, only_active=True)
        self.seal_persons(session, [p for p in persons if p not in in_daily_use], as_of)

    def seal_persons(self, session: Session, person_ids: list[str], as_of: date) -> None:
        if not person_ids:
            return
        keys = self._keys_of(session, PERSON, person_ids, create_on=as_of)
        columns = [getattr(Person, field) for field in SEALED_FIELDS]
        rows = session.execute(select(Person.id, *columns).where(Person.id.in_(person_ids))).all()
        self._indexed().write(session, {person_id: dict(zip(SEALED_FIELDS, values, strict=True))
                                        for person_id, *values in rows})
        session.execute(update(Person.__table__).where(Person.__table__.c.id == bindparam("person_id")), [
            BLANK | {"person_id": person_id, "sealed": sealing.encrypt(
                keys[person_id], _fields_to_bytes(dict(zip(SEALED_FIELDS, values, strict=True))),
                _binding(PERSON, person_id))}
            for person_id, *values in rows])

    def open_cases(self, session: Session, case_ids: Collection[str]) -> None:
        """A case back in daily use: its documents and persons in clear again, their keys deleted."""
        if not case_ids:
            return
        documents = session.execute(select(Document.id, Document.case_id, Document.sealed_text).where(
            Document.case_id.in_(case_ids), Document.sealed_text.is_not(None))).all()
        if documents:
            texts = self.document_texts(session, documents)
            session.execute(update(Document.__table__).where(Document.__table__.c.id == bindparam("doc_id")), [
                {"doc_id": doc_id, "text": texts[doc_id], "sealed_text": None} for doc_id, _, _ in documents])
        persons = list(session.scalars(select(Person.id).where(Person.id.in_(referred_persons(case_ids)),
                                                               Person.sealed.is_not(None))))
        if persons:
            values = self.person_fields(session, persons)
            session.execute(update(Person.__table__).where(Person.__table__.c.id == bindparam("person_id")), [
                values[p] | {"person_id": p, "sealed": None,
                             "search_name": search_name(values[p]["first_names"], values[p]["last_name"])}
                for p in persons])
        BlindIndex.drop(session, persons)
        self.forget(session, CASE, case_ids)
        self.forget(session, PERSON, persons)

    def document_texts(self, session: Session, documents: Iterable[tuple[str, str, bytes | None]]) -> dict[str, str]:
        """{document id: text} for rows of (id, case id, sealed text or None when in clear)."""
        sealed = [row for row in documents if row[2] is not None]
        keys = self._keys_of(session, CASE, sorted({case_id for _, case_id, _ in sealed}))
        return {doc_id: sealing.decrypt(keys[case_id], data, _binding("document", doc_id)).decode("utf-8")
                for doc_id, case_id, data in sealed}

    def person_fields(self, session: Session, person_ids: Collection[str]) -> dict[str, dict]:
        """The identifying fields of each person, opened where sealed (reads go through
        casefiles/people/persons.py; this serves opening a case again)."""
        columns = [getattr(Person, field) for field in SEALED_FIELDS]
        values: dict[str, dict] = {}
        sealed: dict[str, bytes] = {}
        for chunk in chunks(list(person_ids)):
            for person_id, data, *plain in session.execute(select(Person.id, Person.sealed, *columns)
                                                           .where(Person.id.in_(chunk))):
                if data is None:
                    values[person_id] = dict(zip(SEALED_FIELDS, plain, strict=True))
                else:
                    sealed[person_id] = data
        return values | self.open_persons(session, sealed)

    def open_persons(self, session: Session, sealed: Mapping[str, bytes]) -> dict[str, dict]:
        """{person id: identifying fields} from each person's sealed value."""
        keys = self._keys_of(session, PERSON, list(sealed))
        return {person_id: _fields_from_bytes(sealing.decrypt(keys[person_id], data, _binding(PERSON, person_id)))
                for person_id, data in sealed.items()}

    def open_person(self, session: Session, person: Person) -> Person:
        """Fill a loaded sealed person with its values, without marking it changed (nothing is written)."""
        if person.sealed is not None:
            for field, value in self.person_fields(session, [person.id])[person.id].items():
                attributes.set_committed_value(person, field, value)
        return person

    def reseal_person(self, session: Session, person_id: str, values: Mapping, as_of: date) -> None:
        """Seal a sealed person's changed identifying fields again under their key (the plain columns
        stay blank)."""
        key = self._keys_of(session, PERSON, [person_id], create_on=as_of)[person_id]
        self._indexed().write(session, {person_id: values})
        session.execute(update(Person).where(Person.id == person_id).values(sealed=sealing.encrypt(
            key, _fields_to_bytes({field: values[field] for field in SEALED_FIELDS}), _binding(PERSON, person_id))))

    def index_missing(self, session: Session) -> int:
        """Index every sealed person who has no entry yet (sealed before the index existed); returns how
        many were indexed."""
        index = self._indexed()
        index.key(session)  # a wrong index key is refused before anything is opened
        indexed = select(BlindIndexEntry.person_id).where(BlindIndexEntry.person_id == Person.id).exists()
        missing = list(session.scalars(select(Person.id).where(Person.sealed.is_not(None), ~indexed)
                                       .order_by(Person.id)))
        for chunk in chunks(missing):
            sealed = dict(session.execute(select(Person.id, Person.sealed).where(Person.id.in_(chunk))).all())
            index.write(session, self.open_persons(session, sealed))
        return len(missing)

    def _indexed(self) -> BlindIndex:
        if self.index is None:
            raise TypeError("this vault has no blind index: it cannot seal persons")
        return self.index

    def rewrap_all(self, session: Session, new_master: bytes) -> int:
        """Wrap every data key (and every rectification history key) under `new_master`; no data is
        touched. Checks first that the current master key wrapped them all."""
        old = self.master(session)
        new_id = sealing.key_id(new_master)

        def rewrap(wrapped: bytes, binding: str) -> bytes:
            return sealing.encrypt(new_master, sealing.decrypt(old, wrapped, binding), binding)

        keys = [{"kind": kind, "owner": owner, "wrapped_key": rewrap(wrapped, _binding(kind, owner)),
                 "master_key_id": new_id} for kind, owner, wrapped in
                session.execute(select(DataKey.owner_type, DataKey.owner_id, DataKey.wrapped_key))]
        if keys:
            table = DataKey.__table__
            session.execute(update(table).where(table.c.owner_type == bindparam("kind"),
                                                table.c.owner_id == bindparam("owner")), keys)
        history = [{"history_id": row_id, "wrapped_key": rewrap(wrapped, sealing.history_binding(person_id, field)),
                    "master_key_id": new_id} for row_id, person_id, field, wrapped in
                   session.execute(select(RecordHistory.id, RecordHistory.person_id, RecordHistory.field,
                                          RecordHistory.wrapped_key).where(RecordHistory.wrapped_key.is_not(None)))]
        if history:
            table = RecordHistory.__table__
            session.execute(update(table).where(table.c.id == bindparam("history_id")), history)
        self._master, self._keys = new_master, {}
        return len(keys) + len(history)


def check_master(session: Session, master: bytes) -> None:
    """Refuse a master key that did not wrap the stored keys, before anything is changed."""
    current = sealing.key_id(master)
    for model in (DataKey, RecordHistory):
        other = session.scalar(select(model.master_key_id).where(model.master_key_id.is_not(None),
                                                                 model.master_key_id != current).limit(1))
        if other:
            raise sealing.KeyProblem(
                f"the stored keys were wrapped by master key {other}, not by the master key given ({current}): "
                "restore the right master.key from its backup (or finish an interrupted `oubli keys rotate`); "
                "nothing was changed")


REFERENCES = ((Participation.person_id, Participation.case_id), (Document.author_id, Document.case_id),
              (Concern.reported_by, Concern.case_id))  # (person column, case column): how a case refers to a person


def referred_persons(case_ids: Collection[str]):
    """The ids of the persons the cases refer to: participants, authors, reporters (a subquery)."""
    first, *rest = (select(person).where(case.in_(case_ids), person.is_not(None)) for person, case in REFERENCES)
    return first.union(*rest)


def still_referred(session: Session, person_ids: Collection[str], only_active: bool = False) -> set[str]:
    """Those of `person_ids` that some case refers to (some active case when `only_active`). Each query
    starts from the ids and looks each case up by its key, so neither planner (without statistics after
    an import) can choose to read every active case's rows instead."""
    found: set[str] = set()
    for chunk in chunks(list(person_ids)):
        for person, case in REFERENCES:
            active = exists().where(Case.id == case, Case.state == CaseState.ACTIVE) if only_active else true()
            found.update(session.scalars(select(person).where(person.in_(chunk), active).distinct()))
    return found
