"""The closed vocabularies of ASE case records: roles, measures, concerns, documents, lifecycle states."""

from enum import StrEnum


class Role(StrEnum):
    CHILD = "child"
    PARENT = "parent"
    PARENTAL_AUTHORITY_HOLDER = "parental_authority_holder"
    SIBLING = "sibling"
    FOSTER_CARER = "foster_carer"
    THIRD_PARTY = "third_party"
    PROFESSIONAL = "professional"


# What the store holds on a person, besides their id and the parental-authority flag: imported,
# rectifiable (art. 16), given back in an access answer (art. 15).
PERSON_FIELDS = ("last_name", "first_names", "birth_date", "birth_place", "sex", "nir", "address", "phone", "email",
                 "caf_number")
# Those that identify a person: sealed under the person's key once out of daily use. Sex is not among
# them: it stays readable for the anonymised statistics.
IDENTIFYING_FIELDS = tuple(field for field in PERSON_FIELDS if field != "sex")


class MeasureNature(StrEnum):
    ADMINISTRATIVE = "administrative"
    JUDICIAL = "judicial"


class MeasureType(StrEnum):
    """Measure types with the nature each one has by law."""

    AED = "AED"  # aide éducative à domicile
    ACCUEIL_PROVISOIRE = "ACCUEIL_PROVISOIRE"
    CONTRAT_JEUNE_MAJEUR = "CONTRAT_JEUNE_MAJEUR"
    AEMO = "AEMO"  # assistance éducative en milieu ouvert, ordered by the judge
    PLACEMENT = "PLACEMENT"  # placement under article 375 of the Code civil

    @property
    def nature(self) -> MeasureNature:
        if self in (MeasureType.AEMO, MeasureType.PLACEMENT):
            return MeasureNature.JUDICIAL
        return MeasureNature.ADMINISTRATIVE


class ConcernOutcome(StrEnum):
    PENDING = "pending"  # received, not yet decided
    NO_FURTHER_ACTION = "no_further_action"  # classée sans suite
    EVALUATION = "evaluation"
    REPORTED_TO_PROSECUTOR = "reported_to_prosecutor"  # signalement


class DocumentKind(StrEnum):
    SITUATION_NOTE = "situation_note"
    EVALUATION_REPORT = "evaluation_report"
    HOME_VISIT_REPORT = "home_visit_report"
    LETTER_TO_JUDGE = "letter_to_judge"


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


class CaseState(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    PENDING_DISPOSAL = "pending_disposal"
    DESTROYED = "destroyed"
    ANONYMISED = "anonymised"
    TRANSFERRED = "transferred"  # to the Archives départementales
    # Sent to the Archives départementales, kept here until they confirm they hold it (or refuse it).
    AWAITING_TRANSFER = "awaiting_transfer"


FINAL_STATES = frozenset({CaseState.DESTROYED, CaseState.ANONYMISED, CaseState.TRANSFERRED})
# Read only with a reason, kept sealed.
OUT_OF_DAILY_USE = (CaseState.ARCHIVED, CaseState.PENDING_DISPOSAL, CaseState.AWAITING_TRANSFER)


class CaseAction(StrEnum):
    """What the lifecycle does to a case, as the journal names it (and the auditors' report lists it)."""

    ARCHIVED = "case.archived"
    REACTIVATED = "case.reactivated"
    PROPOSED_FOR_DISPOSAL = "case.proposed_for_disposal"
    DESTROYED = "case.destroyed"
    ANONYMISED = "case.anonymised"
    TRANSFERRED = "case.transferred"
    SENT_TO_ARCHIVES = "case.sent_to_archives"  # its package written, awaiting the archives' reply
    TRANSFER_CONFIRMED = "case.transfer_confirmed"  # the archives hold it: destroyed here unless held
    TRANSFER_REJECTED = "case.transfer_rejected"  # back on a disposal list


# The journal's name for carrying out a final action, by the state it leaves the case in.
DISPOSED_AS = {CaseState.DESTROYED: CaseAction.DESTROYED, CaseState.ANONYMISED: CaseAction.ANONYMISED,
               CaseState.TRANSFERRED: CaseAction.TRANSFERRED}


class RecordKind(StrEnum):
    """What has a key of its own (casefiles/vault.py) and what the erasure ledger records."""

    CASE = "case"
    PERSON = "person"


class NextAction(StrEnum):
    """What the nightly run does next to a case, when `next_action_due_on` comes."""

    REVIEW = "review"  # the case's records changed: plan it again at the next run, whatever the date
    ARCHIVE = "archive"
    PROPOSE_DISPOSAL = "propose_disposal"
    AWAIT_VISA = "await_visa"  # not due: waits for the archives' decision
    CARRY_OUT = "carry_out"
    AWAIT_TRANSFER_REPLY = "await_transfer_reply"  # not due: waits for the archives' reply to its package


class DisposalStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    DONE = "done"
    WITHDRAWN = "withdrawn"  # the case reopened before disposal


class TransferStatus(StrEnum):
    """Where a package sent to the Archives départementales stands."""

    AWAITING_REPLY = "awaiting_reply"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class SamplingRule(StrEnum):
    """The rule of the policy's sample that kept an eliminable file for history (retention/sampling.py)."""

    SHARE = "share"  # one case in N, by a keyed digest of its reference
    BIRTH_DAYS = "birth_days"  # the child born on given days of a month
    SURNAME_INITIALS = "surname_initials"  # the child's surname starting with given letters


class RequestKind(StrEnum):
    """The GDPR right a data subject exercises."""

    ACCESS = "access"  # art. 15
    RECTIFICATION = "rectification"  # art. 16
    ERASURE = "erasure"  # art. 17
    RESTRICTION = "restriction"  # art. 18
    PORTABILITY = "portability"  # art. 20
    OBJECTION = "objection"  # art. 21


class Capacity(StrEnum):
    """In what capacity the requester asks about the subject."""

    SELF = "self"
    PARENTAL_AUTHORITY = "parental_authority"
    GUARDIAN = "guardian"
    LEGAL_REPRESENTATIVE = "legal_representative"


class Channel(StrEnum):
    MAIL = "mail"
    EMAIL = "email"
    IN_PERSON = "in_person"


class RequestStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


class Letter(StrEnum):
    """The letters a rights request calls for (config/letters/)."""

    ACKNOWLEDGEMENT = "acknowledgement"
    EXTENSION = "extension"
    ANSWER = "answer"
