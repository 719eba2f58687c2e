"""The archives' answer to a transfer: `oubli transfers list|confirm|reject`.

A case sent to the Archives départementales waits (state awaiting_transfer) until its package's reply is
recorded. A confirmation (their `ArchiveTransferReply` acknowledging it, or the reference of their
acknowledgement typed by the archivist) lets the case be destroyed here at once, through the same planning
and disposal as the nightly run: a hold in force stops it there, and the nightly run carries it out once the
hold is lifted. A rejection puts the case back on the open disposal list, proposed again, with the archives'
reason kept beside its package (never in the journal: their words may name people).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.stored_text import id_is_wrong, what_is_wrong
from casefiles.kernel.vocabulary import CaseAction, CaseState, DisposalStatus, NextAction, TransferStatus
from casefiles.persistence.models import Case, DisposalItem, TransferPackage
from casefiles.persistence.uow import UnitOfWork
from retention.apply import DisposalMeans, apply_decisions, open_list_id
from retention.due import load_facts
from retention.lifecycle import plan
from retention.policy import Policy
from retention.seda.replies import read_transfer_reply


@dataclass(frozen=True)
class PackageView:
    case_id: str
    path: str
    sha512: str
    status: str  # awaiting_reply | confirmed | rejected
    sent_on: date
    days_waiting: int  # until today while awaiting, else until the reply
    message_identifier: str
    seda_version: str
    reply_identifier: str | None
    replied_on: date | None
    reason: str | None  # the archives' reason for refusing it


@dataclass(frozen=True)
class ReplyRecorded:
    case_id: str
    status: str  # confirmed | rejected
    reply_identifier: str | None
    destroyed: bool  # confirmed and destroyed here
    held: bool  # confirmed, but a hold in force keeps it until lifted
    list_id: int | None  # rejected: the disposal list it is proposed on again
    residue_cleared: bool = True


def list_packages(uow: UnitOfWork, as_of: date, status: str | None = None) -> list[PackageView]:
    query = select(TransferPackage).order_by(TransferPackage.sent_on, TransferPackage.id)
    if status is not None:
        query = query.where(TransferPackage.status == status)
    with uow.reading():
        return [PackageView(p.case_id, p.path, p.sha512, p.status, p.sent_on,
                            ((p.replied_on or as_of) - p.sent_on).days, p.message_identifier, p.seda_version,
                            p.reply_identifier, p.replied_on, p.reason)
                for p in uow.session.scalars(query)]


def confirm(uow: UnitOfWork, case_id: str, policy: Policy, as_of: date, means: DisposalMeans, *,
            reply: bytes | None = None, reference: str | None = None, on: date | None = None) -> ReplyRecorded:
    """Record the archives' reply (or their typed reference, dated `on`) to the case's package; an
    acknowledgement lets the case be destroyed here, a rejecting reply puts it back on a disposal list."""
    if (reply is None) == (reference is None):
        raise InvalidInput("give the archives' reply file (--reply) or the reference of their acknowledgement "
                           "(--reference with --on), not both")
    with uow:
        package = _awaiting(uow, case_id)
        if reply is not None:
            answer = read_transfer_reply(reply, "the reply file")
            if answer.request_identifier != package.message_identifier:
                raise InvalidInput(f"the reply answers the package {answer.request_identifier}, not the one of case "
                                   f"{case_id} ({package.message_identifier}): check it is the right reply; "
                                   "nothing was recorded")
            if not answer.acknowledged:
                reason = answer.comment or f"the archives' reply code {answer.reply_code}"
                return _rejected(uow, package, reason, answer.replied_on, answer.message_identifier, as_of, policy)
            reference, on = answer.message_identifier, answer.replied_on
        assert reference is not None
        reference = _checked_reference(reference)
        on = _checked_day(on, as_of)
        package.status, package.reply_identifier = TransferStatus.CONFIRMED, reference
        package.replied_on, package.recorded_by = on, uow.actor
        uow.record(CaseAction.TRANSFER_CONFIRMED, "case", [case_id], message_identifier=package.message_identifier,
                   reply_identifier=reference, replied_on=on.isoformat(), from_reply_file=reply is not None)
        uow.session.flush()
        counts = apply_decisions(uow, plan(load_facts(uow.session, [case_id], means.eraser.vault), policy, as_of),
                                 policy, as_of, means)
        uow.commit()
        destroyed = counts[CaseState.TRANSFERRED.value] > 0
        residue_cleared = means.eraser.settle(uow, destroyed) if destroyed else True
    return ReplyRecorded(case_id, TransferStatus.CONFIRMED, reference, destroyed,
                         held=counts["skipped_hold"] > 0, list_id=None, residue_cleared=residue_cleared)


def reject(uow: UnitOfWork, case_id: str, reason: str, policy: Policy, as_of: date,
           on: date | None = None) -> ReplyRecorded:
    """The archives refused the case's package: it goes back on the open disposal list with their reason."""
    with uow:
        package = _awaiting(uow, case_id)
        return _rejected(uow, package, reason, _checked_day(on, as_of), None, as_of, policy)


