"""The letters a request calls for, in French, from the templates in config/letters/: the
acknowledgement, the extension notice, and the answer, whose template follows its verdict (granted,
partly refused, wholly refused). The words are computed in `wording.py`; who sends them comes from
config/letters/settings.yaml; whom they go to (and the child they concern) from the register and the store."""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

from casefiles.crypto.vault import Vault
from casefiles.kernel.calendar import french_date
from casefiles.kernel.config_files import DEFAULT_LETTERS
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import Capacity, Letter, RequestKind, RequestStatus
from casefiles.persistence.models import Person, SubjectRequest
from casefiles.persistence.uow import UnitOfWork
from subject_requests import wording
from subject_requests.decision import Decision
from subject_requests.information import AccessInformation
from subject_requests.letter_settings import LetterSettings
from subject_requests.register import recorded_answer


@dataclass(frozen=True)
class RenderedLetter:
    which: Letter
    text: str
    address_missing: bool  # the store has no address for the requester: write it in before sending


def _export(kept: dict, data: str) -> str:
    """`data`: whose data they are, as `wording.whose` says it. A PDF for the person, an age file for machines."""
    if "export_sha256" not in kept:
        return ""
    if kept.get("export_format") == "pdf":
        return (f"{data[:1].upper()}{data[1:]} vous sont communiquées dans le document PDF joint, protégé par un mot "
                "de passe. Il s'ouvre avec n'importe quel lecteur de PDF, sur un ordinateur, une tablette ou un "
                "téléphone ; le mot de passe vous est transmis séparément, par un autre moyen, pour qu'une personne "
                "qui intercepterait ce courrier ne puisse pas le lire. Le document contient les informations prévues "
                "à l'article 15(1) du RGPD, vos données, les documents de votre dossier et, en pièce jointe "
                "(donnees.json), les mêmes données pour un traitement informatique. Les informations concernant "
                "d'autres personnes y sont masquées (article 15(4) du RGPD). Son empreinte SHA-256, qui permet de "
                f"vérifier qu'il n'a pas été modifié, est {kept['export_sha256']}.")
    return (f"{data[:1].upper()}{data[1:]} vous sont communiquées dans le fichier chiffré joint, au format age "
            f"(https://age-encryption.org), d'empreinte SHA-256 {kept['export_sha256']}. Il s'ouvre avec la clé ou "
            "la phrase secrète convenue avec vous ; il contient un rapport lisible (rapport.html), les mêmes données "
            "pour un traitement informatique (donnees.json) et les documents. Les informations concernant d'autres "
            "personnes y sont masquées (article 15(4) du RGPD).")


def _withheld(kept: dict) -> list[Decision]:
    """An access answer's withheld documents, as refusals (their reasons are in the report)."""
    return [Decision(f"document:{document}", "refused", "15(4): withheld, the reason given in the report",
                     "sa communication porterait atteinte aux droits d'autres personnes ; le motif précis figure "
                     "dans le rapport joint") for document in kept.get("withheld", [])]


def _recipients(kept: dict) -> str:
    if not kept.get("recipients"):
        return ""
    return ("Conformément à l'article 19 du RGPD, nous informons de cette rectification les destinataires de ces "
            "données :\n" + "\n".join(f"- {r}" for r in kept["recipients"]))


def _which(request: SubjectRequest, asked: Letter | None) -> Letter:
    exported = request.status == RequestStatus.OPEN and "export_sha256" in recorded_answer(request.answer)[1]
    if asked == Letter.ANSWER or (asked is None and (request.status == RequestStatus.ANSWERED or exported)):
        if request.status != RequestStatus.ANSWERED and not exported:
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


def _full_name(person: Person | None) -> str:
    return " ".join(part for part in (person.first_names, person.last_name) if part) if person else ""


def render(uow: UnitOfWork, request_id: int, info: AccessInformation, settings: LetterSettings, as_of: date,
           vault: Vault, which: Letter | None = None, folder: Path = DEFAULT_LETTERS) -> RenderedLetter:
    """The letter asked for (by default the one the request's state calls for). The requester's address
    and the subject's name are read from the store, opened by the vault when sealed; the journal records
    the letter and the sealed persons read for it, by id."""
    with uow:
        request = uow.session.get(SubjectRequest, request_id)
        if request is None:
            raise InvalidInput(f"no request has the id {request_id}: check it with `oubli requests list`")
        letter = _which(request, which)
        capacity, kind = Capacity(request.capacity), RequestKind(request.kind)
        subject = uow.session.get(Person, request.subject_id)
        requester = subject if capacity == Capacity.SELF else (
            uow.session.get(Person, request.requester_id) if request.requester_id else None)
        opened = sorted({p.id for p in (subject, requester) if p is not None and p.sealed is not None})
        for person in (subject, requester):
            if person is not None:
                vault.open_person(uow.session, person)
        child = _full_name(subject)
        address = wording.address_lines(requester.address if requester else None)
        decisions, kept = recorded_answer(request.answer)
        decisions += _withheld(kept)
        sender = settings.sender
        values = {
            "sender": "\n".join([sender.name, sender.service, *sender.address]),
            "recipient": "\n".join([request.requester_name, *address]),
            "place_and_date": f"À {sender.city}, le {french_date(as_of)}", "signatory": sender.signatory,
            "request": wording.request_words(kind, capacity, child), "request_id": str(request.id),
            "received_on": french_date(request.received_on), "due_on": french_date(request.due_on),
            "reason": request.extension_reason or "",
            "identity": "" if request.identity_verified_on else wording.proof_asked(capacity, child),
            "decisions": wording.decision_lines(decisions, kind), "grounds": wording.grounds(decisions),
            "offer": wording.offer(decisions), "export": _export(kept, wording.whose(capacity, child)),
            "recipients": _recipients(kept),
            "complaint": info.complaint, "court": settings.court,
        }
        uow.record("request.letter", "request", [str(request.id)], letter=letter.value, sealed_persons_read=opened)
        uow.commit()
    name = wording.verdict(decisions, granted_beside="export_sha256" in kept) if letter == Letter.ANSWER else letter.value
    try:
        text = _template(folder, name).substitute(values)
    except (KeyError, ValueError) as error:
        raise InvalidInput(f"the letter template {folder / name}.txt has a placeholder Oubli does not fill ({error}); "
                           f"it may use: {', '.join('$' + key for key in sorted(values))}") from None
    return RenderedLetter(letter, re.sub(r"\n{3,}", "\n\n", text), not address)
