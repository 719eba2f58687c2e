"""The elimination of a disposal list exchanged with the archives in SEDA.

1. `export_request`: the AuthorizationControlAuthorityRequest asking their visa on the list's files that
   would be eliminated here (destroyed or anonymised: a transfer is not an elimination, it waits for the
   bordereau's visa). Its MessageIdentifier is recorded on the list, and the list is closed to the run's
   new proposals: what the archives are asked about is what they decide. Exported again, it is the same
   request (same identifier and request date) over the files still awaiting their decision.
2. `record_reply`: their AuthorizationControlAuthorityRequestReply, once it answers that request, approves
   those files (its identifier is the visa's reference, its date the visa's date) or rejects them with its
   comment kept on each as the archives' reason.
3. `notify`: once the run has carried them out, the ArchiveDestructionNotification of the files destroyed.

Every message is valid against the schema of `policy.archives.seda_version` before it is written, through
the one writer of Oubli's files; the journal records ids only.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from casefiles.crypto.private_files import write_private
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import DisposalStatus
from casefiles.persistence.models import DisposalItem, DisposalList
from casefiles.persistence.uow import UnitOfWork
from retention import disposals
from retention.policy import Category, FinalAction, Policy
from retention.seda import elimination
from retention.seda.replies import read_authorization_reply
from retention.seda.validation import require_valid

ELIMINATED = (FinalAction.DESTROY, FinalAction.ANONYMISE)  # the file is gone from here, not kept by the archives
PARIS = ZoneInfo("Europe/Paris")  # the département's time, as in oubli/bootstrap.py
REASON = ("Élimination de dossiers dont la durée d'utilité administrative est échue "
          "(Code du patrimoine, art. L212-2)")
_CATEGORIES = {
    Category.ABUSE: "signalés au procureur de la République pour maltraitance",
    Category.JUDICIAL: "de mesures ordonnées par le juge des enfants",
    Category.ADMINISTRATIVE: "de mesures administratives convenues avec la famille",
    Category.CONCERN_ONLY: "d'informations préoccupantes restées sans mesure",
}
_ACTIONS = {FinalAction.DESTROY: "détruit{s}",
            FinalAction.ANONYMISE: "détruit{s}, seule une statistique sans identifiant étant gardée"}
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


@dataclass(frozen=True)
class Sent:
    """A SEDA message written for a disposal list."""

    list_id: int
    path: Path
    message_id: str
    item_ids: list[int]
    cases: list[str]


@dataclass(frozen=True)
class Recorded:
    """The archives' reply, recorded on a disposal list."""

    list_id: int
    approved: bool
    reply_id: str
    reply_code: str
    visa_on: date
    item_ids: list[int]


