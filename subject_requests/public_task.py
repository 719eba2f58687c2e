"""Portability (art. 20) and objection (art. 21) for a public-task service, record by record. Pure.

Portability does not apply to processing necessary for a task carried out in the public interest
(20(3)); access (art. 15) gives the person a copy. Objection: child protection is a legal obligation
(art. 6(1)(c), where art. 21 does not apply) and a public task whose compelling grounds (protecting
the child, CASF L221-1 and L226-3) override the objection for a case in use or in its retention period.
"""

from casefiles.kernel.vocabulary import FINAL_STATES, CaseState
from subject_requests.decision import OFFER, Decision
from subject_requests.subject_case import SubjectCase

GONE = Decision("", "refused", "the case was already disposed of: nothing of it is processed",
                "le dossier a déjà été éliminé : il n'en est plus rien traité")


def decide_portability(subject_id: str, cases: list[SubjectCase]) -> list[Decision]:
    records = [f"case:{c.id}" for c in cases] or [f"person:{subject_id}"]
    return [Decision(record, "refused",
                     "20(3): portability does not apply to processing necessary for a task in the public interest "
                     "(child protection, CASF L221-1); an access request (art. 15) gives a copy of the data",
                     "le droit à la portabilité ne s'applique pas à un traitement nécessaire à une mission "
                     "d'intérêt public ; une demande d'accès (article 15 du RGPD) en donne une copie")
            for record in records]


def decide_objection(subject_id: str, cases: list[SubjectCase]) -> list[Decision]:
    decisions = []
    for case in cases:
        record = f"case:{case.id}"
        if case.state in FINAL_STATES:
            decisions.append(Decision(record, GONE.outcome, GONE.ground, GONE.motif))
        elif case.state == CaseState.ACTIVE:
            decisions.append(Decision(
                record, "refused", "21(1): compelling legitimate grounds: the protection of the child (CASF L221-1, "
                                   f"L226-3) and the legal obligation to keep the file (art. 6(1)(c)); {OFFER}",
                "la protection de l'enfant et l'obligation légale de tenir le dossier prévalent"))
        else:
            decisions.append(Decision(
                record, "refused", "21(1) and 6(1)(c): the file is kept for its legal retention period, an "
                                   f"obligation to which objection does not apply; {OFFER}",
                "le dossier est conservé pour sa durée légale, obligation à laquelle l'opposition ne "
                "s'applique pas"))
    return decisions or [Decision(f"person:{subject_id}", "refused", "no case of this person is processed",
                                  "aucun dossier n'est traité")]
