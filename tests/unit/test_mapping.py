"""The mapping file: the example loads; each mistake is named by the file and its key path, with what to do."""

import copy
from pathlib import Path

import pytest
import yaml

from casefiles.ingest.mapping import MappingError, load_mapping, parse_mapping

EXAMPLE = Path(__file__).parents[1] / "data" / "vendor" / "mapping.yaml"
DATA = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_the_example_mapping_loads_with_its_codes_and_frameworks():
    mapping = load_mapping(EXAMPLE)
    assert mapping.name == "exemple-iodas"
    assert mapping.measures is not None and mapping.measures.codes["TUT"].framework == "judicial"
    assert mapping.measures.codes["PUP"].model_dump() == {"type": "PLACEMENT", "framework": "administrative"}
    assert mapping.child_codes() == ["ENF"]
    assert set(mapping.items()) == {"measures", "concerns", "documents", "proceedings"}


def changed(path: list, value=None, delete=False) -> dict:
    data = copy.deepcopy(DATA)
    target = data
    for step in path[:-1]:
        target = target[step]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(("data", "expected"), [
    (changed(["measures", "codes", "MJIE", "type"], "XYZ"),
     "mapping.yaml: measures.codes.MJIE.type: 'XYZ' is not a measure type (one of AED, ACCUEIL_PROVISOIRE,"),
    (changed(["measures", "codes", "DAP", "framework"], delete=True), "mapping.yaml: measures.codes.DAP.framework: missing"),
    (changed(["measures", "codes", "DAP", "framework"], "civil"),
     "mapping.yaml: measures.codes.DAP.framework: 'civil' is not a legal framework (one of administrative, judicial)"),
    (changed(["participants", "codes", "ENF"], ["enfant"]),
     "mapping.yaml: participants.codes.ENF.0: 'enfant' is not a role (one of child, parent,"),
    (changed(["participants", "codes", "TUT"], []), "mapping.yaml: participants.codes.TUT: list should have at least 1"),
    (changed(["participants", "codes", "ENF"], ["sibling"]),
     "mapping.yaml: participants.codes: no code gives the role child"),
    (changed(["concerns", "codes", "SIGN"], "signalement"),
     "mapping.yaml: concerns.codes.SIGN: 'signalement' is not a concern's outcome (one of pending,"),
    (changed(["documents", "codes", "NOTE"], "note"), "mapping.yaml: documents.codes.NOTE: 'note' is not a document kind"),
    (changed(["measures", "columns", "started_on"], delete=True),
     "mapping.yaml: measures.columns: name the source's column for started_on"),
    (changed(["measures", "columns", "debut"], "DATE_DEBUT"),
     "mapping.yaml: measures.columns: debut is not a column Oubli reads here"),
    (changed(["persons", "columns", "nir"], "NIR; DROP TABLE X"),
     "mapping.yaml: persons.columns.nir: 'NIR; DROP TABLE X' is not a table or column name"),
    (changed(["measures", "labels", "table"], "T MESURE"), "mapping.yaml: measures.labels.table: 'T MESURE' is not a"),
    (changed(["measures", "changed"], "DATE-MAJ"), "mapping.yaml: measures.changed: 'DATE-MAJ' is not a table or"),
    (changed(["dossiers", "query"], "SELECT * FROM DOSSIER_FAMILLE"),
     "mapping.yaml: dossiers: give either table (a table's name) or query (a SELECT), one of the two"),
    (changed(["dossiers", "table"], delete=True), "mapping.yaml: dossiers: give either table"),
    (changed(["ids", "item"], "{id}"), "mapping.yaml: ids.item: '{id}' must hold {case}, or two items would get"),
    (changed(["ids", "case"], "{dossier}-{enfant}"), "mapping.yaml: ids.case: '{dossier}-{enfant}': {enfant} is not a part"),
    (changed(["dates", "formats"], ["JJ/MM/AAAA"]), "mapping.yaml: dates.formats: 'JJ/MM/AAAA' is not a date format"),
    (changed(["csv", "encoding"], "latin-9000"), "mapping.yaml: csv.encoding: 'latin-9000' is not an encoding"),
    (changed(["csv", "delimiter"], ";;"), "mapping.yaml: csv.delimiter: the delimiter is one character"),
    (changed(["persons", "sex"], {"1": "H"}), "mapping.yaml: persons.sex.1: 'H' is not a sex (one of F, M)"),
    (changed(["persons", "true_values"], [1]), "mapping.yaml: persons.true_values.0: must be text: write it in quotes"),
    (changed(["split", "other_children"], "brother"), "mapping.yaml: split.other_children: 'brother' is not sibling"),
    (changed(["participants"], delete=True), "mapping.yaml: participants: missing: add this key"),
    (changed(["measures", "cadre"], "x"), "mapping.yaml: measures.cadre: is not a key Oubli knows here"),
    (changed(["proceedings", "query"], "DELETE FROM PROCEDURE"), "mapping.yaml: proceedings: give either table"),
])
def test_each_mistake_is_named_by_its_key_path(data, expected):
    with pytest.raises(MappingError) as caught:
        parse_mapping(data, "mapping.yaml")
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value.problems


def test_a_query_must_only_read():
    data = changed(["proceedings", "query"], "DELETE FROM PROCEDURE")
    del data["proceedings"]["table"]
    with pytest.raises(MappingError, match=r"proceedings: query must be a SELECT"):
        parse_mapping(data, "mapping.yaml")


def test_a_code_yaml_reads_as_a_number_is_named_with_the_advice_to_quote_it(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace('sex: {"1": M, "2": F}', "sex: {1: M, 2: F}")
    path = tmp_path / "departement.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert "departement.yaml: persons.sex" in str(caught.value) and "write it in quotes" in str(caught.value)


def test_a_file_that_is_not_yaml_or_not_there_is_named(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\n  dossiers: [\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r"^broken.yaml: is not valid YAML at line \d+"):
        load_mapping(broken)
    with pytest.raises(MappingError, match=r"^absent.yaml: cannot be read"):
        load_mapping(tmp_path / "absent.yaml")
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r"^list.yaml: must be a YAML mapping"):
        load_mapping(listed)


def test_the_guide_shows_the_example_schema_and_mapping_as_shipped():
    guide = (Path(__file__).parents[2] / "docs" / "mapping.md").read_text(encoding="utf-8")
    vendor = EXAMPLE.parent
    assert f"```sql\n{(vendor / 'schema.sql').read_text(encoding='utf-8')}```" in guide
    assert f"```yaml\n{EXAMPLE.read_text(encoding='utf-8')}```" in guide
