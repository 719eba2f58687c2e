"""The French words a person reads in their access answer, for every code of the store they meet: their
roles, the measures and their nature, what came of a concern, the kinds of documents, a case's state,
the names of their data's fields. One table per vocabulary; a unit test holds that every value has its
words. A code with no words (a value from a newer version in the store) is shown without its underscores
rather than hidden. Pure.

The auditors' words (retention/labels.py) are for the archives and the DPO; these are for a lay reader."""

from datetime import date

from casefiles.kernel.calendar import french_date
from casefiles.kernel.vocabulary import (
    PERSON_FIELDS,
    CaseState,
    ConcernOutcome,
    DocumentKind,
    MeasureNature,
    MeasureType,
    Role,
    Sex,
)

ROLES = {
    Role.CHILD: "enfant accompagné",
    Role.PARENT: "parent",
    Role.PARENTAL_AUTHORITY_HOLDER: "titulaire de l'autorité parentale",
    Role.SIBLING: "frère ou sœur",
    Role.FOSTER_CARER: "assistant familial",
    Role.THIRD_PARTY: "tiers",
    Role.PROFESSIONAL: "professionnel",
}
MEASURE_TYPES = {
    MeasureType.AED: "aide éducative à domicile",
    MeasureType.ACCUEIL_PROVISOIRE: "accueil provisoire",
    MeasureType.CONTRAT_JEUNE_MAJEUR: "contrat jeune majeur",
    MeasureType.AEMO: "assistance éducative en milieu ouvert",
    MeasureType.PLACEMENT: "placement",
}
MEASURE_NATURES = {
    MeasureNature.ADMINISTRATIVE: "mesure administrative",
    MeasureNature.JUDICIAL: "mesure ordonnée par le juge des enfants",
}
CONCERN_OUTCOMES = {
    ConcernOutcome.PENDING: "en cours d'examen",
    ConcernOutcome.NO_FURTHER_ACTION: "classée sans suite",
    ConcernOutcome.EVALUATION: "évaluée par le service",
    ConcernOutcome.REPORTED_TO_PROSECUTOR: "transmise au procureur de la République",
}
DOCUMENT_KINDS = {
    DocumentKind.SITUATION_NOTE: "note de situation",
    DocumentKind.EVALUATION_REPORT: "rapport d'évaluation",
    DocumentKind.HOME_VISIT_REPORT: "compte rendu de visite à domicile",
    DocumentKind.LETTER_TO_JUDGE: "courrier au juge des enfants",
}
CASE_STATES = {
    CaseState.ACTIVE: "en cours",
    CaseState.ARCHIVED: "archivé",
    CaseState.PENDING_DISPOSAL: "archivé, en attente d'élimination",
    CaseState.DESTROYED: "détruit",
    CaseState.ANONYMISED: "anonymisé",
    CaseState.TRANSFERRED: "versé aux Archives départementales",
    CaseState.AWAITING_TRANSFER: "archivé, en cours de versement aux Archives départementales",
}
SEXES = {Sex.FEMALE: "féminin", Sex.MALE: "masculin"}
FIELDS = {
    "last_name": "Nom",
    "first_names": "Prénoms",
    "birth_date": "Date de naissance",
    "birth_place": "Lieu de naissance",
    "sex": "Sexe",
    "nir": "Numéro de sécurité sociale",
    "address": "Adresse",
    "phone": "Téléphone",
    "email": "Adresse électronique",
    "caf_number": "Numéro d'allocataire CAF",
}
assert set(FIELDS) == set(PERSON_FIELDS)


def words(table: dict, code: str | None) -> str:
    """The words for `code` in `table`; a code it does not know, without its underscores."""
    if code is None:
        return "—"
    return table.get(code, code.replace("_", " "))


def field_value(name: str, value) -> str:
    """A field of the person's record as they read it: dates in words, sex in words, nothing as a dash."""
    if value is None or value == "":
        return "non renseigné"
    if isinstance(value, date):
        return french_date(value)
    if name == "birth_date":
        return french_date(date.fromisoformat(value))
    if name == "sex":
        return words(SEXES, value)
    return str(value)
