"""ORGANIZATION where it identifies someone: the school, crèche or establishment a child attends or is
placed in ('école élémentaire Jean Jaurès', 'IME Les Chênes', 'MECS Les Saules', 'pouponnière Les
Lucioles', 'lieu de vie La Ferme'), the hospital or clinic by its own name ('CHU Purpan', 'clinique
Pasteur'), and an employer ('travaille chez Airbus', 'salarié de Transports Dupuy', 'licencié de chez
Lidl', 'au restaurant Le Capitole', 'EARL Bordeneuve', 'la société Nettoyage Services'). Services of
the département (ASE, CAF, PMI) say nothing of one person, and 'CHU de Toulouse' names a town
(anonymizer.recognizers.fr_place), not an establishment."""

import re

from anonymizer.recognizers.base import RegexRecognizer, words

PLACES = words(
    "école", "ecole", "collège", "college", "lycée", "lycee", "crèche", "creche", "halte-garderie", "micro-crèche",
    "IME", "ITEP", "MECS", "SESSAD", "foyer", "foyer de l'enfance", "centre social", "maison d'enfants",
    "lycée professionnel", "lycee professionnel", "LP", "CFA", "EREA", "établissement", "etablissement",
    "CHU", "hôpital", "hopital", "clinique", "polyclinique", r"centre\s+hospitalier", "maternité", "pouponnière",
    "pouponniere", r"lieu\s+de\s+vie", r"lieu\s+d['’]accueil", r"village\s+d['’]enfants", r"centre\s+maternel",
    "FJT", r"foyer\s+de\s+jeunes\s+travailleurs", "MFR", "EHPAD", "ALAE", "ALSH", r"centre\s+de\s+loisirs",
    "restaurant", "pizzeria", "brasserie", "boulangerie", "garage", "supermarché", "magasin", "hôtel", "hotel",
    "entreprise", "société", "societe", "association", "EARL", "GAEC", "SCEA", "SARL", "SAS", "Ets",
    "établissements", "etablissements", "club", "camping", "salon", "épicerie", "epicerie",
)
KINDS = words("maternelle", "élémentaire", "elementaire", "primaire", "privée?", "publique?", "professionnel",
              "agricole", "Saint", "Sainte", "universitaire", "psychiatrique", "d['’]accueil")
PARTICLE = words("de", "du", "des", "la", "le", "les", "l'", "l’", "d'", "d’", "&")
PROPER = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*"
NAME = rf"(?:{PARTICLE}\s?)*{PROPER}(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}}"
# 'CHU de Toulouse', 'collège de Muret': a type and a town alone is the town.
TYPE_AND_TOWN = re.compile(rf"(?:de\s+la|de\s+l['’]|de|du|d['’])\s?{PROPER}")

PLACE = re.compile(rf"(?<![\w])(?P<value>(?i:{PLACES})(?:\s(?i:{KINDS}))*\s(?P<name>{NAME}))")
EMPLOYER = re.compile(
    rf"\b(?:(?i:travaille|travaillait|employée?|salariée?|embauchée?|intérimaire|interimaire|cdi|cdd|stage|poste|"
    rf"licenciée?|apprentie?|apprentissage|alternance|contrat|mission|intérim|interim)"
    rf"(?:\s+\w+){{0,3}}?\s+(?i:chez|de\s+chez|pour|par)"
    rf"|(?i:salariée?|licenciée?|employée?|apprentie?|gérante?|gerante?)\s+(?i:de|d['’]|du))\s+"
    rf"(?:(?i:la\s+société|l['’]entreprise|le\s+groupe|la\s+SARL|l['’]EARL|le\s+GAEC)\s+)?"
    rf"(?P<value>{PROPER}(?:[ \-&]{PROPER}){{0,3}})"
)


class OrganizationRecognizer(RegexRecognizer):
    LABEL = "ORGANIZATION"
    PATTERNS = (PLACE, EMPLOYER)
    SCORE = 0.85

    def accept(self, match: re.Match, text: str) -> bool:
        if "name" in match.groupdict() and match.group("name"):
            return not TYPE_AND_TOWN.fullmatch(match.group("name"))
        return True
