"""Writes tests/data/masking_cases.jsonl: synthetic case files (Faker, fr_FR) whose documents say, for
every personal value in them, whose value it is, to measure the access export's masking.

Each line is one case seen from its subject (a former child in care asking for their file):
{"id", "subject": person id, "persons": [participants as the store knows them, with "roles"],
 "documents": [{"id", "text", "spans": [{"start", "end", "owner"}]}]}, where "owner" is a participant's
id, or "unlisted" for a person the case does not list (a mother's partner, a neighbour). Words outside
every span are nobody's ('Concerne', 'Dossier RG', "n'a pas honoré", the story's dates).

    python tests/data/make_masking_cases.py      # rewrites the file; the same seed gives the same file
"""

import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from casefiles.kernel.identifiers import make_nir  # noqa: E402

SEED = 20261206
CASES = 40
OUT = Path(__file__).with_name("masking_cases.jsonl")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


@dataclass
class Someone:
    id: str
    roles: str
    sex: str
    first_names: str
    last_name: str
    birth_date: date
    birth_place: str
    address: str
    phone: str | None = None
    nir: str | None = None
    caf_number: str | None = None

    @property
    def first(self) -> str:
        return self.first_names.split()[0]

    @property
    def honorific(self) -> str:
        return "Mme" if self.sex == "F" else "M."

    @property
    def born(self) -> str:
        return "née" if self.sex == "F" else "né"

    def record(self) -> dict:
        return {"person_id": self.id, "roles": self.roles, "last_name": self.last_name,
                "first_names": self.first_names, "birth_date": self.birth_date.isoformat(),
                "birth_place": self.birth_place, "address": self.address, "phone": self.phone, "nir": self.nir,
                "caf_number": self.caf_number}


