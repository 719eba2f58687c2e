"""The words a reader sees for Oubli's codes, in French and in English: one table per vocabulary, and
each category's legal ground. Pure.

Documents meant for people (the auditors' report, the bordereau) say "en attente d'élimination", never
`pending_disposal`. Every value of every vocabulary below has its words in both languages; a unit test
holds it, so a value added to a vocabulary without its words fails the tests. A code with no words at
run time (a value from a newer version in the store) is shown as it is rather than hidden.
"""

from datetime import date
from enum import StrEnum

from casefiles.kernel.calendar import french_date
from casefiles.kernel.vocabulary import (
    CaseAction,
    CaseState,
    DisposalStatus,
    NextAction,
    RequestKind,
    SamplingRule,
    TransferStatus,
)
from retention.policy import Category, Clock, FinalAction, Reading, Rule
from retention.sampling import Sampling


class Language(StrEnum):
    FR = "fr"
    EN = "en"


class DueReason(StrEnum):
    """Why a case the nightly run should act on is still there (the values are the report's JSON keys)."""

    HOLD = "hold in force"
    RESTRICTED = "restricted at the person's request (art. 18)"
    AWAITING_VISA = "waiting for the archives' visa"
    APPROVED = "approved, for the next run"
    CHANGED = "changed, for the next run"
    DUE = "due, for the next run"


class PurgeReason(StrEnum):
    """Why the purge list asks the case system to act on a case (retention/purge_list.py): the first three are the
    state the case was left in here, the last the live-system delay of the policy."""

    DESTROYED = "destroyed"
    ANONYMISED = "anonymised"
    TRANSFERRED = "transferred"
    PAST_LIVE_DELAY = "past_live_delay"


class ListStatus(StrEnum):
    """A disposal list's status (disposal_lists.status)."""

    OPEN = "open"
    CLOSED = "closed"


class JournalAction(StrEnum):
    """The journal's actions the report counts besides the lifecycle's (CaseAction)."""

    DISPOSAL_APPROVED = "disposal.approved"
    DISPOSAL_REJECTED = "disposal.rejected"
    DISPOSAL_EXPORTED = "disposal.exported"
    DISPOSAL_NOTIFIED = "disposal.notified"
    HOLD_PLACED = "hold.placed"
    HOLD_LIFTED = "hold.lifted"
    RUN_COMPLETED = "run.completed"
    PURGE_LIST_WRITTEN = "purge_list.written"
    PURGE_LIST_CONFIRMED = "purge_list.confirmed"


