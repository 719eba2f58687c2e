"""The elimination exchanged with the archives in SEDA, from the command line: the request for their visa,
their reply recorded as the visa or the refusal, the visa typed from the signed form, and the notification
of what was destroyed. Every message Oubli writes is checked against the official schema as written."""

import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from retention.seda.validation import NAMESPACE, problems
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date()
POLICY = Path(__file__).parents[2] / "config" / "retention.yaml"
REFUSAL = "Dossiers à conserver pour l'échantillon historique (circulaire AD 98-6)."


def proposed_list(cli, tmp_path: Path, version: str = "2.2") -> dict:
    """A seeded département whose run proposed cases for disposal, under a policy speaking SEDA `version`."""
    policy = tmp_path / "retention.yaml"
    policy.write_text(POLICY.read_text(encoding="utf-8").replace('seda_version: "2.2"', f'seda_version: "{version}"'),
                      encoding="utf-8")
    cli.env["OUBLI_POLICY"] = str(policy)
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY.isoformat())
    cli.json("run", "--as-of", TODAY.isoformat())
    [disposal_list] = cli.json("disposals", "list")
    return disposal_list


def to_eliminate(disposal_list: dict) -> list[str]:
    return sorted(item["case_id"] for item in disposal_list["items"]
                  if item["status"] == "proposed" and item["final_action"] in ("destroy", "anonymise"))


