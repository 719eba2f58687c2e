"""ORGANIZATION where it identifies someone: the school, crèche or establishment a child attends or is
placed in ('école élémentaire Jean Jaurès', 'IME Les Chênes', 'MECS Les Saules', 'pouponnière Les
Lucioles', 'lieu de vie La Ferme'), the hospital or clinic by its own name ('CHU Purpan', 'clinique
Pasteur'), and an employer ('travaille chez Airbus', 'salarié de Transports Dupuy', 'licencié de chez
Lidl', 'au restaurant Le Capitole', 'EARL Bordeneuve', 'la société Nettoyage Services'), and the firms,
charities, social landlords and hospital sites of anonymizer/data's hand-written lists ('Deliveroo',
'Restos du Cœur', 'chez Leclerc', 'hospitalisée à Necker') wherever notes come from. Services of
the département (ASE, CAF, PMI) say nothing of one person, and 'CHU de Toulouse' names a town
(anonymizer.recognizers.fr_place), not an establishment."""

import re
from functools import cache

from presidio_analyzer import RecognizerResult

from anonymizer.first_names import is_first_name
from anonymizer.lexicons import (
    folded_words,
    is_department_or_region,
    is_french_word,
    is_listed_place,
    is_service_acronym,
    is_town_in_lower_case,
    listed_end,
    listed_form,
    listed_name_end,
    looks_like_a_surname,
    names_by_first_word,
)
from anonymizer.recognizers.base import FrenchRecognizer, finding, outermost, words
from anonymizer.recognizers.fr_address import STREET_TYPES
from anonymizer.recognizers.triggered import Triggered
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold

