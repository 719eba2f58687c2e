"""Writes tests/data/notes_corpus.jsonl: French case notes with every personal datum labelled.

Synthetic only (Faker, fr_FR). The notes are written the way professionals write: telegraphic notes,
letters to the judge, home-visit reports, phone calls, incident reports, school liaison, with typos,
missing accents, names in capitals or in lower case, and hard negatives (the sector's acronyms,
legal references, court numbers, amounts, times, durations, emergency numbers, 'la mère').

Each line: {"id", "kind", "text", "entities": [{"label", "start", "end"}], "persons": [...]}, the
persons being the case's participants as the store knows them (for the known-persons evaluation).

    python tests/data/make_corpus.py            # rewrites the file; the same seed gives the same file
"""

import json
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from casefiles.kernel.identifiers import make_nir  # noqa: E402

SEED = 20261122
DOCUMENTS = 260
OUT = Path(__file__).with_name("notes_corpus.jsonl")

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
SHORT_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
STREET_TYPES = ["rue", "avenue", "boulevard", "impasse", "allée", "chemin", "place", "route", "av.", "bd", "quai"]
STREET_NAMES = ["Paul Bert", "Jean Jaurès", "de la République", "des Lilas", "Victor Hugo", "du Moulin",
                "Gambetta", "de la Paix", "des Tilleuls", "Pasteur", "du 8 Mai 1945", "Émile Zola",
                "des Acacias", "Louis Pergaud", "de l'Église", "Marcel Pagnol", "du Général de Gaulle",
                "Jules Ferry", "des Peupliers", "Saint-Exupéry", "Camille Claudel", "de Verdun"]
SCHOOLS = ["école élémentaire Jean Jaurès", "école maternelle Les Hirondelles", "collège Pierre de Fermat",
           "collège Jean Moulin", "lycée professionnel Gallieni", "école primaire Marcel Pagnol",
           "crèche Les Petits Loups", "collège Anatole France", "IME Les Chênes", "ITEP La Cadène",
           "lycée Saint-Sernin", "école élémentaire Jules Ferry"]
EMPLOYERS = ["Airbus", "Carrefour", "Leclerc", "Decathlon", "Veolia", "Onet", "Adecco", "Intermarché",
             "McDonald's", "Sodexo", "Lidl", "Derichebourg"]
MAIL_DOMAINS = ["orange.fr", "gmail.com", "laposte.net", "free.fr", "hotmail.fr", "sfr.fr", "yahoo.fr", "outlook.fr"]
TOWNS = ["Toulouse", "Colomiers", "Tournefeuille", "Muret", "Blagnac", "Balma", "Saint-Gaudens", "L'Union",
         "Ramonville-Saint-Agne", "Castanet-Tolosan", "Cugnaux", "Plaisance-du-Touch", "Revel", "Montauban", "Albi",
         "Castres", "Auch", "Foix", "Pamiers", "Rodez", "Cahors", "Tarbes", "Carcassonne", "Portet-sur-Garonne",
         "Villemur-sur-Tarn", "Fronton", "Grenade", "L'Isle-Jourdain", "Saint-Orens-de-Gameville", "Fenouillet",
         "Villefranche-de-Lauragais", "Aucamville", "Léguevin", "Seysses", "Pibrac", "Saint-Lys"]
TOWNS_ABROAD = ["Alger", "Casablanca", "Tunis", "Bamako", "Dakar", "Porto", "Bucarest", "Kinshasa"]


@dataclass
class Person:
    id: str
    role: str
    sex: str
    first: str
    last: str
    birth: date
    nir: str | None = None
    phone: str | None = None
    email: str | None = None
    caf: str | None = None
    birth_name: str | None = None

    def as_known(self) -> dict:
        return {"person_id": self.id, "role": self.role, "last_name": self.last, "first_names": self.first,
                "birth_name": self.birth_name, "nir": self.nir, "phone": self.phone, "email": self.email,
                "caf_number": self.caf}


