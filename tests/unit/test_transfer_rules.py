"""The pure rules of transfers: the SIP and its manifest, reading the archives' reply, and a case awaiting
that reply in the lifecycle. No database."""

import dataclasses
import hashlib
import io
import zipfile
from datetime import date, datetime

import pytest
from lxml import etree

from casefiles.kernel.vocabulary import CaseState, DisposalStatus, NextAction
from oubli.settings import DEFAULT_POLICY
from retention.lifecycle import CaseFacts, DisposalFact, MeasureFact, plan_case
from retention.policy import DEFAULT_ARCHIVES, load_policy
from retention.seda.replies import read_transfer_reply
from retention.seda.transfer import CaseUnit, Child, SipWriter
from retention.seda.validation import NAMESPACE, InvalidSeda, problems

POLICY = load_policy(DEFAULT_POLICY)
AS_OF = date(2026, 12, 4)
CASE = CaseUnit("D-1-0000042", date(2009, 1, 5), date(2014, 3, 31), Child("Martin", "Léa Anne", date(2005, 5, 5)))
DOCUMENTS = [("DOC-1", "situation_note", date(2010, 1, 2), "Note sur Léa.".encode()),
             ("DOC-2", "letter_to_judge", date(2012, 6, 1), b"Courrier au juge.")]


def sip(version: str = "2.2", case: CaseUnit = CASE, agreement: str | None = "AD31-CV-04") -> tuple[bytes, bytes]:
    archives = dataclasses.replace(DEFAULT_ARCHIVES, seda_version=version, archival_agreement=agreement)
    sink = io.BytesIO()
    writer = SipWriter(sink)
    for document in DOCUMENTS:
        writer.add_document(*document)
    manifest = writer.finish(case, archives, "CD000-ASE-SIP-D-1-0000042-1", datetime(2026, 12, 4, 2, 30))
    return sink.getvalue(), manifest


@pytest.mark.parametrize("version", ["2.2", "2.1"])
def test_the_manifest_describes_the_file_and_each_document_with_its_digest_and_size(version):
    package, manifest = sip(version)
    ns = {"s": NAMESPACE.format(version=version)}
    root = etree.fromstring(manifest)
    assert problems(root) == []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert archive.read("manifest.xml") == manifest
        for binary in root.iterfind(".//s:BinaryDataObject", ns):
            content = archive.read(binary.findtext("s:Uri", namespaces=ns))
            assert binary.findtext("s:MessageDigest", namespaces=ns) == hashlib.sha512(content).hexdigest()
            assert int(binary.findtext("s:Size", namespaces=ns)) == len(content)
    content = root.find(".//s:ArchiveUnit/s:Content", ns)
    assert [content.findtext(f"s:{tag}", namespaces=ns) for tag in ("DescriptionLevel", "StartDate", "EndDate")] \
        == ["File", "2009-01-05", "2014-03-31"]
    assert [content.findtext(f"s:Addressee/s:{tag}", namespaces=ns) for tag in ("FirstName", "BirthName", "BirthDate")] \
        == ["Léa Anne", "Martin", "2005-05-05"]
    items = root.findall(".//s:ArchiveUnit/s:ArchiveUnit/s:Content/s:DescriptionLevel", ns)
    assert [item.text for item in items] == ["Item", "Item"]
    assert root.findtext(".//s:ManagementMetadata/s:OriginatingAgencyIdentifier", namespaces=ns) == "CD000-ASE"


def test_without_an_agreement_or_a_known_child_the_manifest_is_still_valid():
    _, manifest = sip(case=dataclasses.replace(CASE, child=None), agreement=None)
    assert problems(manifest) == [] and b"ArchivalAgreement" not in manifest and b"Addressee" not in manifest


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile's word for the same clash
def test_an_invalid_manifest_is_refused_before_the_package_is_finished():
    sink = io.BytesIO()
    writer = SipWriter(sink)
    writer.add_document("DOC 1", *DOCUMENTS[0][1:])
    writer.add_document("DOC_1", *DOCUMENTS[0][1:])  # both DOC_1 as SEDA ids: two units with one id
    with pytest.raises(InvalidSeda, match="transfer manifest of case D-1-0000042 is not valid SEDA"):
        writer.finish(CASE, DEFAULT_ARCHIVES, "M-1", datetime(2026, 12, 4))


