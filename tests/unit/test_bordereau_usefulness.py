"""The durée d'utilité administrative and its legal ground as the bordereau writes them from a rule (the
words of the vocabularies: tests/unit/test_labels.py)."""

import pytest

from retention.bordereau import administrative_usefulness
from retention.labels import legal_ground
from retention.policy import Category, parse_policy

POLICY = parse_policy("""
defaults: {count_from_majority: false}
categories:
  judicial: {keep_archived_years: 10}
  abuse: {count_from_majority: true, keep_archived_years: 20, final_action: transfer_to_archives}
  concern_only: {keep_archived_years: 1}
""")


@pytest.mark.parametrize(("category", "usefulness", "ground"), [
    (Category.ADMINISTRATIVE, "5 ans à compter de la fin de la prise en charge",
     "Code civil, art. 2224 (prescription de droit commun)"),
    (Category.CONCERN_ONLY, "1 an à compter de la fin de la prise en charge",
     "Code civil, art. 2224 (prescription de droit commun)"),
    (Category.JUDICIAL, "10 ans à compter de la fin de la prise en charge",
     "Code civil, art. 2226, al. 1 (dommage corporel)"),
    (Category.ABUSE,
     "20 ans à compter de la fin de la prise en charge, ou de la majorité de l'enfant si elle est postérieure",
     "Code civil, art. 2226, al. 2 (violences commises contre un mineur) ; art. 2235 (la prescription ne court pas "
     "contre un mineur)"),
])
def test_the_usefulness_and_its_ground_follow_the_rule_of_the_category(category, usefulness, ground):
    rule = POLICY.rule(category)
    assert (administrative_usefulness(rule), legal_ground(rule)) == (usefulness, ground)
