"""The access export (art. 15), in one of two forms. For the person: one PDF encrypted with AES-256 under
a passphrase (access_pdf.py), that any PDF reader opens. For machines (a lawyer's or a court's software,
the archives): one file in the age format holding a printable report in French (rapport.html), the same
data for machines (donnees.json), each document with other people's data masked (documents/), and a
manifest of SHA-256 digests (manifest.json); the package is casefiles/encrypted_package.py's.

Both are built in memory, encrypted before they are written, mode 0600. The journal records the export's
digest, form and counts, never its content nor its passphrase."""

import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from casefiles.crypto.encrypted_package import age_recipient, json_bytes, with_manifest, write_encrypted
from casefiles.crypto.vault import Vault
from casefiles.kernel.calendar import french_date
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import RequestKind, Role
from casefiles.persistence.uow import UnitOfWork
from subject_requests.access_pdf import answer_pdf, font_files, write_answer_pdf
from subject_requests.cases import subject_cases
from subject_requests.gather import SubjectData, gather_subject
from subject_requests.information import AccessInformation
from subject_requests.labels_fr import (
    CASE_STATES,
    CONCERN_OUTCOMES,
    DOCUMENT_KINDS,
    FIELDS,
    MEASURE_NATURES,
    MEASURE_TYPES,
    ROLES,
    field_value,
    words,
)
from subject_requests.masking_settings import MaskingSettings, load_masking_settings
from subject_requests.register import locked_open_request, record_answer, recorded_answer
from subject_requests.review import (
    Change,
    record_changes,
    recorded_changes,
    review_text,
    reviewed,
    stretch_row,
)
from subject_requests.third_parties import (
    Cast,
    MaskedStretch,
    apply_masking,
    known_persons,
    mentions_subject,
    plan_masking,
)


@dataclass
class DocumentOut:
    id: str
    case_id: str
    kind: str
    written_on: date
    text: str
    masked: Counter  # masked stretches by whose they are: a role, or 'not_listed'
    original: str
    stretches: list[MaskedStretch]

    def review(self) -> dict:
        """For the DPO's review only (it holds the original text): as sent, and each masked stretch."""
        return {"id": self.id, "case_id": self.case_id, "kind": self.kind, "written_on": self.written_on.isoformat(),
                "as_sent": self.text, "masked": [stretch_row(self.original, s) for s in self.stretches]}


@dataclass
class Summary:
    """What the export holds; `as_dict` gives counts only, never a value (the review is DocumentOut's)."""

    request_id: int
    subject_id: str
    cases: int
    documents: list[DocumentOut] = field(default_factory=list)
    withheld: dict[str, str] = field(default_factory=dict)
    replaces: str | None = None  # the digest of the export this one replaces

    def as_dict(self) -> dict:
        total = sum((d.masked for d in self.documents), Counter())
        return {"request_id": self.request_id, "subject_id": self.subject_id, "cases": self.cases,
                "documents": len(self.documents), "masked": dict(sorted(total.items())),
                "per_document": [{"document": d.id, "masked": dict(sorted(d.masked.items()))} for d in self.documents],
                "withheld": sorted(self.withheld)}


def prepare(data: SubjectData, detector, request_id: int, withheld: dict[str, str],
            changes: list[Change] | None = None, masking: MaskingSettings | None = None) -> Summary:
    """The subject's documents with others' data masked, the DPO's review `changes` applied: those of a
    case about them (they are its child) and those that mention them by name or identifier."""
    subject_id = data.person["id"]
    unknown = set(withheld) - {d.id for d in data.documents}
    if unknown:
        raise InvalidInput(f"--withhold names documents not in the subject's cases: {', '.join(sorted(unknown))}")
    summary = Summary(request_id, subject_id, len(data.cases), withheld=dict(withheld))
    cast = Cast(subject_id, (i for case in data.cases for i in case.identities), masking or load_masking_settings())
    for case in data.cases:
        about_them = Role.CHILD in case.roles
        documents = [d for d in data.documents if d.case_id == case.id and d.id not in withheld]
        known = known_persons(case.identities)
        for document, entities in zip(documents, detector.analyze_many((d.text for d in documents), known),
                                      strict=True):
            if about_them or mentions_subject(entities, subject_id):
                stretches = reviewed(plan_masking(document.text, entities, known, cast), entities, document.id,
                                     changes or [], cast)
                summary.documents.append(DocumentOut(document.id, document.case_id, document.kind,
                                                     document.written_on, apply_masking(document.text, stretches),
                                                     Counter(s.role or s.why for s in stretches), document.text,
                                                     stretches))
    return summary


