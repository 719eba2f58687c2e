"""Other people's data out of what a subject receives (GDPR art. 15(4); CRPA art. L311-6).

The subject's own names and values (birth date and place, address, identifiers) are never masked.
Every other participant's are, whatever label the detector gave them, each stretch named by the
person's role and numbered per person across the export ('[frère ou sœur 1]', '[parent 2]'), so
that the reader can follow the story; the person who reported a concern is always '[tiers]';
professionals acting in their function follow the settings. Whatever else the detector finds (a
person, a place or an identifier the case does not list) is masked by its kind ('[autre
personne]', '[lieu]'); dates of the story stay.

`plan_masking` is pure and returns the stretches as plain values, for the export, its PDF and the
DPO's review to render; `apply_masking` writes them into the text."""

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from anonymizer.entities import Entity
from anonymizer.known_persons import KnownPerson, KnownPersons
from anonymizer.redact import replace_spans
from casefiles.kernel.vocabulary import Role
from casefiles.people.persons import Identity
from subject_requests.labels_fr import ROLES
from subject_requests.masking_settings import MaskingSettings

# The role a person is named by when they have several in the subject's cases: the surest mask first.
# A role Oubli does not know is masked as a third party's.
ROLE_ORDER = (Role.THIRD_PARTY, Role.PARENT, Role.PARENTAL_AUTHORITY_HOLDER, Role.SIBLING, Role.CHILD,
              Role.FOSTER_CARER, Role.PROFESSIONAL)
# The roles' words the person reads elsewhere; another case's child is simply an "enfant" in a bracket.
ROLE_WORDS = ROLES | {Role.CHILD: "enfant"}
# What is masked when the case does not say whose it is: its kind.
KIND_WORDS = {"PERSON": "autre personne", "LOCATION": "lieu", "ORGANIZATION": "organisme", "PHONE_NUMBER": "téléphone",
              "EMAIL_ADDRESS": "courriel", "FR_NIR": "numéro de sécurité sociale", "FR_CAF_NUMBER": "numéro CAF",
              "IBAN_CODE": "IBAN", "AGE": "âge"}
# Why a stretch is masked, by code (the stretch keeps the code; the renderers show the sentence).
WHY = {
    "reporter": "la personne qui a transmis une information préoccupante (toujours masquée)",
    "participant": "une autre personne du dossier (RGPD art. 15(4), CRPA art. L311-6)",
    "professional": "un professionnel, masqué selon le réglage du département",
    "several_participants": "un nom que portent plusieurs personnes du dossier",
    "not_listed": "une personne ou une donnée que le dossier ne rattache à personne",
    "dpo_review": "masqué par le délégué à la protection des données à la relecture",
}
KEPT_UNLISTED = {"DATE_TIME"}  # the dates of the story; a participant's birth date is theirs, hence masked


@dataclass(frozen=True)
class MaskedStretch:
    start: int
    end: int
    label: str  # as written in the text: '[frère ou sœur 1]'
    role: str | None  # whose data by role (casefiles' Role), None when the case does not say
    number: int | None  # the person's number among those of their role in this export
    person_id: str | None
    why: str  # a key of WHY

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Masked:
    role: str
    number: int | None
    why: str

    @property
    def label(self) -> str:
        return f"[{ROLE_WORDS[Role(self.role)]}{f' {self.number}' if self.number else ''}]"


class Cast:
    """The subject and the other participants of all the subject's cases, each with the role they are
    named by and their number: the same person, the same label, in every document of one export."""

    def __init__(self, subject_id: str, identities: Iterable[Identity], settings: MaskingSettings) -> None:
        self.subject_id = subject_id
        roles: dict[str, set[str]] = {}
        people: dict[str, Identity] = {}
        for identity in identities:
            roles.setdefault(identity.person_id, set()).update(identity.roles.split(","))
            people[identity.person_id] = identity
        subject = people.get(subject_id)
        # The subject alone, to find their own values even where another person shares them.
        self.own = known_persons([subject]) if subject else None
        named_by = {person_id: next((role for role in ROLE_ORDER if role in held), Role.THIRD_PARTY)
                    for person_id, held in roles.items() if person_id != subject_id}
        self.masked: dict[str, Masked] = {}
        for role in ROLE_ORDER:
            members = sorted(person_id for person_id, named in named_by.items() if named == role)
            if role == Role.PROFESSIONAL and not settings.professionals_masked:
                continue
            why = {Role.THIRD_PARTY: "reporter", Role.PROFESSIONAL: "professional"}.get(role, "participant")
            for number, person_id in enumerate(members, 1):
                self.masked[person_id] = Masked(role, number if len(members) > 1 else None, why)


