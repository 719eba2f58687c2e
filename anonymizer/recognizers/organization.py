"""ORGANIZATION where it identifies someone: the school, crèche or establishment a child attends or is
placed in ('école élémentaire Jean Jaurès', 'IME Les Chênes', 'MECS Les Saules', 'pouponnière Les
Lucioles', 'lieu de vie La Ferme'), the hospital or clinic by its own name ('CHU Purpan', 'clinique
Pasteur'), and an employer ('travaille chez Airbus', 'salarié de Transports Dupuy', 'licencié de chez
Lidl', 'au restaurant Le Capitole', 'EARL Bordeneuve', 'la société Nettoyage Services'). Services of
the département (ASE, CAF, PMI) say nothing of one person, and 'CHU de Toulouse' names a town
(anonymizer.recognizers.fr_place), not an establishment."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.first_names import is_first_name
from anonymizer.lexicons import folded_words
from anonymizer.recognizers.base import RegexRecognizer, finding, words
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold

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
    "café", "snack", "conserverie", "menuiserie", "cantine", "fondation", "maternelle", r"groupe\s+scolaire",
    "centre", "refuge", "église", "eglise", "paroisse", "mosquée", "temple", "ferme", "cave", "boucherie",
    "coopérative", "cooperative", "domaine", "CSAPA", "CMPP", "CHRS", "CADA", "chantier", "usine", "entrepôt",
    "entrepot", "atelier", "stade", r"séjour(?:\s+de\s+rupture)?", "banque",
)
# 'GAEC du Haget', 'domaine de la Cabane Rouge': after a legal form or a domain, 'du X' is the name, not a town
LEGAL_FORMS = re.compile(r"(?:EARL|GAEC|SCEA|SARL|SAS|Ets|(?i:domaine))\b")
MONTH_OR_DAY = re.compile(r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
                          r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|noel|paques|toussaint")
TITLES = words("Madame", "Monsieur", "Mme", "Mlle", "M", "Mr", "Dr", "Docteur", "Maître", "Me")
KINDS = words("maternelle", "élémentaire", "elementaire", r"élém\.", r"elem\.", "primaire", "privée?", "publique?",
              "professionnel", "agricole", "Saint", "Sainte", "universitaire", "psychiatrique", "d['’]accueil")
PARTICLE = words("de", "du", "des", "la", "le", "les", "l'", "l’", "d'", "d’", "&")
PROPER = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*"
NAME = rf"(?:{PARTICLE}\s?)*{PROPER}(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}}"
# 'CHU de Toulouse', 'collège de Muret': a type and a town alone is the town.
TYPE_AND_TOWN = re.compile(rf"(?:de\s+la|de\s+l['’]|de|du|d['’])\s?{PROPER}")

# 'foyer d'hébergement d'urgence L'Olivier', 'boulangerie industrielle Panifrance Sud': what kind, in lower case
QUALIFIERS = (r"(?:\s(?:(?:d['’]|de\s)?(?!(?:que|qui|dont|pour|avec|sans|sur|dans|par|est|sont|était|avait|une|des|les|"
              r"aux|ses|son|leur|mais|puis|donc|car|chez|vers)\b)[a-zéèêàç]{3,})){0,3}")
KIND = rf"(?i:{PLACES})(?:\s(?i:{KINDS}))*{QUALIFIERS}"
# 'l'école (Anatole-France, saint-alban)': the kind, then its name and its town in parentheses
NAME_IN_PARENTHESES = re.compile(rf"(?<![\w])(?i:{PLACES})[ \u00a0]?\((?P<name>{PROPER}(?:[ \-]{PROPER}){{0,3}}),[ \u00a0]")
PLACE = re.compile(rf"(?<![\w])(?P<value>{KIND}[ \u00a0](?P<name>{NAME}))")  # not 'chef de clinique\nCopie'
# 'une conserverie, Les Délices du Quercy', 'la ferme, GAEC du Haget': the kind, a comma, then the name;
# 'service d'accueil d'urgence L'Escale': a service is an establishment only under a name with its article
NAME_AFTER_ITS_KIND = re.compile(rf"(?<![\w])(?:{KIND},\s(?P<article>(?:le|la|les)\s|l['’])?"
                                 rf"|(?i:service){QUALIFIERS}\s(?=L['’]|Le\s|La\s|Les\s))"
                                 rf"(?P<name>{PROPER}(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}})")
# 'collège Jean-Jaurès d'Albi', 'foyer Les Chênes de Caussade': the establishment, then its town.
TOWN_AT_THE_END = re.compile(rf"\s(?:de|d['’])\s?(?P<town>(?:La\s|Le\s|Les\s|L['’])?{PROPER})$")  # not 'Amicale du Nid'



def town_at_the_end(match: re.Match) -> re.Match | None:
    """The town closing an establishment's name, unless the name is a person's ('collège Pierre de
    Fermat': a first name before 'de')."""
    town = TOWN_AT_THE_END.search(match.group("value"))
    if not town or not is_establishment(match):
        return None
    before = match.group("value")[:town.start()].split()
    return None if is_first_name(before[-1], True) else town
JOBS = words(
    "travaille", "travaillait", "travail", "emploi", "job", "employée?", "salariée?", "embauchée?", "intérimaire",
    "interimaire", "cdi", "cdd", "stage", "poste", "licenciée?", "apprentie?", "apprentissage", "alternance",
    "contrat", "mission", "intérim", "interim", "ouvrière?", "ouvriers?", "agente?", "cadre", "chauffeur(?:-livreur)?",
    "caissière", "caissier", "vendeuse", "vendeur", "serveuse", "serveur", "cuisinière?", "cuisinier", "commis", "plongeur",
    "livreur", "livreuse", "manutentionnaire", "magasinier", "maçon", "électricien", "plombier",
    "aide-soignante?", "auxiliaire", "technicienne?", "secrétaire", "comptable", "préparat(?:eur|rice)",
    "opérat(?:eur|rice)", "ménages?", r"déplacement\s+professionnel", "gérante?", "stagiaire", "bénévole", "benevole")
EMPLOYER = re.compile(
    rf"\b(?:(?i:{JOBS})(?:\s+[\w’'\-]+){{0,4}}?,?\s+(?i:chez|de\s+chez|pour|par|à\s+la|au)"
    rf"|(?i:salariée?|licenciée?|employée?|apprentie?|gérante?|gerante?)\s+(?i:de|d['’]|du))\s+"
    rf"(?:(?i:la\s+société|l['’]entreprise|le\s+groupe|la\s+SARL|l['’]EARL|le\s+GAEC)\s+)?"
    rf"(?P<value>{PROPER}(?:[ \-&]{PROPER}){{0,3}})"
    # 'travaille maintenant O2', 'licencié Démol'Sud': the employer right after the verb
    rf"|\b(?i:travaille|travaillait|licenciée?|embauchée?)(?:\s+(?i:maintenant|toujours|encore|depuis\s+peu))?\s+"
    rf"(?P<bare>(?!{TITLES}\b){PROPER}(?:[ \-&]{PROPER}){{0,2}})"
)
# 'hospitalisée au CHIVA', 'hospitalisé à Purpan', 'urgences de Rangueil': a hospital by its own name (a
# town takes no article, and 'hospitalisé à Toulouse' is left to the places)
HOSPITALISED = re.compile(rf"\b(?i:hospitalisée?s?|urgences)\s+(?i:au|du)\s+"
                          rf"(?P<value>(?!(?i:{PLACES})\b){PROPER}(?:[ \-]{PROPER}){{0,2}})")
# Le bailleur, Tarn Habitat ; voir asso Rom'Égalité ; Toulouse Métropole Habitat ; Sauvegarde 31 ; UDAF de l'Aude
NAMED = re.compile(
    rf"\b(?i:bailleur(?:\s+social)?|association|asso|employeur|enseigne|agence|organisme)\s*[,:]?\s+"
    rf"(?P<value>(?!(?i:de|du|des|le|la|les|l['’])\b){PROPER}(?:[ \-&]{PROPER}){{0,3}})"
    # 'retard de loyer de deux mois auprès de Promologis': the landlord
    rf"|\b(?i:loyers?)\b[^.;\n]{{0,40}}?\sauprès\s+(?:de|du|d['’])\s?(?P<landlord>{PROPER}(?:[ \-&]{PROPER}){{0,2}})"
    rf"|(?<![\w])(?P<habitat>(?:{PROPER}[ \u00a0])*Habitat(?:[ \u00a0]{PROPER})*)(?![\w])"
    rf"|(?<![\w])(?P<charity>(?:ADSEA|Sauvegarde|UDAF|ADMR|ANRAS|Apprentis\s+d['’]Auteuil|Croix-Rouge|Emmaüs|"
    rf"Secours\s+(?:populaire|catholique)|Restos\s+du\s+C(?:œ|oe)ur|France\s+Terre\s+d['’]Asile)"
    rf"(?:\s\d{{2,3}}\b)?)"
)


class OrganizationRecognizer(RegexRecognizer):
    LABEL = "ORGANIZATION"
    PATTERNS = (PLACE, EMPLOYER)
    SCORE = 0.85

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for match in EMPLOYER.finditer(text):
            group = "value" if match.group("value") else "bare"
            value = match.group(group)
            if not is_first_name(value.split()[0], True) and fold(value) not in folded_words("countries.txt") \
                    and not re.fullmatch(TITLES, value.split()[0]) \
                    and fold(value.split()[0]) not in STOP_WORDS and not MONTH_OR_DAY.fullmatch(fold(value.split()[0])):
                # not 'stage chez Karim', 'travaille au Portugal' nor 'travaille Lundi'
                found.append(finding(self, self.LABEL, match.start(group), match.end(group), self.SCORE))
        for match in NAME_IN_PARENTHESES.finditer(text):
            if not is_first_name(match.group("name").split()[0], True):
                found.append(finding(self, self.LABEL, match.start("name"), match.end("name"), self.SCORE))
        for match in NAMED.finditer(text):
            group = next(name for name in ("value", "landlord", "habitat", "charity") if match.group(name))
            if group == "landlord" and (re.fullmatch(TITLES, match.group(group).split()[0])
                                        or is_first_name(match.group(group).split()[0], True)):
                continue  # 'loyer payé auprès de Madame
            found.append(finding(self, self.LABEL, match.start(group), match.end(group), self.SCORE))
        for match in PLACE.finditer(text):
            if not is_establishment(match):
                continue
            town = town_at_the_end(match)
            end = match.start("value") + town.start() if town else match.end("value")
            found.append(finding(self, self.LABEL, match.start("value"), end, self.SCORE))
        for match in NAME_AFTER_ITS_KIND.finditer(text):
            name = match.group("name")
            first = re.split(r"[\s’']", re.sub(r"^(?:L['’]|Les?\s|La\s)", "", name))[0]
            if match.group("article") and " " not in name.strip():
                continue  # 'au collège, le Principal', not 'la banque, le Crédit Agricole'
            if not (re.fullmatch(TITLES, first) or fold(first) in STOP_WORDS or is_first_name(first, True)):
                town = TOWN_AT_THE_END.search(name)  # 'L'Escale de Toulouse': the town is the place's
                end = match.start("name") + town.start() if town else match.end("name")
                found.append(finding(self, self.LABEL, match.start("name"), end, self.SCORE))
        for match in HOSPITALISED.finditer(text):
            if fold(match.group("value")) not in folded_words("countries.txt"):
                found.append(finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE))
        return found


def is_establishment(match: re.Match) -> bool:
    """Not a type and its town ('CHU de Toulouse') unless the type is a legal form ('GAEC du Haget')."""
    return not TYPE_AND_TOWN.fullmatch(match.group("name")) or bool(LEGAL_FORMS.match(match.group("value")))
