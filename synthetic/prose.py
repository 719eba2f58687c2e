"""French case-note prose for synthetic documents, written the way ASE professionals write.

Each text names the case's people (first names alone, surnames in capitals, honorifics), and gives
addresses, phone numbers, dates in numbers and in words, NIRs and CAF numbers, so that detection
has realistic material. Everything comes from the synthetic people handed in.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


@dataclass(frozen=True)
class Someone:
    first_names: str
    last_name: str
    sex: str
    birth_date: date | None = None
    birth_place: str | None = None
    nir: str | None = None
    address: str | None = None
    phone: str | None = None
    caf_number: str | None = None

    @property
    def first(self) -> str:
        return self.first_names.split(" ")[0]

    @property
    def honorific(self) -> str:
        return "Mme" if self.sex == "F" else "M."

    @property
    def born(self) -> str:
        return "née" if self.sex == "F" else "né"


@dataclass(frozen=True)
class Cast:
    child: Someone
    parents: tuple[Someone, ...]
    siblings: tuple[Someone, ...]
    foster_carer: Someone | None
    author: Someone
    reporter: Someone | None


def in_words(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def in_numbers(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def grouped_nir(nir: str) -> str:
    return f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _name(rng: random.Random, person: Someone) -> str:
    """How a professional writes a name: in full, surname in capitals, or with an honorific."""
    style = rng.randrange(4)
    if style == 0:
        return f"{person.first_names} {person.last_name}"
    if style == 1:
        return f"{person.first} {person.last_name.upper()}"
    if style == 2:
        return f"{person.honorific} {person.last_name.upper()}"
    return f"{person.honorific} {person.first} {person.last_name}"


def situation_note(rng: random.Random, cast: Cast, written_on: date) -> str:
    child = cast.child
    parts = [f"Note de situation du {in_words(written_on)}."]
    if child.birth_date:
        parts.append(f"{child.first} {child.last_name.upper()}, {child.born} le {in_words(child.birth_date)}"
                     f" à {child.birth_place}, est connu{'e' if child.sex == 'F' else ''} du service.")
    for parent in cast.parents:
        role = "mère" if parent.sex == "F" else "père"
        parts.append(rng.choice([
            f"Sa {role}, {_name(rng, parent)}, demeurant {parent.address}, a été reçue au service."
            if parent.sex == "F" else
            f"Son {role}, {_name(rng, parent)}, demeurant {parent.address}, a été reçu au service.",
            f"{_name(rng, parent)} ({role}) est joignable au {parent.phone}.",
            f"La situation de {parent.first} reste fragile ; un rendez-vous est fixé au "
            f"{in_words(written_on.replace(day=min(written_on.day, 28)))}.",
        ]))
    for sibling in cast.siblings:
        parts.append(rng.choice([
            f"{child.first} évoque souvent {sibling.first}, avec qui les relations sont apaisées.",
            f"Sa sœur, {sibling.first} {sibling.last_name}, est également suivie par l'ASE."
            if sibling.sex == "F" else
            f"Son frère, {sibling.first} {sibling.last_name}, est également suivi par l'ASE.",
        ]))
    if child.nir:
        parts.append(f"NIR de l'enfant : {grouped_nir(child.nir)}.")
    caf = next((p.caf_number for p in cast.parents if p.caf_number), None)
    if caf:
        parts.append(f"La famille est allocataire CAF sous le numéro {caf}.")
    parts.append(f"Rédigé par {cast.author.first_names} {cast.author.last_name}, référent ASE.")
    return " ".join(parts)


def home_visit_report(rng: random.Random, cast: Cast, written_on: date) -> str:
    child, author = cast.child, cast.author
    parts = [f"Compte rendu de visite à domicile du {in_numbers(written_on)} à 14h30."]
    host = cast.foster_carer or (cast.parents[0] if cast.parents else None)
    if host:
        parts.append(f"Je me suis rendue au domicile de {_name(rng, host)}, {host.address}.")
    if child.birth_date:
        parts.append(f"{child.first} ({age_on(child.birth_date, written_on)} ans) nous accueille "
                     "avec le sourire et montre sa chambre.")
    if cast.foster_carer:
        parts.append(f"L'assistante familiale, {_name(rng, cast.foster_carer)}, indique que "
                     f"{child.first} dort mieux depuis la rentrée ; elle reste joignable au "
                     f"{cast.foster_carer.phone}.")
    for parent in cast.parents:
        parts.append(rng.choice([
            f"Les visites médiatisées avec {_name(rng, parent)} se déroulent le mercredi pendant 1 heure.",
            f"{parent.first} n'a pas honoré le dernier rendez-vous.",
        ]))
    if cast.siblings:
        names = ", ".join(s.first for s in cast.siblings)
        parts.append(f"{child.first} demande à voir plus souvent {names}.")
    parts.append(f"{author.first} {author.last_name.upper()}, éducatrice spécialisée.")
    return " ".join(parts)


def evaluation_report(rng: random.Random, cast: Cast, written_on: date, concern_received: date) -> str:
    child = cast.child
    source = (f"de {_name(rng, cast.reporter)}, domicilié{'e' if cast.reporter.sex == 'F' else ''} "
              f"{cast.reporter.address}"
              if cast.reporter else "de l'établissement scolaire")
    parts = [
        f"Rapport d'évaluation rédigé le {in_words(written_on)} suite à l'information préoccupante "
        f"reçue par la CRIP le {in_numbers(concern_received)} {source}.",
        f"L'enfant, {child.first_names} {child.last_name.upper()}, "
        + (f"{child.born} le {in_numbers(child.birth_date)}, " if child.birth_date else "")
        + "a été rencontré seul puis avec sa famille.",
    ]
    for parent in cast.parents:
        parts.append(rng.choice([
            f"{_name(rng, parent)} reconnaît des difficultés éducatives et accepte une aide.",
            f"{_name(rng, parent)} conteste les faits rapportés et refuse l'intervention.",
            f"{_name(rng, parent)}, {parent.born} le {in_words(parent.birth_date)}, "
            f"vit seul{'e' if parent.sex == 'F' else ''} au {parent.address}." if parent.birth_date else
            f"{_name(rng, parent)} n'a pas pu être joint au {parent.phone}.",
        ]))
    parts.append(rng.choice([
        "Au vu de ces éléments, une mesure d'AED est proposée à la famille.",
        "Une saisine du juge des enfants au titre de l'article 375 du Code civil est envisagée.",
        "L'évaluation ne met pas en évidence de danger ; un classement sans suite est proposé.",
    ]))
    parts.append(f"{cast.author.honorific} {cast.author.last_name.upper()}, travailleur social.")
    return " ".join(parts)


def letter_to_judge(rng: random.Random, cast: Cast, written_on: date) -> str:
    child = cast.child
    docket = f"RG n° {written_on.year % 100:02d}/{rng.randrange(1, 9999):05d}"
    born = (f", {child.born} le {in_words(child.birth_date)} à {child.birth_place}"
            if child.birth_date else "")
    parents = " et ".join(_name(rng, p) for p in cast.parents) or "ses représentants légaux"
    parts = [
        f"Le {in_words(written_on)}.",
        "Madame la Juge des enfants,",
        f"Concerne : {child.first} {child.last_name.upper()}{born}. Dossier {docket}.",
        f"J'ai l'honneur de vous transmettre la situation de l'enfant, "
        f"{'fille' if child.sex == 'F' else 'fils'} de {parents}.",
    ]
    if cast.foster_carer:
        parts.append(f"Depuis son placement, l'enfant est accueilli chez {_name(rng, cast.foster_carer)}, "
                     f"assistante familiale, {cast.foster_carer.address}.")
    parts.append("Je sollicite le renouvellement de la mesure pour une durée de 12 mois, "
                 "conformément à la loi du 14 mars 2016.")
    parts.append(f"{cast.author.first_names} {cast.author.last_name}, inspecteur ASE.")
    return " ".join(parts)


def running_note(rng: random.Random, cast: Cast, first_day: date, characters: int) -> str:
    """A follow-up log kept for years in one document: dated situation notes and visit reports, one
    paragraph each, until it holds at least `characters` characters (the hostile size a file can reach)."""
    entries, length, day = [], 0, first_day
    while length < characters:
        writer = rng.choice([situation_note, home_visit_report])
        entries.append(writer(rng, cast, day))
        length += len(entries[-1]) + 2
        day += timedelta(days=rng.randrange(0, 3))
    return "\n\n".join(entries)
