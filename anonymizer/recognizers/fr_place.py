"""LOCATION that locates a person without the model: the town in the name of a service, court or
hospital that sits where the family lives ('MDS de Muret', 'Tribunal pour enfants de Foix', 'Service
d'AEMO de Saint-Gaudens', 'CHU de Toulouse'), a birthplace or home and the country or town in
parentheses after it ('né à Diyarbakır (Turquie)', 'domiciliée à Colomiers'), a station ('gare
Matabiau', 'gare routière de Foix'), and a town in parentheses after a name ('M. Diallo (Colomiers)')."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.first_names import is_first_name
from anonymizer.lexicons import folded_words, is_french_word, is_listed_place, listed_form
from anonymizer.recognizers.base import FrenchRecognizer, finding, words
from anonymizer.recognizers.organization import (
    NAME_AFTER_ITS_KIND,
    TOWN_AT_THE_END,
    listed_names,
    town_at_the_end,
    town_of_its_kind,
)
from anonymizer.recognizers.organization import PLACE as ESTABLISHMENT
from anonymizer.recognizers.triggered import Triggered
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold

UPPER = "A-ZÀ-ÖØ-ÞİŞĞÇ"
WORD = rf"[{UPPER}][\w’'\-]*"
PARTICLE = r"(?:de|du|des|d['’]|sur|sous|en|la|le|les|lès|les)"
# Foix, Saint-Gaudens, L'Isle-Jourdain, Villefranche-de-Lauragais, Castelnau d'Estrétefonds, Côte d'Ivoire
NOT_IN_A_TOWN = r"(?:Le|La|Les|Un|Une|Il|Elle|Ils|Elles|Nous|On|Je|En|Au|Aux|Du|De|Des|Et|Mme|M|Madame|Monsieur)"
TOWN = (rf"(?:L['’]|Le |La |Les )?{WORD}(?:[ \u00a0]{PARTICLE}[ \u00a0]?{WORD}"
        rf"|[ \u00a0](?!{NOT_IN_A_TOWN}(?![\w’'\-])){WORD}){{0,2}}")
SERVICES = words(
    "MDS", "MDSI", r"maison\s+des\s+solidarités", r"maison\s+départementale\s+des\s+solidarités", "AEMO", "AED",
    r"service\s+(?:d['’]|de\s+l['’])?AEMO", r"service\s+(?:d['’]|de\s+l['’])?AED", "PMI", "CMP", "CMPP", "CAMSP",
    "CMS", "CCAS", "mairie", "commune", "ville", "tribunal", r"tribunal\s+pour\s+enfants", r"tribunal\s+judiciaire",
    r"tribunal\s+de\s+grande\s+instance", r"tribunal\s+de\s+proximité", "TJ", "TPE", "TGI", "parquet",
    r"cour\s+d['’]appel", r"juge\s+des\s+enfants", "commissariat", "gendarmerie", r"brigade\s+de\s+gendarmerie",
    r"police\s+(?:nationale|municipale)", "CHU", r"centre\s+hospitalier", "CH", "CHS", "CHI", "hôpital", "hopital",
    "maternité", "PJJ", "UEMO", "STEMO", "CAF", "CPAM", "préfecture", "sous-préfecture", r"mission\s+locale",
    "antenne", "circonscription", "secteur", r"foyer\s+de\s+l['’]enfance", r"pôle\s+emploi", r"france\s+travail",
    "SAMU", "urgences", "ASE", r"aide\s+sociale\s+à\s+l['’]enfance", "CDEF", "SAU", r"service\s+social",
    r"équipe\s+(?:éducative|de\s+prévention)", "prévention", "DDETS", "CADA", "HUDA", "PADA", "IME", "ITEP",
    "CSAPA", r"maison\s+des\s+ados", r"maison\s+des\s+adolescents", r"centre\s+pénitentiaire", r"maison\s+d['’]arrêt",
    "policiers", "gendarmes", r"procureur(?:e)?\s+de\s+la\s+République", "JE", "JAF",
    r"conseil\s+départemental", "département", r"tribunal\s+administratif", r"commissariat\s+de\s+police",
    r"substitut\s+du\s+procureur(?!\s+de\s+la\s+R[ée]publique)", r"dispositif\s+départemental", r"maison\s+du\s+département",
    r"aire\s+d['’]accueil", "camp", "PASS", "PAF", "SIAO", "CHRS", r"Secours\s+(?:populaire|catholique)",
    r"Restos\s+du\s+C(?:œ|oe)ur", r"centre\s+social", "MSA", "CMPEA", "UAPED", "MECS", "CFA", "CRIP", "barreau",
    # and the places of a town: 'lac de Saint-Ferréol', 'salle des fêtes de Pins-Justaret', 'district de Baghlan'
    "lac", "plage", "district", "province", "région", r"salle\s+des\s+fêtes", "marché", r"feu\s+d['’]artifice",
    "fête", "festival", "port", "prison", "village", "quartier", "dispensaire",
    # 'service de placement familial de Pamiers', 'services sociaux de Viseu', 'garage de Villeneuve-Tolosane'
    r"services?(?:\s+(?:d['’]|de\s+|des\s+|et\s+)?[a-zéèêàç]+){1,4}", r"regroupement\s+pédagogique", "garage",
    r"plateforme(?:\s+d['’]évaluation)?", "ADMR", "UDAF", "ADSEA",
    # a town's bridges, squares, parks and estates ('pont des Catalans', 'cité de l'Hers')
    "pont", "place", "cité", "cite", "parc", "square", "jardins?", "vallée", "col", "île", "camping",
)
# 'école maternelle de la Trivalle', 'collège de Vic-Fezensac': the school of a town, not 'l'école de Walid'
SCHOOLS = words(r"(?:école|ecole)(?:\s+(?:maternelle|élémentaire|elementaire|primaire|publique|privée))?", "collège",
                "college", r"lycée(?:\s+professionnel)?", "crèche", "creche", r"groupe\s+scolaire", "EHPAD")
# 'TPE Foix', 'UEMO Toulouse-Sud', 'CDAS Morlaix', 'mds tournefeuille', 'gendarmerie fronton': a service and its
# town without 'de', in capitals or, in a hurried note, in lower case
SERVICE_AND_TOWN = (r"(?:MDSI?|MDD|CDAS|EDS|UTAS|ASE|PMI|CMS|CCAS|TPE|TJ|UEMO|STEMO|CMPP?|CAMSP|PJJ|GAV|SAU|SSD|"
                    r"(?i:mds|pmi|gendarmerie|commissariat|comico|parquet|gav|mairie|pôle\s+emploi|france\s+travail|mission\s+locale))")
LOWER_TOWN = r"[a-zà-ÿ][a-zà-ÿ'’]{3,}(?:-[a-zà-ÿ'’]+){0,3}"
TOWN_OF_A_SERVICE = re.compile(rf"(?<![\w]){SERVICE_AND_TOWN}[ \u00a0]+(?:(?P<value>{TOWN})(?![\w’'])"
                               rf"|(?P<lower>{LOWER_TOWN})(?![\w’'])(?=[ \t]*(?:$|\n|[.,;:()–]|\s-\s)"
                               rf"|[ \t]+(?:à|avec|pour|pris|prise|et|le|la|les|ce|cet|cette|depuis)\b))", re.MULTILINE)
# not a word of a sentence: a participle, an adjective, a noun of the trade ('pmi prévenue', 'mds ok')
NOT_A_LOWER_TOWN = re.compile(
    r".*(?:é|ée|és|ées|er|ir|ant|ants|ante|antes|ent|ents|ente|entes|tion|sion|ique|eur|euse|aire|able|ible|if|ive|"
    r"age|ure|isme|iste|ité|ance|ence|oir|ue|ues|ez|ait|i|is|ie|ies|it|u|us|ère|ères)|ok|rdv|demain|hier|matin|soir|"
    r"midi|secteur|urgence|astreinte|oncle|tante|fils|fille|sœur|soeur|mamie|papi|copain|copine|voisine?|amie?|bébé|"
    r"tisf|assfam|éduc|educ|(?:janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec)\.?")
# 'collège Voltaire (colomiers)', 'foyer Les Chênes (caussade)', 'synthèse MADI (cugnaux)': a town in lower case
# in parentheses after an establishment, a service or a word in capitals
LOWER_TOWN_IN_PARENTHESES = re.compile(rf"[ \t\u00a0]?\((?P<lower>{LOWER_TOWN})\)")
AFTER_CAPITALS = re.compile(rf"\b[A-ZÀ-Þ]{{2,}}(?=[ \t\u00a0]?\()|(?<![\w]){SERVICE_AND_TOWN}(?=[ \t\u00a0]?\()")
# 'Grenade (31330)': the postcode after a town (not 'RG (12345)')
POSTCODE = re.compile(r"(?<=[a-zà-ÿ])[ \u00a0]?\((?P<value>(?:0[1-9]|[1-8]\d|9[0-8])\d{3})\)")
# 'un camp près de Shahba', 'au nord de Kaboul'
NEAR_WORDS = words("près", "pres", "proche", "autour", r"non\s+loin", r"au\s+nord", r"au\s+sud", r"à\s+l['’]est",
                   r"à\s+l['’]ouest")
NEAR = Triggered(re.compile(rf"\b(?i:{NEAR_WORDS})[ \u00a0]+(?i:de\s+la|de\s+l['’]|des|de|du|d['’])[ \u00a0]?"
                            rf"(?P<value>{TOWN})(?![\w’'])"), NEAR_WORDS)
OF = r"(?i:de\s+la|de\s+l['’]|des|de|d['’]|du)"
IN_A_SERVICE = Triggered(re.compile(rf"(?<![\w])(?i:{SERVICES})[ \u00a0]+{OF}[ \u00a0]?(?P<value>{TOWN})(?![\w’'])"),
                         SERVICES)
IN_A_SCHOOL = Triggered(re.compile(rf"(?<![\w])(?i:{SCHOOLS})[ \u00a0]+{OF}[ \u00a0]?(?P<value>{TOWN})(?![\w’'])"),
                        SCHOOLS)
# 'vol Hanoï-Moscou', 'bus Cracovie-Berlin-Lyon', 'billets d'avion Toulouse-Bamako': each town of a journey
CARRIERS = words("vol", "bus", "train", "avion", "car", "ferry", "bateau", r"billets?(?:\s+d['’]avion)?")
JOURNEY = Triggered(re.compile(rf"\b(?i:{CARRIERS})[ \u00a0]+(?P<value>{WORD}(?:-{WORD})+)"), CARRIERS)
HOME_VERBS = words("née?s?", "nee?s?", "originaire", "natif", "native", "domiciliée?s?", "domicilie", "habite",
                   "habitent", "vit", "vivent", "vivait", "résidant", "residant", "réside", "reside", "demeurant",
                   "demeure", "hébergée?s?", "hebergee?", "installée?s?", "arrivée?s?", "venue?s?", "grandi",
                   "scolarisée?", "placée?", "accueillie?", "trouvée?", "interpellée?", "repérée?", "déménagé",
                   "demenage", "partie?", "parti", "retournée?", "séjourne", "sejourne")
# née à Diyarbakır (Turquie), domiciliée à Colomiers, arrivé en France, originaire du Mali
AT_HOME = Triggered(re.compile(
    rf"\b(?i:{HOME_VERBS})\b(?:[ \u00a0](?:[^\s.;:\n]+|(?i:av|bd|bld|imp|rte|fg|st|ste)\.)){{0,6}}?"
    rf"[ \u00a0](?i:à|a|en|au|aux|dans le)[ \u00a0]?"
    rf"(?P<value>{TOWN})(?![\w’'])(?:\s*\((?P<country>{TOWN})\))?"
), HOME_VERBS)
# 'la brigade de Crest': a gendarmerie's brigade is also a police unit ('Brigade des Mineurs'), so its town only if
# the lists know it
BRIGADE = Triggered(re.compile(rf"\b(?i:brigade)(?:[ \u00a0]+(?i:territoriale|autonome|de\s+proximité|de\s+recherches))*"
                               rf"[ \u00a0]+{OF}[ \u00a0]?(?P<value>{TOWN})(?![\w’'])"), words("brigade"))
# 'Paris 10e', 'Lyon 8e', 'Marseille 13ème': a city and its arrondissement
ARRONDISSEMENT = re.compile(r"(?<![\w])(?P<value>(?:Paris|Lyon|Marseille)[ \u00a0]\d{1,2}(?:e|ème|eme|er)\b)")
# 'qui habite Wattrelos', 'vit Roubaix depuis': a town the lists know right after the verb
LIVES = words("habite", "habitent", "habitait", "vit", "vivent", "réside", "reside")
LIVES_IN = Triggered(re.compile(rf"\b(?i:{LIVES})[ \u00a0](?P<value>{TOWN})(?![\w’'])"), LIVES)
# originaire du Mali, venue de Kayes, natif d'Anjouan
FROM = words("originaires?", "natif", "native", "venue?s?", "revenue?s?")
ORIGIN = Triggered(re.compile(rf"\b(?i:{FROM})[ \u00a0]+(?i:de\s+la|de\s+l['’]|des|de|du|d['’])"
                              rf"[ \u00a0]?(?P<value>{TOWN})(?![\w’'])"), FROM)
# gare Matabiau, gare routière de Foix, gare SNCF de Muret, métro Jean Jaurès
STATIONS = words("gare", "station", "métro", "metro", "aéroport", "aeroport", "arrêt")
STATION = Triggered(re.compile(rf"\b(?i:{STATIONS})(?:[ \u00a0](?i:routière|routiere|SNCF|de\s+bus|de\s+tram))?"
                               rf"[ \u00a0](?:(?i:de|du|d['’])[ \u00a0]?)?(?P<value>{TOWN})(?![\w’'])"), STATIONS)
# à Kherson, vers Tarbes, par la Libye, traversé l'Iran, dans le Gers, entre Carcassonne et Séville
GOING = words("à", "a", "vers", "via", "par", "puis", "depuis", "jusqu['’]à", "jusqu['’]en", "traversé", "traverse",
              "quitté", "quitte", "rejoindre", "rejoint", "entre", "dans")
TOWARDS = Triggered(re.compile(rf"(?<![\w’'])(?i:{GOING})[ \u00a0]+(?:(?:la|le|les|l['’])[ \u00a0]?)?"
                               rf"(?P<value>{TOWN})(?![\w’'])"), GOING)
# Trajet : Bamako, Niamey, Agadez ; Turquie (Erzurum, Ankara), Grèce
NEXT_PLACE = re.compile(rf"\)?(?:[ \t]*,[ \t]*|[ \t]+et[ \t]+|[ \t]+puis[ \t]+|[ \t]*-[ \t]*|(?P<slash>[ \t]*/[ \t]*)"
                        rf"|[ \t]*\([ \t]*)"
                        rf"(?:(?:la|le|les|l['’])[ \u00a0]?)?"
                        rf"(?P<value>{TOWN})(?![\w’'])")
ROUTES = words("trajet", "parcours", "itinéraire", "itineraire", "route")
LIST_HEAD = Triggered(re.compile(rf"(?<![\w])(?i:{ROUTES})\s*:\s*(?P<value>{TOWN})(?![\w’'])"), ROUTES)
# 'Castres, le 2 octobre 2024': where a letter was written
LETTER_PLACE = re.compile(rf"(?m:^)(?P<value>{TOWN}),\s+le\s+(?:\d|1er|premier)")
# 'collège Jean-Jaurès, Colomiers', 'Corinne – Seilh', '(EARL Soubiran, Sabaillan)': a town closing a
# heading, a signature or a parenthesis after a comma or a dash
# or before a phone number ('lycée professionnel Hélène-Boucher, Toulouse (05 62 73 40 12)')
PHONE_AHEAD = r"\((?=0\d(?:[ .]?\d\d){4})"
CLOSING_TOWN = re.compile(rf"(?:,|\s[–-])[ \u00a0](?P<value>{TOWN})(?=[ \t]*(?:$|\n|;|\)|[ \t][–-][ \t]|{PHONE_AHEAD}))",
                          re.MULTILINE)
# 'collège Ferdinand-Bac, Compiègne. Depuis', 'école Anatole-France, Grenoble (quartier Mistral)': a town the lists
# know, after a comma, closing a sentence or before a parenthesis
CLOSING_LISTED_TOWN = re.compile(rf",[ \u00a0](?P<value>{TOWN})(?=\.(?:\s|$)|[ \u00a0]\()")
TOWN_ON_THE_NEXT_LINE = re.compile(rf"[ \t]*\n(?P<value>{TOWN})[ \t]*(?=\n)")
# 'Entretien du 13 mars 2024, Auch, par': a town between commas after a date
DATED_TOWN = re.compile(rf"(?:\b(?:19|20)\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}),[ \u00a0](?P<value>{TOWN}),")
# 'Visite à domicile — Awala-Yalimapo', '11/06/25 – Tsingoni.', 'Collège Jean-Marie Le Bris — Douarnenez': a listed
# town after a dash, ending a heading or before its comma, point, parenthesis or date
DASHED_TOWN = re.compile(rf"[ \t][—–][ \t]+(?P<value>{TOWN})(?=[ \t]*(?:[,.(\n]|$|[—–]|le[ \t]+\d))", re.MULTILINE)
# 'le départ de son père pour Lorient', 'repartie pour Bamako'
LEAVING = words("départ", "partir", "part", "parti", "partie", "partis", "repart", "reparti", "repartie", "billets?", "vol",
                "train")
DEPARTURE = Triggered(re.compile(rf"\b(?i:{LEAVING})\b(?:[^.;:\n]|(?<=\bM)\.){{0,50}}?\spour[ \u00a0]"
                                 rf"(?P<value>{TOWN})(?![\w’'])"), LEAVING)
# a country, capitalised anywhere ('Croatie, Slovénie'), in lower case after a preposition ('au portugal')
CAPITALISED_WORDS = re.compile(rf"(?<![\w])[{UPPER}][\w’'\-]*"
                               rf"(?:[ \u00a0](?:du|de|d['’]|et)?[ \u00a0]?[{UPPER}][\w’'\-]*)?")
LOWER_COUNTRY = re.compile(r"\b(?:à|au|aux|en|du|de|d['’]|par\s+l[ea])\s?"
                           r"(?P<value>[a-zà-ÿ][\w’'\-]+(?:\s(?:du|de|d['’])\s?[\w’'\-]+)?)")
# M. Diallo (Colomiers), MECS Les Saules (Muret): a town in parentheses after a name
AFTER_A_NAME = re.compile(rf"(?<=[\w])[ \u00a0]?\((?P<value>{WORD}(?:[ \-]{PARTICLE}?[ \-]?{WORD})?)\)")
NOT_A_PLACE = re.compile(r"[A-ZÀ-Þ]{2,}[\w]*|(?:Mère|Père|Mme|M|Enfant|Annexe|Voir|Cf|Ex|Sic|Fin|Suite|Total)")
NOT_A_PLACE_AFTER_A_PREPOSITION = re.compile(
    r"(?:Madame|Monsieur|Mme|Mlle|Maître|Maitre|Docteur|Dr|Noël|Noel|Pâques|Paques|Toussaint|Ramadan|Aïd|Mr|Me|"
    r"Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre|Lundi|Mardi|Mercredi|"
    r"Jeudi|Vendredi|Samedi|Dimanche|Elle|Il|Ils|Elles|Nous|Vous|On|Je|Tu|Ce|Cela|Ça|Celui|Celle|Chaque|Tout|Tous|"
    r"Toute|Toutes|Partir|Compter|Cause|Part|Propos|Priori|Savoir|Terme|Suite|Peine|Titre|Mi|Même|"
    # institutions, not towns ('à la Maison des adolescents', 'à la Mission locale'), and applications
    r"Maison|Mission|Service|Centre|Banque|Église|Eglise|Refuge|Cave|Snack|Sauvegarde|Association|Préfecture|"
    r"Education|Éducation|Direction|Conseil|Tribunal|Département|Foyer|École|Ecole|Collège|Lycée|Mairie|Hôpital|"
    r"Clinique|Pôle|Cellule|Plateforme|Procureur|Juge|Cabinet|Résidence|Cour|Parquet|Police|Gendarmerie|Brigade|"
    r"WhatsApp|Instagram|Facebook|Snapchat|TikTok|Messenger|Signal|Telegram|Skype|Zoom|Teams)(?:\b.*)?")
# 'vu à colomiers', 'chez la tante (vénissieux)', 'famille à la courneuve', 'père à moroni': a town in lower case,
# taken only if it is a commune or a town of the world that is not a French word (anonymizer/data/communes.txt,
# cities.txt), and not a surname after a title or a family ('mme pons', 'fam. lacaze')
LOWER_PLACE = re.compile(r"(?<![\w’'\-.@/])(?P<value>(?:(?:la|le|les)[ \u00a0]|l['’])?[a-zà-ÿ][a-zà-ÿ'’]*(?:-[a-zà-ÿ'’]+)*)"
                         r"(?![\w’'\-@]|\.\w)")  # not in an e-mail or a web address ('michele.perrier@...')
SURNAME_BEFORE = re.compile(r"(?i:\b(?:mme|mlle|melle|madame|monsieur|mr|m\.|dr|docteur|famille|fam\.|époux|epoux|"
                            r"enfants|chez les|les)[ \u00a0]+"
                            # 'juge (lacaze)', 'éduc (pons)': a role, then its holder in parentheses
                            r"|\b(?:juge|éduc|educ|éducatrice|éducateur|tisf|as|psy|avocate?|médecin|medecin)[ \u00a0]*\()$")
# a town of the world or a country in lower case only where a place is written: 'père à moroni', '(craiova)',
# 'roumanie, craiova', 'pazarcık (turquie)'
# ('voir asso', 'un point de deal' are words)
PLACE_PREPOSITION = r"(?<![\w’'])(?i:à|a|au|en|depuis|vers|via|dans|par)[ \u00a0]"
PLACE_BEFORE = re.compile(rf"(?:{PLACE_PREPOSITION}|[(,][ \u00a0]*)$")
# 'ma tante de kinshasa', "arrivés d'alep": after 'de', a town of the world that is no French word ('un point de deal')
OF_BEFORE = re.compile(r"(?<![\w’'])(?i:de[ \u00a0]|d['’])$")
# a large town that is also a word, in lower case after 'à', 'vers', 'depuis', 'via' or in parentheses: 'à paris',
# 'vers calais', '(castres)' (large_towns.txt), not after 'au', 'en' or 'dans' ('une cicatrice au menton', 'habillé
# en bordeaux') nor after a comma ('les tours, les barres')
TOWN_BEFORE = re.compile(r"(?:(?<![\w’'])(?i:à|vers|depuis|via)[ \u00a0]|\([ \u00a0]*)$")
# 'à hai phong (vietnam)': after a town in lower case too, a country that is no French word ('une arme (grenade)')
WORD_AND_PARENTHESIS = re.compile(r"\w[ \u00a0]?\($")
# a country in lower case after a preposition of place or in parentheses after a town ('Pazarcık (turquie)'), not
# in a list of words ('riz, chili, salade') nor after one ('une arme (grenade)')
COUNTRY_BEFORE = re.compile(rf"(?:{PLACE_PREPOSITION}|(?<![\w’'\-])[A-ZÀ-ÖØ-Þ][\w’'\-]*[ \u00a0]?\()$")
# 'Alain Van Damme': a capitalised word before, not at a sentence's start ('Retour Bamako prévu')
WORD_OF_A_NAME_BEFORE = re.compile(rf"(?<![.!?:;\n])(?<![.!?:;\n] )(?<!^)(?<![\w’'\-])[{UPPER}][\w’'\-]*[ \u00a0]$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*)$")

PLURAL_ARTICLE_BEFORE = re.compile(r"(?<![\w’'])(?i:des|les|aux)[ \u00a0]$")

# 'Carrefour de Quetigny', 'agence Randstad de Creil', 'UMJ de Caen', 'CHRU de Nancy': a town the lists know after a
# firm's or a service's name (not 'Simone de Beauvoir': a first name before 'de' makes a person's name)
NAME_OF_A_TOWN = re.compile(rf"(?<![\w\-])(?P<before>[{UPPER}][\w’'\-]*)[ \u00a0](?:de|du|d['’])[ \u00a0]?"
                            rf"(?P<value>{TOWN})(?![\w’'\-])")
NOT_IN_A_TOWN_BEFORE = re.compile(rf"{NOT_IN_A_TOWN}|Dr|Me|Maître|Docteur|Près|Pres|Proche|Sortie|Famille")
# between a firm and its town: 'Intermarché de Louhans', 'Adecco Lens'
FIRM_TO_ITS_TOWN = re.compile(r"\s*(?P<of>de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])?")
SCORE, SCORE_AFTER_A_NAME, SCORE_TOWARDS, SCORE_LISTED = 0.85, 0.7, 0.6, 0.8
# a place a list knows, found by a weaker rule: surer than the model's person (0.8) or a first name (0.75)
SCORE_KNOWN = 0.82


class PlaceRecognizer(FrenchRecognizer):
    LABEL = "LOCATION"

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE)
                 for match in IN_A_SERVICE.finditer(text)  # 'TRIBUNAL JUDICIAIRE D'AUCH' too, not 'CFA du BTP de Muret'
                 if (match.group("value").isupper() or not match.group("value").split()[0].isupper())
                 and fold(match.group("value").split()[-1]) not in STOP_WORDS]  # 'BRIGADE DE PROTECTION DE LA'
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE)
                  for match in IN_A_SCHOOL.finditer(text) if may_be_a_place(match.group("value"))
                  and not is_first_name(match.group("value").split()[0], True)]
        for match in JOURNEY.finditer(text):
            start = match.start("value")
            for town in match.group("value").split("-"):
                found.append(finding(self, self.LABEL, start, start + len(town), SCORE))
                start += len(town) + 1
        at_home = list(AT_HOME.finditer(text))
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE)
                  for match in (*at_home, *ORIGIN.finditer(text), *STATION.finditer(text))
                  if not NOT_A_PLACE.fullmatch(match.group("value"))]
        found += [finding(self, self.LABEL, match.start("country"), match.end("country"), SCORE)
                  for match in at_home if match.group("country")]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE_AFTER_A_NAME)
                  for match in AFTER_A_NAME.finditer(text) if may_be_a_place(match.group("value"))
                  and not any(is_first_name(word, True) for word in match.group("value").split())]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"),
                          SCORE_KNOWN if is_listed_place(match.group("value")) else SCORE_TOWARDS)
                  for rule in (TOWARDS, LETTER_PLACE, LIST_HEAD, NEAR, DATED_TOWN, DEPARTURE)
                  for match in rule.finditer(text) if may_be_a_place(match.group("value"))
                  # not 'transmets à Loïc'
                  and not (rule in (TOWARDS, DATED_TOWN, DEPARTURE) and is_first_name(match.group("value"), True))]

        found += [finding(self, self.LABEL, match.start("value"), match.start("value") + len(town), SCORE_KNOWN)
                  for rule in (DASHED_TOWN, LIVES_IN, CLOSING_LISTED_TOWN, BRIGADE) for match in rule.finditer(text)
                  if (town := listed_start(match.group("value"))) and may_be_a_place(town)
                  and not is_first_name(town, True)]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE)
                  for match in CLOSING_TOWN.finditer(text) if may_be_a_place(match.group("value"))
                  and not any(is_first_name(word, True) for word in match.group("value").split())]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE_KNOWN)
                  for match in ARRONDISSEMENT.finditer(text)]
        establishments = list(ESTABLISHMENT.finditer(text))
        found += [finding(self, self.LABEL, match.start() + town.start("town"), match.start() + town.end("town"), SCORE)
                  for match in establishments if (town := town_at_the_end(match))]
        found += [finding(self, self.LABEL, *town, SCORE_KNOWN)
                  for match in establishments if (town := town_of_its_kind(match))]
        found += [finding(self, self.LABEL, town.start("value"), town.end("value"), SCORE)
                  for match in establishments  # 'Collège Les Cèdres\nCastres\n': a letter's heading
                  if (town := TOWN_ON_THE_NEXT_LINE.match(text, match.end())) and may_be_a_place(town.group("value"))]
        found += [finding(self, self.LABEL, match.start("name") + town.start("town"),
                          match.start("name") + town.end("town"), SCORE)  # 'service d'urgence L'Escale de Foix'
                  for match in NAME_AFTER_ITS_KIND.finditer(text) if (town := TOWN_AT_THE_END.search(match.group("name")))]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE_KNOWN)
                  for match in NAME_OF_A_TOWN.finditer(text) if is_town_of_a_name(match)]
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE)
                  for match in POSTCODE.finditer(text)]
        found += self._towns_of_services(text)
        found += [finding(self, self.LABEL, town.start("lower"), town.end("lower"), SCORE)
                  for match in (*establishments, *AFTER_CAPITALS.finditer(text))
                  if (town := LOWER_TOWN_IN_PARENTHESES.match(text, match.end())) and is_lower_town(town.group("lower"))]
        found += self._countries_and_cities(text)
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE_TOWARDS)
                  for match in LOWER_PLACE.finditer(text) if is_lower_place(text, match)]
        seeds = [result.end for result in found]
        seeds += [span.end_char for span in (nlp_artifacts.entities if nlp_artifacts else ())
                  if span.label_ == "LOCATION" and span.text[:1].isupper()]
        return self._without_a_firm_before(text, found) + self._listed_after(text, seeds)

    def _without_a_firm_before(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """'à l'Intermarché de Montceau', 'via Adecco Lens': a firm of the lists, then its town; the town alone is
        the place (the firm is the organizations' rules'): after 'de', or when the lists know it; nothing else ('à
        Auchan Drive')."""
        firms: dict[int, int] | None = None
        kept = []
        for result in found:
            value = text[result.start:result.end]
            if " " in value and not is_listed_place(value):  # not 'Onet le Château', a town
                firms = dict(listed_names(text)) if firms is None else firms
                end = firms.get(result.start)
                if end and end < result.end:
                    between = FIRM_TO_ITS_TOWN.match(text, end, result.end)
                    assert between is not None  # all of it is optional
                    start = between.end()
                    if not (between.group("of") or listed_start(text[start:result.end])):
                        continue  # 'à Auchan Drive', 'à Lidl Express': the firm's name goes on
                    result = finding(self, self.LABEL, start, result.end, result.score)
            kept.append(result)
        return kept

    def _towns_of_services(self, text: str) -> list[RecognizerResult]:
        found = []
        for match in TOWN_OF_A_SERVICE.finditer(text):
            group = "value" if match.group("value") else "lower"
            value = match.group(group)
            if is_first_name(value.split()[0].split("-")[0], True):
                continue
            if may_be_a_place(value) if group == "value" else is_lower_town(value):
                found.append(finding(self, self.LABEL, match.start(group), match.end(group), SCORE))
        return found

    def _countries_and_cities(self, text: str) -> list[RecognizerResult]:
        """Countries, the world's towns and France's large ones (not all the communes: many are surnames) wherever
        they are, but not as the last word of a name ('Alain Van Damme', 'Mme Laval')."""
        countries, cities, towns = folded_words("countries.txt"), folded_words("cities.txt"), folded_words("large_towns.txt")

        def known(words: str, start: int | None = None) -> bool:
            """A country, a world's town or a large town; one that is also a word after a plural article or
            starting a sentence (`start`) is the word ('le pèlerinage des Saintes', 'Lourdes conséquences')."""
            if words in countries or words in cities:
                return True
            return words in towns and not (start is not None and words in folded_words("communes_also_words.txt") and (
                PLURAL_ARTICLE_BEFORE.search(text, max(0, start - 5), start)
                or SENTENCE_START.search(text, max(0, start - 3), start)))

        def of_a_person(words: str, start: int) -> bool:  # 'Mme Laval', 'famille Vienne': a town as a surname
            return words not in countries and bool(SURNAME_BEFORE.search(text, max(0, start - 20), start))

        def word_before(start: int) -> str:  # 'Alain Van Damme': the capitalised word before, not a sentence's start
            before = WORD_OF_A_NAME_BEFORE.search(text, max(0, start - 30), start)
            return before.group().strip() if before else ""

        def ends_a_name(words: str, before: str) -> bool:
            """'Alain Van Damme': a world's town after a capitalised word; a large French town only after a first
            name ('Auchan Arras', 'Médecins du Monde Lille' are a firm and its town)."""
            return bool(before) and words not in countries and (words not in towns or is_first_name(before, True))

        found = []
        for match in CAPITALISED_WORDS.finditer(text):
            value = match.group()
            folded = listed_form(value)
            place = folded if known(folded, match.start()) else folded.split()[0] \
                if " " in value and known(folded.split()[0], match.start()) else None
            if place and not of_a_person(place, match.start()) and not ends_a_name(folded, word_before(match.start())):
                end = match.end() if place == folded else match.start() + len(value.split()[0])
                found.append(finding(self, self.LABEL, match.start(), end, SCORE_LISTED))
            elif " " in value and known(town := folded.split()[-1]) \
                    and (SENTENCE_START.search(text, max(0, match.start() - 3), match.start())
                         or not ends_a_name(town, value.split()[0])) \
                    and not of_a_person(town, last := match.start() + value.rindex(" ") + 1):
                # 'Retour Bamako prévu': the first word only starts the sentence; 'Auchan Arras': a firm's
                found.append(finding(self, self.LABEL, last, match.end(), SCORE_LISTED))
        found += [finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE_LISTED)
                  for match in LOWER_COUNTRY.finditer(text) if fold(match.group("value")) in countries
                  or fold(match.group("value").split()[0]) in countries]
        return found

    def _listed_after(self, text: str, seeds: list[int]) -> list[RecognizerResult]:
        """The places listed after a place: 'Bamako, Niamey, Agadez', 'Turquie (Erzurum, Ankara)'."""
        found, seen = [], set()
        for end in seeds:
            while end not in seen and (match := NEXT_PLACE.match(text, end)):
                seen.add(end)
                if not may_be_a_place(match.group("value")) or is_first_name(match.group("value").split()[0], True) \
                        or (match.group("slash") and not is_listed_place(match.group("value"))):
                    break  # 'Hawa et Adama', 'Né à Lille / Nationalité française'

                found.append(finding(self, self.LABEL, match.start("value"), match.end("value"), SCORE_LISTED))
                end = match.end("value")
        return found


