"""The SEDA messages of an elimination, built and read without a database: the request and the notification
are valid in SEDA 2.1 and 2.2 with their children in the schema's order, and a reply is read for what it
says, or refused saying why."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from lxml import etree

from retention.seda.elimination import authorization_request, destruction_notification, document
from retention.seda.replies import read_authorization_reply
from retention.seda.validation import NAMESPACE, VERSIONS, InvalidSeda, problems

SENT_AT = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


def request(version: str, unit_ids=("C-0001", "C-0002")) -> etree._Element:
    return authorization_request(version=version, message_id="CD31-ASE-ELIM-3-0a1b", sent_at=SENT_AT,
                                 requested_on=date(2026, 12, 6), reason="Élimination à l'échéance de la DUA",
                                 comments=["Bordereau n° 3.", "2 dossiers de mesures administratives."],
                                 unit_ids=list(unit_ids), requester="CD31-ASE", archival_agency="FRAD031",
                                 control_authority="FRAD031")


def names(root: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in root]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_request_is_valid_and_names_each_file_in_the_order_the_schema_asks(version):
    root = request(version)
    assert problems(document(root)) == []
    assert etree.QName(root).namespace == NAMESPACE.format(version=version)
    assert names(root) == ["Date", "MessageIdentifier", "CodeListVersions", "AuthorizationRequestContent",
                           "ArchivalAgency", "ControlAuthority"]
    content = root[3]
    assert names(content) == ["AuthorizationReason", "Comment", "Comment", "RequestDate", "UnitIdentifier",
                              "UnitIdentifier", "Requester"]
    assert [child.text for child in content][4:6] == ["C-0001", "C-0002"]
    assert content[1].get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


@pytest.mark.parametrize("version", VERSIONS)
def test_the_notification_is_valid_and_cites_the_visa(version):
    root = destruction_notification(version=version, message_id="CD31-ASE-ELIM-3-NOTIF", sent_at=SENT_AT,
                                    reply_id="FRAD031-VISA-117", unit_ids=["C-0002"], archival_agency="FRAD031",
                                    originating_agency="CD31-ASE", comments=["Éliminés."])
    assert problems(root) == []
    assert names(root) == ["Comment", "Date", "MessageIdentifier", "CodeListVersions",
                           "AuthorizationRequestReplyIdentifier", "UnitIdentifier", "ArchivalAgency",
                           "OriginatingAgency"]
    assert root[4].text == "FRAD031-VISA-117" and root[5].text == "C-0002"


@pytest.mark.parametrize("build", [
    lambda: request("2.2", unit_ids=()),
    lambda: authorization_request(version="2.2", message_id="M", sent_at=SENT_AT.replace(tzinfo=None),
                                  requested_on=date(2026, 12, 6), reason="R", comments=[], unit_ids=["C-1"],
                                  requester="A", archival_agency="B", control_authority="B"),
    lambda: destruction_notification(version="2.2", message_id="N", sent_at=SENT_AT, reply_id="V", unit_ids=[],
                                     archival_agency="B", originating_agency="A"),
])
def test_a_message_without_files_or_without_a_time_zone_is_a_bug_not_a_file(build):
    with pytest.raises(ValueError):
        build()


def reply(code: str | None = "000", comments=(), version: str = "2.2", dated: str = "2026-12-05T17:10:00+01:00",
          root: str = "AuthorizationControlAuthorityRequestReply") -> bytes:
    remarks = "".join(f"<Comment>{c}</Comment>" for c in comments)
    code_element = f"<ReplyCode>{code}</ReplyCode>" if code is not None else ""
    return f"""<{root} xmlns="{NAMESPACE.format(version=version)}">{remarks}<Date>{dated}</Date>
<MessageIdentifier>FRAD031-VISA-117</MessageIdentifier><CodeListVersions/>{code_element}
<MessageRequestIdentifier>CD31-ASE-ELIM-3-0a1b</MessageRequestIdentifier>
<ArchivalAgency><Identifier>FRAD031</Identifier></ArchivalAgency>
<ControlAuthority><Identifier>FRAD031</Identifier></ControlAuthority></{root}>""".encode()


@pytest.mark.parametrize(("code", "approved"), [("000", True), ("OK", True), ("ok", True), ("KO", False),
                                                ("rejected", False), ("001", False)])
@pytest.mark.parametrize("version", VERSIONS)
def test_only_a_code_known_to_approve_is_read_as_the_visa(code, approved, version):
    read = read_authorization_reply(reply(code, ["Intérêt historique.", "Voir le courrier."], version), "the reply")
    assert read.approved is approved and read.reply_code == code
    assert (read.message_id, read.request_id) == ("FRAD031-VISA-117", "CD31-ASE-ELIM-3-0a1b")
    assert read.dated == datetime(2026, 12, 5, 17, 10, tzinfo=timezone(timedelta(hours=1)))
    assert read.comment == "Intérêt historique.\nVoir le courrier."


@pytest.mark.parametrize(("data", "said"), [
    (reply(code=None), "has no ReplyCode"),
    (reply(root="ArchiveTransferReply").replace(b"<ControlAuthority><Identifier>FRAD031</Identifier></ControlAuthority>",
                                                b"<TransferringAgency><Identifier>CD31</Identifier></TransferringAgency>"),
     "holds a SEDA ArchiveTransferReply"),
    (reply(dated="le 5 décembre"), "is not valid SEDA"),
    (reply().replace(b"<MessageRequestIdentifier>CD31-ASE-ELIM-3-0a1b</MessageRequestIdentifier>", b""),
     "is not valid SEDA"),
    (reply().replace(b"v2.2", b"v2.3"), "is not SEDA 2.1 or 2.2"),
    (b"<AuthorizationControlAuthorityRequestReply", "is not XML"),
])
def test_a_reply_that_cannot_be_read_as_a_decision_is_refused_saying_why(data, said):
    with pytest.raises(InvalidSeda, match=said):
        read_authorization_reply(data, "the reply")


def test_a_reply_declaring_entities_is_refused_unread(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the archives")
    data = reply(comments=["&leak;"]).replace(
        b"<AuthorizationControlAuthorityRequestReply",
        f'<!DOCTYPE r [<!ENTITY leak SYSTEM "file://{secret}">]><AuthorizationControlAuthorityRequestReply'.encode(), 1)
    with pytest.raises(InvalidSeda, match="declares a DOCTYPE") as refused:
        read_authorization_reply(data, "the reply")
    assert "not for the archives" not in str(refused.value)
