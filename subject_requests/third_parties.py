"""Other people's data out of what a subject receives (GDPR art. 15(4)): in a document, every
finding is masked unless it is the subject's own (a known-person mention tagged with their id) or a
date. A mention that could be several people (a shared surname) is masked too."""

from collections import Counter
from dataclasses import replace

from anonymizer.entities import Entity
from anonymizer.known_persons import KnownPerson, KnownPersons
from anonymizer.redact import redact
from casefiles.people.persons import Identity
from subject_requests.labels_fr import masked_words

KEPT_LABELS = {"DATE_TIME"}


def known_persons(identities: list[Identity]) -> KnownPersons:
    return KnownPersons([KnownPerson(i.person_id, i.roles, i.last_name, i.first_names, None, i.nir, i.phone, i.email,
                                     i.caf_number) for i in identities])


def mentions_subject(entities: list[Entity], subject_id: str) -> bool:
    return any(entity.person_id == subject_id for entity in entities)


def masked_stretches(entities: list[Entity], subject_id: str) -> list[Entity]:
    """What is masked of a document: every finding but the subject's own and dates."""
    return [e for e in entities if e.person_id != subject_id and e.label not in KEPT_LABELS]


def mask_others(text: str, stretches: list[Entity]) -> tuple[str, Counter]:
    """The text with the stretches to mask (`masked_stretches`, once reviewed) replaced by their kind in
    French words ("[une personne]", "[frère ou sœur]" when the case names them), and how many of each
    label were masked."""
    shown = [replace(e, label=masked_words(e.label, e.role)) for e in stretches]
    return redact(text, shown), Counter(e.label for e in stretches)