def _in_words(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


def _rule_comments(list_id: int, created_on: date, items: list[DisposalItem], policy: Policy) -> list[str]:
    groups: dict[tuple[str, str], int] = {}
    for item in items:
        groups[(item.category, item.final_action)] = groups.get((item.category, item.final_action), 0) + 1
    comments = [f"Bordereau d'élimination n° {list_id} de l'Aide sociale à l'enfance, établi le "
                f"{_in_words(created_on)} ; {len(items)} dossier{'s' if len(items) > 1 else ''}."]
    for (category, action), count in sorted(groups.items()):
        rule = policy.rule(Category(category))
        start = ("la majorité de l'enfant ou la fin de la prise en charge, la plus tardive des deux"
                 if rule.count_from_majority else "la fin de la prise en charge")
        s = "s" if count > 1 else ""
        comments.append(f"{count} dossier{s} {_CATEGORIES[Category(category)]} : conservé{s} "
                        f"{rule.keep_archived_years} ans après {start}, puis {_ACTIONS[FinalAction(action)].format(s=s)} "
                        f"(règle {policy.archives.appraisal_rule} du référentiel des Archives départementales).")
    return comments


def _locked_list(uow: UnitOfWork, list_id: int) -> DisposalList:
    found = uow.session.execute(
        select(DisposalList).where(DisposalList.id == list_id).with_for_update()).scalar_one_or_none()
    if found is None:
        raise NotFound(f"no disposal list has the id {list_id}: see `oubli disposals list`")
    return found


def _items(uow: UnitOfWork, list_id: int, *statuses: str) -> list[DisposalItem]:
    return list(uow.session.scalars(
        select(DisposalItem).where(DisposalItem.list_id == list_id, DisposalItem.status.in_(statuses),
                                   DisposalItem.final_action.in_([action.value for action in ELIMINATED]))
        .order_by(DisposalItem.case_id)))


def _write(root, path: Path, replace: bool, what: str) -> None:
    content = elimination.document(root)
    require_valid(content, what)
    write_private(path, content, replace)


def export_request(uow: UnitOfWork, list_id: int, policy: Policy, path: Path, now: datetime,
                   replace: bool = False) -> Sent:
    """Write the request for the archives' visa on the list's files awaiting it that would be eliminated."""
    archives = policy.archives
    with uow:
        disposal_list = _locked_list(uow, list_id)
        items = _items(uow, list_id, DisposalStatus.PROPOSED)
        if not items:
            raise InvalidInput(f"disposal list {list_id} has no file awaiting the archives' visa to be destroyed or "
                               "anonymised: there is nothing to ask them (see `oubli disposals show "
                               f"{list_id}`); nothing was written")
        if disposal_list.request_id is None or disposal_list.requested_on is None:
            disposal_list.request_id = f"{archives.originating_agency.identifier}-ELIM-{list_id}-{secrets.token_hex(4)}"
            disposal_list.requested_on = now.astimezone(PARIS).date()
        disposal_list.status = "closed"
        cases = [item.case_id for item in items]
        root = elimination.authorization_request(
            version=archives.seda_version, message_id=disposal_list.request_id, sent_at=now,
            requested_on=disposal_list.requested_on, reason=REASON,
            comments=_rule_comments(list_id, disposal_list.created_on, items, policy), unit_ids=cases,
            requester=archives.originating_agency.identifier, archival_agency=archives.archival_agency.identifier,
            control_authority=archives.archival_agency.identifier)
        _write(root, path, replace, f"the elimination request of disposal list {list_id}")
        sent = Sent(list_id, path, disposal_list.request_id, [item.id for item in items], cases)
        uow.record("disposal.exported", "disposal_list", [str(list_id)], format="seda",
                   seda_version=archives.seda_version, request_id=sent.message_id, item_ids=sent.item_ids,
                   cases=cases)
        uow.commit()
    return sent


def record_reply(uow: UnitOfWork, list_id: int, reply_file: Path, policy: Policy, as_of: date) -> Recorded:
    """Record the archives' AuthorizationControlAuthorityRequestReply in `reply_file` on the list: approval
    (the visa) or refusal of the files the request named that still await their decision."""
    try:
        data = reply_file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read the reply {reply_file}: {error.strerror}; nothing was recorded") from None
    reply = read_authorization_reply(data, f"the reply {reply_file}")
    with uow.reading():
        disposal_list = uow.session.get(DisposalList, list_id)
        if disposal_list is None:
            raise NotFound(f"no disposal list has the id {list_id}: see `oubli disposals list`")
        if disposal_list.request_id is None:
            raise InvalidInput(f"no SEDA request was sent for disposal list {list_id}: send one (`oubli disposals "
                               f"export {list_id} --format seda`), or type the visa of the signed form with --visa "
                               "and --visa-date; nothing was recorded")
        if reply.request_id != disposal_list.request_id:
            raise InvalidInput(f"the reply {reply_file} answers the request {reply.request_id}, not the one sent for "
                               f"disposal list {list_id} ({disposal_list.request_id}); nothing was recorded")
        requested_on = disposal_list.requested_on
        item_ids = [item.id for item in _items(uow, list_id, DisposalStatus.PROPOSED)]
    if len(reply.message_id) > 100:
        raise InvalidInput(f"the reply {reply_file} has a MessageIdentifier longer than 100 characters, which a visa "
                           "reference cannot be; nothing was recorded")
    visa_on = reply.dated.astimezone(PARIS).date() if reply.dated.tzinfo else reply.dated.date()
    if requested_on and visa_on < requested_on:
        raise InvalidInput(f"the reply {reply_file} is dated {visa_on.isoformat()}, before the request it answers "
                           f"({requested_on.isoformat()}): ask the archives to check it; nothing was recorded")
    if not item_ids:
        raise InvalidInput(f"disposal list {list_id} has no file of its request still awaiting a decision; nothing "
                           "was recorded")
    if reply.approved:
        decided = disposals.approve(uow, list_id, reply.message_id, as_of, item_ids, visa_on=visa_on).approved
    else:
        reason = reply.comment or (f"Refus des Archives départementales (réponse {reply.message_id}, code "
                                   f"{reply.reply_code}), sans motif donné.")
        decided = disposals.reject(uow, list_id, policy, as_of, item_ids=item_ids, visa_on=visa_on, reason=reason,
                                   reply_id=reply.message_id)
    return Recorded(list_id, reply.approved, reply.message_id, reply.reply_code, visa_on, decided)


def notify(uow: UnitOfWork, list_id: int, policy: Policy, path: Path, now: datetime, replace: bool = False) -> Sent:
    """Write the notification of the list's files destroyed under the archives' visa, once none awaits the run."""
    archives = policy.archives
    with uow:
        disposal_list = _locked_list(uow, list_id)
        if not disposal_list.visa_ref:
            raise InvalidInput(f"disposal list {list_id} has no visa of the archives: nothing was destroyed under it; "
                               "nothing was written")
        waiting = _items(uow, list_id, DisposalStatus.APPROVED)
        if waiting:
            raise InvalidInput(f"items {', '.join(str(item.id) for item in waiting)} of disposal list {list_id} are "
                               "approved but not carried out yet: notify the archives once the run has carried them "
                               "out (`oubli run`; a held case waits for its hold to be lifted); nothing was written")
        done = _items(uow, list_id, DisposalStatus.DONE)
        if not done:
            raise InvalidInput(f"no file of disposal list {list_id} was destroyed or anonymised: there is nothing to "
                               "notify; nothing was written")
        cases = [item.case_id for item in done]
        message_id = f"{archives.originating_agency.identifier}-ELIM-{list_id}-NOTIF"
        root = elimination.destruction_notification(
            version=archives.seda_version, message_id=message_id, sent_at=now, reply_id=disposal_list.visa_ref,
            unit_ids=cases, archival_agency=archives.archival_agency.identifier,
            originating_agency=archives.originating_agency.identifier,
            comments=[f"Dossiers du bordereau d'élimination n° {list_id} éliminés après le visa "
                      f"{disposal_list.visa_ref} des Archives départementales."])
        _write(root, path, replace, f"the destruction notification of disposal list {list_id}")
        sent = Sent(list_id, path, message_id, [item.id for item in done], cases)
        uow.record("disposal.notified", "disposal_list", [str(list_id)], seda_version=archives.seda_version,
                   notification_id=message_id, visa_ref=disposal_list.visa_ref, item_ids=sent.item_ids, cases=cases)
        uow.commit()
    return sent
