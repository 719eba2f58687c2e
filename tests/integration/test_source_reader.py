"""Reading the example vendor source in place: the same cases from SQLite, PostgreSQL and CSV exports, the
problems the generator put in, only the changed dossiers after a mark, and never a write to the source."""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from casefiles.ingest.mapping import load_mapping
from casefiles.ingest.source_reader import SourceError, _Stream, open_source
from tests.conftest import new_postgres_database
from tests.data.vendor import make_vendor_source as vendor

MAPPING = load_mapping(Path(__file__).parents[1] / "data" / "vendor" / "mapping.yaml")
DOSSIERS = 300
FAULT_RATE = 0.05


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory) -> tuple[str, dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('vendor') / 'iodas.db'}"
    return url, vendor.write(url, DOSSIERS, fault_rate=FAULT_RATE)


@pytest.fixture(scope="module")
def csv_source(tmp_path_factory) -> tuple[str, dict]:
    folder = tmp_path_factory.mktemp("vendor-csv")
    return str(folder), vendor.write(str(folder), DOSSIERS, fault_rate=FAULT_RATE)


@pytest.fixture(scope="module")
def postgres_source(request) -> tuple[str, dict]:
    url = new_postgres_database(request, "vendor_source")
    return url, vendor.write(url, DOSSIERS, fault_rate=FAULT_RATE)


def read(location: str, changed_after: str | None = None) -> list:
    source = open_source(location, MAPPING)
    try:
        return sorted(source.cases(changed_after), key=lambda case: case.source_id)
    finally:
        source.close()


def problem_counts(cases) -> Counter:
    return Counter(problem.kind for case in cases for problem in case.problems)


@pytest.mark.postgres
def test_sqlite_postgresql_and_csv_give_the_same_cases(sqlite_source, postgres_source, csv_source):
    from_sqlite = read(sqlite_source[0])
    assert len(from_sqlite) > DOSSIERS  # family dossiers give a case per child
    assert read(postgres_source[0]) == from_sqlite
    assert read(csv_source[0]) == from_sqlite


def test_the_problems_found_are_those_the_generator_put_in(sqlite_source):
    url, expected = sqlite_source
    cases = read(url)
    assert problem_counts(cases) == Counter(expected) and sum(expected.values()) > 10
    refused = {case.source_id for case in cases if case.record is None}
    blocking = {case.source_id for case in cases
                if {p.kind for p in case.problems} & {"unknown_code", "bad_date", "missing_required", "no_child"}}
    assert refused == blocking


def test_ids_name_every_childs_case_and_the_watermark_is_the_latest_change(sqlite_source):
    url, _ = sqlite_source
    source = open_source(url, MAPPING)
    built = {case.source_id for case in read(url) if "/" in case.source_id}
    assert set(source.ids()) == built
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        latest = max(connection.exec_driver_sql(f'SELECT max("DATE_MAJ") FROM "{name}"').scalar()
                     for name in ("DOSSIER_FAMILLE", "INDIVIDU", "LIEN_DOSSIER", "MESURE", "INFO_PREOC", "ECRIT",
                                  "PROCEDURE"))
    engine.dispose()
    assert source.watermark() == latest


@pytest.mark.parametrize("kind", ["sqlite", "csv"])
def test_after_a_mark_only_the_changed_dossiers_are_read(kind, tmp_path):
    location = f"sqlite:///{tmp_path / 'iodas.db'}" if kind == "sqlite" else str(tmp_path / "csv")
    vendor.write(location, 200, seed=3, fault_rate=0)
    mark = open_source(location, MAPPING).watermark()
    assert mark is not None and read(location, changed_after=mark) == []
    changed = vendor.change(location, 0.2, "2026-02-01 02:00:00")
    after = read(location, changed_after=mark)
    assert {case.source_id.split("/")[0] for case in after} == set(changed) and len(changed) == 40
    everything = {case.source_id: case for case in read(location)}
    assert all(everything[case.source_id] == case for case in after)
    day = date(2026, 2, 1)  # a day's work: a proceeding opened, a measure ended, a note written further
    records = [case.record for case in after if case.record]
    assert any(proceeding.started_on == day for case in after for proceeding in case.proceedings)
    assert any(measure.ended_on == day for record in records for measure in record.measures)
    assert any(document.text.endswith("Point fait ce jour avec l'équipe.") for record in records
               for document in record.documents)
    assert open_source(location, MAPPING).watermark() == "2026-02-01 02:00:00"


def test_reading_a_sqlite_source_leaves_its_file_untouched(sqlite_source):
    url, _ = sqlite_source
    path = Path(sa.make_url(url).database)
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir()))
    source = open_source(url, MAPPING)
    source.watermark()
    list(source.ids())
    list(source.cases())
    list(source.cases(changed_after="2025-06-01 00:00:00"))
    with pytest.raises(SourceError, match="readonly"), source._connection() as connection:
        connection.exec_driver_sql('UPDATE "DOSSIER_FAMILLE" SET "SECTEUR" = \'X\'')
    source.close()
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())) == before


