"""The French of the letters, computed rather than patched with "(s)": what was asked and for whom,
the proof asked of a representative, each decision with its outcome agreed with its noun, the refusal
grounds named in words with their article, the whole answer's verdict, address blocks. Pure."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from casefiles.kernel.vocabulary import Capacity, RequestKind
from subject_requests.decision import OFFER, Decision


@dataclass(frozen=True)
class Kind:
    demand: str  # "votre demande d'effacement"
    preposition: str  # "… de vos données", "… à vos données"
    noun: str  # what is granted or refused, record by record
    feminine: bool


KINDS = {
    RequestKind.ACCESS: Kind("d'accès", "à", "accès", False),
    RequestKind.RECTIFICATION: Kind("de rectification", "de", "rectification", True),
    RequestKind.ERASURE: Kind("d'effacement", "de", "effacement", False),
    RequestKind.RESTRICTION: Kind("de limitation du traitement", "de", "limitation", True),
    RequestKind.PORTABILITY: Kind("de portabilité", "de", "portabilité", True),
    RequestKind.OBJECTION: Kind("d'opposition au traitement", "de", "opposition", True),
}

FIELDS = {"last_name": "Nom", "first_names": "Prénoms", "birth_date": "Date de naissance",
          "birth_place": "Lieu de naissance", "sex": "Sexe", "nir": "Numéro de sécurité sociale", "address": "Adresse",
          "phone": "Téléphone", "email": "Adresse électronique", "caf_number": "Numéro d'allocataire CAF"}

# What was done to a record, whatever the request's kind; a refusal agrees with the kind's noun.
DONE = {"erased": "effacement effectué", "restricted": "limitation mise en place",
        "rectified": "rectification effectuée", "statement_added": "déclaration jointe au document"}

# Each article a decision may rest on, in words.
ARTICLES = {
    "15(4)": "le droit d'obtenir une copie des données ne doit pas porter atteinte aux droits et libertés d'autrui",
    "17(3)(b)": "l'effacement ne s'applique pas lorsque la conservation est nécessaire au respect d'une obligation "
                "légale ou à l'exécution d'une mission d'intérêt public, ici la protection de l'enfance (articles "
                "L221-1 et suivants du Code de l'action sociale et des familles)",
    "17(3)(d)": "l'effacement ne s'applique pas lorsque la conservation est nécessaire à des fins archivistiques "
                "dans l'intérêt public (articles L212-1 et suivants du Code du patrimoine)",
    "17(3)(e)": "l'effacement ne s'applique pas lorsque la conservation est nécessaire à la constatation, à "
                "l'exercice ou à la défense de droits en justice",
    "20(3)": "le droit à la portabilité ne s'applique pas à un traitement nécessaire à l'exécution d'une mission "
             "d'intérêt public",
    "21(1)": "l'opposition ne peut être retenue lorsque le responsable du traitement justifie de motifs "
             "légitimes et impérieux, ici la protection de l'enfant (articles L221-1 et L226-3 du Code de "
             "l'action sociale et des familles)",
    "6(1)(c)": "le traitement est nécessaire au respect d'une obligation légale, à laquelle le droit d'opposition "
               "ne s'applique pas",
}


def agreed(participle: str, feminine: bool) -> str:
    """'refusé' agreed with the noun it follows: 'effacement refusé', 'limitation refusée'."""
    return participle + ("e" if feminine else "")


def articles(decision: Decision) -> list[str]:
    """The articles a decision rests on: '17(3)(b) and (e)' gives ['17(3)(b)', '17(3)(e)']; a ground
    that cites none (a case already destroyed) gives []."""
    if not decision.article[:1].isdigit():
        return []
    found: list[str] = []
    for part in decision.article.split(" and "):
        found.append(re.sub(r"\([a-z]\)$", "", found[-1]) + part if part.startswith("(") and found else part)
    return found


def cited(found: list[str]) -> str:
    """'(article 17(3)(b) du RGPD)', '(articles 21(1) et 6(1)(c) du RGPD)', or ''."""
    if not found:
        return ""
    return f" (article{'s' if len(found) > 1 else ''} {' et '.join(found)} du RGPD)"


def record_words(record: str) -> str:
    kind, _, rest = record.partition(":")
    if kind == "case":
        return f"Dossier n° {rest}"
    if kind == "document":
        return f"Document n° {rest}"
    _, _, field = rest.partition(":")
    return FIELDS[field] if field else "Données d'identification"


def decision_line(decision: Decision, kind: RequestKind) -> str:
    """'- Dossier n° C-1 : effacement refusé ; motif : l'accompagnement est en cours (article 17(3)(b) du RGPD).'"""
    words = KINDS[kind]
    if decision.outcome == "refused":
        outcome = f"{words.noun} {agreed('refusé', words.feminine)} ; motif :"
    else:
        outcome = DONE[decision.outcome] + " ;"
    return f"- {record_words(decision.record)} : {outcome} {decision.motif}{cited(articles(decision))}."


