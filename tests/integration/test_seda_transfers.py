"""Transfers to the Archives départementales on both databases: a SEDA package (manifest valid against the
official schema, digests and sizes matching its content) in an envelope the standard `age` command opens,
and the case kept here until the archives confirm they hold it."""

import hashlib
import io
import subprocess
import zipfile
from datetime import date

import pyrage
import pytest
from lxml import etree
from sqlalchemy import func, select

from casefiles.erasure.disposal_check import verify_disposal
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import CaseState, DisposalStatus
from casefiles.persistence.models import Case, DisposalItem, Document, JournalEntry, Tombstone
from retention import disposals, holds
from retention.policy import parse_policy
from retention.run import nightly_run
from retention.seda.validation import NAMESPACE, problems
from retention.transfer_replies import confirm, list_packages, reject
from synthetic.seed import seed_cases
from tests.conftest import age_command

AS_OF = date(2026, 11, 22)
LATER = date(2026, 12, 4)


@pytest.fixture
def archives(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "archives.key"
    key.write_text(str(identity) + "\n")
    return str(identity.to_public()), key


def transfer_policy(public: str, version: str = "2.2"):
    return parse_policy(f"defaults:\n  final_action: transfer_to_archives\ntransfer:\n  recipient: {public}\n"
                        f"archives:\n  seda_version: '{version}'\n  archival_agreement: AD31-CV-2026-04\n")


def seeded_documents(app) -> dict[str, tuple[str, str]]:
    """Seed a store; returns its documents' cases and texts, read before anything is sealed."""
    seed_cases(app.uow(), 40, seed=9, as_of=AS_OF)
    with app.uow() as uow:
        return {i: (case, text) for i, case, text in uow.session.execute(
            select(Document.id, Document.case_id, Document.text))}


def send(app, policy, seeded: bool = False) -> list[str]:
    """(Seed,) propose, approve and run: returns the cases sent to the archives."""
    if not seeded:
        seeded_documents(app)
    nightly_run(app.uow, policy, AS_OF, app.clock, app.disposal_means())
    [disposal_list] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), disposal_list.id, "AD31-2026-118", AS_OF)
    result = nightly_run(app.uow, policy, AS_OF, app.clock, app.disposal_means())
    sent = [p.case_id for p in list_packages(app.uow(), AS_OF)]
    assert sent and result.counts["sent_to_archives"] == len(sent) and result.counts["transferred"] == 0
    return sent


def opened(package_path: str, key) -> zipfile.ZipFile:
    plain = subprocess.run([age_command(), "--decrypt", "-i", str(key), package_path], capture_output=True,
                           check=True).stdout
    return zipfile.ZipFile(io.BytesIO(plain))


def reply(package, code: str = "OK", comment: str | None = None, answers: str | None = None,
          version: str = "2.2") -> bytes:
    """An ArchiveTransferReply as the archives' system sends it."""
    ns = NAMESPACE.format(version=version)
    note = f"<Comment>{comment}</Comment>" if comment else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ArchiveTransferReply xmlns="{ns}">{note}'
            f"<Date>2026-12-04T10:12:00</Date><MessageIdentifier>AD31-ATR-2026-0117</MessageIdentifier>"
            f"<CodeListVersions/><ReplyCode>{code}</ReplyCode>"
            f"<MessageRequestIdentifier>{answers or package.message_identifier}</MessageRequestIdentifier>"
            f"<GrantDate>2026-12-04T10:12:00</GrantDate><ArchivalAgency><Identifier>FRAD000</Identifier>"
            f"</ArchivalAgency><TransferringAgency><Identifier>CD000-ASE</Identifier></TransferringAgency>"
            f"</ArchiveTransferReply>").encode()


def state_of(app, case_id: str) -> str:
    with app.uow() as uow:
        return uow.session.scalar(select(Case.state).where(Case.id == case_id))