def known_persons(identities: list[Identity]) -> KnownPersons:
    return KnownPersons([KnownPerson(i.person_id, i.roles, i.last_name, i.first_names, None, i.nir, i.phone, i.email,
                                     i.caf_number, i.birth_date, i.birth_place, i.address) for i in identities])


def mentions_subject(entities: list[Entity], subject_id: str) -> bool:
    return any(entity.person_id == subject_id for entity in entities)


def plan_masking(text: str, entities: list[Entity], known: KnownPersons, cast: Cast) -> list[MaskedStretch]:
    """The stretches to mask in `text`, in order, not overlapping. `entities` are the detector's (with the
    case's known persons). The known persons' own findings are read again here, exact, and the longer
    one holds its stretch ('rue Noël Michaud', a mother's address, is hers even when the subject is
    Noël); only then do the detector's findings fill what is left, since the detector may have merged
    a known name with an unknown one ('Alexandre FOURNIER' for a professional named Alexandre)."""
    exact = known.find(text) + [e for e in (cast.own.find(text) if cast.own else []) if e.label != "PERSON"]
    taken = _Taken()
    stretches: list[MaskedStretch] = []

    def claim(entity: Entity, label: str, role: str | None, number: int | None, person_id: str | None,
              why: str | None, named_only: bool = False) -> None:
        for start, end in taken.uncovered(entity.start, entity.end):
            words = [w for w in re.finditer(r"[^\s,.;:!?]+", text[start:end])
                     if re.search(r"\w", w.group()) and (not named_only or w.group()[0].isupper())]
            if words:
                start, end = start + words[0].start(), start + words[-1].end()
                taken.add(start, end)
                if why:  # None: the subject's own, or a professional kept in clear
                    stretches.append(MaskedStretch(start, end, label, role, number, person_id, why))

    for entity in sorted(exact, key=lambda e: (e.start - e.end, e.start)):
        if entity.person_id in cast.masked:
            m = cast.masked[entity.person_id]
            claim(entity, m.label, m.role, m.number, entity.person_id, m.why)
        elif entity.person_id is None and entity.label == "PERSON":
            claim(entity, "[autre personne]", None, None, None, "several_participants")
        else:
            claim(entity, "", None, None, entity.person_id, None)
    for entity in entities:
        if entity.person_id in cast.masked:
            m = cast.masked[entity.person_id]
            claim(entity, m.label, m.role, m.number, entity.person_id, m.why)
        elif entity.person_id is None and entity.label not in KEPT_UNLISTED:
            claim(entity, f"[{KIND_WORDS.get(entity.label, 'autre personne')}]", None, None, None, "not_listed")
        elif entity.person_id and entity.label == "PERSON":  # what a merge added to a name kept in clear
            claim(entity, "[autre personne]", None, None, None, "not_listed", named_only=True)
    return sorted(stretches, key=lambda s: s.start)


class _Taken:
    """Disjoint stretches of a text, kept sorted: what overlaps a new one is found by bisection, so that a
    long note's tens of thousands of findings are placed in n log n, not n squared."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def uncovered(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of [start, end) outside every taken stretch."""
        pieces, at = [], start
        index = max(bisect_right(self._starts, start) - 1, 0)
        while index < len(self._starts) and self._starts[index] < end:
            if self._ends[index] > at:
                if self._starts[index] > at:
                    pieces.append((at, self._starts[index]))
                at = self._ends[index]
            index += 1
        if at < end:
            pieces.append((at, end))
        return pieces

    def add(self, start: int, end: int) -> None:
        index = bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def apply_masking(text: str, stretches: list[MaskedStretch]) -> str:
    """'Léo, né le 2 août 2012' -> '[frère ou sœur 1], né le [frère ou sœur 1]'."""
    return replace_spans(text, ((stretch.start, stretch.end, stretch.label) for stretch in stretches))
