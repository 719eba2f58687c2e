"""Applying a batch of lifecycle decisions inside one unit of work: all of the batch or none of it."""

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from casefiles.crypto.vault import Vault
from casefiles.erasure.eraser import Eraser
from casefiles.kernel.vocabulary import (
    DISPOSED_AS,
    OUT_OF_DAILY_USE,
    CaseAction,
    CaseState,
    DisposalStatus,
    NextAction,
    TransferStatus,
)
from casefiles.people import persons
from casefiles.persistence.models import Case, DisposalItem, DisposalList, Document, Tombstone, TransferPackage
from casefiles.persistence.uow import UnitOfWork
from retention.anonymisation import anonymise_cases
from retention.lifecycle import CaseDecision
from retention.policy import FinalAction, Policy
from retention.sampling import KEY_LABEL
from retention.transfer import write_transfer

# The state each final action leaves; its value is also the word the journal, the counts and the ledger use.
FINAL_STATE = {FinalAction.DESTROY: CaseState.DESTROYED, FinalAction.ANONYMISE: CaseState.ANONYMISED,
               FinalAction.TRANSFER_TO_ARCHIVES: CaseState.TRANSFERRED}


@dataclass(frozen=True)
class DisposalMeans:
    """What carrying out disposals needs beyond the database: keys, the ledger, and where transfer
    packages are written."""

    eraser: Eraser
    transfers_dir: Path

    @property
    def sampling_key(self) -> bytes:
        """The key of the sampling share rule, derived from the ledger's (retention/sampling.py)."""
        return self.eraser.ledger.derived_key(KEY_LABEL)


def open_list_id(session: Session, as_of: date, policy: Policy) -> int:
    """The disposal list that receives new proposals, created when none is open."""
    list_id = session.scalar(select(DisposalList.id).where(DisposalList.status == "open").order_by(DisposalList.id))
    if list_id is None:
        disposal_list = DisposalList(status="open", created_on=as_of, policy=policy.version)
        session.add(disposal_list)
        session.flush()
        list_id = disposal_list.id
    return list_id


def _initials_and_birth_years(session: Session, vault: Vault, case_ids: list[str]) -> dict[str, tuple[str, int | None]]:
    """What the archives need to recognise a child's file: initials and year of birth, nothing more."""
    labels = {}
    for case_id, child in persons.children(session, vault, case_ids).items():
        first, last, born = child.first_names, child.last_name, child.birth_date
        labels[case_id] = (f"{(first or '?')[:1]}.{(last or '?')[:1]}.".upper(), born.year if born else None)
    return labels


def _document_bytes(session: Session, case_ids: list[str]) -> dict[str, int]:
    """The size of each case's documents as stored (sealed, once archived), for the bordereau's volume."""
    size = func.coalesce(func.length(Document.sealed_text), func.length(Document.text))
    return dict(session.execute(select(Document.case_id, func.sum(size)).where(Document.case_id.in_(case_ids))
                                .group_by(Document.case_id)).all())


