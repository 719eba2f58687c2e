"""`oubli subjects search` finds the persons whose cases are all archived, through the blind index, and
says they are sealed without opening them; `subjects history` is read only with a reason."""

from tests.e2e.conftest import on_each_database

AS_OF = "2026-11-22"


def archived_store(cli) -> tuple[str, dict]:
    """A seeded store after a run, and a child of one of its archived cases as `cases show --reason` opens it."""
    cli("seed", "--cases", "60", "--seed", "21", "--as-of", AS_OF)
    ran = cli("run", "--as-of", AS_OF)
    assert ran.returncode == 0, ran.stderr
    archived = cli.json("cases", "list", "--state", "archived")["cases"]
    assert archived, "the test needs an archived case"
    case = cli.json("cases", "show", archived[0]["id"], "--reason", "Demande d'accès de l'intéressé")
    child = next(p for p in case["participants"] if p["role"] == "child")
    return archived[0]["id"], child


@on_each_database
def test_a_person_whose_cases_are_all_archived_is_found_by_name_and_marked_sealed_in_json(cli):
    case_id, child = archived_store(cli)
    hits = cli.json("subjects", "search", child["name"].upper())
    [hit] = [h for h in hits if h["person_id"] == child["person_id"]]
    assert hit["sealed"] is True and hit["first_names"] is None and hit["last_name"] is None
    assert [case_id, "child", "archived"] in hit["cases"]
    assert all(h["sealed"] is False for h in hits if h["person_id"] != child["person_id"] and h["last_name"])


def test_the_table_says_which_persons_are_out_of_daily_use_and_shows_no_sealed_name(cli):
    _, child = archived_store(cli)
    shown = cli("subjects", "search", child["name"])
    assert shown.returncode == 0, shown.stderr
    row = next(line for line in shown.stdout.splitlines() if child["person_id"] in line)
    assert "(sealed)" in row and child["name"].split()[-1] not in row
    assert "out of daily use (sealed)." in shown.stdout


def test_a_lost_index_key_makes_the_search_say_so_and_init_builds_the_index_again(cli):
    _, child = archived_store(cli)
    (cli.home / "keys" / "index.key").unlink()
    refused = cli("subjects", "search", child["name"])
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "index.key does not exist" in refused.stderr and child["name"] not in refused.stderr
    initialised = cli.json("init")
    assert initialised["keys_created"] == ["index.key"] and initialised["persons_indexed"] > 0
    assert child["person_id"] in [h["person_id"] for h in cli.json("subjects", "search", child["name"])]
    assert cli.json("init")["persons_indexed"] == 0  # nothing missing the second time
    assert oct((cli.home / "keys" / "index.key").stat().st_mode & 0o777) == "0o600"


def test_a_history_read_without_a_reason_is_refused_and_with_one_is_journaled_by_id(cli):
    _, child = archived_store(cli)
    refused = cli("subjects", "history", child["person_id"])
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.startswith("Error: ") and "--reason TEXT" in refused.stderr
    assert cli.json("subjects", "history", child["person_id"], "--reason", "Demande du juge") == []
    [read] = [e for e in cli.json("audit", "log") if e["action"] == "person.history_read"]
    assert read["target_ids"] == [child["person_id"]] and "Demande du juge" not in str(read)


def test_an_index_key_other_users_can_read_is_refused_as_the_other_keys_are(cli):
    _, child = archived_store(cli)
    key = cli.home / "keys" / "index.key"
    key.chmod(0o644)
    refused = cli("subjects", "search", child["name"])
    assert (refused.returncode, refused.stdout) == (1, "")
    assert f"the key {key} is open to other users (mode 0644): run `chmod 600 {key}`" in refused.stderr