def decision_lines(decisions: Iterable[Decision], kind: RequestKind) -> str:
    return "\n".join(decision_line(d, kind) for d in decisions)


def grounds(decisions: Iterable[Decision]) -> str:
    """Each article the refusals rest on, once, in words, after a line that introduces them."""
    found = dict.fromkeys(a for d in decisions if d.outcome == "refused" for a in articles(d) if a in ARTICLES)
    lines = [f"- article {article} : {ARTICLES[article]}" for article in found]
    if not lines:
        return ""
    return ("Ces refus se fondent sur les dispositions suivantes du règlement général sur la protection des "
            "données (RGPD) :\n" + ";\n".join(lines) + ".")


def offer(decisions: Iterable[Decision]) -> str:
    """Restriction offered once when a refusal allows it (art. 18)."""
    if not any(d.outcome == "refused" and OFFER in d.ground for d in decisions):
        return ""
    return ("Vous pouvez demander à la place la limitation du traitement de ces données (article 18 du RGPD) : "
            "elles seraient alors seulement conservées, sans autre usage.")


def verdict(decisions: list[Decision], granted_beside: bool = False) -> str:
    """The template an answer takes: 'answer' (granted), 'partial_refusal' or 'refusal' (every record
    refused, and nothing `granted_beside` them, such as an access export)."""
    refused = sum(d.outcome == "refused" for d in decisions)
    if not refused:
        return "answer"
    return "refusal" if refused == len(decisions) and not granted_beside else "partial_refusal"


def whose(capacity: Capacity, subject_name: str) -> str:
    """Whose data the request is about, as the letter to the requester says it."""
    if capacity == Capacity.SELF:
        return "vos données"
    if capacity == Capacity.PARENTAL_AUTHORITY:
        return f"les données de votre enfant {subject_name}".rstrip()
    return f"les données {elided('de', subject_name or 'la personne')}, que vous représentez"


def request_words(kind: RequestKind, capacity: Capacity, subject_name: str) -> str:
    """'votre demande d'accès aux données de votre enfant Léa Martin'."""
    words = KINDS[kind]
    data = whose(capacity, subject_name)
    if data.startswith("les "):
        data = ("aux " if words.preposition == "à" else "des ") + data[4:]
    else:
        data = f"{words.preposition} {data}"
    return f"votre demande {words.demand} {data}"


PROOFS = {
    Capacity.PARENTAL_AUTHORITY: "un justificatif de votre autorité parentale, par exemple le livret de famille ou "
                                 "l'acte de naissance de l'enfant et, s'il y en a un, le jugement qui en fixe "
                                 "l'exercice",
    Capacity.GUARDIAN: "le jugement qui vous confie la tutelle",
    Capacity.LEGAL_REPRESENTATIVE: "le jugement, la décision ou le mandat qui vous donne qualité pour agir en son nom",
}


def proof_asked(capacity: Capacity, subject_name: str) -> str:
    """What the requester must send before the answer (art. 12(6)): an ID, and a representative's capacity."""
    if capacity == Capacity.SELF:
        return ("Avant de vous répondre, nous devons nous assurer de votre identité (article 12(6) du RGPD) : "
                "merci de nous présenter ou de nous adresser la copie d'une pièce d'identité.")
    on_behalf = elided("de", subject_name or "la personne concernée")
    return (f"Avant de vous répondre, nous devons nous assurer de votre identité et de votre qualité pour agir au nom "
            f"{on_behalf} (article 12(6) du RGPD) : merci de nous présenter ou de nous adresser la copie d'une pièce "
            f"d'identité ainsi {elided('que', PROOFS[capacity])}.")


def elided(word: str, before: str) -> str:
    """'que' before 'un justificatif' is 'qu'un justificatif'; before 'le jugement' it stays 'que le jugement'."""
    return f"{word[:-1]}'{before}" if before[:1].lower() in "aeiouyéèêh" else f"{word} {before}"


def address_lines(address: str | None) -> list[str]:
    """A one-line address as an envelope has it: '12 rue X, 31000 Toulouse' on two lines."""
    if not address:
        return []
    return [part.strip() for part in re.split(r",\s*(?=\d{5}\b)|\n", address) if part.strip()]
