"""The official SEDA schemas, vendored, validate messages offline."""

import pytest

from retention.seda import validation

MINIMAL = ('<ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v{version}">'
           "<Date>2026-12-06T10:00:00</Date><MessageIdentifier>M1</MessageIdentifier><CodeListVersions/>"
           "<ArchivalAgency><Identifier>AD31</Identifier></ArchivalAgency>"
           "<TransferringAgency><Identifier>CD31</Identifier></TransferringAgency></ArchiveTransfer>")


@pytest.mark.parametrize("version", validation.VERSIONS)
def test_a_minimal_transfer_is_valid_in_each_version(version):
    assert validation.problems(MINIMAL.format(version=version).encode()) == []


@pytest.mark.parametrize("version", validation.VERSIONS)
def test_a_transfer_without_its_message_identifier_is_refused_naming_the_line(version):
    broken = MINIMAL.format(version=version).replace("<MessageIdentifier>M1</MessageIdentifier>", "")
    found = validation.problems(broken.encode())
    assert found and found[0].startswith("line 1:") and "MessageIdentifier" in found[0]
    with pytest.raises(validation.InvalidSeda, match="is not valid SEDA"):
        validation.require_valid(broken.encode(), "the transfer")


def test_a_message_of_another_namespace_is_refused():
    with pytest.raises(validation.InvalidSeda, match="not SEDA"):
        validation.problems(MINIMAL.format(version="9.9").encode())


def test_an_unsupported_version_is_a_clear_error():
    with pytest.raises(Exception, match="SEDA 2.3 is not supported"):
        validation.schema("2.3")
