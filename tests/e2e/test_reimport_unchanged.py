"""Importing again a case exactly as it was last imported leaves it untouched: an archived case's persons stay
sealed (subjects search does not find them in clear), the case is not marked for the next run's review, and
the journal has no `case.imported` for it. A case that did change is imported as before."""

import json
from datetime import date

from synthetic.seed import Departement
from tests.e2e.conftest import on_each_database

AS_OF = "2026-11-22"


def archived_after_import(cli, path) -> tuple[list[dict], dict, dict]:
    """Cases imported from `path` then run: the cases, an archived one and its child as read with a reason."""
    cases = list(Departement(21, date.fromisoformat(AS_OF)).cases(60))
    path.write_text("".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases), encoding="utf-8")
    assert cli.json("import", str(path))["created"] == 60
    ran = cli("run", "--as-of", AS_OF)
    assert ran.returncode == 0, ran.stderr
    archived = cli.json("cases", "list", "--state", "archived")["cases"]
    assert archived, "the test needs an archived case"
    case = cli.json("cases", "show", archived[0]["id"], "--reason", "Contrôle de l'import")
    child = next(p for p in case["participants"] if p["role"] == "child")
    return cases, archived[0], child


def sealed_hit(cli, child: dict) -> dict:
    [hit] = [h for h in cli.json("subjects", "search", child["name"]) if h["person_id"] == child["person_id"]]
    return hit


@on_each_database
def test_an_unchanged_archived_case_imported_again_keeps_its_persons_sealed_and_is_not_reviewed(cli, tmp_path):
    export = tmp_path / "export.jsonl"
    cases, archived, child = archived_after_import(cli, export)
    assert sealed_hit(cli, child)["sealed"] is True
    imported_before = len(cli.json("audit", "log", "--action", "case.imported", "--limit", "1000"))

    again = cli.json("import", str(export))

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 60)
    hit = sealed_hit(cli, child)
    assert hit["sealed"] is True and hit["last_name"] is None
    assert len(cli.json("audit", "log", "--action", "case.imported", "--limit", "1000")) == imported_before
    rerun = cli.json("run", "--as-of", AS_OF)
    assert rerun["examined"] == 0, "an unchanged import marked cases for review"
    assert cli.json("cases", "list", "--state", "archived")["cases"][0]["id"] == archived["id"]


@on_each_database
def test_a_changed_case_imported_again_is_written_and_reviewed(cli, tmp_path):
    export = tmp_path / "export.jsonl"
    cases, archived, child = archived_after_import(cli, export)
    changed = next(case for case in cases if case["id"] == archived["id"])
    changed["documents"] = changed["documents"][:1]
    export.write_text(json.dumps(changed, ensure_ascii=False) + "\n", encoding="utf-8")

    again = cli.json("import", str(export))

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 1, 0)
    assert sealed_hit(cli, child)["sealed"] is False  # in daily use again, as an import brings a case
    assert cli.json("run", "--as-of", AS_OF)["examined"] == 1