def apply_decisions(uow: UnitOfWork, decisions: list[CaseDecision], policy: Policy, as_of: date,
                    means: DisposalMeans) -> Counter:
    """Write the decisions and journal each step; returns how many cases took each step."""
    session = uow.session
    vault = means.eraser.vault
    counts: Counter = Counter()
    to_carry_out: dict[FinalAction, list[CaseDecision]] = {action: [] for action in FinalAction}
    if not decisions:
        return counts
    session.execute(
        update(Case.__table__).where(Case.__table__.c.id == bindparam("case_id")),
        [{"case_id": d.case_id, "state": d.state, "category": d.category.value, "service_ended_on": d.service_ended_on,
          "archived_on": d.archived_on, "next_action": d.next_action,
          "next_action_due_on": d.next_action_due_on} for d in decisions],
    )
    # Back in daily use: opened; out of it: sealed under their own keys (idempotent).
    vault.open_cases(session, [d.case_id for d in decisions if "reactivated" in d.steps])
    vault.seal_cases(session, [d.case_id for d in decisions if d.state in OUT_OF_DAILY_USE], as_of)
    proposed = [d for d in decisions if "proposed_for_disposal" in d.steps]
    labels = _initials_and_birth_years(session, vault, [d.case_id for d in proposed]) if proposed else {}
    volumes = _document_bytes(session, [d.case_id for d in proposed]) if proposed else {}
    opened_on = dict(session.execute(select(Case.id, Case.opened_on).where(
        Case.id.in_([d.case_id for d in decisions]))).all())
    for decision in decisions:
        details = {"category": decision.category.value, "policy": policy.version}
        for step in decision.steps:
            counts[step] += 1
            if step == "archived":
                uow.record(CaseAction.ARCHIVED, "case", [decision.case_id], **details,
                           service_ended_on=decision.service_ended_on.isoformat())
            elif step == "reactivated":
                withdrawn = session.execute(
                    update(DisposalItem).where(DisposalItem.case_id == decision.case_id,
                                               DisposalItem.status.in_([DisposalStatus.PROPOSED, DisposalStatus.APPROVED]))
                    .values(status=DisposalStatus.WITHDRAWN, decided_on=as_of, decided_by="nightly run")
                ).rowcount
                uow.record(CaseAction.REACTIVATED, "case", [decision.case_id], **details, disposal_withdrawn=withdrawn > 0)
            elif step == "proposed_for_disposal":
                initials, born = labels.get(decision.case_id, ("?.?.", None))
                item = DisposalItem(
                    list_id=open_list_id(session, as_of, policy), case_id=decision.case_id,
                    category=decision.category.value, final_action=decision.final_action.value,
                    opened_on=opened_on[decision.case_id], service_ended_on=decision.service_ended_on,
                    due_on=as_of, child_initials=initials, child_birth_year=born, sampled_by=decision.sampled_by,
                    document_bytes=int(volumes.get(decision.case_id) or 0),
                    status=DisposalStatus.APPROVED if decision.auto_approved else DisposalStatus.PROPOSED,
                    decided_on=as_of if decision.auto_approved else None,
                    decided_by="policy: no visa required" if decision.auto_approved else None,
                )
                session.add(item)
                session.flush()
                uow.record(CaseAction.PROPOSED_FOR_DISPOSAL, "case", [decision.case_id], **details,
                           list_id=item.list_id, item_id=item.id, final_action=decision.final_action.value,
                           auto_approved=decision.auto_approved, sampled_by=decision.sampled_by)
                decision = replace(decision, disposal_item_id=item.id)
            elif step == "carry_out":
                to_carry_out[decision.final_action].append(decision)
    for action, approved in to_carry_out.items():
        if action == FinalAction.TRANSFER_TO_ARCHIVES:
            # Sent first; destroyed here only once the archives confirmed they hold the package.
            to_send = [d for d in approved if d.state != CaseState.AWAITING_TRANSFER]
            approved = [d for d in approved if d.state == CaseState.AWAITING_TRANSFER]
            if policy.archives_recipient:
                counts["sent_to_archives"] += _send_to_archives(uow, to_send, policy, as_of, means)
            else:
                counts["not_carried_out"] += len(to_send)  # no key to encrypt to: the cases wait, untouched
        counts[FINAL_STATE[action].value] += _dispose(uow, approved, policy, as_of, means)
    return counts


def _send_to_archives(uow: UnitOfWork, decisions: list[CaseDecision], policy: Policy, as_of: date,
                      means: DisposalMeans) -> int:
    """Write each case's SEDA package and keep the case, awaiting the archives' reply."""
    if not decisions:
        return 0
    session = uow.session
    lists = dict(session.execute(select(DisposalItem.id, DisposalItem.list_id).where(
        DisposalItem.id.in_([d.disposal_item_id for d in decisions]))).all())
    for decision in decisions:
        assert decision.disposal_item_id is not None  # carried out only from an approved item
        sent = write_transfer(session, means.eraser.vault, decision.case_id, policy.archives,
                              policy.archives_recipient or "", means.transfers_dir, datetime.combine(as_of, time()))
        session.add(TransferPackage(case_id=decision.case_id, item_id=decision.disposal_item_id,
                                    message_identifier=sent.message_identifier,
                                    seda_version=policy.archives.seda_version, path=str(sent.path), sha512=sent.sha512,
                                    sent_on=as_of, status=TransferStatus.AWAITING_REPLY))
        uow.record(CaseAction.SENT_TO_ARCHIVES, "case", [decision.case_id], category=decision.category.value,
                   policy=policy.version, list_id=lists[decision.disposal_item_id], item_id=decision.disposal_item_id,
                   message_identifier=sent.message_identifier, package_sha512=sent.sha512)
    session.execute(update(Case).where(Case.id.in_([d.case_id for d in decisions])).values(
        state=CaseState.AWAITING_TRANSFER, next_action=NextAction.AWAIT_TRANSFER_REPLY, next_action_due_on=None))
    return len(decisions)