def _machine_data(data: SubjectData, summary: Summary, texts_inline: bool = False) -> dict:
    """The data for machines; each document's text in its own file of the package, or inline."""
    return {
        "personne": data.person,
        "dossiers": [{"id": c.id, "etat": c.state, "ouvert_le": c.opened_on, "fin_accompagnement": c.service_ended_on,
                      "roles": c.roles, "mesures": c.measures, "informations_preoccupantes": c.concerns,
                      "autres_personnes": dict(Counter(role for i in c.identities if i.person_id != data.person["id"]
                                                       for role in i.roles.split(",")))}
                     for c in data.cases],
        "documents": [{"id": d.id, "dossier": d.case_id, "type": d.kind, "date": d.written_on}
                      | ({"texte": d.text} if texts_inline else {"fichier": f"documents/{d.id}.txt"})
                      for d in summary.documents],
        "vos_declarations": [{"document": st["document"], "ajoutee_le": st["added_on"], "texte": st["text"]}
                             for st in data.statements],
        "documents_non_communiques": [{"id": doc, "motif": reason} for doc, reason in sorted(summary.withheld.items())],
    }


def _report(data: SubjectData, summary: Summary, info: AccessInformation, as_of: date) -> str:
    e = html.escape
    person = data.person
    rows = "".join(f"<tr><th>{e(FIELDS.get(name, name))}</th><td>{e(field_value(name, value))}</td></tr>"
                   for name, value in person.items() if name != "id")
    cases = "".join(
        f"<h3>Dossier {e(c.id)}</h3><p>État : {e(words(CASE_STATES, c.state))} ; ouvert le {french_date(c.opened_on)} ; "
        f"votre place : {e(', '.join(words(ROLES, role) for role in c.roles))}.</p><ul>"
        + "".join(f"<li>{e(words(MEASURE_TYPES, m['type']).capitalize())} ({e(words(MEASURE_NATURES, m['nature']))}) "
                  f"du {french_date(m['started_on'])}{' au ' + french_date(m['ended_on']) if m['ended_on'] else ''}</li>"
                  for m in c.measures)
        + "".join(f"<li>Information préoccupante reçue le {french_date(p['received_on'])} : "
                  f"{e(words(CONCERN_OUTCOMES, p['outcome']))}</li>" for p in c.concerns) + "</ul>" for c in data.cases)
    documents = "".join(f"<section class='doc'><h3>{e(words(DOCUMENT_KINDS, d.kind).capitalize())} du "
                        f"{french_date(d.written_on)} ({e(d.id)})</h3><pre>{e(d.text)}</pre></section>"
                        for d in summary.documents)
    statements = "".join(f"<section class='doc'><h3>Sur le document {e(st['document'])}, ajoutée le "
                         f"{french_date(st['added_on'])}</h3><pre>{e(st['text'])}</pre></section>"
                         for st in data.statements)
    withheld = "".join(f"<li>{e(doc)} : {e(reason)}</li>" for doc, reason in sorted(summary.withheld.items()))
    bullet = lambda items: "<ul>" + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>"  # noqa: E731
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Communication de vos données</title>
<style>body{{font-family:serif;max-width:46em;margin:2em auto}}pre{{white-space:pre-wrap}}
th{{text-align:left;padding-right:1em}}.doc{{page-break-inside:avoid}}</style></head><body>
<h1>Communication de vos données personnelles</h1>
<p>Réponse à votre demande d'accès n° {summary.request_id}, établie le {french_date(as_of)} (RGPD, article 15).</p>
<h2>Le traitement</h2><p>{e(info.controller)}</p>
<h2>Finalités</h2>{bullet(info.purposes)}<p>{e(info.legal_basis)}</p>
<h2>Destinataires</h2>{bullet(info.recipients)}
<h2>Durée de conservation</h2><p>{e(info.retention)}</p>
<h2>Origine des données</h2><p>{e(info.source)}</p>
<h2>Vos droits</h2><p>{e(info.rights)}</p><p>{e(info.complaint)}</p>
<h2>Vos données d'identification</h2><table>{rows}</table>
<h2>Vos dossiers</h2>{cases}
<h2>Documents</h2><p>Les mentions d'autres personnes sont remplacées par leur qualité entre crochets.</p>{documents}
{"<h2>Vos déclarations</h2>" + statements if statements else ""}
{"<h2>Documents non communiqués</h2><ul>" + withheld + "</ul>" if withheld else ""}
</body></html>
"""


def archive_files(data: SubjectData, summary: Summary, info: AccessInformation, as_of: date) -> dict[str, bytes]:
    files = {"rapport.html": _report(data, summary, info, as_of).encode("utf-8"),
             "donnees.json": json_bytes(_machine_data(data, summary))}
    files |= {f"documents/{d.id}.txt": d.text.encode("utf-8") for d in summary.documents}
    return with_manifest(files)


def export_access(uow: UnitOfWork, request_id: int, detector, info: AccessInformation, as_of: date, vault: Vault,
                  out: Path | None = None, recipient: str | None = None, passphrase: str | None = None,
                  withheld: dict[str, str] | None = None, restriction_consent: str | None = None,
                  pdf: bool = False, changes: list[Change] | None = None,
                  review_out: Path | None = None, masking: MaskingSettings | None = None) -> tuple[Summary, str | None]:
    """The summary, and with `out` the encrypted export's digest: the request is then exported, answered
    once `send` records it sent, and a later export replaces this one until then. The DPO's review
    `changes` are kept for the request first; every one kept so far is applied. With `review_out`, the
    review is written there, encrypted in the age format, instead. Cases under restriction (art. 18) are
    exported only with the subject's consent recorded (18(2)).

    With `pdf` the export is the person's PDF under `passphrase`; without, the age file to `recipient`
    or under `passphrase`.

    `detector` is a detector, or a function without arguments that builds one: it is called only once
    the request has passed every check (open, identity verified, consent, one way to encrypt), since
    building one loads the language model."""
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.ACCESS, answering=True)
        data = gather_subject(uow.session, request.subject_id, vault)
        restricted = [c.id for c in subject_cases(uow.session, request.subject_id) if c.restricted]
        if restricted and out is not None and not (restriction_consent or "").strip():
            raise InvalidInput(f"case(s) {', '.join(restricted)} are restricted at the person's request (art. 18): "
                               "exporting them is more than storage; record the subject's consent with "
                               "--restriction-consent TEXT (art. 18(2)), or lift the restriction first")
        to = None
        if out is not None and pdf:
            if recipient is not None or not passphrase:
                raise InvalidInput("the PDF is encrypted with a passphrase, not an age key: give a passphrase and no "
                                   "--recipient (the age file is for machine recipients)")
            font_files()  # a missing font is said before the language model loads
        elif out is not None or review_out is not None:
            if (recipient is None) == (passphrase is None):
                raise InvalidInput("give exactly one of --recipient (an age public key) and --passphrase-file")
            to = age_recipient(recipient, "--recipient") if recipient else None
        record_changes(uow, request_id, changes or [], {d.id: d.text for d in data.documents},
                       {i.person_id for c in data.cases for i in c.identities}, as_of)
        review = recorded_changes(uow, request_id)
        uow.commit()
    summary = prepare(data, detector() if callable(detector) else detector, request_id, withheld or {}, review,
                      masking)
    if review_out is not None:
        write_encrypted(review_files(summary), review_out, "review", to, passphrase)
    if out is None:
        return summary, None
    if pdf:
        assert passphrase is not None  # checked above
        content = answer_pdf(data, summary.documents, summary.withheld, info, request_id, as_of,
                             json_bytes(_machine_data(data, summary, texts_inline=True)), passphrase)
        digest = write_answer_pdf(content, out)
    else:
        digest = write_encrypted(archive_files(data, summary, info, as_of), out, "export", to, passphrase)
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.ACCESS, answering=True)
        summary.replaces = recorded_answer(request.answer)[1].get("export_sha256")
        kept = {"export_sha256": digest, "export_format": "pdf" if pdf else "age", "exported_on": as_of,
                "withheld": sorted(summary.withheld)}
        if restricted:
            kept["restriction_consent"] = restriction_consent.strip()
        record_answer(uow, request, as_of, [], kept=kept, action="request.exported", closes=False, sha256=digest,
                      format="pdf" if pdf else "age", replaces=summary.replaces, restricted_cases=restricted,
                      cases=[c.id for c in data.cases],
                      documents=len(summary.documents), withheld=sorted(summary.withheld),
                      masked=summary.as_dict()["masked"], review_changes=len(review))
        uow.commit()
    return summary, digest


def review_files(summary: Summary) -> dict[str, bytes]:
    """The DPO's review, to be written only encrypted: as text to read, and as JSON."""
    documents = [d.review() for d in summary.documents]
    return with_manifest({"review.txt": review_text(summary.request_id, documents, summary.withheld).encode("utf-8"),
                          "review.json": json_bytes({"request_id": summary.request_id, "documents": documents,
                                                     "withheld": summary.withheld})})
