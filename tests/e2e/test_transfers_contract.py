"""Transfers from the command line: `oubli transfers list|confirm|reject`, on both databases."""

import hashlib
import io
import subprocess
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pyrage
import pytest

from retention.seda.validation import NAMESPACE, problems
from tests.conftest import age_command
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
KEYS = {"case_id", "path", "sha512", "status", "sent_on", "days_waiting", "message_identifier", "seda_version",
        "reply_identifier", "replied_on", "reason"}


@pytest.fixture
def sent(cli, tmp_path) -> list[dict]:
    """Cases sent to the archives by the nightly run, under a policy that transfers every case."""
    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "archives.key").write_text(str(identity) + "\n")
    policy = tmp_path / "retention.yaml"
    policy.write_text(f"defaults:\n  final_action: transfer_to_archives\ntransfer:\n  recipient: {identity.to_public()}\n")
    cli.env["OUBLI_POLICY"] = str(policy)
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    cli.json("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    run = cli.json("run", "--as-of", TODAY)
    packages = cli.json("transfers", "list")
    assert run["sent_to_archives"] == len(packages) > 1 and run["transferred"] == 0
    return packages


def reply_to(package: dict, code: str = "OK") -> str:
    ns = NAMESPACE.format(version="2.2")
    return (f'<ArchiveTransferReply xmlns="{ns}"><Comment>Dossier incomplet</Comment><Date>{TODAY}T09:00:00</Date>'
            f"<MessageIdentifier>AD31-ATR-0117</MessageIdentifier><CodeListVersions/><ReplyCode>{code}</ReplyCode>"
            f"<MessageRequestIdentifier>{package['message_identifier']}</MessageRequestIdentifier><ArchivalAgency>"
            f"<Identifier>FRAD000</Identifier></ArchivalAgency><TransferringAgency><Identifier>CD000-ASE</Identifier>"
            f"</TransferringAgency></ArchiveTransferReply>")


@on_each_database
def test_transfers_list_gives_each_package_awaiting_its_reply_with_a_zip_the_age_command_opens(cli, sent, tmp_path):
    assert all(set(package) == KEYS and package["status"] == "awaiting_reply" for package in sent)
    package = sent[0]
    with open(package["path"], "rb") as written:
        assert hashlib.sha512(written.read()).hexdigest() == package["sha512"]
    plain = subprocess.run([age_command(), "--decrypt", "-i", str(tmp_path / "archives.key"), package["path"]],
                           capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(plain)) as sip:
        assert problems(sip.read("manifest.xml")) == []
    waiting = cli.json("cases", "list", "--state", "awaiting_transfer", "--limit", "500")["cases"]
    assert {case["id"] for case in waiting} == {p["case_id"] for p in sent}
    refused = cli("verify-disposal", package["case_id"])
    assert refused.returncode == 1 and "until the archives confirm" in refused.stderr


@on_each_database
def test_confirm_destroys_the_case_and_verify_disposal_proves_it(cli, sent, tmp_path):
    first, second = sent[0], sent[1]
    reply = tmp_path / "accuse.xml"
    reply.write_text(reply_to(first))
    confirmed = cli.json("transfers", "confirm", first["case_id"], "--reply", str(reply))
    assert confirmed["destroyed"] is True and confirmed["reply_identifier"] == "AD31-ATR-0117"
    assert cli.json("verify-disposal", first["case_id"])["cases"][0]["state"] == "transferred"
    typed = cli.json("transfers", "confirm", second["case_id"], "--reference", "AD31-V-2", "--on", TODAY)
    assert typed["destroyed"] is True
    statuses = {p["case_id"]: (p["status"], p["reply_identifier"]) for p in cli.json("transfers", "list")}
    assert statuses[first["case_id"]] == ("confirmed", "AD31-ATR-0117")
    assert statuses[second["case_id"]] == ("confirmed", "AD31-V-2")


def test_a_reply_to_another_package_is_refused_in_one_line_and_nothing_changes(cli, sent, tmp_path):
    reply = tmp_path / "accuse.xml"
    reply.write_text(reply_to(sent[1]))
    refused = cli("transfers", "confirm", sent[0]["case_id"], "--reply", str(reply))
    assert refused.returncode == 1 and refused.stderr.startswith("Error: the reply answers the package")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert cli.json("transfers", "list")[0]["status"] == "awaiting_reply"


def test_a_rejection_puts_the_case_back_on_the_list_with_the_archives_reason(cli, sent, tmp_path):
    rejected = cli("transfers", "reject", sent[0]["case_id"], "--reason", "Pièces manquantes")
    assert rejected.returncode == 0, rejected.stderr
    reply = tmp_path / "refus.xml"
    reply.write_text(reply_to(sent[1], code="KO"))
    assert cli.json("transfers", "confirm", sent[1]["case_id"], "--reply", str(reply))["status"] == "rejected"
    listed = {p["case_id"]: p for p in cli.json("transfers", "list", "--status", "rejected")}
    assert (listed[sent[0]["case_id"]]["reason"], listed[sent[1]["case_id"]]["reason"]) == \
        ("Pièces manquantes", "Dossier incomplet")
    shown = cli("transfers", "list")
    assert "Pièces manquantes" in shown.stdout
    pending = cli.json("cases", "list", "--state", "pending_disposal", "--limit", "500")["cases"]
    assert {sent[0]["case_id"], sent[1]["case_id"]} <= {case["id"] for case in pending}
    proposed = [item for lst in cli.json("disposals", "list") for item in lst["items"] if item["status"] == "proposed"]
    assert {sent[0]["case_id"], sent[1]["case_id"]} <= {item["case_id"] for item in proposed}


@pytest.mark.parametrize("arguments", [(), ("--reference", "AD31-V-2"), ("--reply", "x.xml", "--reference", "R")])
def test_confirm_needs_either_a_reply_or_a_dated_reference(cli, arguments):
    ran = cli("transfers", "confirm", "D-1", *arguments)
    assert ran.returncode == 2