def _dispose(uow: UnitOfWork, decisions: list[CaseDecision], policy: Policy, as_of: date, means: DisposalMeans) -> int:
    """Carry out one final action on the approved cases set-wise: the statistics or the transfer package
    first, then the personal data destroyed, each case leaving a tombstone that names its journal entry."""
    if not decisions:
        return 0
    session = uow.session
    case_ids = [d.case_id for d in decisions]
    action = decisions[0].final_action
    details: dict = {}
    packages: dict[str, tuple[str, str | None]] = {}  # a transfer: the package's SHA-512, the reply confirming it
    if action == FinalAction.ANONYMISE:
        kept, suppressed = anonymise_cases(session, means.eraser.vault, case_ids, policy, as_of)
        details = {"statistics_kept": kept, "suppressed": suppressed, "k": policy.k}
    elif action == FinalAction.TRANSFER_TO_ARCHIVES:
        packages = {case_id: (sha512, reply) for case_id, sha512, reply in session.execute(
            select(TransferPackage.case_id, TransferPackage.sha512, TransferPackage.reply_identifier)
            .where(TransferPackage.case_id.in_(case_ids), TransferPackage.status == TransferStatus.CONFIRMED))}
    # The archives' reasons for refusing a package may name people: they go with the case.
    session.execute(update(TransferPackage).where(TransferPackage.case_id.in_(case_ids)).values(reason=None))
    items = {case_id: (item_id, list_id, visa, decided_by) for case_id, item_id, list_id, visa, decided_by in
             session.execute(select(DisposalItem.case_id, DisposalItem.id, DisposalItem.list_id, DisposalList.visa_ref,
                                    DisposalItem.decided_by)
                             .join(DisposalList, DisposalList.id == DisposalItem.list_id)
                             .where(DisposalItem.id.in_([d.disposal_item_id for d in decisions])))}
    cases = {case_id: (opened, archived) for case_id, opened, archived in session.execute(
        select(Case.id, Case.opened_on, Case.archived_on).where(Case.id.in_(case_ids)))}
    persons_deleted = means.eraser.erase_cases(session, case_ids, FINAL_STATE[action].value, as_of)
    session.execute(update(DisposalItem).where(DisposalItem.id.in_([i[0] for i in items.values()]))
                    .values(status=DisposalStatus.DONE, carried_out_on=as_of))
    session.execute(update(Case).where(Case.id.in_(case_ids))
                    .values(state=FINAL_STATE[action], next_action=None, next_action_due_on=None))
    tombstones = []
    for decision in decisions:
        item_id, list_id, visa, approved_by = items[decision.case_id]
        visa = visa or approved_by  # no visa on the list: approved by the policy itself
        sha512, reply = packages.get(decision.case_id, (None, None))
        package = {"package_sha512": sha512, "transfer_reply": reply} if sha512 else {}
        sampled = {"sampled_by": decision.sampled_by} if decision.sampled_by else {}
        position = uow.record(DISPOSED_AS[FINAL_STATE[action]], "case", [decision.case_id],
                              category=decision.category.value, policy=policy.version, list_id=list_id,
                              item_id=item_id, visa_ref=visa, approved_by=approved_by, **package, **sampled)
        opened, archived = cases[decision.case_id]
        tombstones.append(({
            "case_id": decision.case_id, "case_ref_sha256": hashlib.sha256(decision.case_id.encode()).hexdigest(),
            "final_action": action.value, "category": decision.category.value, "policy": policy.version,
            "opened_on": opened, "service_ended_on": decision.service_ended_on, "archived_on": archived,
            "disposed_on": as_of, "list_id": list_id, "visa_ref": visa, "approved_by": approved_by,
            "package_sha512": sha512, "transfer_reply": reply,
        }, position))
    uow.record("cases.erased", "case", case_ids, persons_deleted=persons_deleted, final_action=action.value, **details)
    seqs = uow.flush()
    session.execute(Tombstone.__table__.insert(),
                    [tombstone | {"journal_seq": seqs[position]} for tombstone, position in tombstones])
    return len(decisions)
