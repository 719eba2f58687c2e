"""Whether a record may be erased on request (GDPR art. 17), record by record. Pure.

17(3)(b): a case in which services are provided serves a public task (and the law requires its
keeping); an archived case is kept for its retention period under the same ground and for legal
claims (17(3)(e)); a legal hold is a legal claim; a case awaiting the archives' visa is kept for
archiving in the public interest (17(3)(d)) until the visa. A refusal offers restriction (art. 18).
"""

from datetime import date

from casefiles.kernel.calendar import french_date
from casefiles.kernel.vocabulary import CaseState
from subject_requests.decision import OFFER, Decision


def decide_case(case_id: str, state: str, held: bool, retention_until: date | None) -> Decision:
    record = f"case:{case_id}"
    if held:
        return Decision(record, "refused", f"17(3)(e): a legal hold is in force on the case; {OFFER}",
                        "le dossier est conservé pour une procédure en cours")
    if state == CaseState.ACTIVE:
        return Decision(record, "refused", f"17(3)(b): services are being provided (public task, CASF L221-1); "
                                           f"{OFFER}",
                        "l'accompagnement est en cours")
    if state == CaseState.ARCHIVED:
        until = f" until {retention_until.isoformat()}" if retention_until else ""
        jusqu = f" jusqu'au {french_date(retention_until)}" if retention_until else ""
        return Decision(record, "refused", f"17(3)(b) and (e): archived for its retention period{until}; {OFFER}",
                        f"le dossier est archivé pour sa durée légale de conservation{jusqu}")
    if state == CaseState.PENDING_DISPOSAL:
        return Decision(record, "refused", "17(3)(d): its disposal awaits the visa of the Archives départementales, "
                                           f"after which it is destroyed or transferred; {OFFER}",
                        "son élimination attend le visa des Archives départementales, après lequel il sera "
                        "détruit ou versé aux archives")
    if state == CaseState.AWAITING_TRANSFER:
        return Decision(record, "refused", "17(3)(d): sent to the Archives départementales, kept until they confirm "
                                           f"they hold it; {OFFER}",
                        "il a été transmis aux Archives départementales et reste conservé jusqu'à ce qu'elles en "
                        "confirment la réception")
    return Decision(record, "refused", f"the case is already {state}: nothing of it is left to erase",
                    "le dossier a déjà été éliminé : il n'en reste rien à effacer")


def decide_person(person_id: str, cases_kept: int) -> Decision:
    record = f"person:{person_id}"
    if cases_kept:
        kept = "le dossier ci-dessus l'est" if cases_kept == 1 else f"les {cases_kept} dossiers ci-dessus le sont"
        return Decision(record, "refused", f"17(3)(b): the identity is kept while the {cases_kept} case(s) above "
                                           f"are; {OFFER}",
                        f"l'identité est conservée tant que {kept}")
    return Decision(record, "erased", "no ground left to keep it: no case refers to this person",
                    "plus aucun dossier ne s'y rapporte")