@pytest.mark.postgres
def test_a_postgresql_source_is_read_in_a_read_only_transaction(postgres_source):
    url, _ = postgres_source
    source = open_source(url, MAPPING)
    with pytest.raises(SourceError, match="read-only transaction"), source._connection() as connection:
        connection.exec_driver_sql('UPDATE "DOSSIER_FAMILLE" SET "SECTEUR" = \'X\'')
    source.close()
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql('SELECT count(*) FROM "DOSSIER_FAMILLE" WHERE "SECTEUR" = \'X\'').scalar() == 0
    engine.dispose()


def test_a_source_that_cannot_be_read_as_mapped_is_a_clear_error(sqlite_source, tmp_path):
    url, _ = sqlite_source
    with pytest.raises(SourceError, match="is not a file"):
        open_source(f"sqlite:///{tmp_path / 'absent.db'}", MAPPING)
    with pytest.raises(SourceError, match="neither a database URL"):
        open_source(str(tmp_path / "absent"), MAPPING)
    misnamed = MAPPING.model_copy(update={"measures": MAPPING.measures.model_copy(update={"table": "MESURES"})})
    with pytest.raises(SourceError, match=r"cannot be read \(no such table: MESURES\): check"):
        list(open_source(url, misnamed).cases())


def test_the_shipped_schema_is_the_generators():
    shipped = (Path(__file__).parents[1] / "data" / "vendor" / "schema.sql").read_text(encoding="utf-8")
    assert shipped == vendor.ddl()


def test_a_section_may_be_a_query_that_leaves_rows_out(sqlite_source):
    url, _ = sqlite_source
    dossiers = MAPPING.dossiers.model_copy(update={
        "table": None, "query": 'SELECT * FROM "DOSSIER_FAMILLE" WHERE "SECTEUR" <> \'S1\''})
    everything = read(url)
    some = open_source(url, MAPPING.model_copy(update={"dossiers": dossiers}))
    cases = {case.source_id: case for case in some.cases() if case.record is not None}
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        left_out = set(connection.exec_driver_sql('SELECT "NUM_DOSSIER" FROM "DOSSIER_FAMILLE" WHERE "SECTEUR" = \'S1\'')
                       .scalars())
    engine.dispose()
    assert left_out and not any(source_id.split("/")[0] in left_out for source_id in cases)
    kept = [case for case in everything if case.record is not None and case.source_id.split("/")[0] not in left_out]
    assert [(case.record, case.proceedings) for case in kept] == [
        (cases[case.source_id].record, cases[case.source_id].proceedings) for case in kept]
    # A problem in a query's column is named by the column alone: the query has no table name.
    assert any(problem.where == "DATE_OUVERTURE" for case in cases.values() for problem in case.problems)


def test_rows_out_of_dossier_order_stop_the_read_rather_than_mix_dossiers():
    rows = iter([{"dossier": "F2"}, {"dossier": "F1"}])
    with pytest.raises(SourceError, match="otherwise than by code point"):
        stream = _Stream("measures", rows)
        stream.take("F2")


def test_csv_exports_are_read_in_the_encoding_and_delimiter_the_mapping_gives(csv_source, tmp_path):
    folder, _ = csv_source
    windows = tmp_path / "windows"
    windows.mkdir()
    for file in Path(folder).glob("*.csv"):
        text = file.read_text(encoding="utf-8").replace(";", "\t")
        (windows / file.name).write_text(text, encoding="cp1252")
    with pytest.raises(SourceError, match=r"\.csv is not utf-8 text: set csv.encoding in the mapping"):
        open_source(str(windows), MAPPING)
    exported = MAPPING.model_copy(update={"csv": MAPPING.csv.model_copy(update={"encoding": "cp1252",
                                                                                "delimiter": "\t"})})
    source = open_source(str(windows), exported)
    assert sorted(source.cases(), key=lambda case: case.source_id) == read(folder)
    source.close()


@pytest.mark.postgres
def test_a_change_column_of_timestamps_gives_marks_to_the_second(request):
    url = new_postgres_database(request, "vendor_source")
    vendor.write(url, 40, seed=4, fault_rate=0)
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql('ALTER TABLE "MESURE" ALTER "DATE_MAJ" TYPE timestamp USING "DATE_MAJ"::timestamp')
    source = open_source(url, MAPPING)
    mark = source.watermark()
    with engine.begin() as connection:
        connection.exec_driver_sql('UPDATE "MESURE" SET "DATE_MAJ" = timestamp \'2026-02-01 02:00:01\' '
                                   'WHERE "NUM_DOSSIER" = \'F0000007\'')
    engine.dispose()
    assert {case.source_id.split("/")[0] for case in source.cases(changed_after=mark)} == {"F0000007"}
    assert source.watermark() == "2026-02-01 02:00:01"
    assert list(source.cases(changed_after="2026-02-01 02:00:01")) == []
    source.close()
