"""The register of rights requests as auditors' scripts drive it."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()


def a_subject(cli) -> str:
    cli.start_from_seeded(cases=2, seed=4, as_of=TODAY)
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
    assert cli.json("requests", "show", request_id)["status"] == "exported"
    assert cli("requests", "send", request_id, "--channel", "mail", "--on", TODAY).returncode == 0
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


def opened_and_verified(cli, kind: str, subject: str) -> str:
    request_id = str(cli.json("requests", "open", "--kind", kind, "--subject", subject, "--requester-name",
                              "Mme Témoin", "--capacity", "self", "--received", TODAY)["id"])
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    return request_id


def test_a_restriction_is_decided_restricted_lifted_once_told_and_counted_in_the_report(cli):
    subject = a_subject(cli)
    request_id = opened_and_verified(cli, "restriction", subject)
    decided = cli.json("requests", "decide", request_id)
    assert decided["decisions"] and {d["outcome"] for d in decided["decisions"]} == {"restricted"}
    letter = cli("requests", "letter", request_id)
    assert letter.returncode == 0 and "Mme Témoin" in letter.stdout and "limitation" in letter.stdout
    not_told = cli("requests", "lift-restriction", request_id, "--told-on", TODAY, "--told-how", "")
    assert not_told.returncode == 1 and "told-how is empty" in not_told.stderr
    lifted = cli("requests", "lift-restriction", request_id, "--told-on", TODAY, "--told-how", "courrier")
    assert lifted.returncode == 0, lifted.stderr
    report = cli.json("report", "retention")
    assert report["requests"]["answered"] == 1 and report["requests"]["outcomes"]["restricted"] >= 1
    assert "Témoin" not in json.dumps(cli.json("audit", "log"))


def test_a_rectification_from_the_command_line_keeps_the_former_value_for_the_dpo(cli, tmp_path):
    subject = a_subject(cli)
    request_id = opened_and_verified(cli, "rectification", subject)
    rectified = cli("requests", "rectify", request_id, "--field", "birth_place", "--value", "Saint-Gaudens")
    assert rectified.returncode == 0, rectified.stderr
    history = cli.json("subjects", "history", subject, "--reason", "Vérification de la rectification")
    assert [h["field"] for h in history] == ["birth_place"] and history[0]["request_id"] == int(request_id)
    statement = tmp_path / "declaration.txt"
    statement.write_text("Je ne suis pas d'accord avec ce rapport.", encoding="utf-8")
    [case] = cli.json("cases", "list", "--limit", "1")["cases"]
    document = cli.json("cases", "show", case["id"])["documents"][0]["id"]
    added = cli("requests", "add-statement", request_id, "--document", document, "--text-file", str(statement))
    assert added.returncode == 0, added.stderr
    outcomes = [d["outcome"] for d in cli.json("requests", "decide", request_id)["decisions"]]
    assert outcomes == ["rectified", "statement_added"]
    out = tmp_path / "lettre.txt"
    assert cli("requests", "letter", request_id, "--out", str(out)).returncode == 0
    assert "article 19" in out.read_text(encoding="utf-8") and (out.stat().st_mode & 0o777) == 0o600
    journal = json.dumps(cli.json("audit", "log"))
    assert "Saint-Gaudens" not in journal and "pas d'accord" not in journal
