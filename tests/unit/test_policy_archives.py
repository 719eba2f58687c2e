"""The policy's archives section: who is who in the SEDA messages, validated at load."""

import pytest

from retention.policy import PolicyError, parse_policy


def test_the_archives_section_is_read_with_its_agencies_and_rule_codes():
    policy = parse_policy("archives:\n  seda_version: '2.1'\n"
                          "  archival_agency: {identifier: FRAD031, name: Archives départementales de la Haute-Garonne}\n"
                          "  access_rule: ACC-00020\n")
    assert policy.archives.seda_version == "2.1"
    assert policy.archives.archival_agency.identifier == "FRAD031"
    assert policy.archives.access_rule == "ACC-00020"
    assert policy.archives.appraisal_rule == "APP-ASE"  # the default, where the file says nothing


def test_a_policy_without_an_archives_section_has_the_defaults():
    assert parse_policy("").archives.seda_version == "2.2"


@pytest.mark.parametrize("section, key", [
    ("archives: {seda_version: '2.3'}", "archives.seda_version"),
    ("archives: {archival_agency: {identifier: 'FR AD 31', name: x}}", "archives.archival_agency.identifier"),
    ("archives: {archival_agency: {identifier: FRAD031}}", "archives.archival_agency.name"),
    ("archives: {acces_rule: ACC-00016}", "archives.acces_rule"),
])
def test_a_wrong_archives_section_is_refused_naming_its_key(section, key):
    with pytest.raises(PolicyError, match=key.replace(".", r"\.")):
        parse_policy(section)
