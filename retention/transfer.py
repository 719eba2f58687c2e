"""The policy's `transfer_to_archives` action: the case as a self-describing package for the Archives
départementales (dossier.json with everything the store holds on the case, each document as text,
and a manifest of SHA-256 digests), encrypted to their age public key in the same package format as
the access exports, written before the case is destroyed here."""

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.crypto.encrypted_package import age_recipient, json_bytes, with_manifest, write_encrypted
from casefiles.crypto.vault import Vault, referred_persons
from casefiles.kernel.vocabulary import IDENTIFYING_FIELDS
from casefiles.people import persons
from casefiles.persistence.models import Case, Concern, Document, Measure


def package_files(session: Session, vault: Vault, case_id: str, as_of: date) -> dict[str, bytes]:
    case = session.get(Case, case_id)
    referred = persons.persons(session, vault, list(session.scalars(referred_persons([case_id]))))
    roles: dict[str, list[str]] = {}
    for _, person_id, role in persons.roles(session, case_ids=[case_id]):
        roles.setdefault(person_id, []).append(role)
    documents = session.execute(select(Document.id, Document.case_id, Document.sealed_text, Document.text,
                                       Document.kind, Document.written_on, Document.author_id)
                                .where(Document.case_id == case_id).order_by(Document.written_on, Document.id)).all()
    texts = vault.document_texts(session, [(d.id, d.case_id, d.sealed_text) for d in documents])
    dossier = {
        "format": "oubli-versement-1", "written_on": as_of, "producer": "Aide sociale à l'enfance",
        "case": {"id": case.id, "opened_on": case.opened_on, "service_ended_on": case.service_ended_on,
                 "archived_on": case.archived_on, "category": case.category},
        "persons": [{"id": person_id, "roles": roles.get(person_id, ["author_or_reporter"]),
                     **person.fields(IDENTIFYING_FIELDS)} for person_id, person in sorted(referred.items())],
        "measures": [{"id": m.id, "type": m.type, "nature": m.nature, "started_on": m.started_on,
                      "ended_on": m.ended_on}
                     for m in session.scalars(select(Measure).where(Measure.case_id == case_id).order_by(Measure.id))],
        "concerns": [{"id": c.id, "received_on": c.received_on, "outcome": c.outcome, "closed_on": c.closed_on,
                      "reported_by": c.reported_by}
                     for c in session.scalars(select(Concern).where(Concern.case_id == case_id).order_by(Concern.id))],
        "documents": [{"id": d.id, "kind": d.kind, "written_on": d.written_on, "author_id": d.author_id,
                       "file": f"documents/{d.id}.txt"} for d in documents],
    }
    files = {"dossier.json": json_bytes(dossier)}
    files |= {f"documents/{d.id}.txt": texts.get(d.id, d.text).encode("utf-8") for d in documents}
    return with_manifest(files)


def write_transfer(session: Session, vault: Vault, case_id: str, recipient: str, folder: Path, as_of: date
                   ) -> tuple[Path, str]:
    """The package's path and SHA-256. A package left by an attempt that did not commit is replaced."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    out = folder / f"versement-{case_id}.age"
    digest = write_encrypted(package_files(session, vault, case_id, as_of), out, "versement",
                             recipient=age_recipient(recipient, "transfer.recipient"), replace=True)
    return out, digest