def may_be_a_place(value: str) -> bool:
    """Not a word in capitals ('PAR CES MOTIFS', 'MDS de Muret': the town is found after the service), a
    title, a month, a pronoun nor an institution."""
    return not any(len(word) > 1 and word.isupper() for word in value.split()) and not NOT_A_PLACE.fullmatch(value) \
        and not NOT_A_PLACE_AFTER_A_PREPOSITION.fullmatch(value)


def listed_start(value: str) -> str | None:
    """The longest start of `value`, in whole words, that the lists know as a place ('Carpentras PV' -> 'Carpentras',
    'Saint-Jean de Luz' whole)."""
    words_of_value = value.split(" ")
    for count in range(len(words_of_value), 0, -1):
        if is_listed_place(start := " ".join(words_of_value[:count])):
            return start
    return None


def is_lower_town(value: str) -> bool:
    """A word in lower case that may be a town: not a stop word, a first name, a participle, an adjective nor a
    word of the trade or the family ('prévenue', 'ok', 'mère', 'tisf')."""
    return not (fold(value) in STOP_WORDS or NOT_A_LOWER_TOWN.fullmatch(value.lower())
                or is_first_name(value.split("-")[0], True))


def is_lower_place(text: str, match: re.Match) -> bool:
    """A word in lower case that is a commune, or a town of the world, a large town that is also a word or a country
    where a place is written, neither a French word, a first name nor a surname after a title."""
    value, start = match.group("value"), match.start()
    if len(value) < 4:
        return False
    return _is_listed_where_written(text, start, value) and not is_first_name(value.split("-")[0], True) \
        and not SURNAME_BEFORE.search(text, max(0, start - 20), start)