# value -> (French, English)
WORDS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    CaseState: {
        CaseState.ACTIVE: ("actif", "active"),
        CaseState.ARCHIVED: ("archivé", "archived"),
        CaseState.PENDING_DISPOSAL: ("en attente d'élimination", "pending disposal"),
        CaseState.DESTROYED: ("détruit", "destroyed"),
        CaseState.ANONYMISED: ("anonymisé", "anonymised"),
        CaseState.TRANSFERRED: ("versé aux Archives départementales", "transferred to the archives"),
        CaseState.AWAITING_TRANSFER: ("envoyé aux Archives départementales, en attente de leur accusé de réception",
                                      "sent to the archives, waiting for their reply"),
    },
    CaseAction: {
        CaseAction.ARCHIVED: ("dossier archivé", "case archived"),
        CaseAction.REACTIVATED: ("dossier rouvert", "case reactivated"),
        CaseAction.PROPOSED_FOR_DISPOSAL: ("dossier proposé à l'élimination", "case proposed for disposal"),
        CaseAction.DESTROYED: ("dossier détruit", "case destroyed"),
        CaseAction.ANONYMISED: ("dossier anonymisé", "case anonymised"),
        CaseAction.TRANSFERRED: ("dossier versé aux Archives départementales", "case transferred to the archives"),
        CaseAction.SENT_TO_ARCHIVES: ("dossier envoyé aux Archives départementales", "case sent to the archives"),
        CaseAction.TRANSFER_CONFIRMED: ("versement accepté par les Archives départementales",
                                        "transfer confirmed by the archives"),
        CaseAction.TRANSFER_REJECTED: ("versement refusé par les Archives départementales",
                                       "transfer rejected by the archives"),
    },
    JournalAction: {
        JournalAction.DISPOSAL_APPROVED: ("visa d'élimination enregistré", "disposal approved (visa)"),
        JournalAction.DISPOSAL_REJECTED: ("élimination refusée par les Archives", "disposal rejected"),
        JournalAction.DISPOSAL_EXPORTED: ("bordereau exporté", "bordereau exported"),
        JournalAction.DISPOSAL_NOTIFIED: ("notification d'élimination envoyée aux Archives",
                                          "destruction notification sent to the archives"),
        JournalAction.HOLD_PLACED: ("gel pour contentieux posé", "legal hold placed"),
        JournalAction.HOLD_LIFTED: ("gel pour contentieux levé", "legal hold lifted"),
        JournalAction.RUN_COMPLETED: ("traitement de nuit achevé", "nightly run completed"),
        JournalAction.PURGE_LIST_WRITTEN: ("liste des dossiers à purger établie pour le logiciel métier",
                                           "purge list written for the case system"),
        JournalAction.PURGE_LIST_CONFIRMED: ("purge confirmée par le logiciel métier",
                                             "purge confirmed by the case system"),
    },
    NextAction: {
        NextAction.REVIEW: ("réexamen au prochain traitement", "review at the next run"),
        NextAction.ARCHIVE: ("archivage", "archiving"),
        NextAction.PROPOSE_DISPOSAL: ("proposition d'élimination", "proposal for disposal"),
        NextAction.AWAIT_VISA: ("attente du visa des Archives", "waiting for the archives' visa"),
        NextAction.CARRY_OUT: ("exécution du sort final", "carrying out the final action"),
        NextAction.AWAIT_TRANSFER_REPLY: ("attente de l'accusé de réception des Archives",
                                          "waiting for the archives' reply"),
    },
    DisposalStatus: {
        DisposalStatus.PROPOSED: ("proposé, en attente du visa", "proposed, waiting for the visa"),
        DisposalStatus.APPROVED: ("visé, à exécuter", "approved, to be carried out"),
        DisposalStatus.REJECTED: ("refusé par les Archives départementales", "rejected by the archives"),
        DisposalStatus.DONE: ("exécuté", "done"),
        DisposalStatus.WITHDRAWN: ("retiré (dossier rouvert)", "withdrawn (case reopened)"),
    },
    TransferStatus: {
        TransferStatus.AWAITING_REPLY: ("en attente de la réponse des Archives", "waiting for the archives' reply"),
        TransferStatus.CONFIRMED: ("accepté par les Archives", "confirmed by the archives"),
        TransferStatus.REJECTED: ("refusé par les Archives", "rejected by the archives"),
    },
    ListStatus: {
        ListStatus.OPEN: ("en cours", "open"),
        ListStatus.CLOSED: ("clos", "closed"),
    },
    Category: {
        Category.ABUSE: ("maltraitance (signalement au parquet)", "abuse (reported to the prosecutor)"),
        Category.JUDICIAL: ("mesure judiciaire (assistance éducative)", "judicial measure (educational assistance)"),
        Category.ADMINISTRATIVE: ("mesure administrative", "administrative measure"),
        Category.CONCERN_ONLY: ("information préoccupante sans mesure", "concern only, no measure"),
    },
    # The sort final, as the archives' sorting tables write it.
    FinalAction: {
        FinalAction.DESTROY: ("destruction", "destruction"),
        FinalAction.ANONYMISE: ("anonymisation (seules des données statistiques sont conservées)",
                                "anonymisation (only statistical data are kept)"),
        FinalAction.TRANSFER_TO_ARCHIVES: ("versement aux Archives départementales", "transfer to the archives"),
    },
    # The rule that kept a file in the sample: "échantillon : jours de naissance de l'enfant".
    SamplingRule: {
        SamplingRule.SHARE: ("part stable des dossiers", "a stable share of the files"),
        SamplingRule.BIRTH_DAYS: ("jours de naissance de l'enfant", "the child's days of birth"),
        SamplingRule.SURNAME_INITIALS: ("initiale du nom de l'enfant", "the child's surname initial"),
    },
    Reading: {
        Reading.FROM_MAJORITY: ("à compter de la majorité de l'enfant pour toutes les catégories (art. 2235)",
                                "from the child's majority for every category (art. 2235)"),
        Reading.FROM_END_OF_SERVICE: ("à compter de la fin de la prise en charge, quel que soit l'âge de l'enfant",
                                      "from the end of services, whatever the child's age"),
        Reading.MIXED: ("à compter de la majorité pour certaines catégories, de la fin de la prise en charge pour les "
                        "autres (voir le tableau)", "from majority for some categories, from the end of services for "
                        "the others (see the table)"),
    },
    Clock: {
        Clock.END_OF_SERVICE: ("fin de la prise en charge", "end of services"),
    },
    DueReason: {
        DueReason.HOLD: ("gel pour contentieux en vigueur", "hold in force"),
        DueReason.RESTRICTED: ("limité à la demande de la personne (art. 18 RGPD)",
                               "restricted at the person's request (GDPR art. 18)"),
        DueReason.AWAITING_VISA: ("en attente du visa des Archives", "waiting for the archives' visa"),
        DueReason.APPROVED: ("visé, pour le prochain traitement", "approved, for the next run"),
        DueReason.CHANGED: ("modifié, pour le prochain traitement", "changed, for the next run"),
        DueReason.DUE: ("échu, pour le prochain traitement", "due, for the next run"),
    },
    # What the case system's IT reads on the purge list, and the auditors in the report.
    PurgeReason: {
        PurgeReason.DESTROYED: ("dossier détruit dans Oubli : à supprimer", "destroyed here: to delete"),
        PurgeReason.ANONYMISED: ("dossier anonymisé dans Oubli : à supprimer", "anonymised here: to delete"),
        PurgeReason.TRANSFERRED: ("dossier versé aux Archives départementales : à supprimer",
                                  "transferred to the archives: to delete"),
        PurgeReason.PAST_LIVE_DELAY: ("délai en base active dépassé : à sortir de l'usage courant",
                                      "past the live-system delay: to move out of daily use"),
    },
    RequestKind: {
        RequestKind.ACCESS: ("accès (art. 15)", "access (art. 15)"),
        RequestKind.RECTIFICATION: ("rectification (art. 16)", "rectification (art. 16)"),
        RequestKind.ERASURE: ("effacement (art. 17)", "erasure (art. 17)"),
        RequestKind.RESTRICTION: ("limitation (art. 18)", "restriction (art. 18)"),
        RequestKind.PORTABILITY: ("portabilité (art. 20)", "portability (art. 20)"),
        RequestKind.OBJECTION: ("opposition (art. 21)", "objection (art. 21)"),
    },
}

