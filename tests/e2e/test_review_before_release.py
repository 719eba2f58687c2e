"""Review before release (issue 14, item 3): the DPO sees each document of an access export with what
will be masked and why, unmasks or masks by document and offsets or by person, and the request is
answered only when the export is recorded as sent."""

import io
import json
import subprocess
import tarfile
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyrage
import pytest

from tests.conftest import age_command
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date()
NOTE = ("Léa Martin est accueillie chez sa mère, Claire Martin. Son frère Hugo Martin, joignable au "
        "06 12 34 56 78, vient le samedi.")
CASE = {"id": "D-2024-00007", "opened_on": "2024-01-10",
        "persons": [{"id": "P-71", "last_name": "Martin", "first_names": "Léa", "birth_date": "2008-03-02", "sex": "F",
                     "address": "12 rue des Lilas, 31000 Toulouse"},
                    {"id": "P-72", "last_name": "Martin", "first_names": "Claire", "sex": "F",
                     "address": "12 rue des Lilas, 31000 Toulouse"},
                    {"id": "P-74", "last_name": "Martin", "first_names": "Hugo", "sex": "M",
                     "phone": "0612345678"}],
        "participants": [{"person_id": "P-71", "role": "child"}, {"person_id": "P-72", "role": "parent"},
                         {"person_id": "P-74", "role": "sibling"}],
        "documents": [{"id": "N-701", "kind": "situation_note", "written_on": "2024-02-01", "text": NOTE}]}


@pytest.fixture
def request_id(cli, tmp_path) -> str:
    path = tmp_path / "case.jsonl"
    path.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("import", str(path)).returncode == 0
    opened = str(cli.json("requests", "open", "--kind", "access", "--subject", "P-71", "--requester-name", "Léa Martin",
                          "--capacity", "self", "--received", TODAY.isoformat())["id"])
    assert cli("requests", "verify-identity", opened, "--method", "CNI vue au guichet").returncode == 0
    return opened


CLAIRE = (NOTE.index("Claire Martin"), NOTE.index("Claire Martin") + len("Claire Martin"))
HUGO = (NOTE.index("Hugo Martin"), NOTE.index("Hugo Martin") + len("Hugo Martin"))
PHONE = (NOTE.index("06 12"), NOTE.index("06 12") + len("06 12 34 56 78"))
SATURDAY = (NOTE.index("samedi"), NOTE.index("samedi") + len("samedi"))


def masked_lines(review: str) -> list[str]:
    """The review's lines naming a masked stretch, as the DPO reads them."""
    return [line.strip() for line in review.splitlines() if line.startswith("  ") and "«" in line]


def opened_tar(path, key) -> dict[str, str]:
    """What the `age` command decrypts from `path` with the identity file `key`: file name -> text."""
    plain = subprocess.run([age_command(), "--decrypt", "-i", str(key), str(path)], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(plain.stdout)) as archive:
        return {m.name: archive.extractfile(m).read().decode("utf-8") for m in archive.getmembers()}