def _awaiting(uow: UnitOfWork, case_id: str) -> TransferPackage:
    """The case's package awaiting a reply; the case's row locked, so that a run's batch holding it goes first."""
    session = uow.session
    state = session.scalar(select(Case.state).where(Case.id == case_id).with_for_update())
    if state is None:
        raise NotFound(f"no case has the id {case_id}: check it with `oubli cases list`")
    package = session.scalar(select(TransferPackage).where(TransferPackage.case_id == case_id,
                                                           TransferPackage.status == TransferStatus.AWAITING_REPLY))
    if state != CaseState.AWAITING_TRANSFER or package is None:
        raise InvalidInput(f"case {case_id} is {state}: no package of it awaits the archives' reply; see "
                           "`oubli transfers list`")
    return package


def _rejected(uow: UnitOfWork, package: TransferPackage, reason: str, on: date, reply_identifier: str | None,
              as_of: date, policy: Policy) -> ReplyRecorded:
    reason = reason.strip()
    wrong = what_is_wrong(reason, 2000) if reason else "is empty"
    if wrong:
        raise InvalidInput(f"the archives' reason {wrong}: give their reason for refusing the package; nothing was "
                           "recorded")
    session = uow.session
    package.status, package.reason, package.replied_on = TransferStatus.REJECTED, reason, on
    package.reply_identifier, package.recorded_by = reply_identifier, uow.actor
    sent = session.get_one(DisposalItem, package.item_id)
    sent.status, sent.decided_on, sent.decided_by = DisposalStatus.REJECTED, on, uow.actor
    again = DisposalItem(list_id=open_list_id(session, as_of, policy), case_id=package.case_id, category=sent.category,
                         final_action=sent.final_action, opened_on=sent.opened_on,
                         service_ended_on=sent.service_ended_on, due_on=as_of, child_initials=sent.child_initials,
                         child_birth_year=sent.child_birth_year, status=DisposalStatus.PROPOSED)
    session.add(again)
    case = session.get_one(Case, package.case_id)
    case.state, case.next_action, case.next_action_due_on = CaseState.PENDING_DISPOSAL, NextAction.AWAIT_VISA, None
    session.flush()
    uow.record(CaseAction.TRANSFER_REJECTED, "case", [package.case_id], message_identifier=package.message_identifier,
               reply_identifier=reply_identifier, replied_on=on.isoformat(), rejected_item_id=sent.id,
               list_id=again.list_id, item_id=again.id)
    uow.commit()
    return ReplyRecorded(package.case_id, TransferStatus.REJECTED, reply_identifier, destroyed=False, held=False,
                         list_id=again.list_id)


def _checked_reference(reference: str) -> str:
    reference = reference.strip()
    wrong = id_is_wrong(reference, 100) if reference else "is empty"
    if wrong:
        raise InvalidInput(f"the archives' reference {wrong}: give the reference of their acknowledgement; nothing "
                           "was recorded")
    return reference


def _checked_day(on: date | None, as_of: date) -> date:
    if on is None:
        return as_of
    if on > as_of:
        raise InvalidInput(f"the archives' reply is dated {on.isoformat()}, after today ({as_of.isoformat()}): check "
                           "the date; nothing was recorded")
    return on
