"""Reading the archives' SEDA replies (pure: bytes in, plain values out): the `ArchiveTransferReply` to a
transfer package and the `AuthorizationControlAuthorityRequestReply` to an elimination request.

A reply is read only once the official schema accepts it, without fetching anything nor expanding
entities, and a reply declaring a DOCTYPE is refused unread. Which codes mean yes is not national: for
a transfer `OK` (and Vitam's `WARNING`: taken in, with remarks) or SEDA 1's `000` acknowledge; for an
elimination Maarch RM answers `000`, Vitam `OK`. Any other code is read as a refusal, so that nothing is
destroyed on a code Oubli does not know to be a yes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree

from retention.seda.validation import InvalidSeda, require_valid, version_of

ACKNOWLEDGING_CODES = frozenset({"OK", "WARNING", "000"})
APPROVAL_CODES = ("000", "OK")


@dataclass(frozen=True)
class TransferReply:
    message_identifier: str  # the reply's own identifier: kept on the tombstone
    request_identifier: str  # the MessageIdentifier of the package it answers
    reply_code: str
    replied_on: date  # GrantDate when given, else the reply's Date
    comment: str | None  # the archives' words, kept as their reason on a rejection

    @property
    def acknowledged(self) -> bool:
        return self.reply_code in ACKNOWLEDGING_CODES


@dataclass(frozen=True)
class AuthorizationReply:
    """What an `AuthorizationControlAuthorityRequestReply` says."""

    message_id: str  # the reply's own identifier: the visa's reference
    request_id: str  # the MessageIdentifier of the request it answers
    reply_code: str
    approved: bool
    dated: datetime  # the reply's Date: when the archives decided (naive when the reply gives no zone)
    comment: str | None  # the reply's comments, one per line: the archives' reason for a refusal


def _reply(data: bytes, what: str, root_name: str, expected: str) -> tuple[etree._Element, Callable[[str], str | None]]:
    """The reply's root once it is XML without a DOCTYPE, of `root_name`, in SEDA 2.1 or 2.2 and valid, with a
    reader of its children's text (None when absent or blank)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InvalidSeda(f"{what} is not XML ({error.msg}): ask the archives for their reply file again") from None
    if root.getroottree().docinfo.doctype:
        # No SEDA message declares a DTD; one that does could name entities (files, URLs) left unexpanded here,
        # which the schema validator cannot even read.
        raise InvalidSeda(f"{what} declares a DOCTYPE, which no SEDA message has: it was not read further")
    name = etree.QName(root).localname
    if name != root_name:
        raise InvalidSeda(f"{what} holds a SEDA {name}, not {expected}")
    version_of(root)  # SEDA 2.1 or 2.2, whichever the archives answer in
    require_valid(root, what)
    namespace = etree.QName(root).namespace

    def text(child: str) -> str | None:
        found = root.findtext(f"{{{namespace}}}{child}")
        return found.strip() if found and found.strip() else None

    return root, text


def read_transfer_reply(data: bytes, what: str) -> TransferReply:
    """The reply in `data`; InvalidSeda when it is not a valid `ArchiveTransferReply`."""
    _, text = _reply(data, what, "ArchiveTransferReply", "an ArchiveTransferReply")
    code = text("ReplyCode")
    if code is None:
        raise InvalidSeda(f"{what} has no ReplyCode: it says neither that the archives hold the package nor that "
                          "they refuse it")
    when = text("GrantDate") or text("Date") or ""
    return TransferReply(message_identifier=text("MessageIdentifier") or "",
                         request_identifier=text("MessageRequestIdentifier") or "", reply_code=code,
                         replied_on=date.fromisoformat(when[:10]), comment=text("Comment"))


def read_authorization_reply(data: bytes, what: str) -> AuthorizationReply:
    """The reply in `data` (`what` names it in errors), validated against its SEDA version's schema."""
    root, text = _reply(data, what, "AuthorizationControlAuthorityRequestReply",
                        "the AuthorizationControlAuthorityRequestReply that answers an elimination request")
    code = text("ReplyCode")
    if not code:
        raise InvalidSeda(f"{what} has no ReplyCode: it says neither yes nor no to the request")
    namespace = etree.QName(root).namespace
    comments = [c.text.strip() for c in root.findall(f"{{{namespace}}}Comment") if c.text and c.text.strip()]
    try:
        dated = datetime.fromisoformat(text("Date") or "")
    except ValueError:
        raise InvalidSeda(f"{what}: its Date '{text('Date')}' cannot be read as a date and time") from None
    return AuthorizationReply(message_id=text("MessageIdentifier") or "",
                              request_id=text("MessageRequestIdentifier") or "", reply_code=code,
                              approved=code.upper() in APPROVAL_CODES, dated=dated, comment="\n".join(comments) or None)
