"""Review before release (issue 14, item 3): the DPO sees each document of an access export with what
will be masked and why, unmasks or masks by document and offsets or by person, and the request is
answered only when the export is recorded as sent."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

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


def test_explore(cli, request_id):
    shown = cli("requests", "export", request_id, "--review", "-")
    print(shown.stdout, shown.stderr)
    assert 0
