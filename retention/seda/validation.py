"""Validation of SEDA messages against the official XSD (schemas/, vendored), never reaching the network.

The main schema imports the W3C's xml.xsd and xlink.xsd by URL; a resolver answers those two URLs with
the vendored copies and refuses any other, so a schema can never be fetched at run time.
"""

from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from lxml import etree

from casefiles.kernel.errors import OubliError

VERSIONS = ("2.1", "2.2")
NAMESPACE = "fr:gouv:culture:archivesdefrance:seda:v{version}"
_W3C = {
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.w3.org/1999/xlink.xsd": "xlink.xsd",
}


class InvalidSeda(OubliError):
    """A SEDA message that its schema refuses: a bug in what Oubli builds, or a reply that is not SEDA."""


class _Offline(etree.Resolver):
    def __init__(self, w3c: Path) -> None:
        super().__init__()
        self._w3c = w3c

    def resolve(self, url, public_id, context):
        if url in _W3C:
            return self.resolve_filename(str(self._w3c / _W3C[url]), context)
        if url.startswith(("http:", "https:", "ftp:")):
            raise OubliError(f"the SEDA schemas asked for {url}, which is not vendored: validation stays offline")
        return None  # a relative include, beside the schema


@cache
def schema(version: str) -> etree.XMLSchema:
    """The compiled schema of SEDA `version` ("2.1" or "2.2")."""
    if version not in VERSIONS:
        raise OubliError(f"SEDA {version} is not supported: choose one of {', '.join(VERSIONS)}")
    with as_file(files("retention.seda") / "schemas") as folder:
        parser = etree.XMLParser(no_network=True)
        parser.resolvers.add(_Offline(folder / "w3c"))
        document = etree.parse(str(folder / version / f"seda-{version}-main.xsd"), parser)
        return etree.XMLSchema(document)


def version_of(root: etree._Element) -> str:
    """The SEDA version of a message, from its namespace."""
    namespace = etree.QName(root).namespace or ""
    for version in VERSIONS:
        if namespace == NAMESPACE.format(version=version):
            return version
    raise InvalidSeda(f"the message's namespace '{namespace}' is not SEDA {' or '.join(VERSIONS)}")


def problems(message: bytes | etree._Element) -> list[str]:
    """What the official schema refuses in `message` (empty when it is valid), each as 'line N: ...'."""
    root = etree.fromstring(message, etree.XMLParser(no_network=True, resolve_entities=False)) \
        if isinstance(message, bytes) else message
    checker = schema(version_of(root))
    if checker.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]


def require_valid(message: bytes | etree._Element, what: str) -> None:
    """Raise InvalidSeda naming the first problems when `message` is not valid."""
    found = problems(message)
    if found:
        raise InvalidSeda(f"{what} is not valid SEDA: " + "; ".join(found[:3])
                          + (f" (and {len(found) - 3} more)" if len(found) > 3 else ""))