@pytest.mark.parametrize("version", ["2.2", "2.1"])
def test_a_transferred_case_is_sent_as_a_valid_seda_package_and_kept_until_the_archives_reply(app, archives, version):
    public, key = archives
    documents = seeded_documents(app)
    sent = send(app, transfer_policy(public, version), seeded=True)
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Document)) == len(documents)  # all still here
        assert set(uow.session.scalars(select(Case.state).where(Case.id.in_(sent)))) == {CaseState.AWAITING_TRANSFER}
        with pytest.raises(InvalidInput, match="kept here until the archives confirm"):
            verify_disposal(uow.session, app.eraser().ledger, sent[0])
        assert not set(sent) & {c.case_id for c in verify_disposal(uow.session, app.eraser().ledger)}
    for package in list_packages(app.uow(), AS_OF):
        with open(package.path, "rb") as written:
            assert hashlib.sha512(written.read()).hexdigest() == package.sha512
        with opened(package.path, key) as sip:
            manifest = etree.fromstring(sip.read("manifest.xml"))
            assert problems(manifest) == [] and etree.QName(manifest).namespace == NAMESPACE.format(version=version)
            ns = {"s": NAMESPACE.format(version=version)}
            objects = manifest.findall(".//s:BinaryDataObject", ns)
            for binary in objects:
                content = sip.read(binary.findtext("s:Uri", namespaces=ns))
                assert binary.find("s:MessageDigest", ns).get("algorithm") == "SHA-512"
                assert binary.findtext("s:MessageDigest", namespaces=ns) == hashlib.sha512(content).hexdigest()
                assert int(binary.findtext("s:Size", namespaces=ns)) == len(content)
            mine = {i: text for i, (case, text) in documents.items() if case == package.case_id}
            assert sorted(sip.read(f"content/{i}.txt").decode() for i in mine) == sorted(mine.values())
            assert sorted(n for n in sip.namelist() if n != "manifest.xml") == sorted(f"content/{i}.txt" for i in mine)
        [file_unit] = manifest.findall("s:DataObjectPackage/s:DescriptiveMetadata/s:ArchiveUnit", ns)
        assert file_unit.findtext("s:Content/s:DescriptionLevel", namespaces=ns) == "File"
        assert package.case_id in file_unit.findtext("s:Content/s:Title", namespaces=ns)
        assert file_unit.findtext("s:Management/s:AppraisalRule/s:FinalAction", namespaces=ns) == "Keep"
        assert len(file_unit.findall("s:ArchiveUnit", ns)) == len(objects) == len(mine)
        assert manifest.findtext("s:ArchivalAgreement", namespaces=ns) == "AD31-CV-2026-04"
        assert manifest.findtext("s:MessageIdentifier", namespaces=ns) == package.message_identifier


def test_the_case_is_destroyed_once_the_archives_confirm_with_their_reply_in_its_tombstone(app, archives):
    public, _ = archives
    policy = transfer_policy(public)
    sent = send(app, policy)
    package = list_packages(app.uow(), AS_OF)[0]
    later = nightly_run(app.uow, policy, LATER, app.clock, app.disposal_means())
    assert later.counts["transferred"] == 0 and state_of(app, package.case_id) == CaseState.AWAITING_TRANSFER
    recorded = confirm(app.uow(), package.case_id, policy, LATER, app.disposal_means(), reply=reply(package))
    assert recorded.destroyed and recorded.reply_identifier == "AD31-ATR-2026-0117"
    with app.uow() as uow:
        tombstone = uow.session.execute(select(Tombstone.transfer_reply, Tombstone.package_sha512)
                                        .where(Tombstone.case_id == package.case_id)).one()
        left = uow.session.scalar(select(func.count()).select_from(Document).where(Document.case_id == package.case_id))
        [check] = verify_disposal(uow.session, app.eraser().ledger, package.case_id)
    assert tuple(tombstone) == ("AD31-ATR-2026-0117", package.sha512)
    assert left == 0 and check.state == CaseState.TRANSFERRED and check.problems == []
    assert {p.case_id: p.status for p in list_packages(app.uow(), LATER)}[package.case_id] == "confirmed"
    assert all(state_of(app, other) == CaseState.AWAITING_TRANSFER for other in sent if other != package.case_id)


