"""Deleting a case's personal records: what disposal, an erasure request and a ledger replay stand on.

A person is deleted only when no other case still refers to them (as participant, author of a
document or reporter of a concern); otherwise only the link to this case goes. Keys go first: once a
case's or a person's key is deleted, what it sealed is unreadable wherever a copy lies. Every deleted
case and person is added to the erasure ledger.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from casefiles.crypto.vault import Vault, referred_persons, still_referred
from casefiles.erasure import shredded_keys
from casefiles.erasure.ledger import CASE, PERSON, Ledger
from casefiles.erasure.replay_tombstones import Destroyed, rebuild
from casefiles.erasure.residue import WAIT_SECONDS, clear_residue, finish_pending, mark_pending
from casefiles.kernel.vocabulary import FINAL_STATES, CaseState
from casefiles.persistence.models import (
    ArchiveRead,
    BlindIndexEntry,
    Case,
    Concern,
    DataKey,
    DisposalItem,
    Document,
    HistoryRead,
    LedgerEntry,
    LegalHold,
    Measure,
    Participation,
    Person,
    RecordHistory,
    Restriction,
    Statement,
)
from casefiles.persistence.uow import UnitOfWork

CASE_TABLES = (Document, Measure, Concern, Participation, LegalHold, Restriction, ArchiveRead)
# Every table an erasure deletes from: where residue must be cleared afterwards.
# (transfer_packages: a disposal blanks the archives' reasons for refusing the case's packages.)
PERSON_TABLES = (RecordHistory, HistoryRead, BlindIndexEntry, Statement)  # what goes with a person
ERASED_TABLES = tuple(m.__tablename__ for m in (*CASE_TABLES, *PERSON_TABLES, Person)) + (
    "data_keys", "transfer_packages")


@dataclass(frozen=True)
class Eraser:
    """What erasing needs besides the session: the vault (to delete keys) and the ledger."""

    vault: Vault
    ledger: Ledger

    def erase_cases(self, session: Session, case_ids: Collection[str], action: str, as_of: date) -> int:
        """Delete the keys, documents (with the statements added to them), measures, concerns,
        participations, holds, restrictions and reasons for reading of `case_ids`, then every person they
        referred to that nothing else refers to. Returns how many persons were deleted. The case rows
        stay, for their tombstones."""
        if not case_ids:
            return 0
        self.ledger.check_key(session)  # under a wrong key nothing is erased (and nothing could be recognised)
        ids = list(case_ids)
        referred = set(session.scalars(referred_persons(ids)))
        engine = session.get_bind()
        mark_pending(engine)  # before the commit: a process killed after it still leaves its residue marked
        wrapped = dict(session.execute(select(DataKey.owner_id, DataKey.wrapped_key).where(
            DataKey.owner_type == CASE, DataKey.owner_id.in_(ids))).all())
        shredded_keys.record(engine, {self.ledger.digest(CASE, i): wrapped.get(i) for i in ids})
        self.vault.forget(session, CASE, ids)
        session.execute(delete(Statement).where(Statement.document_id.in_(select(Document.id)
                                                                          .where(Document.case_id.in_(ids)))))
        for model in CASE_TABLES:
            session.execute(delete(model).where(model.case_id.in_(ids)))
        # The archives' words on an earlier refusal may name people: the item stays, its reason goes.
        session.execute(update(DisposalItem).where(DisposalItem.case_id.in_(ids)).values(rejection_reason=None))
        orphans = sorted(referred - still_referred(session, referred))
        self._delete_persons(session, orphans, action, as_of)
        self.ledger.add(session, CASE, ids, action, as_of)
        return len(orphans)

    def erase_person_if_unreferred(self, session: Session, person_id: str, as_of: date) -> bool:
        """Delete the person when no case refers to them any more; True if deleted."""
        self.ledger.check_key(session)
        exists = session.scalar(select(Person.id).where(Person.id == person_id)) is not None
        if not exists or still_referred(session, [person_id]):
            return False
        self._delete_persons(session, [person_id], "erased", as_of)
        return True

    def _delete_persons(self, session: Session, person_ids: list[str], action: str, as_of: date) -> None:
        """The persons' keys, then their rectification history (and the reasons it was read for), their
        blind index entries, their statements and themselves."""
        if not person_ids:
            return
        mark_pending(session.get_bind())
        self.vault.forget(session, PERSON, person_ids)
        for model in PERSON_TABLES:
            session.execute(delete(model).where(model.person_id.in_(person_ids)))
        session.execute(delete(Person).where(Person.id.in_(person_ids)))
        self.ledger.add(session, PERSON, person_ids, action, as_of)

    def resurrected(self, session: Session) -> tuple[dict[str, Destroyed], list[str]]:
        """What the ledger says was destroyed but is here again (a backup was restored): the cases not in
        a final state, with the action and day recorded, and the persons. Reads every id: ask
        `ledger.database_behind` first, which costs one line read."""
        self.ledger.check_key(session)
        known = {digest: (action, on) for digest, (_, _, action, on) in self.ledger.file_entries().items()}
        known |= {digest: (action, on) for digest, action, on in session.execute(
            select(LedgerEntry.digest, LedgerEntry.action, LedgerEntry.recorded_on))}
        cases = {}
        for case_id in session.scalars(select(Case.id).where(Case.state.not_in(FINAL_STATES))):
            if (recorded := known.get(self.ledger.digest(CASE, case_id))) is not None:
                cases[case_id] = Destroyed(case_id, *recorded)
        persons = sorted(p for p in session.scalars(select(Person.id)) if self.ledger.digest(PERSON, p) in known)
        return cases, persons

    def replay(self, uow: UnitOfWork, as_of: date) -> "Replay":
        """Destroy again what the ledger says was destroyed, and give the database back the ledger
        entries it lost."""
        session = uow.session
        cases, persons = self.resurrected(session)
        restored = self.ledger.restore_entries(session)
        by_action: dict[str, list[str]] = {}
        for case_id, destroyed in cases.items():
            by_action.setdefault(destroyed.action, []).append(case_id)
        for action, ids in sorted(by_action.items()):
            self.erase_cases(session, ids, action, as_of)
            session.execute(update(Case).where(Case.id.in_(ids)).values(
                state=CaseState(action), next_action=None, next_action_due_on=None))  # the ledger's word is the state
        rebuild(uow, [cases[case_id] for case_id in sorted(cases)], as_of)  # tombstones, items done
        remaining = list(session.scalars(select(Person.id).where(Person.id.in_(persons))))
        kept = sorted(p for p in remaining if not self.erase_person_if_unreferred(session, p, as_of))
        result = Replay(sorted(cases), len(persons), kept, restored)
        if cases or persons or restored:
            uow.record("erasures.replayed", "case", result.cases, persons=result.persons,
                       persons_still_referred=len(kept), ledger_entries_restored=restored)
        return result

    def replay_restored(self, uow: UnitOfWork, on: date) -> "Replay":
        """`oubli erasures replay`: `replay` in its own unit of work, committed, then settled."""
        with uow:
            replay = self.replay(uow, on)
            uow.commit()
            self.settle(uow)
        return replay

    def settle(self, uow: UnitOfWork, erased: bool = True) -> bool:
        """Once erasures are committed: the ledger copied to its file, then the residue cleared (when nothing
        was erased, only a clearing a former command left pending). False when SQLite's log could not be
        emptied: the clearing stays pending for the next command."""
        self.ledger.copy_to_file(uow)
        uow.session.rollback()  # that read ends here: SQLite empties its log only when nobody is reading
        if erased:
            return clear_residue(uow.session.get_bind(), ERASED_TABLES)
        return finish_pending(uow.session.get_bind(), WAIT_SECONDS) is not False


@dataclass(frozen=True)
class Replay:
    cases: list[str]  # destroyed again
    persons: int  # found again, and erased unless still referred to
    kept: list[str]  # persons a case in use still refers to: the DPO must look at them
    ledger_entries_restored: int
