"""The letters a request calls for, in French, from the templates in config/letters/: the
acknowledgement, the extension notice, and the answer (the refusal template when any record is
refused, with the grounds and the right to complain to the CNIL)."""

from datetime import date
from pathlib import Path
from string import Template

from casefiles.kernel.calendar import french_date
from casefiles.kernel.config_files import DEFAULT_LETTERS
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import Letter, RequestStatus
from casefiles.persistence.models import SubjectRequest
from casefiles.persistence.uow import UnitOfWork
from subject_requests.decision import Decision
from subject_requests.information import AccessInformation
from subject_requests.register import recorded_answer

KINDS = {"access": "d'accès", "rectification": "de rectification", "erasure": "d'effacement",
         "restriction": "de limitation du traitement", "portability": "de portabilité", "objection": "d'opposition"}
OUTCOMES = {"erased": "effacé", "refused": "refusé", "restricted": "limité", "rectified": "rectifié",
            "statement_added": "déclaration ajoutée"}
FIELDS = {"last_name": "nom", "first_names": "prénoms", "birth_date": "date de naissance",
          "birth_place": "lieu de naissance", "sex": "sexe", "nir": "numéro de sécurité sociale", "address": "adresse",
          "phone": "téléphone", "email": "adresse électronique", "caf_number": "numéro d'allocataire CAF"}


def _record(record: str) -> str:
    kind, _, rest = record.partition(":")
    if kind == "case":
        return f"Dossier {rest}"
    if kind == "document":
        return f"Document {rest}"
    _, _, field = rest.partition(":")
    return f"Votre donnée « {FIELDS.get(field, field)} »" if field else "Vos données d'identification"


def _decisions(decisions: list[Decision]) -> str:
    return "\n".join(f"- {_record(d.record)} : {OUTCOMES.get(d.outcome, d.outcome)}. "
                     f"{d.motif[:1].upper()}{d.motif[1:]}." for d in decisions)


def _export(kept: dict) -> str:
    if "export_sha256" not in kept:
        return ""
    text = ("Vos données vous sont communiquées dans le fichier chiffré joint, au format age "
            f"(https://age-encryption.org), d'empreinte SHA-256 {kept['export_sha256']}. Il s'ouvre avec la clé ou "
            "la phrase secrète convenue avec vous ; il contient un rapport lisible (rapport.html), les mêmes données "
            "pour un traitement informatique (donnees.json) et les documents. Les informations concernant d'autres "
            "personnes y sont masquées (article 15(4) du RGPD).\n")
    if kept.get("withheld"):
        text += (f"\n{len(kept['withheld'])} document(s) ne vous sont pas communiqués ; leur liste et les motifs "
                 "figurent dans le rapport.\n")
    return text


def _recipients(kept: dict) -> str:
    if not kept.get("recipients"):
        return ""
    return ("\nConformément à l'article 19 du RGPD, nous informons de cette rectification les destinataires de vos "
            "données :\n" + "\n".join(f"- {r}" for r in kept["recipients"]) + "\n")


def _which(request: SubjectRequest, asked: Letter | None) -> Letter:
    if asked == Letter.ANSWER or (asked is None and request.status == RequestStatus.ANSWERED):
        if request.status != RequestStatus.ANSWERED:
            raise InvalidInput(f"request {request.id} is {request.status}, not answered: no answer to send yet")
        return Letter.ANSWER
    if asked == Letter.EXTENSION or (asked is None and request.extended_on and request.status == RequestStatus.OPEN):
        if request.extended_on is None:
            raise InvalidInput(f"request {request.id} was not extended: there is no extension notice to send")
        return Letter.EXTENSION
    if asked is None and request.status == RequestStatus.WITHDRAWN:
        raise InvalidInput(f"request {request.id} was withdrawn: ask for a letter with --which if one is needed")
    return Letter.ACKNOWLEDGEMENT


def _template(folder: Path, name: str) -> Template:
    path = folder / f"{name}.txt"
    try:
        return Template(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"the letter template {path} does not exist: restore it from config/letters/") from None


def render(uow: UnitOfWork, request_id: int, info: AccessInformation, as_of: date, which: Letter | None = None,
           folder: Path = DEFAULT_LETTERS) -> tuple[Letter, str]:
    """The letter asked for (by default the one the request's state calls for) and its text."""
    with uow.reading():
        request = uow.session.get(SubjectRequest, request_id)
        if request is None:
            raise InvalidInput(f"no request has the id {request_id}: check it with `oubli requests list`")
        letter = _which(request, which)
        decisions, kept = recorded_answer(request.answer)
        values = {
            "controller": info.controller, "today": french_date(as_of), "requester_name": request.requester_name,
            "kind": KINDS[request.kind], "request_id": str(request.id), "received_on": french_date(request.received_on),
            "due_on": french_date(request.due_on), "reason": request.extension_reason or "",
            "identity": "" if request.identity_verified_on else (
                "Avant de vous répondre, nous devons nous assurer de votre identité (article 12(6) du RGPD) : "
                "merci de nous présenter ou de nous adresser la copie d'une pièce d'identité."),
            "decisions": _decisions(decisions), "export": _export(kept), "recipients": _recipients(kept),
            "complaint": info.complaint,
        }
    name = "refusal" if letter == Letter.ANSWER and any(d.outcome == "refused" for d in decisions) else letter.value
    try:
        return letter, _template(folder, name).substitute(values)
    except (KeyError, ValueError) as error:
        raise InvalidInput(f"the letter template {folder / name}.txt has a placeholder Oubli does not fill ({error}); "
                           f"it may use: {', '.join('$' + key for key in sorted(values))}") from None