def _is_listed_where_written(text: str, start: int, value: str) -> bool:
    """A commune anywhere; a world's town after a preposition of place, or after 'de' when no French word; a large
    town that is a word after 'à', 'vers', 'depuis', 'via' or in parentheses; a country after a preposition or a
    town's parenthesis, or after any word's when no French word (not 'à la réunion de synthèse')."""
    folded = listed_form(value)
    if folded in folded_words("communes.txt"):
        return True
    if folded in folded_words("cities.txt") and (
            PLACE_BEFORE.search(text, max(0, start - 8), start)
            or (OF_BEFORE.search(text, max(0, start - 3), start) and not is_french_word(value))):
        return True
    if folded in folded_words("large_towns.txt") and TOWN_BEFORE.search(text, max(0, start - 8), start):
        return True
    return folded in folded_words("countries.txt") and " " not in value and bool(
        COUNTRY_BEFORE.search(text, max(0, start - 30), start)
        or (WORD_AND_PARENTHESIS.search(text, max(0, start - 3), start) and not is_french_word(value)))


def is_town_of_a_name(match: re.Match) -> bool:
    """A capitalised town of the lists after a word that is not a first name, a title nor a sentence's first
    word ('Carrefour de Quetigny', not 'Simone de Beauvoir', 'Mme de Montfort' nor 'Près de Rouen')."""
    before, town = match.group("before"), match.group("value")
    return is_listed_place(town) and not town.isupper() and not NOT_IN_A_TOWN_BEFORE.fullmatch(before) \
        and not is_first_name(before.split("-")[0], True) and (before.isupper() or not is_first_name(town, True))
