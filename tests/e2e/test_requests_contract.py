"""The register of rights requests as auditors' scripts drive it."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()


def a_subject(cli) -> str:
    cli("init")
    cli("seed", "--cases", "2", "--seed", "4", "--as-of", TODAY)
    [case] = cli.json("cases", "list", "--limit", "1")["cases"]
    return next(p["person_id"] for p in cli.json("cases", "show", case["id"])["participants"] if p["role"] == "child")


def test_open_prints_the_id_and_show_gives_the_contract_fields(cli):
    subject = a_subject(cli)
    opened = cli("requests", "open", "--kind", "access", "--subject", subject, "--requester-name", "Mme Témoin",
                 "--capacity", "self", "--received", TODAY, "--channel", "email")
    assert opened.returncode == 0, opened.stderr
    request_id = opened.stdout.strip()
    assert request_id.isdigit() and "Verify the requester's identity" in opened.stderr
    as_json = cli.json("requests", "open", "--kind", "erasure", "--subject", subject, "--requester-name", "X",
                       "--capacity", "self", "--received", TODAY)
    assert as_json["id"] == int(request_id) + 1

    shown = cli.json("requests", "show", request_id)
    assert {"id", "kind", "status", "received_on", "due_on", "identity_verified"} <= set(shown)
    assert (shown["kind"], shown["status"], shown["received_on"], shown["identity_verified"]) == (
        "access", "open", TODAY, False)
    assert cli("requests", "verify-identity", request_id, "--method", "CNI vue").returncode == 0
    assert cli.json("requests", "show", request_id)["identity_verified"] is True
    assert [r["id"] for r in cli.json("requests", "list", "--due-within", "31")] == [int(request_id), as_json["id"]]

    journal = cli.json("audit", "log", "--action", "request.opened")
    assert len(journal) == 2 and "Témoin" not in json.dumps(journal)


def test_bad_requests_are_clear_errors(cli):
    subject = a_subject(cli)
    bad_kind = cli("requests", "open", "--kind", "complaint", "--subject", subject, "--requester-name", "X",
                   "--capacity", "self", "--received", TODAY)
    assert bad_kind.returncode == 2
    bad_date = cli("requests", "open", "--kind", "access", "--subject", subject, "--requester-name", "X",
                   "--capacity", "self", "--received", "20/11/2026")
    assert bad_date.returncode == 2
    unknown = cli("requests", "show", "999")
    assert unknown.returncode == 1 and "no request has the id 999" in unknown.stderr