# The law each category's period rests on, as config/retention.yaml sets those periods: the common
# limitation period (five years), ten years for bodily harm, twenty for violence against a minor. French
# law is cited in French whatever the language of the document.
LEGAL_GROUNDS: dict[Category, str] = {
    Category.ABUSE: "Code civil, art. 2226, al. 2 (violences commises contre un mineur)",
    Category.JUDICIAL: "Code civil, art. 2226, al. 1 (dommage corporel)",
    Category.ADMINISTRATIVE: "Code civil, art. 2224 (prescription de droit commun)",
    Category.CONCERN_ONLY: "Code civil, art. 2224 (prescription de droit commun)",
}
# Added when a period counts from the child's majority.
FROM_MAJORITY_GROUND = "art. 2235 (la prescription ne court pas contre un mineur)"

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def words(vocabulary: type[StrEnum], value: str | None, language: Language) -> str:
    """The words for `value` of `vocabulary` in `language`; "-" for none, the code itself if it has no words."""
    if value is None:
        return "-"
    found = WORDS[vocabulary].get(value)
    if found is None:
        return str(value)
    return found[0] if language == Language.FR else found[1]


def legal_ground(rule: Rule) -> str:
    """The law the rule's period rests on, with the suspension during minority when it counts from majority."""
    ground = LEGAL_GROUNDS[rule.category]
    return f"{ground} ; {FROM_MAJORITY_GROUND}" if rule.count_from_majority else ground


def date_in_words(day: date | None, language: Language) -> str:
    """6 décembre 2026, 1er mars 2027; 6 December 2026."""
    if day is None:
        return "-"
    if language == Language.FR:
        return french_date(day)
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def _either(values: list[str], language: Language) -> str:
    """1, 2 ou 3; 1, 2 or 3."""
    last = " ou " if language == Language.FR else " or "
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + last + values[-1]


def sample_in_force(rule: SamplingRule, sampling: Sampling, language: Language) -> str:
    """What one of the policy's sampling rules keeps, with its figures: "un dossier sur 10", "enfants nés le 1er,
    2 ou 3 du mois", "nom de l'enfant commençant par B ou T"."""
    french = language == Language.FR
    if rule == SamplingRule.SHARE:
        return f"un dossier sur {sampling.one_in}" if french else f"one file in {sampling.one_in}"
    if rule == SamplingRule.BIRTH_DAYS:
        days = sorted(sampling.birth_days)
        if french:
            return f"enfants nés le {_either(['1er' if d == 1 else str(d) for d in days], language)} du mois"
        return f"children born on day {_either([str(d) for d in days], language)} of a month"
    initials = _either(sorted(sampling.surname_initials), language)
    return f"nom de l'enfant commençant par {initials}" if french else f"the child's surname starting with {initials}"
