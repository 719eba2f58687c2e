"""The policy's `transfer_to_archives` action: the case as a SEDA transfer package (SIP) for the Archives
départementales (retention/seda/transfer.py builds it), wrapped in age to their public key for the
journey, so that no plaintext package ever touches the disk. The case is not destroyed here until they
confirm they hold it (retention/transfer_replies.py)."""

import hashlib
import io
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyrage
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.crypto.encrypted_package import age_recipient
from casefiles.crypto.private_files import private_file
from casefiles.crypto.vault import Vault
from casefiles.people import persons
from casefiles.persistence.models import Case, Document
from retention.policy import Archives
from retention.seda.transfer import CaseUnit, Child, SipWriter


@dataclass(frozen=True)
class SentPackage:
    path: Path
    sha512: str  # of the file written, as the archives receive it
    message_identifier: str


def message_identifier(archives: Archives, case_id: str, sent_on: date) -> str:
    """Unique for each package: a case refused and sent again gets a new one."""
    return f"{archives.transferring_agency.identifier}-SIP-{case_id}-{sent_on:%Y%m%d}-{secrets.token_hex(4)}"


def write_sip(session: Session, vault: Vault, case_id: str, archives: Archives, sent_at: datetime,
              identifier: str, sink: io.BytesIO) -> None:
    """The case's SIP into `sink`: its documents one by one, then the manifest (valid, or nothing is kept)."""
    case = session.execute(select(Case.opened_on, Case.service_ended_on).where(Case.id == case_id)).one()
    if case.service_ended_on is None:
        raise ValueError(f"case {case_id} cannot be transferred before its service ended")
    child = persons.children(session, vault, [case_id]).get(case_id)
    sip = SipWriter(sink)
    documents = session.execute(select(Document.id, Document.case_id, Document.sealed_text, Document.text,
                                       Document.kind, Document.written_on)
                                .where(Document.case_id == case_id).order_by(Document.written_on, Document.id)).all()
    texts = vault.document_texts(session, [(d.id, d.case_id, d.sealed_text) for d in documents])
    for document in documents:  # each into the ZIP, compressed, as it comes
        sip.add_document(document.id, document.kind, document.written_on,
                         texts.pop(document.id, document.text).encode("utf-8"))
    sip.finish(CaseUnit(case_id, case.opened_on, case.service_ended_on,
                        Child(child.last_name, child.first_names, child.birth_date) if child else None),
               archives, identifier, sent_at)


def write_transfer(session: Session, vault: Vault, case_id: str, archives: Archives, recipient: str, folder: Path,
                   sent_at: datetime) -> SentPackage:
    """The package, encrypted to `recipient`. A package left by an attempt that did not commit is replaced."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    identifier = message_identifier(archives, case_id, sent_at.date())
    plain = io.BytesIO()  # one case's ZIP, never on disk
    write_sip(session, vault, case_id, archives, sent_at, identifier, plain)
    out = folder / f"versement-{case_id}-{sent_at:%Y%m%d}.zip.age"
    plain.seek(0)
    with private_file(out, replace=True, replace_option=None) as sink:
        pyrage.encrypt_io(plain, sink, [age_recipient(recipient, "transfer.recipient")])
    digest = hashlib.sha512()
    with out.open("rb") as written:
        for block in iter(lambda: written.read(1 << 20), b""):
            digest.update(block)
    return SentPackage(out, digest.hexdigest(), identifier)