def test_a_typed_acknowledgement_reference_confirms_as_a_reply_does(app, archives):
    public, _ = archives
    policy = transfer_policy(public)
    send(app, policy)
    package = list_packages(app.uow(), AS_OF)[0]
    confirm(app.uow(), package.case_id, policy, LATER, app.disposal_means(), reference="AD31-VERS-0117", on=LATER)
    with app.uow() as uow:
        assert uow.session.scalar(select(Tombstone.transfer_reply).where(Tombstone.case_id == package.case_id)) \
            == "AD31-VERS-0117"


@pytest.mark.parametrize("how", ["rejecting reply", "reject command"])
def test_a_refused_package_puts_the_case_back_on_the_list_with_the_archives_reason(app, archives, how):
    public, _ = archives
    policy = transfer_policy(public)
    send(app, policy)
    package = list_packages(app.uow(), AS_OF)[0]
    reason = "Pièces manquantes : jugements de placement"
    if how == "rejecting reply":
        recorded = confirm(app.uow(), package.case_id, policy, LATER, app.disposal_means(),
                           reply=reply(package, code="KO", comment=reason))
    else:
        recorded = reject(app.uow(), package.case_id, reason, policy, LATER)
    assert recorded.status == "rejected" and not recorded.destroyed
    assert state_of(app, package.case_id) == CaseState.PENDING_DISPOSAL
    [listed] = [p for p in list_packages(app.uow(), LATER) if p.case_id == package.case_id]
    assert (listed.status, listed.reason) == ("rejected", reason)
    with app.uow() as uow:
        items = dict(uow.session.execute(select(DisposalItem.id, DisposalItem.status)
                                         .where(DisposalItem.case_id == package.case_id)).all())
        journal = " ".join(uow.session.scalars(select(JournalEntry.details)))
    assert sorted(items.values()) == [DisposalStatus.PROPOSED, DisposalStatus.REJECTED]
    assert "Pièces manquantes" not in journal and "manquantes" not in journal


def test_a_reply_to_another_package_is_refused_and_nothing_is_recorded(app, archives):
    public, _ = archives
    policy = transfer_policy(public)
    send(app, policy)
    first, second = list_packages(app.uow(), AS_OF)[:2]
    with pytest.raises(InvalidInput, match="not the one of case"):
        confirm(app.uow(), first.case_id, policy, LATER, app.disposal_means(),
                reply=reply(first, answers=second.message_identifier))
    with pytest.raises(Exception, match="not valid SEDA"):
        confirm(app.uow(), first.case_id, policy, LATER, app.disposal_means(),
                reply=reply(first).replace(b"<CodeListVersions/>", b""))
    assert state_of(app, first.case_id) == CaseState.AWAITING_TRANSFER
    assert list_packages(app.uow(), LATER)[0].status == "awaiting_reply"


def test_a_hold_placed_while_awaiting_the_reply_stops_destruction_until_it_is_lifted(app, archives):
    public, _ = archives
    policy = transfer_policy(public)
    send(app, policy)
    package = list_packages(app.uow(), AS_OF)[0]
    holds.place_hold(app.uow(), package.case_id, "Procédure pénale en cours", LATER)
    recorded = confirm(app.uow(), package.case_id, policy, LATER, app.disposal_means(), reply=reply(package))
    assert recorded.held and not recorded.destroyed
    nightly_run(app.uow, policy, LATER, app.clock, app.disposal_means())
    assert state_of(app, package.case_id) == CaseState.AWAITING_TRANSFER
    holds.lift_holds(app.uow(), package.case_id, LATER)
    result = nightly_run(app.uow, policy, LATER, app.clock, app.disposal_means())
    assert result.counts["transferred"] == 1 and state_of(app, package.case_id) == CaseState.TRANSFERRED
    with app.uow() as uow:
        assert uow.session.scalar(select(Tombstone.transfer_reply).where(Tombstone.case_id == package.case_id)) \
            == "AD31-ATR-2026-0117"