def reply(code: str, request: str = "M-1", root: str = "ArchiveTransferReply") -> bytes:
    ns = NAMESPACE.format(version="2.2")
    return (f'<{root} xmlns="{ns}"><Comment>Pièces manquantes</Comment><Date>2026-12-03T09:00:00</Date>'
            f"<MessageIdentifier>AD-R-1</MessageIdentifier><CodeListVersions/><ReplyCode>{code}</ReplyCode>"
            f"<MessageRequestIdentifier>{request}</MessageRequestIdentifier><ArchivalAgency><Identifier>FRAD000"
            f"</Identifier></ArchivalAgency><TransferringAgency><Identifier>CD000-ASE</Identifier>"
            f"</TransferringAgency></{root}>").encode()


@pytest.mark.parametrize("code, acknowledged", [("OK", True), ("WARNING", True), ("000", True), ("KO", False),
                                                ("200", False)])
def test_the_reply_code_tells_an_acknowledgement_from_a_rejection(code, acknowledged):
    answer = read_transfer_reply(reply(code), "the reply")
    assert answer.acknowledged is acknowledged
    assert (answer.message_identifier, answer.request_identifier, answer.replied_on, answer.comment) == \
        ("AD-R-1", "M-1", date(2026, 12, 3), "Pièces manquantes")


@pytest.mark.parametrize("message, refusal", [
    (b"<not xml", "is not XML"),
    (reply("OK", root="ArchiveTransfer"), "not an ArchiveTransferReply"),
    (reply("OK").replace(b"<CodeListVersions/>", b""), "is not valid SEDA"),
    (reply("OK").replace(b"seda:v2.2", b"seda:v9.9"), "is not SEDA"),
])
def test_what_is_not_a_valid_transfer_reply_is_refused(message, refusal):
    with pytest.raises(InvalidSeda, match=refusal):
        read_transfer_reply(message, "the reply")


def test_a_transfer_reply_declaring_entities_is_refused_unread(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the archives")
    data = reply("OK").replace(b"<Comment>Pi\xc3\xa8ces manquantes</Comment>", b"<Comment>&leak;</Comment>").replace(
        b"<ArchiveTransferReply", f'<!DOCTYPE r [<!ENTITY leak SYSTEM "file://{secret}">]><ArchiveTransferReply'.encode(), 1)
    with pytest.raises(InvalidSeda, match="declares a DOCTYPE") as refused:
        read_transfer_reply(data, "the reply")
    assert "not for the archives" not in str(refused.value)


def awaiting(confirmed: bool, holds: int = 0, next_action: str = NextAction.AWAIT_TRANSFER_REPLY) -> CaseFacts:
    return CaseFacts(id="D-1", state=CaseState.AWAITING_TRANSFER, opened_on=date(2001, 1, 4),
                     child_birth_date=date(2000, 6, 1),
                     measures=(MeasureFact("administrative", date(2001, 1, 4), date(2003, 5, 10)),),
                     holds_in_force=holds, archived_on=date(2003, 5, 10), next_action=next_action,
                     disposal=DisposalFact(7, DisposalStatus.APPROVED, date(2026, 11, 22)),
                     transfer_confirmed=confirmed)


def test_a_case_awaiting_the_archives_reply_is_left_as_it_is():
    assert plan_case(awaiting(confirmed=False), POLICY, AS_OF) is None
    reviewed = plan_case(awaiting(confirmed=False, next_action=NextAction.REVIEW), POLICY, AS_OF)
    assert reviewed.steps == () and reviewed.state == CaseState.AWAITING_TRANSFER
    assert reviewed.next_action == NextAction.AWAIT_TRANSFER_REPLY


def test_a_confirmed_transfer_is_carried_out_unless_a_hold_is_in_force():
    confirmed = plan_case(awaiting(confirmed=True), POLICY, AS_OF)
    assert confirmed.steps == ("carry_out",) and confirmed.disposal_item_id == 7
    held = plan_case(awaiting(confirmed=True, holds=1), POLICY, AS_OF)
    assert held.steps == ("skipped_hold",) and (held.next_action, held.next_action_due_on) == (NextAction.CARRY_OUT,
                                                                                                AS_OF)
