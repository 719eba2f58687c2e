"""Reading the archives' `ArchiveTransferReply`: which package it answers, and whether they hold it. Pure.

The reply is checked against the official schema of its own SEDA version before anything is read from
it. Its `ReplyCode` says acknowledgement or rejection: `OK` (and Vitam's `WARNING`: taken in, with
remarks) or SEDA 1's `000` acknowledge; any other code (`KO`, a SEDA 1 error code) rejects.
"""

from dataclasses import dataclass
from datetime import date

from lxml import etree

from retention.seda.validation import InvalidSeda, require_valid, version_of

ACKNOWLEDGING_CODES = frozenset({"OK", "WARNING", "000"})


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


def read_transfer_reply(message: bytes, what: str) -> TransferReply:
    """The reply in `message`; InvalidSeda when it is not a valid `ArchiveTransferReply`."""
    try:
        root = etree.fromstring(message, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as problem:
        raise InvalidSeda(f"{what} is not XML ({problem.msg}): ask the archives for their ArchiveTransferReply") from None
    if etree.QName(root).localname != "ArchiveTransferReply":
        raise InvalidSeda(f"{what} is a {etree.QName(root).localname}, not an ArchiveTransferReply")
    require_valid(root, what)
    ns = {"s": etree.QName(root).namespace}
    version_of(root)

    def text(path: str) -> str | None:
        found = root.findtext(path, namespaces=ns)
        return found.strip() if found and found.strip() else None

    code = text("s:ReplyCode")
    if code is None:
        raise InvalidSeda(f"{what} has no ReplyCode: it says neither that the archives hold the package nor that "
                          "they refuse it")
    when = text("s:GrantDate") or text("s:Date") or ""
    return TransferReply(message_identifier=text("s:MessageIdentifier") or "",
                         request_identifier=text("s:MessageRequestIdentifier") or "", reply_code=code,
                         replied_on=date.fromisoformat(when[:10]), comment=text("s:Comment"))
