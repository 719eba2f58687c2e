"""ORGANIZATION where it identifies someone: the school, crèche or establishment a child attends
('école élémentaire Jean Jaurès', 'collège Pierre de Fermat', 'IME Les Chênes') and an employer
('travaille chez Airbus'). Services of the département (ASE, CAF, PMI) say nothing of one person."""

import re

from anonymizer.recognizers.base import RegexRecognizer, words

PLACES = words(
    "école", "ecole", "collège", "college", "lycée", "lycee", "crèche", "creche", "halte-garderie", "micro-crèche",
    "IME", "ITEP", "MECS", "SESSAD", "foyer", "foyer de l'enfance", "centre social", "maison d'enfants",
    "lycée professionnel", "lycee professionnel", "LP", "CFA", "EREA", "établissement", "etablissement",
)
KINDS = words("maternelle", "élémentaire", "elementaire", "primaire", "privée?", "publique?", "professionnel",
              "agricole", "Saint", "Sainte")
PARTICLE = words("de", "du", "des", "la", "le", "les", "l'", "l’", "d'", "d’")
PROPER = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*"
NAME = rf"(?:{PARTICLE}\s?)*{PROPER}(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}}"

PLACE = re.compile(rf"(?<![\w])(?P<value>(?i:{PLACES})(?:\s(?i:{KINDS}))*\s(?:{NAME}))")
EMPLOYER = re.compile(
    rf"\b(?i:travaille|employée?|salariée?|embauchée?|intérimaire|interimaire|cdi|cdd|stage|poste)"
    rf"(?:\s+\w+){{0,3}}?\s+(?i:chez)\s+(?P<value>{PROPER}(?:[ \-&]{PROPER}){{0,3}})"
)


class OrganizationRecognizer(RegexRecognizer):
    LABEL = "ORGANIZATION"
    PATTERNS = (PLACE, EMPLOYER)
    SCORE = 0.85