def in_words(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def in_numbers(day: date) -> str:
    return day.strftime("%d/%m/%Y")


class Document:
    """A text written piece by piece, each personal value with its owner."""

    def __init__(self, id: str) -> None:
        self.id, self.text, self.spans = id, "", []

    def say(self, *parts: "str | tuple[Someone | str, str]") -> None:
        for part in parts:
            written = part[1] if isinstance(part, tuple) else part
            if self.text and not self.text.endswith((" ", "(", "\n")) and not written.startswith((",", ".", ")")):
                self.text += " "
            if isinstance(part, tuple):
                owner, value = part
                start = len(self.text)
                self.text += value
                self.spans.append({"start": start, "end": len(self.text),
                                   "owner": owner if isinstance(owner, str) else owner.id})
            else:
                self.text += part
        self.text += "\n"

    def as_dict(self) -> dict:
        return {"id": self.id, "text": self.text.strip(), "spans": self.spans}


class Cases:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.count = 0
        self.places: set[str] = set()

    def _place(self) -> str:
        """A town no one else in the file was born in: a shared birthplace would be nobody's alone."""
        while (place := self.fake.city()) in self.places:
            pass
        self.places.add(place)
        return place

    def _someone(self, roles: str, sex: str, birth: date, last_name: str | None = None, adult: bool = True,
                 caf: bool = False) -> Someone:
        self.count += 1
        first = self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()
        nir = make_nir(2 if sex == "F" else 1, birth.year, birth.month, "31" + f"{self.rng.randrange(1, 590):03d}",
                       self.rng.randrange(1, 1000))
        return Someone(f"P-{self.count:05d}", roles, sex, first, last_name or self.fake.last_name(), birth,
                       self._place(), f"{self.fake.street_address()}, {self.fake.postcode()} {self.fake.city()}",
                       self.fake.phone_number() if adult else None, nir,
                       f"{self.rng.randrange(1_000_000, 10_000_000)}" if caf else None)

    def case(self, number: int) -> dict:
        rng, self.places = self.rng, set()
        family = self.fake.last_name()
        subject_birth = date(rng.randrange(1998, 2008), rng.randrange(1, 13), rng.randrange(1, 29))
        subject = self._someone("child", rng.choice("FM"), subject_birth, family)
        sibling = self._someone("sibling", rng.choice("FM"), subject_birth + timedelta(days=rng.randrange(400, 2500)),
                                family, adult=False)
        mother = self._someone("parent,parental_authority_holder", "F",
                               subject_birth - timedelta(days=rng.randrange(7000, 12000)), caf=True)
        father = self._someone("parent", "M", subject_birth - timedelta(days=rng.randrange(8000, 14000)), family)
        carer = self._someone("foster_carer", "F", subject_birth - timedelta(days=rng.randrange(12000, 18000)))
        reporter = self._someone("third_party", rng.choice("FM"), subject_birth - timedelta(days=15000))
        worker = self._someone("professional", rng.choice("FM"), subject_birth - timedelta(days=11000))
        partner = self._someone("", "M", subject_birth - timedelta(days=10000))  # the case does not list him
        people = [subject, sibling, mother, father, carer, reporter, worker]
        docket = f"RG n° {rng.randrange(10, 25)}/{rng.randrange(1, 99999):05d}"
        s, b, m, f, c, r, w = people

        report = Document(f"C{number:03d}-D1")
        report.say("Concerne :", (s, f"{s.first} {s.last_name.upper()}"), f", {s.born} le", (s, in_words(s.birth_date)),
                   "à", (s, s.birth_place), f". Dossier {docket}.")
        report.say("Domicile :", (s, s.address), ". Téléphone :", (s, s.phone), ". NIR :", (s, s.nir), ".")
        report.say(f"{'Sa sœur' if b.sex == 'F' else 'Son frère'},", (b, b.first), f", {b.born} le",
                   (b, in_words(b.birth_date)), "à", (b, b.birth_place), ", est accueilli au même domicile.")
        report.say("La mère,", m.honorific, (m, m.last_name.upper()), ", allocataire n°", (m, m.caf_number),
                   ", demeure", (m, m.address), ".", (m, m.first), "n'a pas honoré le dernier rendez-vous.")
        report.say("Le père,", (f, f"{f.first} {f.last_name.upper()}"), f", {f.born} le",
                   (f, in_numbers(f.birth_date)), ", joignable au", (f, f.phone), ".")
        report.say(f"Rapport établi le {in_words(date(2020, rng.randrange(1, 13), rng.randrange(1, 29)))} par",
                   w.honorific, (w, w.last_name.upper()), ", travailleur social.")

        concern = Document(f"C{number:03d}-D2")
        concern.say("Information préoccupante transmise par", r.honorific, (r, f"{r.first} {r.last_name}"),
                    ", voisin(e) de la famille, joignable au", (r, r.phone), ".")
        concern.say((r, r.first), "dit avoir vu", (s, s.first), "seul(e) le soir, et", (b, b.first),
                    f"({b.born} le", (b, in_numbers(b.birth_date)), ") pleurer.")
        concern.say("Le compagnon de la mère,", ("unlisted", f"{partner.first} {partner.last_name.upper()}"),
                    ", était présent.")

        placement = Document(f"C{number:03d}-D3")
        placement.say((s, s.first), "est confié(e) à", c.honorific, (c, f"{c.first} {c.last_name.upper()}"),
                      ", assistante familiale, qui habite", (c, c.address), ".")
        placement.say("L'assistante familiale,", (c, c.first), ", signale que", (s, s.first),
                      "dort mal depuis la visite de sa mère,", (m, m.first), ".")
        placement.say((s, s.first), "a demandé des nouvelles de", (b, b.first), "et de son père", (f, f.first), ".")
        return {"id": f"C{number:03d}", "subject": s.id, "persons": [p.record() for p in people],
                "documents": [report.as_dict(), concern.as_dict(), placement.as_dict()]}


def main() -> None:
    cases = Cases(SEED)
    with OUT.open("w", encoding="utf-8") as out:
        for number in range(1, CASES + 1):
            out.write(json.dumps(cases.case(number), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
