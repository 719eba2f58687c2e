"""Reading the archives' SEDA replies (pure: bytes in, plain values out).

A reply is read only once the official schema accepts it, and without fetching anything nor expanding
entities. Which codes mean an approval is not national: Maarch RM answers "000", Vitam "OK"; any other
code is read as a refusal, so that nothing is destroyed on a code Oubli does not know to be a yes.
"""

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from retention.seda.validation import InvalidSeda, require_valid, version_of

APPROVAL_CODES = ("000", "OK")


@dataclass(frozen=True)
class AuthorizationReply:
    """What an `AuthorizationControlAuthorityRequestReply` says."""

    message_id: str  # the reply's own identifier: the visa's reference
    request_id: str  # the MessageIdentifier of the request it answers
    reply_code: str
    approved: bool
    dated: datetime  # the reply's Date: when the archives decided (naive when the reply gives no zone)
    comment: str | None  # the reply's comments, one per line: the archives' reason for a refusal


def _parse(data: bytes, what: str) -> etree._Element:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InvalidSeda(f"{what} is not XML ({error.msg}): ask the archives for their reply file again") from None
    if root.getroottree().docinfo.doctype:
        # No SEDA message declares a DTD; one that does could name entities (files, URLs) left unexpanded here,
        # which the schema validator cannot even read.
        raise InvalidSeda(f"{what} declares a DOCTYPE, which no SEDA message has: it was not read further")
    return root


def read_authorization_reply(data: bytes, what: str) -> AuthorizationReply:
    """The reply in `data` (`what` names it in errors), validated against its SEDA version's schema."""
    root = _parse(data, what)
    version_of(root)  # SEDA 2.1 or 2.2, whichever the archives answer in
    name = etree.QName(root).localname
    if name != "AuthorizationControlAuthorityRequestReply":
        raise InvalidSeda(f"{what} holds a SEDA {name}, not the AuthorizationControlAuthorityRequestReply that "
                          "answers an elimination request")
    require_valid(root, what)

    namespace = etree.QName(root).namespace

    def text(child: str) -> str | None:
        found = root.find(f"{{{namespace}}}{child}")
        return None if found is None or found.text is None else found.text.strip()

    code = text("ReplyCode")
    if not code:
        raise InvalidSeda(f"{what} has no ReplyCode: it says neither yes nor no to the request")
    comments = [c.text.strip() for c in root.findall(f"{{{namespace}}}Comment") if c.text and c.text.strip()]
    try:
        dated = datetime.fromisoformat(text("Date") or "")
    except ValueError:
        raise InvalidSeda(f"{what}: its Date '{text('Date')}' cannot be read as a date and time") from None
    return AuthorizationReply(message_id=text("MessageIdentifier") or "",
                              request_id=text("MessageRequestIdentifier") or "", reply_code=code,
                              approved=code.upper() in APPROVAL_CODES, dated=dated, comment="\n".join(comments) or None)
