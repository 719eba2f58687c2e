"""A synthetic département (Faker fr_FR): families, their children's cases, and fifteen years of history.

Deterministic for a given seed and as-of date. Siblings share parents and appear in each other's
cases; foster carers and professionals serve many children; measures spread over the fifteen years
before the as-of date, so that on that date some cases are active, some ended recently and some
ended more than five years ago. Cases are produced one family at a time: memory stays bounded.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from casefiles.ingest.records import parse_case
from casefiles.ingest.store import record_lengths, save_all
from casefiles.kernel.identifiers import make_nir
from casefiles.kernel.names import fold
from casefiles.kernel.vocabulary import ConcernOutcome, DocumentKind, MeasureType, Role
from casefiles.persistence.uow import UnitOfWork
from synthetic import prose
from synthetic.prose import Cast, Someone

DEPARTEMENT = "31"
MAX_PROFESSIONALS = 300
MAX_FOSTER_CARERS = 1500
YEAR = 365


@dataclass
class _Person:
    record: dict
    someone: Someone


def _years(count: float) -> timedelta:
    return timedelta(days=int(count * 365.25))


def _birthday(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return birth.replace(year=birth.year + years, day=28)


class Departement:
    def __init__(self, seed: int, as_of: date):
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.seed = seed
        self.counters: dict[str, int] = {}
        self.professionals: list[_Person] = []
        self.foster_carers: list[_Person] = []

    def _next(self, prefix: str) -> str:
        """Ids carry the seed, so that départements seeded with different seeds never collide."""
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.seed}-{self.counters[prefix]:07d}"

    def cases(self, count: int) -> Iterator[dict]:
        produced = 0
        while produced < count:
            for case in self._family():
                yield case
                produced += 1
                if produced == count:
                    return

    # People

    def _birth_place(self) -> tuple[str, str]:
        """(place of birth as written, NIR place code: département and commune)."""
        roll = self.rng.random()
        commune = f"{self.rng.randrange(1, 590):03d}"
        if roll < 0.70:
            return self.fake.city(), DEPARTEMENT + commune
        if roll < 0.82:
            return self.fake.city(), f"{self.rng.choice([1, 6, 13, 33, 34, 59, 69, 75, 93]):02d}" + commune
        if roll < 0.88:
            return self.rng.choice(["Ajaccio", "Porto-Vecchio", "Bastia", "Corte"]), \
                self.rng.choice(["2A", "2B"]) + commune
        if roll < 0.94:
            return self.rng.choice(["Pointe-à-Pitre", "Fort-de-France", "Cayenne", "Saint-Denis"]), \
                f"97{self.rng.randrange(1, 7)}{self.rng.randrange(1, 35):02d}"
        return self.fake.country(), f"99{self.rng.randrange(100, 500):03d}"

    def _person(self, sex: str, birth: date, last_name: str | None = None, adult: bool = True,
                caf: bool = False, address: str | None = None) -> _Person:
        first = self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()
        if self.rng.random() < 0.15:
            second = self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()
            first = f"{first}-{second}" if self.rng.random() < 0.5 else f"{first} {second}"
        last = last_name or self.fake.last_name()
        place, code = self._birth_place()
        nir = make_nir(2 if sex == "F" else 1, birth.year, birth.month, code, self.rng.randrange(1, 1000))
        address = address or f"{self.fake.street_address()}, {self.fake.postcode()} {self.fake.city()}"
        phone = self.fake.phone_number() if adult else None
        email = (f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}@{self.fake.free_email_domain()}"
                 if adult and self.rng.random() < 0.6 else None)
        caf_number = f"{self.rng.randrange(1_000_000, 10_000_000)}" if caf else None
        record = {"id": self._next("P"), "last_name": last, "first_names": first,
                  "birth_date": birth.isoformat(), "birth_place": place, "sex": sex, "nir": nir,
                  "address": address, "phone": phone, "email": email, "caf_number": caf_number}
        someone = Someone(first, last, sex, birth, place, nir, address, phone, caf_number)
        return _Person({k: v for k, v in record.items() if v is not None}, someone)

    def _adult_birth(self, on: date, youngest: int = 25, oldest: int = 60) -> date:
        return on - timedelta(days=self.rng.randrange(youngest * YEAR, oldest * YEAR))

    def _from_pool(self, pool: list[_Person], cap: int, sex: str | None = None) -> _Person:
        if len(pool) < cap and (not pool or self.rng.random() < 0.3):
            chosen_sex = sex or self.rng.choice("FM")
            pool.append(self._person(chosen_sex, self._adult_birth(self.as_of, 30, 62)))
        return self.rng.choice(pool)

    # Families and cases

    def _family(self) -> list[dict]:
        rng = self.rng
        # More families came recently than long ago: a département's caseload is mostly recent.
        start = self.as_of - timedelta(days=30 + int(15 * YEAR * rng.random() ** 1.6))
        family_name = self.fake.last_name()
        home = f"{self.fake.street_address()}, {self.fake.postcode()} {self.fake.city()}"
        parents = []
        has_father = rng.random() < 0.75
        if not has_father or rng.random() < 0.95:
            mother_name = family_name if rng.random() < 0.6 else self.fake.last_name()
            parents.append(self._person("F", self._adult_birth(start, 18, 45), mother_name, caf=True,
                                        address=home))
        if has_father:
            parents.append(self._person("M", self._adult_birth(start, 20, 50), family_name, address=home))
        withdrawn = {p.record["id"] for p in parents if rng.random() < 0.05}
        for parent in parents:
            parent.record["parental_authority_withdrawn"] = parent.record["id"] in withdrawn
        children = [
            self._person(rng.choice("FM"), start - timedelta(days=rng.randrange(0, 16 * YEAR)),
                         family_name, adult=False, address=home)
            for _ in range(rng.choices([1, 2, 3, 4], weights=[40, 30, 20, 10])[0])
        ]
        return [self._case(child, parents, [c for c in children if c is not child], withdrawn, start)
                for child in children]

    def _case(self, child: _Person, parents: list[_Person], siblings: list[_Person],
              withdrawn: set[str], start: date) -> dict:
        rng = self.rng
        opened = min(start + timedelta(days=rng.randrange(0, 60)), self.as_of - timedelta(days=1))
        birth = child.someone.birth_date
        author = self._from_pool(self.professionals, MAX_PROFESSIONALS)
        reporter = self._person(rng.choice("FM"), self._adult_birth(opened)) if rng.random() < 0.5 else None
        concerns = [self._concern(opened, reporter)]
        measures = [] if concerns[0]["outcome"] == ConcernOutcome.NO_FURTHER_ACTION else \
            self._measures(concerns[0].get("closed_on", opened.isoformat()), birth)
        if rng.random() < 0.1:
            later = opened + timedelta(days=rng.randrange(0, max(1, (self.as_of - opened).days)))
            concerns.append(self._concern(later, None))
        placed = any(m["type"] == MeasureType.PLACEMENT for m in measures)
        carer = self._from_pool(self.foster_carers, MAX_FOSTER_CARERS, "F") if placed else None

        people = [child, *parents, *siblings, author] + [p for p in (carer, reporter) if p]
        participants = [{"person_id": child.record["id"], "role": Role.CHILD}]
        for parent in parents:
            participants.append({"person_id": parent.record["id"], "role": Role.PARENT})
            if parent.record["id"] not in withdrawn:
                participants.append({"person_id": parent.record["id"], "role": Role.PARENTAL_AUTHORITY_HOLDER})
        participants += [{"person_id": s.record["id"], "role": Role.SIBLING} for s in siblings]
        participants.append({"person_id": author.record["id"], "role": Role.PROFESSIONAL})
        if carer:
            participants.append({"person_id": carer.record["id"], "role": Role.FOSTER_CARER})
        if reporter:
            participants.append({"person_id": reporter.record["id"], "role": Role.THIRD_PARTY})

        cast = Cast(child.someone, tuple(p.someone for p in parents), tuple(s.someone for s in siblings),
                    carer.someone if carer else None, author.someone, reporter.someone if reporter else None)
        end = max((date.fromisoformat(m.get("ended_on", self.as_of.isoformat())) for m in measures),
                  default=opened + timedelta(days=60))
        documents = self._documents(cast, opened, min(end, self.as_of), concerns[0], measures,
                                    author.record["id"])
        return {
            "id": self._next("D"),
            "opened_on": opened.isoformat(),
            "persons": [p.record for p in {p.record["id"]: p for p in people}.values()],
            "participants": participants,
            "measures": measures,
            "concerns": concerns,
            "documents": documents,
        }

    def _concern(self, received: date, reporter: _Person | None) -> dict:
        rng = self.rng
        outcome = rng.choices([ConcernOutcome.EVALUATION, ConcernOutcome.REPORTED_TO_PROSECUTOR,
                               ConcernOutcome.NO_FURTHER_ACTION], weights=[55, 25, 20])[0]
        closed = received + timedelta(days=rng.randrange(20, 90))
        concern = {"id": self._next("IP"), "received_on": received.isoformat(), "outcome": outcome}
        if closed >= self.as_of:
            concern["outcome"] = ConcernOutcome.PENDING
        else:
            concern["closed_on"] = closed.isoformat()
        if reporter:
            concern["reported_by"] = reporter.record["id"]
        return concern

    def _measures(self, begin: str, birth: date) -> list[dict]:
        rng = self.rng
        path = rng.choices(
            [[MeasureType.AED], [MeasureType.AEMO], [MeasureType.AED, MeasureType.AEMO],
             [MeasureType.ACCUEIL_PROVISOIRE], [MeasureType.AEMO, MeasureType.PLACEMENT],
             [MeasureType.PLACEMENT]],
            weights=[25, 20, 15, 10, 15, 15])[0]
        durations = {MeasureType.AED: (0.5, 2), MeasureType.AEMO: (1, 3),
                     MeasureType.ACCUEIL_PROVISOIRE: (0.25, 1), MeasureType.PLACEMENT: (1, 6)}
        measures, started = [], date.fromisoformat(begin)
        for kind in path:
            ended = started + _years(rng.uniform(*durations[kind]))
            adulthood = _birthday(birth, 18)
            ended = min(ended, adulthood) if ended > adulthood > started else ended
            measures.append((kind, started, ended))
            if kind == MeasureType.PLACEMENT and ended == adulthood and rng.random() < 0.6:
                measures.append((MeasureType.CONTRAT_JEUNE_MAJEUR, ended,
                                 min(ended + _years(rng.uniform(0.5, 3)), _birthday(birth, 21))))
            started = ended + timedelta(days=rng.randrange(0, 30))
        records = []
        for kind, began, finished in measures:
            if began >= self.as_of or began >= finished:
                continue
            record = {"id": self._next("M"), "type": kind, "started_on": began.isoformat()}
            if finished < self.as_of:
                record["ended_on"] = finished.isoformat()
            records.append(record)
        return records

    def _documents(self, cast: Cast, opened: date, last: date, concern: dict, measures: list[dict],
                   author_id: str) -> list[dict]:
        rng = self.rng
        received = date.fromisoformat(concern["received_on"])
        span = max(1, (last - opened).days)

        def when() -> date:
            return opened + timedelta(days=rng.randrange(0, span))

        texts = [(DocumentKind.EVALUATION_REPORT, written := min(received + timedelta(days=20), last),
                  prose.evaluation_report(rng, cast, written, received))]
        for _ in range(rng.randrange(1, 4)):
            day = when()
            kind = rng.choice([DocumentKind.SITUATION_NOTE, DocumentKind.HOME_VISIT_REPORT])
            writer = prose.situation_note if kind == DocumentKind.SITUATION_NOTE else prose.home_visit_report
            texts.append((kind, day, writer(rng, cast, day)))
        if any(MeasureType(m["type"]).nature == "judicial" for m in measures):
            day = when()
            texts.append((DocumentKind.LETTER_TO_JUDGE, day, prose.letter_to_judge(rng, cast, day)))
        return [{"id": self._next("DOC"), "kind": kind, "written_on": day.isoformat(),
                 "author_id": author_id, "text": text} for kind, day, text in texts]


def cast_of(case: dict) -> Cast:
    """The people of a case record as `Departement.cases` yields it, to write more of its documents."""
    people = {p["id"]: Someone(p["first_names"], p["last_name"], p["sex"], date.fromisoformat(p["birth_date"]),
                               p.get("birth_place"), p.get("nir"), p.get("address"), p.get("phone"),
                               p.get("caf_number")) for p in case["persons"]}
    cast: dict[str, list[Someone]] = {}
    for link in case["participants"]:
        cast.setdefault(link["role"], []).append(people[link["person_id"]])
    first = lambda role: cast[role][0] if role in cast else None  # noqa: E731
    return Cast(first(Role.CHILD), tuple(cast.get(Role.PARENT, ())), tuple(cast.get(Role.SIBLING, ())),
                first(Role.FOSTER_CARER), first(Role.PROFESSIONAL), first(Role.THIRD_PARTY))


def seed_cases(uow: UnitOfWork, count: int, seed: int, as_of: date, on_saved=None) -> tuple[int, int]:
    """Store `count` synthetic cases in one transaction; returns (cases saved, of which new)."""
    lengths = record_lengths()
    records = (parse_case(case, lengths) for case in Departement(seed, as_of).cases(count))
    with uow:
        saved, created = save_all(uow, records, source="seed", on_saved=on_saved)
        uow.record("seed.completed", "store", [], cases=saved, created=created, seed=seed,
                   as_of=as_of.isoformat())
        uow.commit()
    return saved, created