@pytest.fixture
def key(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    path = tmp_path / "dpo.key"
    path.write_text(str(identity) + "\n")
    return path, str(identity.to_public())


def test_a_review_in_the_terminal_shows_each_masked_stretch_with_whose_data_it_is_and_why(cli, request_id):
    shown = cli("requests", "export", request_id, "--review", "-")
    assert shown.returncode == 0, shown.stderr
    assert "Léa Martin est accueillie chez sa mère, [parent]. Son frère [frère ou sœur], joignable au [frère ou sœur]" \
        in shown.stdout
    assert masked_lines(shown.stdout) == [
        f"{CLAIRE[0]}-{CLAIRE[1]}  [parent]  P-72 (parent)  participant  «Claire Martin»",
        f"{HUGO[0]}-{HUGO[1]}  [frère ou sœur]  P-74 (sibling)  participant  «Hugo Martin»",
        f"{PHONE[0]}-{PHONE[1]}  [frère ou sœur]  P-74 (sibling)  participant  «06 12 34 56 78»"]
    assert cli.json("requests", "show", request_id)["status"] == "identity_verified"  # a review changes nothing


def test_a_review_for_scripts_gives_the_same_stretches_as_json_and_controls_in_a_text_are_shown_escaped(cli, tmp_path):
    text = "Note\x1b]0;owned\x07\x1b[2J : Léa Martin a vu Claire Martin."
    hostile = CASE | {"documents": [{"id": "N-709", "kind": "situation_note", "written_on": "2024-02-01",
                                     "text": text}]}
    path = tmp_path / "case.jsonl"
    path.write_text(json.dumps(hostile, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("import", str(path)).returncode == 0
    request_id = str(cli.json("requests", "open", "--kind", "access", "--subject", "P-71", "--requester-name", "X",
                              "--capacity", "self", "--received", TODAY.isoformat())["id"])
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    shown = cli("requests", "export", request_id, "--review", "-")
    assert "Note\\x1b]0;owned\\x07\\x1b[2J : Léa Martin a vu [parent]." in shown.stdout
    assert not {"\x1b", "\x07"} & set(shown.stdout)
    [document] = cli.json("requests", "export", request_id, "--review", "-")["documents"]
    assert [(s["start"], s["end"], s["label"], s["person_id"], s["role"], s["text"]) for s in document["masked"]] == [
        (text.index("Claire"), len(text) - 1, "[parent]", "P-72", "parent", "Claire Martin")]


def test_a_review_written_to_a_file_is_encrypted_for_the_dpo_and_opens_with_age(cli, request_id, tmp_path, key):
    path, public = key
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "review.age"
    written = cli("requests", "export", request_id, "--review", str(out), "--recipient", public)
    assert written.returncode == 0, written.stderr
    assert b"Claire" not in out.read_bytes() and (out.stat().st_mode & 0o777) == 0o600
    files = opened_tar(out, path)
    assert f"{CLAIRE[0]}-{CLAIRE[1]}  [parent]  P-72 (parent)  participant  «Claire Martin»" in files["review/review.txt"]
    stretches = json.loads(files["review/review.json"])["documents"][0]["masked"]
    assert [(s["start"], s["end"], s["person_id"], s["why"]) for s in stretches] == [
        (*CLAIRE, "P-72", "participant"), (*HUGO, "P-74", "participant"), (*PHONE, "P-74", "participant")]
    unencrypted = cli("requests", "export", request_id, "--review", str(folder / "other.age"))
    assert unencrypted.returncode == 1 and "exactly one of --recipient" in unencrypted.stderr
    assert [p.name for p in folder.iterdir()] == ["review.age"]  # nothing else, nothing in clear


@on_each_database
def test_keep_and_mask_change_the_next_review_and_the_export_and_are_journaled_by_ids_without_text(
        cli, request_id, tmp_path, key):
    changed = cli("requests", "export", request_id, "--review", "-", "--keep", f"N-701:{CLAIRE[0]}-{CLAIRE[1]}",
                  "--mask", f"N-701:{SATURDAY[0]}-{SATURDAY[1]}")
    assert changed.returncode == 0, changed.stderr
    assert ("mère, Claire Martin. Son frère [frère ou sœur], joignable au [frère ou sœur], vient le [donnée masquée]."
            in changed.stdout)
    remembered = cli("requests", "export", request_id, "--review", "-")  # the changes are kept for the request
    assert masked_lines(remembered.stdout) == masked_lines(changed.stdout) == [
        f"{HUGO[0]}-{HUGO[1]}  [frère ou sœur]  P-74 (sibling)  participant  «Hugo Martin»",
        f"{PHONE[0]}-{PHONE[1]}  [frère ou sœur]  P-74 (sibling)  participant  «06 12 34 56 78»",
        f"{SATURDAY[0]}-{SATURDAY[1]}  [donnée masquée]  not a known participant  dpo_review  «samedi»"]

    by_person = cli("requests", "export", request_id, "--review", "-", "--keep-person", "P-74")
    assert "Son frère Hugo Martin, joignable au 06 12 34 56 78, vient le [donnée masquée]." in by_person.stdout
    again = cli("requests", "export", request_id, "--review", "-", "--mask-person", "P-74")  # the later one wins
    assert "Son frère [frère ou sœur], joignable au [frère ou sœur], vient le [donnée masquée]." in again.stdout

    path, public = key
    out = tmp_path / "export.age"
    assert cli("requests", "export", request_id, "--recipient", public, "--out", str(out)).returncode == 0
    document = opened_tar(out, path)["export/documents/N-701.txt"]
    assert document == ("Léa Martin est accueillie chez sa mère, Claire Martin. Son frère [frère ou sœur], joignable "
                        "au [frère ou sœur], vient le [donnée masquée].")

    journal = cli.json("audit", "log", "--action", "request.review_changed")
    assert [entry["details"]["changes"] for entry in journal] == [
        [{"action": "keep", "document": "N-701", "start": CLAIRE[0], "end": CLAIRE[1]},
         {"action": "mask", "document": "N-701", "start": SATURDAY[0], "end": SATURDAY[1]}],
        [{"action": "keep", "person_id": "P-74"}], [{"action": "mask", "person_id": "P-74"}]]
    whole_journal = json.dumps(cli.json("audit", "log"), ensure_ascii=False)
    assert not [value for value in ("Claire", "Hugo", "samedi", "06 12") if value in whole_journal]


def test_a_stretch_or_person_the_review_does_not_show_is_refused_and_nothing_is_kept(cli, request_id):
    malformed = cli("requests", "export", request_id, "--review", "-", "--keep", "N-701:50-40")
    assert malformed.returncode == 2 and "DOC_ID:START-END" in malformed.stderr
    unknown = cli("requests", "export", request_id, "--review", "-", "--mask", "N-999:0-4")
    assert unknown.returncode == 1 and "document N-999 is not among the subject's documents" in unknown.stderr
    past_end = cli("requests", "export", request_id, "--review", "-", "--mask", f"N-701:0-{len(NOTE) + 1}")
    assert past_end.returncode == 1 and f"has {len(NOTE)} characters" in past_end.stderr
    stranger = cli("requests", "export", request_id, "--review", "-", "--keep-person", "P-99")
    assert stranger.returncode == 1 and "person P-99 is not a participant" in stranger.stderr
    assert cli.json("audit", "log", "--action", "request.review_changed") == []


@on_each_database
def test_the_request_stays_open_until_sent_and_a_new_export_replaces_the_previous_one(cli, request_id, tmp_path, key):
    _, public = key
    first = cli.json("requests", "export", request_id, "--recipient", public, "--out", str(tmp_path / "1.age"))
    assert first["replaces"] is None
    assert cli.json("requests", "show", request_id)["status"] == "exported"
    assert cli.json("report", "retention")["requests"]["answered"] == 0
    second = cli("requests", "export", request_id, "--recipient", public, "--out", str(tmp_path / "2.age"))
    assert second.returncode == 0, second.stderr
    assert f"it replaces the export {first['sha256']}, not to be sent" in second.stdout
    third = cli.json("requests", "export", request_id, "--recipient", public, "--out", str(tmp_path / "3.age"))
    assert third["replaces"] != first["sha256"] and third["replaces"] in second.stdout

    sent = cli("requests", "send", request_id, "--channel", "mail", "--on", TODAY.isoformat())
    assert sent.returncode == 0, sent.stderr
    assert f"export {third['sha256']} sent by mail" in sent.stdout
    shown = cli.json("requests", "show", request_id)
    assert (shown["status"], shown["closed_on"]) == ("answered", TODAY.isoformat())
    assert cli.json("report", "retention")["requests"]["answered"] == 1
    [journaled] = cli.json("audit", "log", "--action", "request.sent")
    assert {k: journaled["details"][k] for k in ("channel", "sent_on", "sha256")} == {
        "channel": "mail", "sent_on": TODAY.isoformat(), "sha256": third["sha256"]}
    late = cli("requests", "export", request_id, "--recipient", public, "--out", str(tmp_path / "4.age"))
    assert late.returncode == 1 and "already dealt with" in late.stderr and not (tmp_path / "4.age").exists()


def test_send_refuses_a_day_in_the_future_before_receipt_or_without_an_export(cli, request_id, tmp_path, key):
    nothing = cli("requests", "send", request_id, "--channel", "email", "--on", TODAY.isoformat())
    assert nothing.returncode == 1 and f"request {request_id} has no export to send" in nothing.stderr
    _, public = key
    assert cli("requests", "export", request_id, "--recipient", public, "--out", str(tmp_path / "e.age")).returncode == 0
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    future = cli("requests", "send", request_id, "--channel", "email", "--on", tomorrow)
    assert future.returncode == 1 and f"--on {tomorrow} is after today" in future.stderr
    before = (TODAY - timedelta(days=1)).isoformat()
    early = cli("requests", "send", request_id, "--channel", "email", "--on", before)
    assert early.returncode == 1 and "before the request was received" in early.stderr
    bad_channel = cli("requests", "send", request_id, "--channel", "pigeon", "--on", TODAY.isoformat())
    assert bad_channel.returncode == 2
    assert cli.json("requests", "show", request_id)["status"] == "exported"
    assert cli.json("audit", "log", "--action", "request.sent") == []


def test_the_status_follows_the_request_from_open_to_answered(cli, tmp_path, key):
    path = tmp_path / "case.jsonl"
    path.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("import", str(path)).returncode == 0
    request_id = str(cli.json("requests", "open", "--kind", "access", "--subject", "P-71", "--requester-name", "X",
                              "--capacity", "self", "--received", TODAY.isoformat())["id"])
    statuses = [cli.json("requests", "show", request_id)["status"]]
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    statuses.append(cli.json("requests", "show", request_id)["status"])
    cli("requests", "export", request_id, "--recipient", key[1], "--out", str(tmp_path / "e.age"))
    statuses.append(cli.json("requests", "show", request_id)["status"])
    cli("requests", "send", request_id, "--channel", "in_person", "--on", TODAY.isoformat())
    statuses.append(cli.json("requests", "show", request_id)["status"])
    assert statuses == ["open", "identity_verified", "exported", "answered"]
    assert [r["status"] for r in cli.json("requests", "list")] == ["answered"]
