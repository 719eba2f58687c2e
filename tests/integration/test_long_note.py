"""A document of hostile size, a follow-up log longer than spaCy takes in one text, is stored whole on each
database and goes through an access export whole, with everyone but the subject masked. The export reads it as any
document and masks it the same whatever the database: it runs once, on SQLite (the detection of a million
characters is most of this file's time). Its speed is measured by bench/long_note.py (linear in the length), not
here."""

import io
import random
import re
import tarfile
from datetime import date

import pyrage
import pytest
from sqlalchemy import select

from anonymizer.engine import Detector
from casefiles.ingest.records import parse_case
from casefiles.ingest.store import record_lengths, save_all
from casefiles.kernel.vocabulary import Capacity, Channel, RequestKind, Role
from casefiles.persistence.models import Document
from subject_requests.access_export import export_access
from subject_requests.information import load_information
from subject_requests.register import open_request, verify_identity
from synthetic.prose import grouped_nir, running_note
from synthetic.seed import Departement, cast_of
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
# More than spaCy's limit for one text (nlp.max_length, 1,000,000 characters).
CHARACTERS = 1_100_000


@pytest.fixture(scope="module")
def detector():
    return Detector()


@pytest.fixture(scope="module")
def case_with_a_long_note():
    """A seeded case whose file holds, beside its notes, one follow-up log of over a million characters."""
    case = next(iter(Departement(21, TODAY).cases(1)))
    note = running_note(random.Random(21), cast_of(case), date.fromisoformat(case["opened_on"]), CHARACTERS)
    case["documents"].append({"id": "DOC-LONG", "kind": "situation_note", "written_on": TODAY.isoformat(),
                              "text": note})
    return case, note


def saved(app, case) -> None:
    with app.uow() as uow:
        save_all(uow, [parse_case(case, record_lengths())], source="test")
        uow.commit()


def test_a_note_of_over_a_million_characters_is_stored_whole(app, case_with_a_long_note):
    case, note = case_with_a_long_note
    saved(app, case)
    with app.uow() as uow:
        assert uow.session.scalar(select(Document.text).where(Document.id == "DOC-LONG")) == note


def test_a_note_of_over_a_million_characters_is_exported_whole_with_the_others_masked(sqlite_app, detector,
                                                                                       case_with_a_long_note):
    app, (case, note) = sqlite_app, case_with_a_long_note
    saved(app, case)
    roles = {}
    for link in case["participants"]:
        roles.setdefault(link["person_id"], set()).add(link["role"])
    persons = {p["id"]: p for p in case["persons"]}
    [child_id] = [person_id for person_id, held in roles.items() if Role.CHILD in held]
    child = persons[child_id]
    request_id, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "Le jeune majeur", Capacity.SELF, TODAY,
                                 Channel.MAIL, TODAY, vault=app.vault())
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    identity = pyrage.x25519.Identity.generate()
    out = app.settings.keys_dir.parent / "export.age"

    summary, _ = export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), out=out,
                               recipient=str(identity.to_public()))

    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(out.read_bytes(), [identity]))) as archive:
        masked = archive.extractfile("export/documents/DOC-LONG.txt").read().decode("utf-8")
    assert masked.count("\n\n") == note.count("\n\n")  # every entry is there, to the last
    [long_one] = [d for d in summary.documents if d.id == "DOC-LONG"]
    assert sum(long_one.masked.values()) > note.count("\n\n")
    child_first = child["first_names"].split()[0]
    assert masked.count(child_first) >= note.count("\n\n") // 2  # the subject's own name is kept
    named = [persons[person_id] for person_id in roles
             if person_id != child_id and persons[person_id]["first_names"].split()[0] in note]
    assert {Role.PARENT, Role.PROFESSIONAL} <= {role for other in named for role in roles[other["id"]]}
    for other in (o for o in named if roles[o["id"]] != {Role.PROFESSIONAL}):  # in clear: config/masking.yaml
        first = other["first_names"].split()[0]
        assert not re.search(rf"\b{re.escape(first)}\b", masked), roles[other["id"]]
        for value in (other.get("phone"), other.get("nir") and grouped_nir(other["nir"])):
            assert not value or value not in masked, roles[other["id"]]
        if other["last_name"] != child["last_name"]:
            assert not re.search(rf"\b{re.escape(other['last_name'])}\b", masked, re.IGNORECASE), roles[other["id"]]