def read(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def children(root: etree._Element, name: str) -> list[str]:
    return [child.text for child in root.iter(f"{{{etree.QName(root).namespace}}}{name}")]


def export_request(cli, list_id: int, path: Path) -> dict:
    return cli.json("disposals", "export", str(list_id), "--format", "seda", "--out", str(path))


def reply(tmp_path: Path, request_id: str, code: str, comment: str | None = None, version: str = "2.2") -> Path:
    """The reply the archives send, as their system writes it, dated now."""
    dated = datetime.now(UTC).replace(microsecond=0)
    remark = f"<Comment>{comment}</Comment>" if comment else ""
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<AuthorizationControlAuthorityRequestReply xmlns="{NAMESPACE.format(version=version)}">
  {remark}
  <Date>{dated.isoformat()}</Date>
  <MessageIdentifier>FRAD000-VISA-2026-117</MessageIdentifier>
  <CodeListVersions/>
  <ReplyCode>{code}</ReplyCode>
  <MessageRequestIdentifier>{request_id}</MessageRequestIdentifier>
  <ArchivalAgency><Identifier>FRAD000</Identifier></ArchivalAgency>
  <ControlAuthority><Identifier>FRAD000</Identifier></ControlAuthority>
</AuthorizationControlAuthorityRequestReply>
"""
    assert problems(text.encode("utf-8")) == []  # the reply itself is valid SEDA
    path = tmp_path / f"reply-{code}.xml"
    path.write_text(text, encoding="utf-8")
    return path


@on_each_database
@pytest.mark.parametrize("version", ["2.1", "2.2"])
def test_the_request_is_valid_seda_and_names_each_file_to_eliminate_and_nothing_else(cli, tmp_path, version):
    disposal_list = proposed_list(cli, tmp_path, version)
    out = tmp_path / "demande.xml"
    sent = export_request(cli, disposal_list["id"], out)
    assert problems(out.read_bytes()) == [] and os.stat(out).st_mode & 0o777 == 0o600
    root = read(out)
    assert etree.QName(root).namespace == NAMESPACE.format(version=version)
    assert etree.QName(root).localname == "AuthorizationControlAuthorityRequest"
    assert children(root, "UnitIdentifier") == to_eliminate(disposal_list) == sent["cases"]
    assert children(root, "MessageIdentifier") == [sent["request_id"]]
    assert children(root, "RequestDate") == [TODAY.isoformat()]
    assert children(root, "Identifier") == ["CD000-ASE", "FRAD000", "FRAD000"]  # requester, archives, control
    assert "durée d'utilité administrative" in children(root, "AuthorizationReason")[0]
    shown = cli.json("disposals", "show", str(disposal_list["id"]))
    assert shown["request_id"] == sent["request_id"] and shown["requested_on"] == TODAY.isoformat()
    assert shown["status"] == "closed"  # the run's next proposals go to a new list: the archives decide what they saw
    again = cli("disposals", "export", str(disposal_list["id"]), "--format", "seda", "--out", str(out))
    assert again.returncode == 1 and again.stderr.startswith("Error:") and "--force" in again.stderr
    assert export_request(cli, disposal_list["id"], tmp_path / "encore.xml")["request_id"] == sent["request_id"]
    journal = json.dumps(cli.json("audit", "log", "--action", "disposal.exported"))
    assert sent["request_id"] in journal and sent["cases"][0] in journal


@on_each_database
@pytest.mark.parametrize("version", ["2.1", "2.2"])
def test_an_approving_reply_is_the_visa_and_the_notification_lists_exactly_the_files_destroyed(cli, tmp_path, version):
    disposal_list = proposed_list(cli, tmp_path, version)
    list_id = str(disposal_list["id"])
    sent = export_request(cli, disposal_list["id"], tmp_path / "demande.xml")
    approved = cli.json("disposals", "approve", list_id, "--reply", str(reply(tmp_path, sent["request_id"], "000",
                                                                                 "Visa accordé.", version)), "--yes")
    assert approved["visa"] == "FRAD000-VISA-2026-117" and approved["visa_on"] == TODAY.isoformat()
    shown = cli.json("disposals", "show", list_id)
    assert shown["visa_ref"] == "FRAD000-VISA-2026-117" and shown["visa_on"] == TODAY.isoformat()
    assert sorted(item["case_id"] for item in shown["items"] if item["id"] in approved["approved"]) == sent["cases"]
    early = cli("disposals", "notify", list_id, "--out", str(tmp_path / "too-early.xml"))
    assert early.returncode == 1 and "not carried out yet" in early.stderr
    assert not (tmp_path / "too-early.xml").exists()

    assert cli.json("run", "--as-of", TODAY.isoformat())["destroyed"] > 0
    out = tmp_path / "notification.xml"
    notified = cli.json("disposals", "notify", list_id, "--out", str(out))
    assert problems(out.read_bytes()) == [] and etree.QName(read(out)).namespace == NAMESPACE.format(version=version)
    destroyed = sorted(item["case_id"] for item in cli.json("disposals", "show", list_id)["items"]
                       if item["status"] == "done" and item["final_action"] in ("destroy", "anonymise"))
    assert children(read(out), "UnitIdentifier") == destroyed == notified["cases"] == sent["cases"]
    assert children(read(out), "AuthorizationRequestReplyIdentifier") == ["FRAD000-VISA-2026-117"]
    assert {cli.json("cases", "show", case)["state"] for case in destroyed} == {"destroyed"}


@on_each_database
def test_a_refusing_reply_rejects_the_files_with_its_comment_as_their_reason_kept_out_of_the_journal(cli, tmp_path):
    disposal_list = proposed_list(cli, tmp_path)
    list_id = str(disposal_list["id"])
    sent = export_request(cli, disposal_list["id"], tmp_path / "demande.xml")
    refused = cli.json("disposals", "approve", list_id, "--reply", str(reply(tmp_path, sent["request_id"], "KO",
                                                                                REFUSAL)), "--yes")
    shown = cli.json("disposals", "show", list_id)
    assert sorted(item["case_id"] for item in shown["items"] if item["id"] in refused["rejected"]) == sent["cases"]
    refused_items = [item for item in shown["items"] if item["case_id"] in sent["cases"]]
    assert {(item["status"], item["rejection_reason"]) for item in refused_items} == {("rejected", REFUSAL)}
    assert shown["visa_ref"] is None and shown["visa_on"] == TODAY.isoformat()
    assert f"): {REFUSAL}" in cli("disposals", "show", list_id).stdout
    assert "échantillon" not in json.dumps(cli.json("audit", "log"), ensure_ascii=False)
    assert "FRAD000-VISA-2026-117" in json.dumps(cli.json("audit", "log", "--action", "disposal.rejected"))
    assert cli.json("run", "--as-of", TODAY.isoformat())["destroyed"] == 0
    nothing = cli("disposals", "notify", list_id, "--out", str(tmp_path / "notification.xml"))
    assert nothing.returncode == 1 and "no visa" in nothing.stderr


@on_each_database
def test_a_reply_to_another_request_is_refused_and_records_nothing(cli, tmp_path):
    disposal_list = proposed_list(cli, tmp_path)
    list_id = str(disposal_list["id"])
    export_request(cli, disposal_list["id"], tmp_path / "demande.xml")
    wrong = cli("disposals", "approve", list_id, "--reply", str(reply(tmp_path, "CD000-ASE-ELIM-99-0000", "000")),
                "--yes")
    assert wrong.returncode == 1 and "answers the request CD000-ASE-ELIM-99-0000" in wrong.stderr
    assert "nothing was recorded" in wrong.stderr
    shown = cli.json("disposals", "show", list_id)
    assert shown["visa_ref"] is None and {item["status"] for item in shown["items"]} == {"proposed"}


def test_a_reply_before_any_request_was_sent_says_how_to_send_one(cli, tmp_path):
    disposal_list = proposed_list(cli, tmp_path)
    refused = cli("disposals", "approve", str(disposal_list["id"]), "--reply",
                  str(reply(tmp_path, "CD000-ASE-ELIM-1-0000", "000")), "--yes")
    assert refused.returncode == 1 and "--format seda" in refused.stderr


@on_each_database
def test_a_typed_visa_is_dated_by_the_signed_form_never_in_the_future_nor_before_the_list(cli, tmp_path):
    disposal_list = proposed_list(cli, tmp_path)
    list_id = str(disposal_list["id"])
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    future = cli("disposals", "approve", list_id, "--visa", "AD31-2026-117", "--visa-date", tomorrow, "--yes")
    assert future.returncode == 1 and f"dated {tomorrow}, after today" in future.stderr
    before = (date.fromisoformat(disposal_list["created_on"]) - timedelta(days=1)).isoformat()
    early = cli("disposals", "approve", list_id, "--visa", "AD31-2026-117", "--visa-date", before, "--yes")
    assert early.returncode == 1 and "before the list was made" in early.stderr
    assert {item["status"] for item in cli.json("disposals", "show", list_id)["items"]} == {"proposed"}
    neither = cli("disposals", "approve", list_id, "--yes")
    assert neither.returncode == 2 and "--visa" in neither.stderr
    approved = cli.json("disposals", "approve", list_id, "--visa", "AD31-2026-117", "--visa-date", TODAY.isoformat(),
                        "--yes")
    assert approved["visa_on"] == TODAY.isoformat()
    shown = cli.json("disposals", "show", list_id)
    assert shown["visa_ref"] == "AD31-2026-117" and shown["visa_on"] == TODAY.isoformat()
    late = cli("disposals", "export", list_id, "--format", "seda", "--out", str(tmp_path / "late.xml"))
    assert late.returncode == 1 and "nothing to ask them" in late.stderr and not (tmp_path / "late.xml").exists()


def test_the_bordereau_export_still_writes_its_csv_and_html(cli, tmp_path):
    disposal_list = proposed_list(cli, tmp_path)
    written = cli.json("disposals", "export", str(disposal_list["id"]), "--out", str(tmp_path / "bordereaux"))
    assert Path(written["csv"]).exists() and Path(written["html"]).exists()
    assert cli.json("disposals", "show", str(disposal_list["id"]))["status"] == "open"


@on_each_database
def test_the_archives_reason_for_a_refusal_goes_when_the_case_is_destroyed_later(cli, tmp_path):
    disposal_list = proposed_list(cli, tmp_path)
    list_id = str(disposal_list["id"])
    sent = export_request(cli, disposal_list["id"], tmp_path / "demande.xml")
    cli.json("disposals", "approve", list_id, "--reply", str(reply(tmp_path, sent["request_id"], "KO", REFUSAL)),
             "--yes")
    later = date(TODAY.year + 1, TODAY.month, 1) + timedelta(days=40)  # past the policy's year before proposing again
    cli.json("run", "--as-of", later.isoformat())
    [again] = [d for d in cli.json("disposals", "list") if d["id"] != disposal_list["id"]]
    cli.json("disposals", "approve", str(again["id"]), "--visa", "AD31-2027-004", "--yes")
    assert cli.json("run", "--as-of", later.isoformat())["destroyed"] > 0
    destroyed = {item["case_id"] for item in cli.json("disposals", "show", str(again["id"]))["items"]
                 if item["status"] == "done"}
    gone, kept = set(sent["cases"]) & destroyed, set(sent["cases"]) - destroyed
    assert gone
    reasons = {item["case_id"]: item["rejection_reason"] for item in cli.json("disposals", "show", list_id)["items"]}
    assert {reasons[case] for case in gone} == {None} and {reasons[case] for case in kept} <= {REFUSAL}