@dataclass
class Note:
    """A text being written, with the spans of what is personal in it."""

    parts: list[str] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    length: int = 0

    def say(self, *chunks) -> "Note":
        """Plain strings are written as they are; (label, value) pairs are labelled."""
        for chunk in chunks:
            if isinstance(chunk, tuple):
                label, value = chunk
                self.entities.append({"label": label, "start": self.length, "end": self.length + len(value)})
                chunk = value
            chunk = str(chunk)
            self.parts.append(chunk)
            self.length += len(chunk)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        # Families whose names no French list holds: what the lexicon of first names cannot know.
        self.elsewhere = [Faker(locale) for locale in ("en_IE", "vi_VN", "zu_ZA", "sw", "cs_CZ")]
        for number, faker in enumerate(self.elsewhere):
            faker.seed_instance(seed + number)
        self.names = self.fake
        self.counter = 0

    # --- people and their data ---------------------------------------------------------------------
    def person(self, role: str, sex: str | None = None, last: str | None = None, age: tuple[int, int] = (25, 55),
               today: date = date(2026, 11, 22)) -> Person:
        rng, fake = self.rng, self.names
        sex = sex or rng.choice("FM")
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        if rng.random() < 0.12:
            other = fake.first_name_female() if sex == "F" else fake.first_name_male()
            if "-" not in first and "-" not in other and other != first:
                first = f"{first}-{other}"
        if last is None:
            last = fake.last_name()
            if rng.random() < 0.06:
                last = rng.choice(["de La Fontaine", "Le Gall", "de Souza", "Ben Salah", "Da Silva", "Le Bris",
                                   "Van Damme", "du Pont"])
        birth = today - timedelta(days=rng.randint(age[0] * 365, age[1] * 365))
        self.counter += 1
        person = Person(f"P-{self.counter:05d}", role, sex, first, last, birth)
        if role in ("parent", "child") and rng.random() < 0.7:
            place = rng.choice([f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}", f"2A{rng.randint(1, 99):03d}",
                                f"2B{rng.randint(1, 99):03d}", f"97{rng.randint(1, 6)}{rng.randint(1, 99):02d}",
                                f"99{rng.randint(100, 450):03d}"])
            person.nir = make_nir(1 if sex == "M" else 2, birth.year, birth.month, place, rng.randint(1, 999))
        if role in ("parent", "foster_carer", "third_party"):
            person.phone = "0" + rng.choice("67") + "".join(str(rng.randint(0, 9)) for _ in range(8))
            if rng.random() < 0.5:
                domain = rng.choice(MAIL_DOMAINS)
                person.email = f"{self.ascii(first).lower()}.{self.ascii(last).lower().replace(' ', '')}@{domain}"
        if role == "parent" and rng.random() < 0.6:
            person.caf = f"{rng.randint(1000000, 9999999)}"
        return person

    @staticmethod
    def ascii(text: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))

    def name(self, person: Person, style: str | None = None) -> tuple:
        """A way of writing a name, as ('PERSON', value), without the honorific."""
        style = style or self.rng.choice(["full", "full", "caps", "caps_first", "last", "first_caps", "lower"])
        first, last = person.first, person.last
        value = {"full": f"{first} {last}", "caps": last.upper(), "caps_first": f"{last.upper()} {first}",
                 "last": last, "first_caps": f"{first} {last.upper()}", "first": first,
                 "lower": f"{first.lower()} {last.lower()}"}[style]
        return ("PERSON", value)

    def honorific(self, person: Person) -> str:
        if person.sex == "F":
            return self.rng.choice(["Mme ", "Mme ", "Madame ", "Mme. "])
        return self.rng.choice(["M. ", "M. ", "Monsieur ", "Mr "])

    def mister(self, person: Person, style: str | None = None) -> list:
        return [self.honorific(person), self.name(person, style or self.rng.choice(["caps", "last", "full",
                                                                                   "first_caps"]))]

    def date(self, day: date, style: str | None = None) -> tuple:
        style = style or self.rng.choice(["numeric", "numeric", "words", "words", "short", "weekday", "iso2"])
        month = day.month - 1
        first = "1er" if day.day == 1 else str(day.day)
        value = {"numeric": f"{day.day:02d}/{day.month:02d}/{day.year}",
                 "iso2": f"{day.day}.{day.month:02d}.{day.year % 100:02d}",
                 "words": f"{first} {MONTHS[month]} {day.year}",
                 "short": f"{first} {SHORT_MONTHS[month]} {day.year}",
                 "weekday": f"{WEEKDAYS[day.weekday()]} {first} {MONTHS[month]}",
                 "daymonth": f"{first} {MONTHS[month]}",
                 "monthyear": f"{MONTHS[month]} {day.year}"}[style]
        return ("DATE_TIME", value)

    def phone(self, person: Person | None = None) -> tuple:
        digits = person.phone if person and person.phone else "0" + self.rng.choice("1234567") + "".join(
            str(self.rng.randint(0, 9)) for _ in range(8))
        pairs = [digits[i:i + 2] for i in range(0, 10, 2)]
        style = self.rng.choice(["spaces", "spaces", "dots", "compact", "dashes", "intl", "intl0", "0033"])
        value = {"spaces": " ".join(pairs), "dots": ".".join(pairs), "compact": digits, "dashes": "-".join(pairs),
                 "intl": "+33 " + digits[1] + " " + " ".join(pairs[1:]),
                 "intl0": "+33 (0)" + digits[1] + " " + " ".join(pairs[1:]),
                 "0033": "0033 " + digits[1] + " " + " ".join(pairs[1:])}[style]
        return ("PHONE_NUMBER", value)

    def nir(self, person: Person) -> tuple:
        nir = person.nir
        style = self.rng.choice(["compact", "grouped", "key_apart"])
        if style == "compact":
            return ("FR_NIR", nir)
        if len(nir) == 15 and nir[5:7] in ("97", "98"):
            groups = [nir[0], nir[1:3], nir[3:5], nir[5:8], nir[8:10], nir[10:13]]
        else:
            groups = [nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13]]
        if style == "grouped":
            return ("FR_NIR", " ".join(groups + [nir[13:]]))
        return ("FR_NIR", "".join(groups) + " " + nir[13:])

    def iban(self) -> tuple:
        bban = f"{self.rng.randint(10000, 99999)}{self.rng.randint(10000, 99999)}" \
               f"{self.rng.randint(10 ** 10, 10 ** 11 - 1)}{self.rng.randint(10, 99)}"
        numeric = "".join(str(int(ch, 36)) for ch in bban + "FR00")
        iban = f"FR{98 - int(numeric) % 97:02d}{bban}"
        value = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if self.rng.random() < 0.7 else iban
        return ("IBAN_CODE", value)

    def address(self, with_town: bool = True) -> list:
        rng = self.rng
        number = f"{rng.randint(1, 180)}" + rng.choice(["", "", "", " bis", " ter", "B"])
        street = f"{rng.choice(STREET_TYPES)} {rng.choice(STREET_NAMES)}"
        if rng.random() < 0.15:
            value = f"résidence {rng.choice(['Les Tilleuls', 'Le Parc', 'Les Cèdres', 'Bellevue'])}, bât. " \
                    f"{rng.choice('ABCD')}"
        elif rng.random() < 0.05:
            value = f"lieu-dit {rng.choice(['La Croix', 'Les Granges', 'Le Bourg', 'La Borde'])}"
        else:
            value = f"{number}{rng.choice([' ', ', '])}{street}"
        if with_town:
            value += rng.choice([" ", ", "]) + f"31{rng.randint(0, 99) * 10:03d} {rng.choice(TOWNS)}"
        return [("LOCATION", value)]

    def school(self) -> list:
        school = self.rng.choice(SCHOOLS)
        article = {"école": "à l'", "collège": "au ", "lycée": "au ", "crèche": "à la ", "IME": "à l'", "ITEP": "à l'"}
        return [article[school.split()[0]], ("ORGANIZATION", school)]

    def town(self) -> tuple:
        return ("LOCATION", self.rng.choice(TOWNS))

    def age(self, years: int) -> list:
        style = self.rng.choice(["paren", "aged", "comma", "kid"])
        if style == "paren":
            return [" (", ("AGE", f"{years} ans"), ")"]
        if style == "aged":
            return [", âgé de ", ("AGE", f"{years} ans"), ","]
        if style == "comma":
            return [", ", ("AGE", f"{years} ans"), ","]
        return [", enfant de ", ("AGE", f"{years} ans"), ","]

    def email(self, person: Person) -> tuple:
        if person.email:
            return ("EMAIL_ADDRESS", person.email)
        local = f"{self.ascii(person.first).lower()}.{self.ascii(person.last).lower().replace(' ', '-')}"
        return ("EMAIL_ADDRESS", f"{local}@haute-garonne.fr")