PLACES = words(
    "école", "ecole", "collège", "college", "lycée", "lycee", "crèche", "creche", "halte-garderie", "micro-crèche",
    "IME", "ITEP", "MECS", "SESSAD", "foyer", "foyer de l'enfance", "centre social", "maison d'enfants",
    r"(?:foyer|centre|maison)\s+départementale?\s+de\s+l['’]enfance(?:\s+et\s+de\s+la\s+famille)?",
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
    "kebab", "onglerie", "institut", "pharmacie", "pâtisserie", "patisserie", "raffinerie", "pagode", "SCI",
    "laverie", "traiteur", "crêperie", "friterie", "auto-école", "tabac", "tabac-presse", "bar", "fromagerie",
    "transports", "taxi", "taxis", "ambulances", "auberge", "MJC", r"maison\s+des\s+jeunes", r"espace\s+rencontre",
    "université", "universite", "IUT", "IFSI", "GRETA", "EPIDE", r"mission\s+locale", "CHR", "CHRU", "CHC", "CHS", "EPSM",
    "OPAC", "OPH", "poissonnerie", "laiterie", "abattoir", "charcuterie", "armement", "harmonie",
    r"cabinet\s+(?:dentaire|médical|medical|infirmier|paramédical|de\s+kinésithérapie|d['’]orthophonie)",
    "vergers", "vignobles", "paillote", "primeur", "conservatoire", r"lieu\s+de\s+rencontre", r"maison\s+de\s+santé",
    r"maison\s+de\s+quartier", r"groupe\s+hospitalier", "GHU", "ESAT", "IEM", "IMPro", r"point\s+rencontre",
    "point-rencontre",
)
# 'GAEC du Haget', 'domaine de la Cabane Rouge': after a legal form or a domain, 'du X' is the name, not a town
LEGAL_FORMS = re.compile(r"(?:EARL|GAEC|SCEA|SARL|SAS|Ets|(?i:domaine))\b")
MONTH_OR_DAY = re.compile(r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
                          r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|noel|paques|toussaint")
TITLES = words("Madame", "Monsieur", "Mme", "Mlle", "M", "Mr", "Dr", "Docteur", "Maître", "Me")
KINDS = words("maternelle", "élémentaire", "elementaire", r"élém\.", r"elem\.", "primaire", "privée?", "publique?",
              "professionnel", "agricole", "Saint", "Sainte", "universitaire", "psychiatrique", "d['’]accueil",
              r"des\s+métiers")
PARTICLE = words("de", "du", "des", "la", "le", "les", "l'", "l’", "d'", "d’", "&")
PROPER = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*"
NAME = rf"(?:{PARTICLE}\s?)*{PROPER}(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}}"
# Where a child meets a parent: the child's first name often follows ('au lieu de rencontre Léa et sa mère')
MEETING_PLACE = re.compile(r"(?i:lieu\s+de\s+rencontre|espace\s+rencontre|point[\s\-]rencontre)\b")
# 'CHU de Toulouse', 'collège de Muret': a type and a town alone is the town.
TYPE_AND_TOWN = re.compile(rf"(?:de\s+la|de\s+l['’]|de|du|d['’])\s?{PROPER}")
# 'point rencontre de la MDS de Carbonne': a service's acronym after a meeting place, which is then a room of that
# service
OF_A_SERVICE = re.compile(r"(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s?[A-Z]{2,}\b")
# 'école du Neuland', 'foyer de l'Ermitage', 'pharmacie du Carmel': after a kind, an article and one word are the
# establishment's own name when the word with its article is no town ('CHU du Mans', 'MJC de la Hague'), nor a
# country, a département or a région ('foyer de l'enfance du Calvados'), an acronym ('salon de la MECS'), a
# kind or an institution ('cantine de l'École', 'salle de la Mairie'), nor a month or a feast
OWN_NAME = re.compile(rf"(?P<article>du|de\s+la|de\s+l['’])\s?(?P<word>{PROPER})")
INSTITUTIONS = words("Mairie", "Préfecture", "Département", "Région", "Ville", "Commune", "République", "Justice",
                     "Police", "Gendarmerie", "Maison", "Mission", "Service", "Direction", "Conseil")

# 'foyer d'hébergement d'urgence L'Olivier', 'boulangerie industrielle Panifrance Sud': what kind, in lower case
QUALIFIERS = (r"(?:\s(?:(?:d['’]|de\s)?(?!(?:que|qui|dont|pour|avec|sans|sur|dans|par|est|sont|était|avait|une|des|les|"
              r"aux|ses|son|leur|mais|puis|donc|car|chez|vers)\b)[a-zéèêàç]{3,})){0,3}")
# 'CH Lucien-Hussel', 'GH Sud': a hospital's initials, in capitals only
HOSPITAL_INITIALS = words("CH", "GH")
KIND = rf"(?:(?i:{PLACES})|{HOSPITAL_INITIALS})(?:\s(?i:{KINDS}))*{QUALIFIERS}"
# 'l'école (Anatole-France, saint-alban)': the kind, then its name and its town in parentheses; looked for
# from the parenthesis, which is rare, rather than from every word that could be a kind
NAME_IN_PARENTHESES = re.compile(rf"\((?P<name>{PROPER}(?:[ \-]{PROPER}){{0,3}}),[ \u00a0]")
KIND_BEFORE = re.compile(rf"(?<![\w])(?i:{PLACES})[ \u00a0]?$")
# 'hébergée Olympe de Gouges (CHRS)', 'Les Lilas (MECS)': a name, then its kind in parentheses
KIND_IN_PARENTHESES = re.compile(rf"[ \u00a0]?\((?i:{PLACES})\)")
NAME_BEFORE = re.compile(rf"(?<![\w’'\-])(?P<name>(?:(?:L['’]|Les?\s|La\s)?{PROPER})"
                         rf"(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}})$")
PLACE = Triggered(re.compile(rf"(?<![\w])(?P<value>{KIND}[ \u00a0](?P<name>{NAME}))"),  # not 'chef de clinique\nCopie'
                  PLACES, HOSPITAL_INITIALS)
# 'une conserverie, Les Délices du Quercy', 'la ferme, GAEC du Haget': the kind, a comma, then the name;
# 'service d'accueil d'urgence L'Escale': a service is an establishment only under a name with its article
SERVICE = words("service")
NAME_AFTER_ITS_KIND = Triggered(re.compile(rf"(?<![\w])(?:{KIND},\s(?P<article>(?:le|la|les)\s|l['’])?"
                                           rf"|(?i:{SERVICE}){QUALIFIERS}\s(?=L['’]|Le\s|La\s|Les\s))"
                                           rf"(?P<name>{PROPER}(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,4}})"),
                                PLACES, SERVICE)
# 'au restaurant « La Table de Margot »': a name in quotes after its kind
QUOTED_AFTER_ITS_KIND = Triggered(re.compile(rf"(?<![\w])(?:{KIND})[ \u00a0]«[ \u00a0]?"
                                             rf"(?P<value>{PROPER}[^»\n]{{0,40}}?)[ \u00a0]?»"), PLACES)
# 'collège Jean-Jaurès d'Albi', 'foyer Les Chênes de Caussade': the establishment, then its town.
TOWN_AT_THE_END = re.compile(rf"\s(?:de|d['’])\s?(?P<town>(?:La\s|Le\s|Les\s|L['’])?{PROPER})$")  # not 'Amicale du Nid'



# The people schools are named after whose particle's name is also a commune ('lycée Simone de Beauvoir', 'collège
# Antoine de Saint-Exupéry'): after a first name, any other commune is the establishment's town ('foyer Marie-Louise
# de Pessac')
NAMESAKES = frozenset(fold(name) for name in (
    "Beauvoir", "Saint-Exupéry", "Tocqueville", "Vigny", "Balzac", "Montesquieu", "Bergerac", "Navarre", "Poitiers",
    "Condorcet", "Lafayette", "Gama", "Bougainville", "La Salle", "Lisieux", "Sales", "Serres", "Broglie", "Montfort",
    "Guise", "Rohan", "Montmorency", "Mortemart", "Grasse", "Richelieu", "Mirabeau", "Buffon", "Bretagne", "Lully",
    "Saint-Just", "Saint-Simon"))


def town_at_the_end(match: re.Match) -> re.Match | None:
    """The town closing an establishment's name, unless the name is a person's ('collège Pierre de Fermat': a first
    name before 'de' and no commune after it, or a namesake's), or ends in a word no list knows for a place
    ('boulangerie Les Épis d'Or', 'association Voix de Femmes', 'CFA Régional de Provence'); a quarter or a former
    commune no dictionary holds is a town ('école Jules-Ferry de Borny', 'collège Denis-Diderot d'Équeurdreville')."""
    town = TOWN_AT_THE_END.search(match.group("value"))
    if not town or not is_establishment(match):
        return None
    before = match.group("value")[:town.start()].split()
    name = town.group("town")
    listed = is_listed_place(name)
    if not listed and (is_french_word(name) or is_department_or_region(name)):
        return None
    is_a_persons = is_first_name(before[-1], True) and (not listed or fold(name) in NAMESAKES)
    return None if is_a_persons else town

JOBS = words(
    "travaille", "travaillait", "travail", "emploi", "job", "employée?", "salariée?", "embauchée?", "intérimaire",
    "interimaire", "cdi", "cdd", "stage", "poste", "licenciée?", "apprentie?", "apprentissage", "alternance",
    "contrat", "mission", "intérim", "interim", "ouvrière?", "ouvriers?", "agente?", "cadre", "chauffeur(?:-livreur)?",
    "caissière", "caissier", "vendeuse", "vendeur", "serveuse", "serveur", "cuisinière?", "cuisinier", "commis", "plongeur",
    "livreur", "livreuse", "manutentionnaire", "magasinier", "maçon", "électricien", "plombier",
    "aide-soignante?", "auxiliaire", "technicienne?", "secrétaire", "comptable", "préparat(?:eur|rice)",
    "opérat(?:eur|rice)", "ménages?", "courses",
    r"déplacement\s+professionnel", "gérante?", "stagiaire", "bénévole", "benevole")
EMPLOYED_BY = words("salariée?", "licenciée?", "employée?", "apprentie?", "gérante?", "gerante?")
WORKS = words("travaille", "travaillait", "licenciée?", "embauchée?")
EMPLOYER = Triggered(re.compile(
    rf"\b(?:(?i:{JOBS})(?:\s+[\w’'\-]+){{0,4}}?,?\s+(?i:chez|de\s+chez|pour|par|à\s+la|au)"
    rf"|(?i:{EMPLOYED_BY})\s+(?i:de|d['’]|du))\s+"
    rf"(?:(?i:la\s+société|l['’]entreprise|le\s+groupe|la\s+SARL|l['’]EARL|le\s+GAEC)\s+)?"
    rf"(?P<value>{PROPER}(?:[ \-&]{PROPER}){{0,3}})"
    # 'travaille maintenant O2', 'licencié Démol'Sud': the employer right after the verb
    rf"|\b(?i:{WORKS})(?:\s+(?i:maintenant|toujours|encore|depuis\s+peu))?\s+"
    rf"(?P<bare>(?!{TITLES}\b){PROPER}(?:[ \-&]{PROPER}){{0,2}})"
), JOBS, EMPLOYED_BY, WORKS)
# 'hospitalisée au CHIVA', 'hospitalisé à Purpan', 'urgences de Rangueil', 'transférée à Lenval': a hospital by
# its own name, unless it is a commune or a country ('hospitalisé à Toulouse', 'au Maroc' are places)
CARED_FOR = words("hospitalisée?s?", "urgences", "transférée?s?")
HOSPITALISED = Triggered(re.compile(rf"\b(?i:{CARED_FOR})\s+(?i:au|du|à|de|d['’])\s?"
                                    rf"(?P<value>(?!(?i:{PLACES})\b){PROPER}(?:[ \-]{PROPER}){{0,2}})"), CARED_FOR)
# 'scolarisée à Jean-Jaurès', 'en 5e à Bellefontaine': a school by its own name (a town is a place)
SCHOOLED = words("scolarisée?s?", "inscrite?s?", "élève", "eleve", "interne", "demi-pensionnaire")
SCHOOL_YEARS = (r"(?:CP|CE1|CE2|CM1|CM2|[3-6](?:e|ème)|seconde|2nde|première|1re|1ère|terminale|Tle|ULIS|SEGPA|"
                r"UPE2A|(?:petite|moyenne|grande)\s+section)")
AT_SCHOOL = Triggered(re.compile(rf"\b(?:(?i:{SCHOOLED})(?:\s+en\s+{SCHOOL_YEARS})?|[Ee]n\s+{SCHOOL_YEARS})"
                                 rf"\s+(?:à|au)\s+(?P<value>(?!(?i:{PLACES})\b){PROPER}"
                                 rf"(?:[ \-](?:(?:{PARTICLE}\s?)*{PROPER})){{0,3}})"), SCHOOLED, words("en"))
# 'clg albert camus', 'école jean-jaurès', 'mecs saint-joseph', 'lycee sevigne', 'centre social marcel pointet' in a
# hurried note: a school, a home or a centre named after a person or a saint, in lower case (lower_school_end)
SECONDARY_KINDS = frozenset({"college", "clg", "lycee", "lp"})
SCHOOL_KINDS = SECONDARY_KINDS | {"ecole"}
CENTRE_KINDS = frozenset({"centre social", "centre", "ehpad"})
NAMED_AFTER_SOMEONE = words("collège", "college", "clg", "lycée", "lycee", "LP", "école", "ecole", "MECS", "IME", "ITEP",
                            "foyer", "crèche", "creche", r"centre\s+social", "centre", "EHPAD")
LOWER_SCHOOL = Triggered(re.compile(rf"(?<![\w])(?P<value>(?P<kind>(?i:{NAMED_AFTER_SOMEONE}))\s"
                                    r"(?P<first>[a-zà-öø-ÿ]{3,})(?:(?P<parts>(?:-[a-zà-öø-ÿ]+)+)|\s(?P<word>[a-zà-öø-ÿ]{3,}))?)"
                                    r"(?![\w’'\-])"), NAMED_AFTER_SOMEONE)
# 'US Colomiers', 'AS Milly-Gâtinais', 'US Ivry football': a sports club, its initials and its town (not 'l'AS
# Claire': the social worker)
SPORTS = r"(?i:football|foot|handball|hand|rugby|basket(?:-?ball)?|volley(?:-?ball)?|judo|boxe|athlétisme|tennis|natation)"
CLUB = re.compile(rf"(?<![\w])(?P<value>(?:US|AS|ASC|AFC|FC|RC|SC|SR|ES|JS|AC|SU|UA|CA|ASPTT|AAS|SPO|Stade|Olympique|Racing|"
                  rf"Union\s+sportive|Football\s+club|Rugby\s+club|Handball\s+club|Basket\s+club)[ \u00a0]"
                  rf"(?P<town>{PROPER}(?:[ \-](?!{SPORTS}\b){PROPER}){{0,2}})(?:[ \u00a0](?P<sport>{SPORTS})\b)?)")
# 'viré du club de foot us colomiers': in a hurried note, a club's initials in lower case and its town (not 'as' nor
# 'es', verbs: 'tu as lyon en tête')
LOWER_CLUB = re.compile(r"(?<![\w’'\-])(?P<value>(?:us|fc|asc|afc|rc|sc|js|asptt)[ \u00a0](?P<town>[a-zà-ÿ][\w’'\-]+))"
                        r"(?![\w’'\-])")
# 'inscrit au foot à l'AS Caucriauville': a sport just before
SPORT_BEFORE = re.compile(rf"\b{SPORTS}\s+(?:à|a)\s+(?:l['’]|la\s|le\s)?$")
# 'l'AS Benali' is the social worker (assistante sociale), 'l'AF' the foster carer: a club only before a town or a sport
ALSO_A_JOB = ("AS ", "AF ", "CA ", "ES ")
# 'Libourne Handball Club', 'Judo Club de Wissembourg', 'Sporting Club de la Belle-de-Mai', 'Red Star FC',
# 'Istres Rugby Provence': a club by the words of its name, whatever its town
NAMED_CLUB = re.compile(
    rf"(?<![\w])(?P<value>(?:{PROPER}[ \u00a0]){{0,3}}(?:Club|FC|Sporting|Handball|Rugby|Football|Basket|Volley|Judo|"
    rf"Natation|Nautique|Aviron|Athlétisme|Gymnastique|Tennis|Karaté|Boxe|Cyclisme|Escrime|Hockey|Badminton|XIII)"
    rf"(?:[ \u00a0](?:(?:de\s+la|de\s+l['’]|des|de|du|d['’])\s?)?{PROPER}){{0,3}})(?![\w])")
# 'cabinet Sow & Bellamy', 'Cabinet Bensoussan-Rey', 'Dufau & Marchais Avocats': a law firm
# (a doctor's 'cabinet Lefèvre' is a person's: partners only)
LAW_FIRM = re.compile(rf"(?<![\w])(?:(?:(?i:cabinet)(?:[ \u00a0](?:SCP|SELARL|SELAS))?|SCP|SELARL|SELAS)[ \u00a0]"
                      rf"(?!{TITLES}\b|(?i:de|du|d['’])\b)"
                      rf"(?P<value>{PROPER}(?:[ \u00a0]?&[ \u00a0]?{PROPER})*(?:[ \u00a0]Avocats)?)"
                      rf"|(?P<partners>{PROPER}[ \u00a0]&[ \u00a0]{PROPER}[ \u00a0](?:Avocats|Associés)))")
# 'Électricité Hamelin SARL', 'Tissus Patel & Fils': a legal form or a family firm's words close a firm's name,
# never a first name alone ('vu Karim SAS', 'Lina & Cie sont venus')
CLOSING_A_FIRM = words("SARL", "SAS", "SASU", "EURL", "SNC", "SCOP", r"&[ \u00a0](?:Fils|Cie|Associés)")
# 'Dupuy Plomberie Chauffage', 'Ovalie Sécurité Privée', 'Samia Coiffure': a small firm, its owner's or its own
# name, then its trade, capitalised (found from the trade, which is rare, and the name looked for before it)
TRADES = words(
    "Plomberie", "Chauffage", "Coiffure", "Sécurité", "Bâtiment", "BTP", "Transports", "Nettoyage", "Propreté",
    "Menuiserie", "Maçonnerie", "Électricité", "Electricité", "Paysages", "Automobiles", "Auto", "Ambulances",
    "Immobilier", "Traiteur", "Boulangerie", "Carrelage", "Rénovation", "Constructions?", "Logistique",
    "Déménagements?", "Terrassement", "Charpente", "Élagage", "Informatique", "Distribution", "Primeurs", "Pizza",
    "Kebab", "Burger", "Tacos", "Grill", "Sushi", "Beauté", "Services", "Multiservices", "Intérim", "Fleurs",
    "Couverture", "Peinture", "Isolation", "Frères", "Garage", "Taxis?", "Aéro", "Aéronautique", "Industries?",
    "Security", "Nails", "Ferries", *CLOSING_A_FIRM.alternatives)
TRADE = re.compile(rf"(?<=[ \u00a0])(?:{TRADES})(?:[ \u00a0](?:{TRADES}|Privée|Sud|Nord|Est|Ouest|&[ \u00a0]{PROPER}))*"
                   rf"(?![\w’'\-])")
NAME_BEFORE_TRADE = re.compile(rf"(?<![\w’'\-])(?P<name>{PROPER}(?:[ \-]{PROPER}|[ \u00a0]&[ \u00a0]{PROPER}){{0,2}})"
                               rf"[ \u00a0]$")
WORKS_FOR = re.compile(r"(?i:\b(?:chez|pour|pr|via|missions?|intérim|interim|emplois?|salariée?|employée?)\s+)$")
NEXT_FIRM = re.compile(rf"[ \u00a0]+et[ \u00a0]+(?P<name>{PROPER}(?:[ \u00a0]{PROPER})?)(?=[ \u00a0,.;)]|$)")
# 'MECS Les Marronniers', "Maison d'enfants Les Embruns": a kind, then a name with its article
NAMED_WITH_ITS_ARTICLE = re.compile(rf"(?<=\s)(?:Les|Le|La|L['’])\s?(?P<name>{PROPER}(?:[ \u00a0]{PROPER})?)")
# 'Entraide Mâconnaise', 'Taxis Creillois', 'Judo Club Toucycois': a firm, a club or an association named for its
# town or its region, whose people's name (capitalised, in -ais, -ois or -ien: -in and -ain end too many surnames,
# 'Morin', 'Poulain', and -ons too many plural nouns, 'Cartons', 'Observations') closes it
DEMONYM = re.compile(r"(?<=[ \u00a0])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+?(?:ais|ois|ien)(?:es?|nes?|s)?(?![\w’'\-])")
REGION_WORDS = re.compile(r"(?:Pays|Bassin|Massif|Plateau|Golfe|Littoral|Côte|Marais|Val|Vignoble|Nouvel)\b")
# 'l'ACSEA', 'le CMSEA', 'par l'AFEV', 'la PEP 21': an association or a firm by its acronym alone after an article,
# unless the acronym is a kind of service or of establishment (service_acronyms.txt, PLACES); not before a capital
# ('situation de GAY Léa': a surname; 'l'AFC Creil': a club's, left to the clubs' rule)
ACRONYM = re.compile(r"(?:\b(?:l['’]|le\s|la\s|les\s|du\s|des\s|au\s|aux\s|de\s|d['’]|par\s|chez\s|vers\s|avec\s)"
                     # 'L'ADIL 38 est en copie': an article starting a sentence, not a heading's 'D'AUCH'
                     r"|(?:^|(?<=[.!?;:\n])\s*)(?:L['’]|Les?\s|La\s|Par\s|Chez\s|Avec\s))"
                     r"(?P<value>(?P<acronym>[A-Z]{3,8})(?:[ \u00a0](?:\d{2,3}|2[AB]))?)(?![\w\-'’]|[ \u00a0][A-ZÀ-ÖØ-Þ])")
# 'SAE Les Nids', 'au SAPMF Le Relais': an establishment's acronym (3 to 6 capitals), then its name with its
# article; not a kind of service or a role before a surname ('la TISF Le Goff', 'le JDE Le Gall':
# service_acronyms.txt), a title in capitals ('MME Le Goff'), a surname in capitals after a title or a first name
# ('Mme PETIT Le Goff', 'Lina MOREAU Le Gall': a capitalised word before), nor a town ('SNCF La Rochelle')
ACRONYM_AND_NAME = re.compile(rf"(?<![\w’'\-])(?P<value>(?P<acronym>(?!(?i:{TITLES})\b)[A-Z]{{3,6}})[ \u00a0]"
                              rf"(?P<name>(?:Les?[ \u00a0]|La[ \u00a0]|L['’]){PROPER}(?:[ \-]{PROPER}){{0,2}}))")
# 'l'IFA Marcel-Sauvage', 'au LEP Jean-Monnet': after an article, an establishment's acronym, then the person it is
# named after, a first name and a surname joined by a hyphen; not a surname in capitals ('concernant DORGAN
# Leonie-Codie'), nor a first name of two ('la TISF Marie-Claire')
ACRONYM_AND_NAMESAKE = re.compile(rf"(?<![\w\-])(?i:l['’]|le\s|la\s|au\s|du\s)"
                                  rf"(?P<value>(?P<acronym>(?!(?i:{TITLES})\b)[A-Z]{{3,6}})[ \u00a0]"
                                  rf"(?P<first>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)-(?P<last>{PROPER}))(?![\w’'\-])")
# 'MECS Les Marronniers (IDEFHI)', 'IME Les Sources (APEI des Deux Vallées)': after an establishment, the body that
# runs it, its acronym in parentheses
RUN_BY = re.compile(rf"[ \u00a0]?\((?P<value>(?P<acronym>[A-Z]{{3,8}})(?:[ \u00a0](?:\d{{2,3}}|2[AB]|{NAME}))?)\)")
CAPITALISED_WORD_BEFORE = re.compile(r"(?<![\w’'\-])[A-ZÀ-ÖØ-Þ][\w’'\-.]*[ \u00a0]$")
# Le bailleur, Tarn Habitat ; voir asso Rom'Égalité ; Toulouse Métropole Habitat ; Sauvegarde 31 ; UDAF de l'Aude
NAMED = re.compile(
    rf"\b(?i:bailleur(?:\s+social)?|association|asso|employeur|enseigne|agence|organisme)\s*[,:]?\s+"
    rf"(?P<value>(?!(?i:de|du|des|le|la|les|l['’])\b){PROPER}(?:[ \-&]{PROPER}){{0,3}})"
    # 'retard de loyer de deux mois auprès de Promologis': the landlord
    rf"|\b(?i:loyers?)\b[^.;\n]{{0,40}}?\sauprès\s+(?:de|du|d['’])\s?(?P<landlord>{PROPER}(?:[ \-&]{PROPER}){{0,2}})"
    rf"|(?<![\w])(?P<habitat>(?:{PROPER}[ \u00a0])*Habitat(?:[ \u00a0]{PROPER})*)(?![\w])"
)

# A capitalised word where a listed name may start ('Intermarché', 'Uber Eats', 'E.Leclerc', 'O'Tacos'), not
# inside an e-mail or a web address ('@orange.fr')
CAPITALISED = re.compile(r"(?<![\w@./])[A-ZÀ-ÖØ-Þ][\w'’&.+]*")
TITLE_BEFORE = re.compile(rf"\b{TITLES}\.?\s+$")
TITLE_IN_ANY_CASE_BEFORE = re.compile(rf"\b(?i:{TITLES})\.?\s+$")  # 'mme michelin' in a hurried note
TITLE_INSIDE = re.compile(rf"(?<![\w]){TITLES}\.?\s")
# 'chez Leclerc', 'au Casino de', 'magasin Action': where a name that is also a word or a surname is a firm
SHOP_BEFORE = re.compile(r"(?i:\b(?:chez|pour|(?-i:pr)|au|aux|à|par)\s+(?:la\s+|l['’])?"
                         r"|\b(?:magasin|supermarché|hypermarché|drive|parking|agence|enseigne|site|usine|entrepôt|"
                         r"groupe|boutique)\s+(?:de\s+(?:la\s+|l['’])?|du\s+|d['’])?"
                         r"|\b(?:locataire|logée?s?\s+par|bailleur)\s+(?:de\s+|d['’]|chez\s+)?"
                         # 'un T3 d'Actis', 'logement Vilogia', 'T3 de la SIP'
                         r"|\b(?:T[1-6]|F[1-6]|logement|logt|appartement|appart|studio)\s+"
                         r"(?:de\s+(?:la\s+|l['’])?|d['’]|chez\s+)?)$")
# 'hospitalisé à Purpan', 'urgences de Necker', 'SMUR → CHIVA': where a hospital's site is a hospital, not a quarter
CARE_BEFORE = re.compile(r"(?i:\b(?:hospitalis\w*|urgences?|hôpital|hopital|CHU|admise?s?|transférée?s?|transfert|"
                         r"née?s?|accouch\w*|opérée?s?|SMUR|SAMU|pompiers|maternité|pédiatrie|psychiatrie|"
                         r"consultations?)\b[^.;\n]{0,25})$")
# 'bosse chez leroy merlin', 'au kfc', 'voir adoma': in a hurried note, a firm of the first list in lower case
# after 'chez', 'au', 'à la', 'par', 'voir' or 'auprès de'
LOWER_AFTER_A_PREPOSITION = re.compile(
    r"(?<![\w])(?:(?i:chez|au|aux|à\s+la|à\s+l['’]|par|voir|auprès\s+de|auprès\s+d['’]|logt|logement)|pr)\s*(?<=[\s'’])"
    r"(?P<word>[a-zà-öø-ÿ][\w'’&.+]*)")
# 'au leclerc de guilherand', 'garage speedy': where a firm of the second list is one in lower case (not after 'chez',
# 'pour' or 'par': 'chez leclerc' is a person's home)
LOWER_SHOP_BEFORE = re.compile(r"(?<![\w])(?:au|aux|à\s+la|à\s+l['’]|logt|logement|garage|magasin|supermarché|drive|"
                               r"agence)\s+(?:de\s+|du\s+|d['’])?$")
LOWER_WORD = re.compile(r"(?<![\w@./'’\-])[a-zà-öø-ÿ][\w'’&.+]*")
# Each list, and what must come before its names (None: nothing, they are nothing but firms)
LEXICONS = (("organizations.txt", None), ("organizations_also_names.txt", SHOP_BEFORE),
            ("hospital_sites.txt", CARE_BEFORE))
# 'Sauvegarde 31', 'France Victimes 31': a network's branch in a département
# ('logt Grand Dijon Habitat 14 av. Champollion': a house number, not a branch)
DEPARTMENT_NUMBER = re.compile(rf"[ \u00a0](?:\d{{2,3}}|2[AB])\b"
                               rf"(?!,?[ \u00a0]+(?:(?:bis|ter)\b|(?i:{STREET_TYPES})(?![\w])))")


def listed_names(text: str) -> list[tuple[int, int]]:
    """The spans of the names of anonymizer/data's lists of firms, charities and hospitals: each capitalised
    word, each word in lower case after 'chez', 'au', 'par', 'voir' and the like (LOWER_AFTER_A_PREPOSITION, the
    first list), and each other word in lower case that may open a name (firm_in_lower_case) is looked up in a
    dictionary by first word, and only the few found are compared with what follows."""
    found = [span for match in CAPITALISED.finditer(text)
             if (span := listed_name_at(text, match.start(), match.group(), LEXICONS))]
    found += [span for match in LOWER_AFTER_A_PREPOSITION.finditer(text)
              if (span := listed_name_at(text, match.start("word"), match.group("word"), LEXICONS[:1]))]
    first_words = lower_case_first_words()
    return found + [(match.start(), end) for match in LOWER_WORD.finditer(text)
                    if (first := _lower_word_as_listed(match.group())) in first_words
                    and (entries := firm_in_lower_case(text, match.start(), first))
                    and (end := listed_name_end(text, match.start(), entries))
                    and not TITLE_IN_ANY_CASE_BEFORE.search(text, max(0, match.start() - 12), match.start())]


def _lower_word_as_listed(word: str) -> str:
    """A word in lower case as the lists' first words write it; plain ASCII the short way (a first word is never
    'st-', which listed_form writes in full)."""
    return word.lower() if word.isascii() else listed_form(word)


def firm_in_lower_case(text: str, start: int, first: str) -> tuple[str, ...]:
    """The listed names a word in lower case at `start` may open: of the first list anywhere (firms_in_lower_case),
    of the second after a shop's words ('au leclerc de guilherand', 'garage speedy') when it is no French word nor
    first name ('au casino', 'au paul': a word, a person)."""
    entries = firms_in_lower_case().get(first, ())
    also = names_by_first_word("organizations_also_names.txt").get(first, ())
    if also and LOWER_SHOP_BEFORE.search(text, max(0, start - 25), start) and not is_french_word(first) \
            and not is_first_name(first, True, civil_status=True):
        return tuple(sorted(entries + also, key=len, reverse=True))  # 'leclerc drive' before 'leclerc'
    return entries


@cache
def lower_case_first_words() -> frozenset[str]:
    """The first words of the names a word in lower case may open (firm_in_lower_case), looked up before the rest."""
    return frozenset(firms_in_lower_case()) | frozenset(names_by_first_word("organizations_also_names.txt"))


@cache
def firms_in_lower_case() -> dict[str, tuple[str, ...]]:
    """The names of the first list a hurried note writes in lower case anywhere ('colis restos du coeur', 'devant le
    lidl'), by their first word: not an acronym of three letters ('ups', 'tcl'), a first name ('adil') nor French
    words only ('sauvegarde', 'feu vert', 'petits fils': after 'chez' or 'au' alone, LOWER_AFTER_A_PREPOSITION)."""
    return {first: kept for first, entries in names_by_first_word("organizations.txt").items()
            if len(first) > 3 and first not in STOP_WORDS and not is_first_name(first, True, civil_status=True)
            and (kept := tuple(entry for entry in entries
                               if not all(is_french_word(word) or word in STOP_WORDS for word in entry.split())))}


def listed_name_at(text: str, start: int, word: str,
                   lexicons: tuple[tuple[str, re.Pattern | None], ...]) -> tuple[int, int] | None:
    """The span of a name of one of `lexicons` whose first word is the `word` at `start`, if its context is there."""
    first = listed_form(word).rstrip(".'&+")
    for lexicon, context in lexicons:
        end = listed_end(text, start, first, lexicon)
        if not end:
            continue
        before = text[max(0, start - 40):start]
        if TITLE_BEFORE.search(before) or (context and not context.search(before)):
            continue  # 'Mme Leclerc', 'habite à Rangueil'
        number = DEPARTMENT_NUMBER.match(text, end)
        return start, number.end() if number else end
    return None


def is_named_establishment(name: str, before: str) -> bool:
    """'Olympe de Gouges (CHRS)', 'Les Lilas (MECS)' but not 'Karim (foyer)', 'Mme Diallo (CHRS)' nor
    'Muret (CMPP)': a person's name has no article or particle inside, a town is a commune."""
    words_of_name = re.sub(r"^(?:L['’]|Les?\s|La\s)", "", name).split()
    first = words_of_name[0]
    has_particle = name != " ".join(words_of_name) or any(w in ("de", "du", "des", "la", "le", "d'", "d’")
                                                             for w in words_of_name)
    return not (re.fullmatch(TITLES, first) or TITLE_BEFORE.search(before) or fold(first) in STOP_WORDS
                or (not has_particle and is_first_name(first, True))
                or fold(name) in folded_words("communes.txt") or fold(name) in folded_words("countries.txt"))


class OrganizationRecognizer(FrenchRecognizer):
    LABEL = "ORGANIZATION"
    SCORE = 0.85

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for match in EMPLOYER.finditer(text):
            group = "value" if match.group("value") else "bare"
            value = match.group(group)
            if not is_first_name(value.split()[0], True) and not is_place_or_word(value):
                # not 'stage chez Karim', 'travaille au Portugal', 'salarié de Toulouse' nor 'travaille Lundi'
                found.append(finding(self, self.LABEL, match.start(group), match.end(group), self.SCORE))
        for match in NAME_IN_PARENTHESES.finditer(text):
            if KIND_BEFORE.search(text, max(0, match.start() - 40), match.start()) \
                    and not is_first_name(match.group("name").split()[0], True):
                found.append(finding(self, self.LABEL, match.start("name"), match.end("name"), self.SCORE))
        for match in KIND_IN_PARENTHESES.finditer(text):
            name = NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
            if name and is_named_establishment(name.group("name"), text[max(0, name.start() - 12):name.start()]):
                found.append(finding(self, self.LABEL, name.start("name"), name.end("name"), self.SCORE))
        for match in NAMED.finditer(text):
            group = next(name for name in ("value", "landlord", "habitat") if match.group(name))
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
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in QUOTED_AFTER_ITS_KIND.finditer(text)]
        for match in HOSPITALISED.finditer(text):
            if not is_place_or_word(match.group("value")):
                found.append(finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE))
        for match in AT_SCHOOL.finditer(text):
            value = match.group("value")
            if not is_place_or_word(value) and not (" " not in value and is_first_name(value, True)):
                found.append(finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE))
        found += [finding(self, self.LABEL, match.start("value"), name_end, self.SCORE)
                  for match in LOWER_SCHOOL.finditer(text) if (name_end := lower_school_end(match))]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in CLUB.finditer(text)  # 'FC Roubaix Alma', not 'l'AS Nancy Dupont' (the social worker)
                  if is_listed_place(match.group("town") if match.group("value").startswith(ALSO_A_JOB)
                                     else match.group("town").split()[0])
                  or match.group("sport")
                  or SPORT_BEFORE.search(text, max(0, match.start() - 30), match.start())
                  or not (match.group("value").startswith(ALSO_A_JOB) or is_first_name(match.group("town"), True)
                          or is_place_or_word(match.group("town")))]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in NAMED_CLUB.finditer(text) if is_club(match.group("value"))]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in LOWER_CLUB.finditer(text) if is_town_in_lower_case(match.group("town"))]
        for match in LAW_FIRM.finditer(text):
            group = "value" if match.group("value") else "partners"
            if group == "partners" or re.search(r"[&\-]|Avocats$", match.group(group)):
                found.append(finding(self, self.LABEL, match.start(group), match.end(group), self.SCORE))
        for match in TRADE.finditer(text):
            name = firm_name_before(text, match.start())
            if name and not (re.fullmatch(CLOSING_A_FIRM, match.group()) and is_first_name(name.group("name"), True)):
                # to the end of a kind's finding from the trade ('Martin Menuiserie Agencement')
                end = max([match.end()] + [other.end for other in found if match.start() <= other.start < match.end()])
                found.append(finding(self, self.LABEL, name.start("name"), end, self.SCORE))
        for match in DEMONYM.finditer(text):
            name = firm_name_before(text, match.start())
            if name and is_named_for_its_town(name.group("name"), match.group()) \
                    and not is_listed_place(text[name.start("name"):match.end()]):
                found.append(finding(self, self.LABEL, name.start("name"), match.end(), self.SCORE))
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in ACRONYM.finditer(text) if is_own_acronym(match.group("acronym"))]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in ACRONYM_AND_NAME.finditer(text)
                  if is_own_acronym(match.group("acronym")) and not is_listed_place(match.group("name"))
                  and not after_a_capitalised_word(text, match.start())]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                  for match in ACRONYM_AND_NAMESAKE.finditer(text)
                  if is_first_name(match.group("first"), True) and not is_first_name(match.group("last"), True)
                  and not after_a_capitalised_word(text, match.start())]
        found += [finding(self, self.LABEL, run_by.start("value"), run_by.end("value"), self.SCORE)
                  for other in found if (run_by := RUN_BY.match(text, other.end))
                  and is_own_acronym(run_by.group("acronym"))]
        # a listed name no rule's finding holds already, in place of those it holds ('Habitat' by a rule,
        # 'Habitat et Humanisme' listed)
        for start, end in listed_names(text):
            if not any(other.start <= start and end <= other.end for other in found):
                found = [other for other in found if not (start <= other.start and other.end <= end)]
                found.append(finding(self, self.LABEL, start, end, self.SCORE))
        found += self._named_again(text, found)
        found += self._next_in_list(text, found)
        return outermost(found)

    def _named_again(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """'MECS Les Marronniers' ... 'maintien aux Marronniers': an establishment named with its article is named
        again by its name alone after 'aux', 'au' or 'chez', which no rule knows without the kind; not a town, a first
        name or a word of four letters or less."""
        again = []
        for with_article, name in {(match.group(), match.group("name")) for result in found
                                   if (match := NAMED_WITH_ITS_ARTICLE.search(text, result.start, result.end))
                                   and match.end() == result.end}:
            if len(name) <= 4 or is_listed_place(with_article) or is_listed_place(name) \
                    or is_first_name(name.split()[0], True, civil_status=True):
                continue  # 'école Les Lilas ... vit aux Lilas': the town
            # after 'aux', 'au', 'des', 'du', 'à' or 'chez' ('maintien aux Marronniers'), not a noun ('Poste à pourvoir')
            for match in re.finditer(rf"(?<![\w’'\-])(?:aux|au|des|du|à|chez)[ \u00a0](?P<name>{re.escape(name)})"
                                     rf"(?![\w’'\-])", text):
                if not any(other.start <= match.start("name") < other.end for other in found):
                    again.append(finding(self, self.LABEL, match.start("name"), match.end("name"), self.SCORE))
        return again

    def _next_in_list(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """'chez Framatome et Industeel': a capitalised name after 'et' and a firm one works for; not a first name, a
        town, a title, a service's acronym nor a kind (a list after a comma holds names and ages as well)."""
        more = []
        for result in found:
            if not WORKS_FOR.search(text, max(0, result.start - 30), result.start):
                continue  # 'la MECS Les Tilleuls et Lefebvre, son éducateur'
            match = NEXT_FIRM.match(text, result.end)
            if not match:
                continue
            name = match.group("name")
            first = name.split()[0]
            if not (is_first_name(first, True, civil_status=True) or is_place_or_word(name)
                    or is_service_acronym(first) or re.fullmatch(TITLES, first)
                    or re.match(PLACES, name, re.IGNORECASE) or re.match(INSTITUTIONS, name)):
                more.append(finding(self, self.LABEL, match.start("name"), match.end("name"), self.SCORE))
        return more


def after_a_capitalised_word(text: str, start: int) -> bool:
    """A surname in capitals after a title or a first name ('Mme PETIT Le Goff', 'Lina MOREAU Le Gall'), not an
    acronym: CAPITALISED_WORD_BEFORE just before `start`."""
    return bool(CAPITALISED_WORD_BEFORE.search(text, max(0, start - 40), start))


def lower_school_end(match: re.Match) -> int | None:
    """Where LOWER_SCHOOL's name ends, if it is one: 'saint-joseph' or 'pierre-et-marie-curie' (not 'foyer jean-pierre':
    a compound first name); a first name and a word, after a collège or a lycée any but a stop word ('clg albert
    camus': a child is seldom named right after one; 'sortie école lina contente' is Lina), after a centre or an EHPAD
    a surname-like word ('centre social marcel pointet', not 'centre social lina joue'); after a school, a surname
    alone ('lycee sevigne', is_surname_alone)."""
    kind, first, word = fold(" ".join(match.group("kind").split())), match.group("first"), match.group("word")
    if match.group("parts"):
        compound = is_first_name(first, True) and not is_first_name(first + match.group("parts"), True)
        return match.end("value") if first in ("saint", "sainte") or compound else None
    if word and is_first_name(first, True) and fold(word) not in STOP_WORDS \
            and (kind in SECONDARY_KINDS or (kind in CENTRE_KINDS and looks_like_a_surname(word))):
        return match.end("value")
    return match.end("first") if kind in SCHOOL_KINDS and is_surname_alone(first) else None


def is_surname_alone(word: str) -> bool:
    """'lycee sevigne', 'ecole lakanal': after a school's kind in lower case, a surname-like word of five letters or
    more that is no stop word, first name (the child: 'école yanis'), town ('collège colomiers': its town), month, nor
    kind of class ('collège segpa', 'école ulis')."""
    return len(word) > 4 and looks_like_a_surname(word) and not (
        fold(word) in STOP_WORDS or is_first_name(word, True, civil_status=True) or is_listed_place(word)
        or MONTH_OR_DAY.fullmatch(fold(word)))


def is_club(value: str) -> bool:
    """More than the word 'Club', and no title nor a first name alone for a name ('le Club de Madame', 'le FC
    de Paul')."""
    words_of_name = value.split()
    first = fold(words_of_name[0])
    return len(words_of_name) > 1 and not any(re.fullmatch(TITLES, word) for word in words_of_name) \
        and first not in STOP_WORDS and not MONTH_OR_DAY.fullmatch(first) \
        and not is_first_name(words_of_name[-1], True)


def is_own_acronym(acronym: str) -> bool:
    """An acronym that is no kind of service or establishment ('ACSEA', not 'CRIP', 'MECS') nor a word."""
    return not is_service_acronym(acronym) and not re.fullmatch(PLACES, acronym) \
        and fold(acronym) not in STOP_WORDS


def firm_name_before(text: str, start: int) -> re.Match | None:
    """The name of a firm just before `start`, its trade or its people's name (NAME_BEFORE_TRADE, is_firm_name)."""
    name = NAME_BEFORE_TRADE.search(text, max(0, start - 60), start)
    return name if name and is_firm_name(name.group("name"), text[max(0, name.start() - 12):name.start()]) else None


def is_named_for_its_town(name: str, demonym: str) -> bool:
    """'Entraide' before 'Mâconnaise'; not two surnames ('Lefebvre Dubois', 'Céline Langlois'), a region ('Pays
    Nantais', 'Bassin Parisien') nor an institution ('République Française')."""
    first = name.split()[0]
    return not (is_first_name(demonym, True, civil_status=True) or is_first_name(first, True, civil_status=True)
                or fold(demonym) in surnames() or fold(first) in surnames()
                or re.match(INSTITUTIONS, name) or REGION_WORDS.match(name))


@cache
def surnames() -> frozenset[str]:
    """Faker's French surnames ('Dubois', 'Langlois'), folded: read only when a town's people's name is met."""
    from faker.providers.person.fr_FR import Provider

    return frozenset(fold(name) for name in Provider.last_names)


def is_firm_name(name: str, before: str) -> bool:
    """Not a title, a word at a sentence's start or a day before a trade ('Mme Sécurité', 'Pour Transports',
    'Lundi Coiffure'), nor a person after a title ('M. Dupuy Transports')."""
    first = name.split()[0]
    return not (re.fullmatch(TITLES, first) or TITLE_BEFORE.search(before) or fold(first) in STOP_WORDS
                or MONTH_OR_DAY.fullmatch(fold(first)))


def is_place_or_word(value: str) -> bool:
    """A commune, a town of the world, a country, a title, a month or a word at a sentence's start, not a
    hospital's name ('hospitalisée à Alger')."""
    first = fold(value.split()[0])
    return bool(is_listed_place(value) or first in folded_words("communes.txt") or first in STOP_WORDS
                or MONTH_OR_DAY.fullmatch(first) or re.fullmatch(TITLES, value.split()[0]))


def is_establishment(match: re.Match) -> bool:
    """Not a type and its town ('CHU de Toulouse') unless the type is a legal form ('GAEC du Haget') or the town
    is the establishment's own name ('école du Neuland'), nor a service's meeting room ('point rencontre de la MDS
    de Carbonne'), nor a type and a person ('cabinet médical du Dr Martin', 'au lieu de rencontre Léa et sa mère'),
    nor a type and a day ('au conservatoire Mercredi')."""
    name = match.group("name")
    first = name.split()[0]
    return (not TYPE_AND_TOWN.fullmatch(name) or bool(LEGAL_FORMS.match(match.group("value"))) or is_own_name(name)) \
        and not TITLE_INSIDE.search(name) and not MONTH_OR_DAY.fullmatch(fold(first)) \
        and not (MEETING_PLACE.match(match.group("value"))
                 and (OF_A_SERVICE.match(name) or (name == first and is_first_name(first, True))))


def town_of_its_kind(match: re.Match) -> tuple[int, int] | None:
    """Where the town is in an establishment's kind and its town ('mosquée de Jeumont', 'conservatoire de Lille',
    'foyer de l'enfance du Calvados'): a commune, a town of the world, a country, a département or a région the lists
    know, not one that is also a word ('mosquée du Quartier', 'maison de santé du Port'), nor an establishment's own
    name ('GAEC du Haget', 'école du Neuland')."""
    name = match.group("name")
    if not TYPE_AND_TOWN.fullmatch(name) or is_establishment(match):
        return None
    word, as_listed = _place_after_the_kind(name)
    if not ((is_listed_place(as_listed) and listed_form(as_listed) not in folded_words("communes_also_words.txt"))
            or is_department_or_region(word)):
        return None
    return match.end("name") - len(word), match.end("name")


def is_own_name(name: str) -> bool:
    """'du Neuland', "de l'Ermitage", not 'du Mans', 'du Calvados', 'de la MECS' nor "de l'École" (OWN_NAME)."""
    if not OWN_NAME.fullmatch(name):
        return False
    word, as_listed = _place_after_the_kind(name)
    return not (word.isupper() or is_town_not_a_word(as_listed) or listed_form(word) in folded_words("countries.txt")
                or is_department_or_region(word) or re.fullmatch(PLACES, word, re.IGNORECASE)
                or re.fullmatch(INSTITUTIONS, word) or MONTH_OR_DAY.fullmatch(fold(word)))


def is_town_not_a_word(value: str) -> bool:
    """A place the lists know, unless a commune that is also a word and no large town ('du Parc', 'de la Plaine': an
    establishment's own name; 'du Mans', 'du Port': towns)."""
    folded = listed_form(value)
    return is_listed_place(value) and (folded not in folded_words("communes_also_words.txt")
                                       or folded in folded_words("large_towns.txt"))


def _place_after_the_kind(name: str) -> tuple[str, str]:
    """The word after a kind's 'de', 'du', 'de la' or 'de l'', and how the lists write it ('du Mans' -> 'Mans',
    'le Mans'; 'de la Hague' -> 'Hague', 'la Hague'; 'de Lille' -> 'Lille', 'Lille')."""
    own = OWN_NAME.fullmatch(name)
    if not own:
        word = re.sub(r"^(?:de|d['’])\s?", "", name)
        return word, word
    return own.group("word"), f"le {own.group('word')}" if own.group("article") == "du" else name[3:]
