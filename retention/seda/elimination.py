"""The SEDA messages of an elimination, built from plain values (pure: no database).

SEDA 2.x has no "destruction request" of its own: the producing service asks the archives, as the
authority that controls public archives (Code du patrimoine R212-14: no elimination without their visa),
with an `AuthorizationControlAuthorityRequest` naming each file; they answer with an
`AuthorizationControlAuthorityRequestReply` (read in `replies.py`); once the files are destroyed, an
`ArchiveDestructionNotification` tells them which. SEDA 2.1 and 2.2 define these three messages alike:
only the namespace differs. Each function returns the message's root; `document` makes the bytes to write.
"""

from collections.abc import Sequence
from datetime import date, datetime

from lxml import etree

from retention.seda.validation import NAMESPACE


def _maker(version: str):
    namespace = NAMESPACE.format(version=version)

    def element(parent: etree._Element | None, name: str, text: str | None = None, **attributes: str):
        tag = f"{{{namespace}}}{name}"
        made = etree.Element(tag, nsmap={None: namespace}) if parent is None else etree.SubElement(parent, tag)
        for key, value in attributes.items():
            made.set(key, value)
        if text is not None:
            made.text = text
        return made

    return element


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a SEDA message's date needs its time zone")
    return moment.isoformat(timespec="seconds")


def _comments(element, parent, comments: Sequence[str]) -> None:
    for comment in comments:
        element(parent, "Comment", comment, **{"{http://www.w3.org/XML/1998/namespace}lang": "fr"})


def _organisation(element, parent, name: str, identifier: str) -> None:
    element(element(parent, name), "Identifier", identifier)


def authorization_request(*, version: str, message_id: str, sent_at: datetime, requested_on: date, reason: str,
                          comments: Sequence[str], unit_ids: Sequence[str], requester: str, archival_agency: str,
                          control_authority: str) -> etree._Element:
    """The request for the archives' visa on eliminating the files `unit_ids` (case references).

    `reason` is the AuthorizationReason (one line), `comments` say on which rules (French, one per rule);
    agencies are given by their identifiers."""
    if not unit_ids:
        raise ValueError("an elimination request names at least one file")
    element = _maker(version)
    root = element(None, "AuthorizationControlAuthorityRequest")
    element(root, "Date", _stamp(sent_at))
    element(root, "MessageIdentifier", message_id)
    element(root, "CodeListVersions")
    content = element(root, "AuthorizationRequestContent")
    element(content, "AuthorizationReason", reason)
    _comments(element, content, comments)
    element(content, "RequestDate", requested_on.isoformat())
    for unit_id in unit_ids:
        element(content, "UnitIdentifier", unit_id)
    _organisation(element, content, "Requester", requester)
    _organisation(element, root, "ArchivalAgency", archival_agency)
    _organisation(element, root, "ControlAuthority", control_authority)
    return root


def destruction_notification(*, version: str, message_id: str, sent_at: datetime, reply_id: str,
                             unit_ids: Sequence[str], archival_agency: str, originating_agency: str,
                             comments: Sequence[str] = ()) -> etree._Element:
    """The notice that the files `unit_ids` were destroyed under the visa `reply_id` (the identifier of the
    archives' reply, or the reference of their signed visa)."""
    if not unit_ids:
        raise ValueError("a destruction notification names at least one file")
    element = _maker(version)
    root = element(None, "ArchiveDestructionNotification")
    _comments(element, root, comments)
    element(root, "Date", _stamp(sent_at))
    element(root, "MessageIdentifier", message_id)
    element(root, "CodeListVersions")
    element(root, "AuthorizationRequestReplyIdentifier", reply_id)
    for unit_id in unit_ids:
        element(root, "UnitIdentifier", unit_id)
    _organisation(element, root, "ArchivalAgency", archival_agency)
    _organisation(element, root, "OriginatingAgency", originating_agency)
    return root


def document(root: etree._Element) -> bytes:
    """The message as the bytes of an XML file (UTF-8, with its declaration, indented)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
