"""The issue's size: the example vendor source of 20,000 family dossiers (about 33,000 children's cases), read in
place from SQLite and from PostgreSQL through the shipped mapping into a store: every case the source can build
comes in and each problem the generator put in is listed by kind; a second sync reads nothing but the ids and
changes nothing; after a day's changes on 1% of the dossiers, only their cases come in, as changed.
bench/sync.py measures the same syncs' speed and memory."""

from collections import Counter
from pathlib import Path

import pytest

from casefiles.ingest.mapping import load_mapping
from casefiles.ingest.source_reader import open_source
from casefiles.ingest.sync import sync
from tests.conftest import FIXED_NOW, new_postgres_database
from tests.data.vendor import make_vendor_source as vendor

DOSSIERS = 20_000
MAPPING = load_mapping(Path(__file__).parents[1] / "data" / "vendor" / "mapping.yaml")
# Problems the sync lists without the case being left out (the rest leave their case out).
REPORTED_ONLY = {"missing_opening_date", "closed_with_running_measure", "person_described_twice", "missing_nir",
                 "unknown_person"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def large_source(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'iodas.db'}"
    else:
        url = new_postgres_database(request, "vendor_large")
    return url, vendor.write(url, DOSSIERS)


def synced(app, url):
    source = open_source(url, MAPPING)
    try:
        return sync(app.uow(), source, app.eraser().ledger, FIXED_NOW.date(), now=FIXED_NOW)
    finally:
        source.close()


def source_ids(url) -> set[str]:
    source = open_source(url, MAPPING)
    try:
        return set(source.ids())
    finally:
        source.close()


@pytest.mark.slow
def test_twenty_thousand_dossiers_come_in_whole_then_only_what_changed(sqlite_app, large_source):
    url, expected = large_source
    first = synced(sqlite_app, url)
    listed = Counter(problem.kind for problem in first.problems)
    assert listed == Counter(expected)
    left_out = {p.source_id for p in first.problems if p.kind not in REPORTED_ONLY}
    assert first.new > DOSSIERS and (first.changed, first.unchanged, first.gone) == (0, 0, 0)
    assert first.new + len(left_out) == len(source_ids(url) | left_out)

    again = synced(sqlite_app, url)
    assert (again.new, again.changed, again.unchanged, again.read_all) == (0, 0, first.new, False)

    changed_dossiers = vendor.change(url, 0.01, stamp="2026-11-22 23:00:00")
    nightly = synced(sqlite_app, url)
    assert nightly.new == 0 and 0 < nightly.changed <= 3 * len(changed_dossiers)
    newly_left_out = {p.source_id for p in nightly.problems if p.kind not in REPORTED_ONLY} - left_out
    assert nightly.changed + nightly.unchanged + len(newly_left_out) == first.new
