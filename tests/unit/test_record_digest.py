"""A record's digest says whether a case changed: the same case given in another order is the same, any
value changed is a change."""

from dataclasses import replace
from datetime import date

import pytest

from casefiles.ingest.digest import record_sha256
from casefiles.ingest.records import CaseRecord, DocumentRecord, MeasureRecord, ParticipantRecord, PersonRecord, parse_case
from casefiles.ingest.store import record_lengths
from casefiles.kernel.vocabulary import MeasureType, Role
from synthetic.seed import Departement


@pytest.fixture(scope="module")
def record():
    case = next(case for case in Departement(11, date(2026, 11, 22)).cases(10) if len(case["documents"]) > 1)
    return parse_case(case, record_lengths())


def test_the_same_case_with_its_rows_in_another_order_has_the_same_digest(record):
    shuffled = replace(record, persons=record.persons[::-1], participants=record.participants[::-1],
                       documents=record.documents[::-1])
    assert record_sha256(shuffled) == record_sha256(record)


@pytest.mark.parametrize("change", [
    lambda r: replace(r, documents=r.documents[1:]),
    lambda r: replace(r, documents=(replace(r.documents[0], text=r.documents[0].text + "."), *r.documents[1:])),
    lambda r: replace(r, persons=(replace(r.persons[0], phone="06 12 34 56 78"), *r.persons[1:])),
    lambda r: replace(r, opened_on=date(2001, 1, 1)),
    lambda r: replace(r, measures=r.measures + (replace(r.measures[0], id="M-extra", ended_on=None),)),
], ids=["document gone", "text changed", "phone given", "opened earlier", "measure added"])
def test_any_value_changed_changes_the_digest(record, change):
    assert record_sha256(change(record)) != record_sha256(record)


def test_a_digest_is_sha256_in_hex(record):
    digest = record_sha256(record)
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_a_record_s_digest_is_the_one_stored_by_earlier_versions():
    """Digests are kept in the database: a new way of computing them that gave another value would have every
    case look changed at the next import or sync (persons unsealed, every case reviewed). The value is the one
    every digest.py so far gave for this record."""
    record = CaseRecord(
        "C-1", date(2020, 3, 1),
        (PersonRecord("P-1", "Martin", "Léa", date(2012, 5, 4), search_name="lea martin"),
         PersonRecord("P-2", "Martin", "Paul", parental_authority_withdrawn=True, search_name="paul martin")),
        (ParticipantRecord("P-1", Role.CHILD), ParticipantRecord("P-2", Role.PARENT, "Père")),
        (MeasureRecord("M-1", MeasureType.PLACEMENT, date(2020, 3, 2), date(2024, 6, 30)),),
        (),
        (DocumentRecord("D-1", "situation_note", date(2020, 3, 5), "Léa va bien.", "P-2"),))
    assert record_sha256(record) == "b3f39df8ba39d23e54677008576b837960c6d4bc2f36fc1954bfec363b7d57cc"
