"""The SEDA transfer package (SIP) of one case: a ZIP holding `content/` (one file per document) and
`manifest.xml`, an `ArchiveTransfer` in the SEDA version the policy names. Pure: plain values in, bytes
out, no database and no cryptography.

`SipWriter` writes each document into the ZIP as it is given (its SHA-512 and size taken on the way), so
that only the documents' descriptions stay in memory; `finish` then writes the manifest, checked against
the official schema first: an invalid manifest leaves the ZIP unfinished, and its caller writes nothing.

One `ArchiveUnit` per case (level File) holds the management rules (`AppraisalRule` with its final
action Keep: the archives keep ASE files as public archives; `AccessRule`), and one `ArchiveUnit` per
document (level Item) refers to its `BinaryDataObject`.
"""

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from lxml import etree

from retention.policy import Archives
from retention.seda.validation import NAMESPACE, require_valid

MANIFEST = "manifest.xml"
DOCUMENT_KINDS = {  # the documents' titles, in the archives' language
    "situation_note": "Note de situation",
    "evaluation_report": "Rapport d'évaluation",
    "home_visit_report": "Compte rendu de visite à domicile",
    "letter_to_judge": "Courrier au juge des enfants",
}


@dataclass(frozen=True)
class Child:
    """The child whose file it is, as the archives' finding aid names them."""

    last_name: str | None
    first_names: str | None
    birth_date: date | None


@dataclass(frozen=True)
class CaseUnit:
    """What describes the case's file: its reference, its dates extrêmes, its child."""

    case_id: str
    opened_on: date
    service_ended_on: date
    child: Child | None


@dataclass(frozen=True)
class _Document:
    id: str
    kind: str
    written_on: date
    uri: str
    sha512: str
    size: int


class SipWriter:
    """A SIP written into `sink` (a seekable binary stream): documents first, then the manifest."""

    def __init__(self, sink: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED)
        self._documents: list[_Document] = []

    def add_document(self, document_id: str, kind: str, written_on: date, content: bytes) -> None:
        uri = f"content/{_safe(document_id)}.txt"
        self._zip.writestr(_entry(uri), content)
        self._documents.append(_Document(document_id, kind, written_on, uri, hashlib.sha512(content).hexdigest(),
                                         len(content)))

    def finish(self, case: CaseUnit, archives: Archives, message_identifier: str, sent_at: datetime) -> bytes:
        """Write the manifest (valid, or InvalidSeda is raised and the ZIP left unfinished); returns it."""
        manifest = transfer_manifest(case, self._documents, archives, message_identifier, sent_at)
        self._zip.writestr(_entry(MANIFEST), manifest)
        self._zip.close()
        return manifest


def transfer_manifest(case: CaseUnit, documents: list[_Document], archives: Archives, message_identifier: str,
                      sent_at: datetime) -> bytes:
    """The `ArchiveTransfer` of one case, checked against the schema of `archives.seda_version`."""
    ns = NAMESPACE.format(version=archives.seda_version)

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, f"{{{ns}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    root = etree.Element(f"{{{ns}}}ArchiveTransfer", nsmap={None: ns})
    sub(root, "Comment", f"Versement du dossier d'aide sociale à l'enfance {case.case_id}")
    sub(root, "Date", sent_at.replace(microsecond=0, tzinfo=None).isoformat())
    sub(root, "MessageIdentifier", message_identifier)
    if archives.archival_agreement:
        sub(root, "ArchivalAgreement", archives.archival_agreement)
    sub(root, "CodeListVersions")
    package = sub(root, "DataObjectPackage")
    for document in documents:
        group = sub(package, "DataObjectGroup", id=f"GRP-{_safe(document.id)}")
        binary = sub(group, "BinaryDataObject", id=f"BDO-{_safe(document.id)}")
        sub(binary, "DataObjectVersion", "BinaryMaster_1")
        sub(binary, "Uri", document.uri)
        sub(binary, "MessageDigest", document.sha512, algorithm="SHA-512")
        sub(binary, "Size", str(document.size))
        sub(sub(binary, "FormatIdentification"), "MimeType", "text/plain")
        sub(sub(binary, "FileInfo"), "Filename", document.uri.removeprefix("content/"))
    descriptive = sub(package, "DescriptiveMetadata")
    file_unit = sub(descriptive, "ArchiveUnit", id=f"AU-{_safe(case.case_id)}")
    management = sub(file_unit, "Management")
    appraisal = sub(management, "AppraisalRule")
    sub(appraisal, "Rule", archives.appraisal_rule)
    sub(appraisal, "StartDate", case.service_ended_on.isoformat())
    sub(appraisal, "FinalAction", "Keep")
    access = sub(management, "AccessRule")
    sub(access, "Rule", archives.access_rule)
    sub(access, "StartDate", case.service_ended_on.isoformat())
    content = sub(file_unit, "Content")
    sub(content, "DescriptionLevel", "File")
    sub(content, "Title", f"Dossier d'aide sociale à l'enfance {case.case_id}")
    sub(content, "OriginatingAgencyArchiveUnitIdentifier", case.case_id)
    if case.child is not None:
        # The child is the person the file is about and for whom the measures were taken: archives profiles
        # for individual files (dossiers nominatifs) ask for them as the file's addressee, with name and birth
        # date, which is what their finding aids search and what tells two homonyms apart. Nothing more of the
        # child's identity (no NIR, no address) leaves in the description: the documents carry the rest.
        addressee = sub(content, "Addressee")
        if case.child.first_names:
            sub(addressee, "FirstName", case.child.first_names)
        if case.child.last_name:
            sub(addressee, "BirthName", case.child.last_name)
        if case.child.birth_date:
            sub(addressee, "BirthDate", case.child.birth_date.isoformat())
    sub(content, "StartDate", case.opened_on.isoformat())
    sub(content, "EndDate", case.service_ended_on.isoformat())
    for document in documents:
        item = sub(file_unit, "ArchiveUnit", id=f"AU-{_safe(document.id)}")
        item_content = sub(item, "Content")
        sub(item_content, "DescriptionLevel", "Item")
        title = DOCUMENT_KINDS.get(document.kind, document.kind)
        sub(item_content, "Title", f"{title} du {document.written_on.isoformat()}")
        sub(item_content, "OriginatingAgencyArchiveUnitIdentifier", document.id)
        sub(item_content, "CreatedDate", document.written_on.isoformat())
        reference = sub(item, "DataObjectReference")
        sub(reference, "DataObjectGroupReferenceId", f"GRP-{_safe(document.id)}")
    management_metadata = sub(package, "ManagementMetadata")
    sub(management_metadata, "OriginatingAgencyIdentifier", archives.originating_agency.identifier)
    sub(management_metadata, "SubmissionAgencyIdentifier", archives.transferring_agency.identifier)
    sub(sub(root, "ArchivalAgency"), "Identifier", archives.archival_agency.identifier)
    sub(sub(root, "TransferringAgency"), "Identifier", archives.transferring_agency.identifier)
    require_valid(root, f"the transfer manifest of case {case.case_id}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _safe(identifier: str) -> str:
    """An id as SEDA ids (xsd:ID) and Vitam's Uris take it: letters, digits, '-', '_', '.'."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in identifier)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info