def family(w: Writer) -> dict:
    rng = w.rng
    w.names = rng.choice(w.elsewhere) if rng.random() < 0.2 else w.fake
    mother = w.person("parent", "F")
    father = w.person("parent", "M", last=mother.last if rng.random() < 0.5 else None)
    if father.last != mother.last and rng.random() < 0.3:
        mother.birth_name = mother.last
    child = w.person("child", last=father.last if rng.random() < 0.7 else mother.last, age=(1, 17))
    sibling = w.person("sibling", last=child.last, age=(1, 17))
    w.names = w.fake
    worker = w.person("professional", rng.choice("FFM"))
    carer = w.person("foster_carer", "F")
    return {"mother": mother, "father": father, "child": child, "sibling": sibling, "worker": worker,
            "carer": carer}


def age_of(person: Person, today: date = date(2026, 11, 22)) -> int:
    return max(1, (today - person.birth).days // 365)


def telegraphic(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    m, c, wk = f["mother"], f["child"], f["worker"]
    day = date(2026, rng.randint(1, 11), rng.randint(1, 28))
    n.say("VAD ", w.date(day, "numeric"), " - ", *w.mister(m), " presente. ", w.name(c, "first"),
          " dort. ", rng.choice(["Logement encombré", "Logt correct", "Frigo vide", "Appart propre"]), ". ")
    n.say("Pere absent (travaille chez ", ("ORGANIZATION", rng.choice(EMPLOYERS)), "). ")
    n.say("RDV fixé ", w.date(day + timedelta(days=rng.randint(3, 20)), "weekday"), " à ",
          rng.choice(["9h", "14h30", "10h15", "16h"]), " avec la mère. ")
    n.say("Tel mère : ", w.phone(m), ". ")
    if rng.random() < 0.5:
        n.say("Appel ", rng.choice(["du CMP", "de la PMI", "de l'AEMO", "de la CRIP"]), " le ",
              w.date(day - timedelta(days=2), "numeric"), ". ")
    n.say("A revoir ds 15 jours. ", rng.choice(["Si urgence : 119.", "Rappel 115 si besoin.", "", "NB: PPE à jour."]),
          " -- ", w.name(wk, "first_caps"), rng.choice([", éduc.", ", ES", " (AS)"]))


def letter_to_judge(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    m, fa, c, wk = f["mother"], f["father"], f["child"], f["worker"]
    court = rng.choice(["Toulouse", "Montauban", "Albi", "Foix", "Auch"])
    n.say("Tribunal judiciaire de ", ("LOCATION", court), f"\nMonsieur le Juge des enfants\nRG n° {rng.randint(20, 26)}/"
          f"{rng.randint(1000, 99999):05d}\n\nObjet : rapport de situation concernant ")
    n.say(w.name(c, "caps_first"), ", né", "e" if c.sex == "F" else "", " le ", w.date(c.birth, "words"),
          " à ", w.town(), ".\n\n")
    n.say("Monsieur le Juge,\n\nPar jugement du ", w.date(date(2025, rng.randint(1, 12), rng.randint(1, 28)), "words"),
          ", vous avez ordonné une mesure d'assistance éducative en milieu ouvert (article 375 du Code civil) au "
          "bénéfice de ", w.name(c, "first"), *w.age(age_of(c)), " domicilié", "e" if c.sex == "F" else "",
          " chez sa mère, ", *w.mister(m), ", ", *w.address(), ".\n")
    n.say("Depuis ", rng.randint(2, 9), " mois, le suivi a permis de rencontrer la famille à ",
          rng.randint(3, 12), " reprises. ", w.name(c, "first"), " est scolarisé", "e" if c.sex == "F" else "",
          " ", *w.school(), ". ")
    n.say("Le père, ", *w.mister(fa, "caps_first"), ", réside ", *w.address(), " et exerce son droit de visite "
          "un week-end sur deux. ")
    if fa.phone and rng.random() < 0.6:
        n.say("Il est joignable au ", w.phone(fa), ". ")
    n.say("Nous sollicitons le renouvellement de la mesure pour une durée de 12 mois, conformément à la loi du "
          "14 mars 2016.\n\nJe vous prie d'agréer, Monsieur le Juge, l'expression de ma haute considération.\n\n",
          w.name(wk, "full"), ", éducat", "rice" if wk.sex == "F" else "eur", " spécialisé",
          "e" if wk.sex == "F" else "", "\n", w.email(wk))


def home_visit(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    m, c, s, fa = f["mother"], f["child"], f["sibling"], f["father"]
    day = date(2026, rng.randint(1, 10), rng.randint(1, 28))
    n.say("Compte rendu de visite à domicile du ", w.date(day), "\n\nPrésents : ", *w.mister(m), ", ",
          w.name(c, "first"), *w.age(age_of(c)), " et ", w.name(s, "first"), ".\n")
    n.say("Le logement, situé ", *w.address(rng.random() < 0.6), ", est un T", rng.randint(2, 5),
          " au ", rng.randint(1, 9), "e étage. La mère explique que le loyer de ", rng.randint(350, 900),
          " € est réglé grâce à l'APL. ")
    if m.caf:
        n.say("Elle nous transmet son numéro d'allocataire CAF : ", ("FR_CAF_NUMBER", m.caf), ". ")
    n.say("Elle dit avoir quitté ", *w.mister(fa, "full"), " en ", w.date(day - timedelta(days=rng.randint(200, 900)),
                                                                         "monthyear"), ". ")
    n.say("Les enfants partagent une chambre. ", w.name(s, "first"), " est suivi", " au CMP depuis 2 ans. ")
    if m.nir and rng.random() < 0.5:
        n.say("Numéro de sécurité sociale de la mère : ", w.nir(m), ". ")
    n.say("Prochaine visite prévue le ", w.date(day + timedelta(days=rng.randint(10, 40)), "daymonth"), ".")


def phone_call(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    m, fa, c, carer = f["mother"], f["father"], f["child"], f["carer"]
    day = date(2026, rng.randint(1, 11), rng.randint(1, 28))
    n.say(w.date(day, rng.choice(["numeric", "iso2"])), " ", rng.choice(["10h", "11h45", "15h"]),
          " : appel de ", *w.mister(carer), ", assistante familiale, au sujet de ", w.name(c, "first"), ". ")
    n.say(rng.choice(["Enfant agité depuis le retour de week-end.", "Crises le soir, refuse d'aller à l'école.",
                      "Bonne semaine, RAS."]), " ")
    n.say("Elle demande que le père la rappelle au ", w.phone(fa), rng.choice([".", " ou par mail à "]))
    if n.parts[-1].endswith("à "):
        n.say(w.email(fa), ".")
    n.say(" Adresse de l'assistante familiale : ", *w.address(), ". ")
    n.say("Mail de la mère : ", w.email(m), ". A rappeler le ", w.date(day + timedelta(days=2), "numeric"), ".")


def incident(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c, m = f["child"], f["mother"]
    day = date(2026, rng.randint(1, 11), rng.randint(1, 28))
    n.say("Note d'incident – ", ("ORGANIZATION", "MECS " + rng.choice(["Les Saules", "La Roseraie", "Le Castel"])),
          "\n")
    n.say("Le ", w.date(day, "words"), " vers ", rng.choice(["20h", "21h30", "18h15"]), ", ", w.name(c, "first"),
          *w.age(age_of(c)), " a fugué de l'établissement. ")
    n.say("Signalement au 17 et à la gendarmerie. Retrouvé", "e" if c.sex == "F" else "", " le lendemain chez ",
          "un ami, ", w.name(w.person("third_party"), "full"), ", ", *w.address(), ". ")
    n.say("La mère, ", *w.mister(m, "caps"), ", a été prévenue par téléphone (", w.phone(m), "). ")
    n.say("Rappel du cadre fait par l'équipe. Information transmise à l'ASE et au juge des enfants.")


def school_liaison(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c, m, wk = f["child"], f["mother"], f["worker"]
    teacher = w.person("third_party", rng.choice("FM"))
    n.say("Synthèse avec l'établissement scolaire. Rencontre avec ", *w.mister(teacher, "last"),
          ", professeur principal ", *w.school(), ". ")
    n.say(w.name(c, rng.choice(["first", "full", "caps_first"])), " cumule ", rng.randint(3, 30),
          " demi-journées d'absence depuis la rentrée. ")
    n.say("Un PPS est en cours auprès de la MDPH. La famille habite ", *w.address(False), " à ", w.town(), ". ")
    n.say("Prochaine équipe éducative le ", w.date(date(2027, rng.randint(1, 6), rng.randint(1, 28)), "words"),
          " à ", rng.choice(["8h30", "17h"]), ". Présents : ", w.name(wk, "full"), " (ASE), ",
          *w.mister(m), ".")


def evaluation(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c, s, m, fa = f["child"], f["sibling"], f["mother"], f["father"]
    n.say("Evaluation suite à information préoccupante reçue le ", w.date(date(2026, rng.randint(1, 10),
                                                                              rng.randint(1, 28)), "numeric"),
          " (CRIP 31).\n")
    n.say("Composition familiale :\n- mère : ", w.name(m, "caps_first"), ", née le ", w.date(m.birth, "numeric"),
          ", sans emploi\n- père : ", w.name(fa, "caps_first"), ", né le ", w.date(fa.birth, "numeric"),
          rng.choice([" à ", ", né à "]), ("LOCATION", rng.choice(TOWNS_ABROAD)), "\n- enfants : ",
          w.name(c, "first"), " (", w.date(c.birth, "numeric"), ") et ", w.name(s, "first"), " (",
          w.date(s.birth, "numeric"), ")\n")
    if fa.nir:
        n.say("NIR du père : ", w.nir(fa), "\n")
    n.say("Ressources : RSA (", rng.randint(500, 700), ",", rng.randint(10, 99), " €) et allocations familiales. ")
    if fa.caf:
        n.say("N° allocataire CAF ", ("FR_CAF_NUMBER", fa.caf), ". ")
    n.say("Versement sur le compte ", w.iban(), ".\n")
    n.say("Les parents sont séparés depuis ", rng.randint(2, 6), " ans. Madame évoque des violences conjugales. ",
          "Orientation vers une mesure AED. Courrier réf. ", rng.randint(1000000, 9999999), " adressé à la famille.")


def unaccented(w: Writer, f: dict, n: Note) -> None:
    """A hurried note: no accents, lower-case names, typos."""
    rng = w.rng
    m, c, fa = f["mother"], f["child"], f["father"]
    n.say("entretien ac mme ", ("PERSON", m.last.lower()), " ce jour. ", w.name(c, "first"),
          " va mieux, a repris le colege. ")
    n.say("pere (", w.name(fa, "lower"), ") injoignable au ", w.phone(fa), ". ")
    n.say("domicile : ", *w.address(), ". prochain rdv le ", w.date(date(2026, 12, rng.randint(1, 28)), "numeric"),
          ". ")
    n.say("la mere demande une aide financiere de ", rng.randint(100, 400), " euros.")


def synthesis(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c, m, carer, wk = f["child"], f["mother"], f["carer"], f["worker"]
    grandmother, uncle = w.person("third_party", "F"), w.person("third_party", "M", last=f["father"].last)
    doctor, teacher = w.person("third_party"), w.person("third_party", "F")
    e = "e" if c.sex == "F" else ""
    n.say("Rapport de synthèse – situation de ", w.name(c, "caps_first"), "\n\n")
    n.say("Réseau familial : la grand-mère maternelle, Mme ", w.name(grandmother, "full"), ", domiciliée à ",
          w.town(), ", accueille ", w.name(c, "first"), " pendant les vacances scolaires. L'oncle paternel, ",
          w.name(uncle, "first_caps"), ", n'a plus de contact avec l'enfant depuis ",
          w.date(date(2025, rng.randint(1, 12), 1), "monthyear"), ".\n")
    n.say("Santé : suivi", e, " au CMP par le Dr ", w.name(doctor, "last"), " ; traitement instauré le ",
          w.date(date(2026, rng.randint(1, 9), rng.randint(1, 28)), "words"), ".\n")
    n.say("Scolarité : ", w.name(c, "first"), " est en CM2 ", *w.school(), ". Son enseignante, Mme ",
          w.name(teacher, "last"), ", note des progrès en lecture.\n")
    n.say("Projet : maintien du placement chez l'assistante familiale, ", *w.mister(carer), ", ", *w.address(),
          ". La mère, ", w.name(m, "full"), ", rencontre ", w.name(c, "first"), " une fois par mois en visite "
          "médiatisée.\n\nLe ", w.date(date(2026, rng.randint(1, 11), rng.randint(1, 28)), "numeric"), ", ",
          w.name(wk, "full"), ", référent", "e" if wk.sex == "F" else "", " ASE")


def email_exchange(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c, m, wk = f["child"], f["mother"], f["worker"]
    e = "e" if c.sex == "F" else ""
    day = date(2026, rng.randint(1, 11), rng.randint(1, 28))
    n.say("De : ", w.email(wk), "\nObjet : RE: situation ", w.name(c, "caps"), "\nEnvoyé : ",
          w.date(day, "weekday"), " 09:14\n\nBonjour,\n\nSuite à notre échange téléphonique de ce matin, je vous "
          "confirme que ", w.name(c, "first"), " ne sera pas présent", e, " le ",
          w.date(day + timedelta(days=3), "daymonth"), ". Sa mère, ", *w.mister(m, "caps"),
          ", peut être jointe au ", w.phone(m), ".\n\nCordialement,\n\n", w.name(wk, "full"),
          "\nTravailleur social – MDS\nTél. : ", w.phone(), "\n")


def court_order(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c, m = f["child"], f["mother"]
    magistrate = w.person("professional")
    e = "e" if c.sex == "F" else ""
    n.say("ORDONNANCE DE PLACEMENT PROVISOIRE\nParquet de ", ("LOCATION", rng.choice(["Toulouse", "Montauban", "Albi"])),
          ", le ",
          w.date(date(2026, rng.randint(1, 11), rng.randint(1, 28)), "words"),
          "\nVu les articles 375 à 375-9 du Code civil,\nConcernant : ", w.name(c, "caps_first"), ", né", e, " le ",
          w.date(c.birth, "numeric"), " à ", w.town(), ", demeurant chez sa mère ", w.name(m, "full"), ", ",
          *w.address(), ".\nOrdonnons le placement provisoire du mineur auprès du service de l'ASE pour une durée "
          "de 8 jours.\nLe substitut du procureur de la République, ", w.name(magistrate, "full"), ".")


def medical(w: Writer, f: dict, n: Note) -> None:
    rng = w.rng
    c = f["child"]
    doctor = w.person("professional")
    e = "e" if c.sex == "F" else ""
    n.say("Certificat médical\nJe soussigné", "e" if doctor.sex == "F" else "", " Dr ", w.name(doctor, "first_caps"),
          ", médecin de PMI, certifie avoir examiné ce jour l'enfant ", w.name(c, "full"), ", âgé", e, " de ",
          ("AGE", f"{age_of(c)} ans"), ". Poids 18 kg, taille 1,12 m. Vaccinations à jour. Pas de lésion visible. "
          "Consultation du ", w.date(date(2026, rng.randint(1, 11), rng.randint(1, 28)), "numeric"), " à ",
          rng.choice(["9h", "10h30", "14h"]), ". Certificat remis en main propre pour faire valoir ce que de droit.")


def team_meeting(w: Writer, f: dict, n: Note) -> None:
    """Almost nothing personal: the sector's words, laws, amounts, counts, times, emergency numbers."""
    rng = w.rng
    wk = f["worker"]
    n.say("Réunion d'équipe du ", w.date(date(2026, rng.randint(1, 11), rng.randint(1, 28)), "numeric"),
          "\n- mise en place des AED renforcées et des AEMO avec hébergement ;\n- bilan des PPE : ",
          rng.randint(5, 40), " situations en attente ;\n- budget de ", rng.randint(10, 90), " 000 € voté par le "
          "Conseil départemental ;\n- rappel : loi n° 2022-140 du 7 février 2022 relative à la protection des "
          "enfants, article L. 223-1 du CASF, article 375-3 du Code civil ;\n- astreinte : composer le 119, le 115 "
          "pour l'hébergement d'urgence, le 17 en cas de danger immédiat ;\n- la CRIP a reçu ", rng.randint(20, 90),
          " informations préoccupantes ce trimestre, dont ", rng.randint(2, 9), " transmises au Parquet ;\n- "
          "prochaine réunion à 9h30, salle Rose.\nCompte rendu : ", w.name(wk, "full"), ".")


KINDS = {"telegraphic": telegraphic, "letter_to_judge": letter_to_judge, "home_visit": home_visit,
         "phone_call": phone_call, "incident": incident, "school_liaison": school_liaison,
         "evaluation": evaluation, "unaccented": unaccented, "synthesis": synthesis, "email_exchange": email_exchange,
         "court_order": court_order, "medical": medical, "team_meeting": team_meeting}


def strip_accents(text: str) -> str:
    """Same length: each accented letter becomes its bare letter."""
    return "".join(unicodedata.normalize("NFD", ch)[0] if len(unicodedata.normalize("NFD", ch)) > 1 else ch
                   for ch in text)


def main() -> None:
    w = Writer(SEED)
    with OUT.open("w", encoding="utf-8") as out:
        for number in range(DOCUMENTS):
            kind = list(KINDS)[number % len(KINDS)]
            people = family(w)
            note = Note()
            KINDS[kind](w, people, note)
            text = note.text
            if kind == "unaccented" or w.rng.random() < 0.1:
                text = strip_accents(text)
            persons = [p.as_known() for p in people.values()]
            out.write(json.dumps({"id": f"N-{number + 1:04d}", "kind": kind, "text": text,
                                  "entities": note.entities, "persons": persons}, ensure_ascii=False) + "\n")
    print(f"wrote {DOCUMENTS} notes to {OUT}")


if __name__ == "__main__":
    main()
