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


def test_an_access_export_reviewed_then_written_for_the_standard_age_command(cli, tmp_path):
    import shutil
    import subprocess
    import tarfile

    import pyrage

    subject = a_subject(cli)
    request_id = str(cli.json("requests", "open", "--kind", "access", "--subject", subject, "--requester-name", "X",
                              "--capacity", "self", "--received", TODAY)["id"])
    refused = cli("requests", "export", request_id, "--summary")
    assert refused.returncode == 1 and "identity is not verified" in refused.stderr
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    summary = cli.json("requests", "export", request_id, "--summary")
    assert summary["documents"] > 0 and "sha256" not in summary and not list(tmp_path.glob("*.age"))

    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "key.txt").write_text(str(identity) + "\n")
    out = tmp_path / "export.age"
    written = cli.json("requests", "export", request_id, "--recipient", str(identity.to_public()), "--out", str(out))
    assert written["sha256"] and (out.stat().st_mode & 0o777) == 0o600
    age = shutil.which("age")
    if age:
        plain = subprocess.run([age, "-d", "-i", str(tmp_path / "key.txt"), str(out)], capture_output=True, check=True)
        (tmp_path / "export.tar").write_bytes(plain.stdout)
        with tarfile.open(tmp_path / "export.tar") as archive:
            assert "export/rapport.html" in archive.getnames()
    assert cli.json("requests", "show", request_id)["status"] == "answered"


def test_decide_gives_a_decision_per_record_with_its_ground(cli):
    subject = a_subject(cli)
    request_id = str(cli.json("requests", "open", "--kind", "erasure", "--subject", subject, "--requester-name", "X",
                              "--capacity", "self", "--received", TODAY)["id"])
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    decided = cli.json("requests", "decide", request_id)
    assert decided["decisions"] and all({"record", "outcome", "ground"} <= set(d) for d in decided["decisions"])
    assert {d["outcome"] for d in decided["decisions"]} <= {"erased", "refused", "restricted"}
    assert decided["decisions"][-1]["record"] == f"person:{subject}"
    assert cli.json("requests", "show", request_id)["status"] == "answered"
