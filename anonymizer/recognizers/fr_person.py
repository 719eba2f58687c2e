"""PERSON: the French model's names, strengthened for the way professionals write: an honorific before
a name ('Mme DUPONT', 'M. Karim BENALI', 'Dr Lefèvre'), first name with an all-caps surname in either
order, hyphenated first names, particles ('de La Fontaine'), 'la famille MARTIN'. The honorific is
never part of the name, and 'Mme' alone is not a person. A first name from the lexicon names someone
alone ('Lucas est scolarisé') or with the surname after it ('Rémy Camus'). Whatever its origin, a
capitalised word is a name after a word of kinship or age ('sa sœur Rojda', 'le jeune Oumar', 'ses
enfants Zilan et Baran'), a nickname in quotes or guillemets after 'dit', 'surnommé' or a name ('dit
« Titi »', 'Kevin "Bébé" MARTIN'), and both families in 'Famille KAYA / DEMIR'."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.first_names import is_first_name, is_lone_lower_case_first_name, is_lower_case_first_name
from anonymizer.lexicons import (
    SHORTHAND,
    folded_words,
    is_french_word,
    is_listed_place,
    is_service_acronym,
    is_town_in_lower_case,
    listed_form,
)
from anonymizer.recognizers.base import FrenchRecognizer, finding, words
from anonymizer.recognizers.triggered import Triggered
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold

# Case-sensitive: 'm.' is a metre and 'me' a pronoun.
HONORIFIC = (r"(?:M\.|MM\.|Mr\.?|MR\.?|Mme|MME|Mmes|Mlle|MLLE|Mlles|Melle|mme|mlle|mr\.?|Madame|MADAME|Monsieur|MONSIEUR|"
             r"Mademoiselle|Dr\.?|DR\.?|Docteur|Me|Maître|Maitre|Pr\.?|Professeur)(?![\w])")
# Latin letters with the marks of Polish, Czech, Turkish, Romanian or Vietnamese names too.
EXTENDED = [chr(code) for code in (*range(0x100, 0x250), *range(0x1E00, 0x1F00))]
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(ch for ch in EXTENDED if ch.isupper())
LOWER = "a-zà-öø-ÿ" + "".join(ch for ch in EXTENDED if ch.islower())
CAPITALISED = rf"[{UPPER}](?:[’'][{UPPER}])?[{LOWER}’']+(?:-[{UPPER}][{LOWER}’']+)*"
ALL_CAPS = rf"[{UPPER}]{{2,}}(?:[\-’'][{UPPER}]{{2,}})*"
PARTICLE = words("de", "du", "des", "de la", "d'", "d’", "le", "la", "van", "von", "ben", "ibn", "el", "al", "da",
                 "dos", "di", "Le", "La", "De", "Du")
NAME_WORD = rf"(?:{ALL_CAPS}|{CAPITALISED})"
FULL_NAME = rf"(?:{PARTICLE}\s?)?{NAME_WORD}(?:[ \u00a0](?:{PARTICLE}\s?)?{NAME_WORD}){{0,3}}"

AFTER_HONORIFIC = (
    # Mme DUPONT, M. Karim BENALI, Dr Lefèvre, Me de La Fontaine: the name after the honorific
    re.compile(rf"(?<![\w]){HONORIFIC}\.?[ \u00a0]+(?P<value>{FULL_NAME})"),
    # mme georges, m. de oliveira: a hurried note, one lower-case name after the honorific
    re.compile(rf"(?<![\w])(?:mme|mlle|melle|mr|(?<!\d )m\.|dr)\.?[ \u00a0]+(?P<value>(?:(?:de|du|le|la|d')\s?)?"
               rf"(?!(?:est|a|et|ne|se|qui|que|dit|va|sa|son|ses|y|en|le|la|les|juge|maire)\b)[{LOWER}]{{2,}})"),
)
BY_WRITING = (
    # Marie DUPONT, Jean-Pierre LE GALL
    re.compile(rf"(?<![\w])(?!{HONORIFIC}(?![\w]))"
               rf"(?P<value>{CAPITALISED}(?:[ \u00a0]{CAPITALISED})?[ \u00a0]{ALL_CAPS}(?:[ \-]{ALL_CAPS})*)"
               rf"(?![\w])"),
    # DUPONT Marie (an article after capitals is a sentence's: 'la SNCF La semaine dernière', 'le CMP Les Tilleuls')
    re.compile(rf"(?<![\w])(?P<value>{ALL_CAPS}(?:[ \-]{ALL_CAPS})*[ \u00a0](?!(?:Les?|La|Une?|Des|Du|De)(?![\w’'\-]))"
               rf"{CAPITALISED})(?![\w])"),
    # la famille MARTIN, chez les DURAND, les époux PETIT
    re.compile(rf"\b(?i:famille|chez les|les époux|les epoux|époux|epoux|épouse|epouse|veuve|née|nee)[ \u00a0]"
               rf"(?P<value>{ALL_CAPS}(?:[ \-]{ALL_CAPS})*|{CAPITALISED})(?![\w])"),
)
FAMILY = r"\b(?i:familles?(?:\s+connues)?|fam\.?|famille\s+d['’]accueil|enfants|dossier|fratrie|sit\.)\s*:?[ \u00a0]*"
FAMILY_NAME = rf"(?:{ALL_CAPS}(?:[ \-]{ALL_CAPS})*|(?:{PARTICLE}\s?)?{CAPITALISED}(?:[ \u00a0]{CAPITALISED})?)"
# 'situation KOVALENKO', not 'situation Financière': after 'situation', a name in capitals only
SITUATION = r"\b(?i:situation)\s*:?[ \u00a0]*"
NAME_IN_CAPITALS = rf"{ALL_CAPS}(?:[ \-]{ALL_CAPS})*"


def families(before: str, name: str) -> tuple[re.Pattern, re.Pattern]:
    """The family after `before`, and the second one after a slash, 'et' or '&'."""
    return (re.compile(rf"{before}(?P<value>{name})(?![\w’'])"),
            re.compile(rf"{before}{name}\s*(?:/|\bet\b|&)\s*(?P<value>{name})(?![\w’'])"))


# 'Famille : Boukhris / Lefèvre', 'enfants DOUDAÏEV', 'fam. SELIMI', 'famille d'accueil Carrière', 'Famille KAYA /
# DEMIR', 'familles Diallo et Camara', 'familles connues : RADU et CIOBANU', 'situation DEMIR / KAYA'
FAMILIES = (*families(FAMILY, FAMILY_NAME), *families(SITUATION, NAME_IN_CAPITALS))
# 'Nom : CAMARA', 'Nom d'usage : Diallo': a form's field for the name (not 'Nom : NC', non communiqué)
NAME_FIELD = re.compile(rf"(?m:^|[.;]\s)(?:Nom|NOM)(?:\s+(?:de\s+famille|d['’]usage|de\s+naissance|patronymique))?"
                        rf"\s*:[ \u00a0]*(?!(?:NC|NR|SO|XX?|Inconnue?|INCONNUE?|Néant|NÉANT|Neant|NEANT)\b)"
                        rf"(?P<value>{ALL_CAPS}(?:[ \-]{ALL_CAPS})*|{CAPITALISED}(?:[ \-]{CAPITALISED})?)"
                        rf"(?![\w’'])")
# 'Bonjour Julie,', 'Chère Awa,', and a mail's first line when a first name ('Pierre,'): whom it is written to.
GREETING = re.compile(rf"\b(?:Bonjour|Bonsoir|Salut|Coucou|Cher|Chère|Hello)[ \u00a0]+(?P<value>{CAPITALISED})"
                      rf"(?=\s*[,!\n])")
ADDRESSEE_LINE = re.compile(rf"(?m:^)(?P<value>{CAPITALISED}),(?m:[ \t]*$)")
# 'C. Lafuste', 'M.-H. Calmettes', 'V. Lopes': initials and a surname ('M. Diallo' is Monsieur Diallo).
INITIALS = re.compile(rf"(?<![\w.])(?P<value>(?!M\.\s)[{UPPER}]\.(?:-[{UPPER}]\.)?[ \u00a0](?:{ALL_CAPS}|{CAPITALISED}))"
                      rf"(?![\w’'])")
# In lower case beside what makes it a person, even a name that is also a word: 'bb maria 14 mois',
# '(claire ou hamid)', 'petits (moussa 7a, kadi 4a)', 'mari lamine sylla'.
LOWER_BESIDE_A_PERSON = re.compile(
    rf"(?:\b(?:mère|mere|père|pere|mari|femme|frère|frere|sœur|soeur|fils|fille|bb|bebe|bébé|cadre|oncle|tante|"
    rf"copain|copine|compagnon|compagne|éduc|educ|présents?\s*:)\s+|\(\s*)"
    rf"(?P<value>[{LOWER}]{{3,}}(?:-[{LOWER}]{{2,}})?)(?![\w’'@\-])"
    rf"|(?<![\w’'@./\-])(?P<aged>[{LOWER}]{{3,}}(?:-[{LOWER}]{{2,}})?)(?=\s\(?\d{{1,2}}\s?(?:a|ans|mois)\b)")
# Some lists give them as first names ('Pere'): in lower case, they are the family's roles.
KIN_IN_LOWER_CASE = {"pere", "mere", "frere", "soeur", "oncle", "tante", "fils", "fille", "cousin", "cousine", "papa",
                     "maman"}
# Languages of the families that some lists give as first names: in lower case, a language ('interprète dari',
# 'Langue : dari', 'arabe (darija)'), where a first name after 'interprète' stays a name ('interprète fatima')
LANGUAGES = {"dari", "darija", "pachto", "pashto", "farsi", "ourdou", "urdu", "tamoul", "tigrinya", "tigrigna",
             "amharique", "peul", "pular", "soninke", "bambara", "malinke", "soussou", "wolof", "lingala", "haoussa",
             "swahili", "kurmandji", "sorani", "shimaore", "kibushi", "comorien", "creole", "bengali", "arabe"}
KIN_OR_LANGUAGE = KIN_IN_LOWER_CASE | LANGUAGES
# In lower case in a hurried note: 'vu karim ce matin', 'présents : florin (père), mihaela'.
LONE_LOWER = re.compile(rf"(?<![\w’'@./\-])(?P<value>[{LOWER}]{{3,}}(?:-[{LOWER}]{{2,}})?)(?![\w’'@\-])")
OPEN_QUOTE, CLOSE_QUOTE = "«\"“‘'", "»\"”’'"
NICKNAME = rf"[^\s{OPEN_QUOTE}{CLOSE_QUOTE}.,;:!?]+(?:[ \-][^\s{OPEN_QUOTE}{CLOSE_QUOTE}.,;:!?]+)?"
NOT_A_NICKNAME = {"non", "oui", "ok", "stop", "merci", "maman", "papa", "mamie", "papi", "papy", "tata", "tatie",
                  "tonton", "mummy", "daddy"}
NICKNAMES = (
    # surnommée 'Bébé', se fait appeler "Djo", alias « le Grand »: one or two words in quotes
    re.compile(rf"\b(?i:surnommée?s?|alias|surnom|sobriquet|se fait appeler|prénom d['’]usage|un certain|"
               rf"une certaine|pseudo|pseudonyme)\s*:?\s*"
               rf"[{OPEN_QUOTE}]\s?(?P<value>{NICKNAME})\s?[{CLOSE_QUOTE}]"),
    # dit « Titi », appelé "Bébé": a capital too, since 'dit « je veux »' quotes what was said
    re.compile(rf"\b(?i:dit|dite|dits|dites|appelée?s?)\s*:?\s*[{OPEN_QUOTE}]\s?(?P<value>[{UPPER}]{NICKNAME})"
               rf"\s?[{CLOSE_QUOTE}]"),
    # appelle « Didi », le surnom de « Apo », Emre (« Memo »), Rosalina, Django et « Titi », « Titi » : ...
    re.compile(rf"(?:\b(?i:appelle|appellent|appelait|surnom\s+de|nom\s+de)\s+|[({OPEN_QUOTE[0]}]\s?(?=[«\"“])|"
               rf"\b(?:et|,)\s+(?=[«\"“])|(?m:^))[«\"“]\s?(?P<value>[{UPPER}]{NICKNAME})\s?[»\"”]"),
    # Kevin « Titi » MARTIN: quotes right after a name
    re.compile(rf"(?<![\w])(?:{NAME_WORD})[ \u00a0]+[«\"“]\s?(?P<value>[{UPPER}]{NICKNAME})\s?[»\"”]"),
)
KIN = words("fils", "fille", "filles", "frère", "frere", "frères", "sœur", "soeur", "sœurs", "soeurs", "demi-frère",
            "demi-sœur", "demi-soeur", "cousin", "cousine", "oncle", "tante", "neveu", "nièce", "niece", "grand-mère",
            "grand-père", "grand-mere", "grand-pere", "compagnon", "compagne", "conjoint", "conjointe", "concubin",
            "concubine", "mari", "époux", "epoux", "épouse", "epouse", "ami", "amie", "copain", "copine",
            "petit ami", "petite amie", "beau-père", "belle-mère", "bébé", "bebe", "enfant", "enfants", "aîné",
            "aînée", "aine", "ainee", "cadet", "cadette", "benjamin", "benjamine", "jumeau", "jumelle", "jumeaux",
            "jumelles", "jeune", "petit", "petite", "mineur", "mineure", "adolescent", "adolescente", "nourrisson",
            "garçon", "garcon", "fillette", "voisin", "voisine", "parrain", "marraine", "prénommée?", "prenommée?",
            "nommée?", "nouveau-née?", "jeunes", "demi-frères", "demi-sœurs", "cousins", "cousines")
# sa sœur Rojda, le jeune Oumar KEITA, ses enfants Zilan et Baran, prénommé Wislande
AFTER_KIN = Triggered(re.compile(rf"(?<![\w])(?i:{KIN}),?[ \u00a0]+(?P<value>{CAPITALISED}(?:[ \u00a0]{ALL_CAPS})?)"
                                 rf"(?![\w’'])"), KIN)
# ', Baran et Zilan': more names in the same list
NEXT_IN_LIST = re.compile(rf"(?:\s*,\s*(?:et\s+)?|\s+et\s+|\s*&\s*)(?P<value>{CAPITALISED}(?:[ \u00a0]{ALL_CAPS})?)"
                          rf"(?![\w’'])")
# What only a person does: 'Thembekile dort', 'Rojda explique', 'Baran est scolarisé', 'Hêvî a fugué'.
PERSON_VERBS = (r"(?:dort|dormait|pleure|pleurait|rit|sourit|explique|expliquait|raconte|racontait|déclare|confie|"
                r"souhaite|souhaitait|refuse|refusait|accepte|exprime|évoque|evoque|verbalise|parle|parlait|joue|"
                r"jouait|mange|mangeait|grandit|marche|fugue|fréquente|frequente|cumule|investit|participe|"
                r"interpelle|sollicite|dit|disait|répond|repond|pose|semble\s+(?:aller|apaisée?|triste|inquiète?|"
                r"fatiguée?|épanouie?|contente?|heureuse|heureux)|va\s+(?:mieux|bien|mal)|"
                r"(?:est|était|etait|a\s+été|a\s+ete)\s+(?:scolarisée?|suivie?|née?|arrivée?|placée?|accueillie?|"
                r"venue?|revenue?|rentrée?|partie?|"
                r"hospitalisée?|orientée?|confiée?|reçue?|recue?|entendue?|vue?|présente|presente|absente|"
                r"calme|souriante?|agitée?|angoissée?|inquiète|inquiet|fatiguée?|enceinte|malade|mineure?|majeure?|"
                r"âgée?|agee?|en\s+(?:CP|CE1|CE2|CM1|CM2|6e|5e|4e|3e|seconde|première|terminale|classe|"
                r"petite|moyenne|grande))|"
                r"a\s+(?:fugué|fugue|fêté|fete|repris|déclaré|declare|expliqué|explique|dit|raconté|pleuré|"
                r"obtenu|intégré|integre|rencontré|rencontre|été\s+placée?|ete\s+placee?)|"
                r"est\s+(?:plus|moins|très|tres|toujours|encore|souvent|parfois|bien|mieux)\s+\w+|"
                r"ira|voudrait|veut|voulait|aurait|part|partira|parlera|confiée?|a\s+\d{1,2}\s+ans|"
                r"a\s+(?:lu|demandé|appelé|pleuré|crié|fait|mangé|dormi|reçu|refusé|accepté|indiqué|montré|frappé|tapé|"
                r"menacé|écrit|envoyé|téléphoné|quitté|rejoint|grandi|changé|commencé|arrêté|repris|retrouvé)\b|"
                r"(?:se\s+|s['’])(?:est|montre|dit|sent|plaint|confie|exprime|endort|oppose|met|présente|presente|"
                r"rend|lève|leve|couche|comporte|bagarre|scarifie|isole|réfugie|refugie|souvient|inquiète)\b)")
# 'Sadaka, 9 ans', 'Sabari (14/10/2010)', 'Zuba (née le ...)': a name with its age or birth date.
WITH_AGE_OR_BIRTH = (r"(?:,\s*|\s*\(\s*)(?:(?:enfant|fille|garçon|fils|bébé|jeune|âgée?)\s+(?:de\s+|d['’])?)?"
                     r"(?:\d{1,2}\s?(?:ans|mois)\b|\d{1,2}/\d{1,2}/\d{2,4}|née?\b|nee?\b)")
DOES_OR_IS = re.compile(rf"(?<![\w’'])(?P<value>{CAPITALISED})(?=\s+{PERSON_VERBS}(?![\w])|{WITH_AGE_OR_BIRTH})")
# What is done to a person: 'accueille Gavin', 'rencontre Thembekile', 'au sujet de Busara', 'situation LECOQ'.
DONE_TO = words("accueille", "accueillent", "accueilli", "rencontre", "rencontré", "rencontrée", "rencontrer", "reçoit",
                "reçu", "reçue", "recu", "recue", "accompagne", "accompagné", "accompagnée", "emmène", "emmene",
                "récupère", "recupere", "récupérer", "vu", "vue", "vus", "voit", "voir", "appelé", "appelée", "contacté",
                "contactée", "contacte", "confié", "confiée", "placer", "avec", "au sujet de", "auprès de",
                "aupres de", "concernant", "situation", r"sit\.", "dossier de")
PERSON_OBJECT = Triggered(re.compile(
    rf"\b(?i:{DONE_TO})[ \u00a0]+(?P<value>{CAPITALISED}(?:[ \u00a0]{ALL_CAPS})?"
    rf"|{ALL_CAPS}(?:[ \-]{ALL_CAPS})*(?:[ \u00a0]{CAPITALISED})?)(?![\w’'])"), DONE_TO)
# 'la TISF Laure', 'l'éducatrice Sarah', 'le juge Dubois', 'pédiatre Dr Nguyen': a name after its role
ROLE = words("TISF", "éduc", "educ", "éducatrice", "éducateur", "educatrice", "educateur", "assistante sociale",
             "assistant social", "AS", "AF", "assfam", "psychologue", "psy", "infirmière", "infirmier", "référente?",
             "referente?", "juge", "pédiatre", "pediatre", "médecin", "medecin", "maîtresse", "maitresse", "CPE",
             "cheffe? de service", "interprète", "interprete", "avocate?", "greffière?", "substitute?", "enseignante?",
             "professeure?", "orthophoniste", "puéricultrice", "sage-femme", "bénévole", "voisine?", "directrice",
             "directeur", "conseillère", "conseiller", "évaluatrice", "évaluateur", "mamie", "papi", "mamy", "papy",
             "tata", "tonton", "marraine", "parrain")
RELATIVES = words("oncle", "tante", "mère", "père", "cousin", "cousine")
RELATIVE = re.compile(rf"(?i:{RELATIVES})\b")
AFTER_ROLE = Triggered(re.compile(
    rf"\b(?:{ROLE})[ \u00a0]+(?P<value>{CAPITALISED}(?:[ \u00a0](?:{ALL_CAPS}|{CAPITALISED}))?)(?![\w’'])"
    rf"|\b(?:{ROLE}|{RELATIVES})[ \u00a0]*\((?P<lower>[{LOWER}]{{3,}}(?:-[{LOWER}]+)?)\)"), ROLE, RELATIVES)
# '04/12 – synthèse MADI (cugnaux)', 'lun 20/01 – BARRÈRE – appel': a surname in capitals in a dated line's heading
DATED_LINE_SURNAME = re.compile(rf"(?m:^(?:\w{{3}}\.?\s)?\d{{1,2}}/\d{{1,2}}\b[^\n]{{0,30}}?[\s–-])"
                                rf"(?P<value>{ALL_CAPS})(?![\w’'])")
# A noun of the trade, not a name, where a sentence starts with it: 'Évaluation confiée à', 'Orientation confiée'
# (not -ment: 'Froment dort')
NOUN_ENDING = re.compile(r"\w+(?:tion|sion|ité|isme)s?")
DETERMINER_BEFORE = re.compile(r"(?i:\b(?:le|la|les|l|un|une|du|des|au|aux|sa|son|ses|leur|leurs|ce|cette|cet|"
                               r"notre|votre|mon|ma|mes)\s?|[’'])$")
# The model's name ends at a line break or a dash between spaces ('famille Guyot – La Ferme des Granges').
BREAK = re.compile(r"\n|\s[–—-]\s")
LEADING_HONORIFIC = re.compile(rf"(?:{HONORIFIC}[ \u00a0.]*)+")
# A capitalised word, with the capitalised word or surname in capitals that may follow it, looked at but not
# taken, so that the next word is a candidate too ('Suivi de Lina'). After an elided 'de' or 'que' too: 'l'otite
# d'Emre', 'il dit qu'Axel'.
CANDIDATE = re.compile(rf"(?:(?<![\w’'\-])|(?<=\b[dD][’'])|(?<=qu[’']))(?P<first>{CAPITALISED})(?![\w’'])"
                       rf"(?:(?=(?P<last>[ \u00a0](?:{PARTICLE}\s?)?{NAME_WORD})(?![\w’'])))?")
NAME_BEFORE = re.compile(rf"(?<![\w’']){CAPITALISED}[ \u00a0](?:{PARTICLE}\s?)?$")
LOWER_CANDIDATE = re.compile(rf"(?<![\w’'])(?P<first>[{LOWER}]{{4,}}(?:-[{LOWER}]+)?)[ \u00a0]"
                             rf"(?P<last>(?:(?:de|du|le|la|d')[ \u00a0])?[{LOWER}]{{3,}})(?![\w’'])")
# Before these, a lone capitalised word is a place: 'née à Muret', 'Tribunal judiciaire de Montauban', 'a' written
# for 'à' but not in 'il y a Mariam'. Not 'de' alone: 'au sujet de Margaux'.
PLACE_BEFORE = re.compile(r"(?:\b(?:à|(?<!\by )(?<!\bil )(?<!\bon )(?<!\belle )a|en|au|aux|vers|sur|près de|depuis)|"
                          r"(?i:judiciaire|parquet|tribunal|mairie|ville|commune|région|cmp|mds|caf|cpam|tj)\s+"
                          r"(?:de|d'|d’))\s?$")
# 'des coups à Kévin', 'vigilance sur Manon': after 'à' or 'sur', a first name that names no place is a person
AT_SOMEONE = re.compile(r"\b(?:à|sur)\s$")
# After a verb of speaking or giving, 'à' comes before the person spoken to ('je transmets à Clémence').
TO_SOMEONE = re.compile(r"\b(?:transmets|transmet|transmis|transmettre|dit|dire|demander|demandé|demande|parle|parlé|"
                        r"parler|écrit|écrire|envoyé|envoyée|envoie|communiqué|communiquer|téléphoné|offert|offre|"
                        r"donné|donne|donner|explique|expliqué|expliquer|annoncé|annonce|répondu|répond|rappelle|"
                        r"rappeler|propose|proposé|montré|montre|appris|apprend|manque|ressemble|pense|pensé|"
                        r"succède|tient)(?:\s+[\w’'-]+){0,3}?\s+(?:à|a)\s?$")
# After these, a lower-case first name is a verb: "n'a pas honoré", 'il a rené...', 'ont aimé'.
VERB_BEFORE = re.compile(r"(?:\b(?:pas|plus|jamais|a|ai|as|avons|avez|ont|avait|avaient|aura|été|être|est|sont|"
                         r"bien|déjà|rien|s|l|n)|[’'])\s?$")
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n(\-–—]\s*)$")
ARTICLE = re.compile(r"(?i:un|une|le|la|les|des|du)\s")
SCORE_RULE, SCORE_MODEL, SCORE_LEXICON = 0.85, 0.8, 0.75
# 'Kenzo 15a': the model's name goes on over the age after it
TRAILING_NUMBER = re.compile(r"(?:[ \u00a0]+\S*\d\S*)+$")
# 'Objet : RE: audience Mendes – pièces manquantes', 'Objet : Urgent – Eduardo / Pereira': an e-mail's subject line, whose
# words in capitals that no dictionary holds are the family's names
# (a line of 90 characters at most: 'Objet : sa nièce a passé la nuit au village Saramaka...' opens a paragraph)
SUBJECT_LINE = re.compile(r"(?m)^[ \t]*(?:Objet|OBJET|Subject|Sujet)[ \t]*:[ \t]*(?P<subject>[^\n]{1,90})$")
WORD_IN_CAPITALS = re.compile(rf"(?<![\w’'\-])(?:{CAPITALISED}|{ALL_CAPS})(?![\w’'\-])")


class FrenchPersonRecognizer(FrenchRecognizer):
    LABEL = "PERSON"

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = [finding(self, "PERSON", match.start("value"), match.end("value"), SCORE_RULE)
                 for rule in AFTER_HONORIFIC for match in rule.finditer(text)]
        found += [finding(self, "PERSON", *span, SCORE_RULE)
                  for rule in BY_WRITING for match in rule.finditer(text)
                  if fold(match.group("value").split()[0]) not in STOP_WORDS  # 'Un PPS', 'Le CMP'
                  and (span := _without_a_service(match))]

        found += [finding(self, "PERSON", match.start("value"), match.end("value"), SCORE_RULE)
                  for rule in (*FAMILIES, INITIALS, *NICKNAMES, NAME_FIELD) for match in rule.finditer(text)
                  if not _starts_with_a_word(match.group("value"), NOT_A_NICKNAME)  # 'il dit « Non »'
                  and not is_service_acronym(match.group("value"))  # 'dossier PAJE'
                  and not _is_a_town_after_a_slash(text, match)
                  and not (fold(match.group("value").split()[0]) in STOP_WORDS
                           and _is_heading(text, *match.span("value")))]  # 'TRIBUNAL POUR ENFANTS DE BESANÇON'
        found += [finding(self, "PERSON", match.start("value"), match.end("value"), SCORE_LEXICON)
                  for match in (*GREETING.finditer(text), *ADDRESSEE_LINE.finditer(text))
                  if not _starts_with_a_word(match.group("value"), set())
                  and not LEADING_HONORIFIC.match(match.group("value"))
                  and (match.re is GREETING or is_first_name(match.group("value"), True, civil_status=True))]

        found += self._after_kin(text)
        for match in AFTER_ROLE.finditer(text):
            group = "value" if match.group("value") else "lower"
            if group == "lower" and RELATIVE.match(match.group()) and is_town_in_lower_case(match.group(group)) \
                    and not is_first_name(match.group(group), True, civil_status=True):
                continue  # 'la tante (vénissieux)': where she lives; 'juge (lacaze)' is the judge
            if fold(match.group(group).split()[0]) not in STOP_WORDS | KIN_IN_LOWER_CASE:
                found.append(finding(self, "PERSON", match.start(group), match.end(group), SCORE_LEXICON))
        found += [finding(self, "PERSON", match.start("value"), match.end("value"), SCORE_LEXICON)
                  for match in DATED_LINE_SURNAME.finditer(text) if len(match.group("value")) > 2]
        found += [finding(self, "PERSON", word.start(), word.end(), SCORE_LEXICON)
                  for line in SUBJECT_LINE.finditer(text)
                  for word in WORD_IN_CAPITALS.finditer(text, line.start("subject"), line.end("subject"))
                  if _is_a_name_in_a_subject(word.group())]
        found += self._by_what_they_do(text)
        found += self._from_lexicon(text)
        for span in nlp_artifacts.entities if nlp_artifacts else ():
            start, end = span.start_char, span.end_char
            honorific = LEADING_HONORIFIC.match(text, start, end)
            if span.label_ != "PERSON" and not honorific:
                continue
            start = honorific.end() if honorific else start
            end = start + len(TRAILING_NUMBER.sub("", BREAK.split(text[start:end])[0]).rstrip(" ,.;:’'"))
            value = text[start:end]
            if end <= start or not any(ch.isupper() for ch in value) or ARTICLE.match(value):
                continue
            if not self._plausible(text, start, value):
                continue
            found.append(finding(self, "PERSON", start, end, SCORE_MODEL))
        return [self._without_a_town_after(text, result) for result in found]

    def _without_a_town_after(self, text: str, result: RecognizerResult) -> RecognizerResult:
        """The name without the commune its particle opens, when a surname comes before it ('Josette Rivière de
        Saverdun', 'famille Vernet de Flaviac'), not a first name alone ('Simone de Beauvoir', 'Marie de Montfort': a
        particle of nobility) nor a word ('Barreau de Toulouse', 'Brigade de Matoury': no name at all)."""
        match = TOWN_AFTER_A_NAME.match(text, result.start, result.end)
        if not match or not is_listed_place(match.group("town")):
            return result
        names = [is_first_name(word, True) for word in match.group("name").split()]
        if all(names) or (not any(names) and is_french_word(match.group("name").split()[-1])):
            return result
        return finding(self, "PERSON", result.start, match.end("name"), result.score)

    @staticmethod
    def _plausible(text: str, start: int, value: str) -> bool:
        """The model's name, unless its capital is only a sentence's ('Rappel du cadre', 'Frigo vide'), it is a
        lone word after a preposition of place ('Tribunal judiciaire de Montauban'), a service's acronym alone or
        before a name ('ASH', 'EPSM Gourmelen', 'CDAS Morlaix') or a town the lists know and no first name
        ('Douarnenez')."""
        words = value.split()
        if _is_heading(text, start, start + len(value)):
            return False
        if len(words) == 1 and PLACE_BEFORE.search(text[max(0, start - 16):start]):
            return False
        if len(words) > 1 and is_service_acronym(words[0]):
            return False  # 'EPSM Gourmelen', 'CMS Pontivy': an establishment, or a service and its town
        if is_listed_place(value) and not is_first_name(value, True, civil_status=True):
            return False
        if value.isupper():
            return not is_service_acronym(value)  # 'ASH', 'T3'
        if is_first_name(words[0], _mid_sentence(text, start), civil_status=True):
            return True
        if not _mid_sentence(text, start):
            return len(words) > 1 and all(word[:1].isupper() or fold(word) in STOP_WORDS for word in words)
        return True

    def _by_what_they_do(self, text: str) -> list[RecognizerResult]:
        """A capitalised word doing what only a person does, or given an age: not a word after an
        article ('la Directrice explique'), a place ('à Foix'), a stop word ('Elle dort'), a noun of the trade
        ('Évaluation confiée') nor a heading."""
        found = []
        for match in (*DOES_OR_IS.finditer(text), *PERSON_OBJECT.finditer(text)):
            start, end = match.span("value")
            before = text[max(0, start - 16):start]
            if fold(match.group("value")) in STOP_WORDS or LEADING_HONORIFIC.match(match.group("value")) \
                    or (NOUN_ENDING.fullmatch(match.group("value"))
                        and not is_first_name(match.group("value"), True, civil_status=True)) \
                    or re.match(r"\w['’]", match.group("value")) \
                    or DETERMINER_BEFORE.search(before) \
                    or PLACE_BEFORE.search(before) or _is_heading(text, start, end):
                continue
            found += self._with_the_next_in_list(text, match)
        return found

    def _with_the_next_in_list(self, text: str, match: re.Match | None) -> list[RecognizerResult]:
        """The name found, and those listed after it ('Zilan, Baran et Hêvî', 'Sadaka, 9 ans, et Hekima')."""
        found = []
        while match and fold(match.group("value").split()[0]) not in STOP_WORDS:
            found.append(finding(self, "PERSON", match.start("value"), match.end("value"), SCORE_LEXICON))
            age = re.compile(r",\s*\d{1,2}\s?(?:ans|mois)\b|\s*\([^()\n]{1,30}\)").match(text, match.end())
            match = NEXT_IN_LIST.match(text, age.end() if age else match.end())
        return found

    def _after_kin(self, text: str) -> list[RecognizerResult]:
        found = []
        for match in AFTER_KIN.finditer(text):
            found += self._with_the_next_in_list(text, match)
        return found

    def _from_lexicon(self, text: str) -> list[RecognizerResult]:
        found = []
        for match in CANDIDATE.finditer(text):
            first, last = match.group("first"), match.group("last")
            before = NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if before and _mid_sentence(text, before.start()):
                continue  # 'Banque de France', 'Hải Phòng': the end of a name, not a name
            if not last and PLACE_BEFORE.search(text[max(0, match.start() - 16):match.start()]) \
                    and not TO_SOMEONE.search(text[max(0, match.start() - 50):match.start()]) \
                    and not (AT_SOMEONE.search(text, max(0, match.start() - 4), match.start())
                             and is_first_name(first, True) and not is_listed_place(first)):
                continue  # 'née à Muret', 'en France', but 'je transmets à Clémence', 'des coups à Kévin'
            if not is_first_name(first, _mid_sentence(text, match.start()) or bool(last), civil_status=True) \
                    or _in_capitals_heading(text, match.start(), match.end()):
                continue  # 'Aya : déscolarisée' is about Aya, 'ORDONNANCE DE PLACEMENT' about no one
            end = match.end("last") if last and fold(last.split()[-1]) not in STOP_WORDS else match.end("first")
            found.append(finding(self, "PERSON", match.start(), end, SCORE_LEXICON))
        for match in LOWER_BESIDE_A_PERSON.finditer(text):
            group = "value" if match.group("value") else "aged"
            word = match.group(group)
            if all(is_first_name(part.capitalize(), True, civil_status=True) for part in word.split("-")) \
                    and word not in STOP_WORDS and fold(word) not in KIN_OR_LANGUAGE:
                found.append(finding(self, "PERSON", match.start(group), match.end(group), SCORE_LEXICON))
        for match in LONE_LOWER.finditer(text):
            if is_lone_lower_case_first_name(match.group("value")) \
                    and not VERB_BEFORE.search(text[max(0, match.start() - 12):match.start()]) \
                    and fold(match.group("value")) not in LANGUAGES:
                found.append(finding(self, "PERSON", match.start(), match.end(), SCORE_LEXICON))
        for match in LOWER_CANDIDATE.finditer(text):
            if all(map(is_lower_case_first_name, match.group("first").split("-"))) \
                    and match.group("last").split()[-1] not in STOP_WORDS \
                    and not VERB_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
                found.append(finding(self, "PERSON", match.start(), match.end(), SCORE_LEXICON))
        return found


# The acronyms of service_acronyms.txt that are roles, which a person's name follows ('au JDE Kerbrat', 'la TISF Morel')
ROLES = frozenset(("ASS", "AS", "AF", "ASSFAM", "TISF", "CESF", "ES", "EJE", "ME", "AMP", "AES", "JE", "JDE", "JAF",
                   "IDE", "CDS", "RSE", "DPO"))


def _without_a_service(match: re.Match) -> tuple[int, int] | None:
    """The name's span; after a role's acronym the name alone ('au JDE Kerbrat'); after a service's, nothing: what
    follows is its town or its name ('CDAS Morlaix', 'CRIP Gironde', 'CAP Esthétique'; a first name there, 'la PMI
    Lina', is found by the lexicon)."""
    words = match.group("value").split()
    if len(words) != 2 or not is_service_acronym(words[0]):
        return match.span("value")
    return (match.end("value") - len(words[1]), match.end("value")) if words[0] in ROLES else None


# 'Josette Rivière de Saverdun', 'famille Vernet de Flaviac': after a surname, a commune is where the person lives
TOWN_AFTER_A_NAME = re.compile(rf"(?P<name>\S.*?)[ \u00a0](?:de|d['’]|du)[ \u00a0]?(?P<town>{CAPITALISED})$")


def _is_a_name_in_a_subject(word: str) -> bool:
    """In an e-mail's subject, a first name ('Amadou', a word too) or a word of three letters or more that is no
    French word, stop word nor mail's or application's word ('Fwd', 'Pronote'), no acronym of four letters or fewer or
    of a service ('RE', 'TR', 'MDS', 'MELEC'), no place ('Castres') and no listed firm ('Sfr'): 'Mohammadi'."""
    folded, listed = fold(word), listed_form(word)
    return len(word) > 2 and (is_first_name(word, True) or not (
        is_french_word(word) or folded in STOP_WORDS or folded in SHORTHAND or is_service_acronym(word)
        or is_listed_place(word) or (word.isupper() and len(word) <= 4) or listed in folded_words("organizations.txt")
        or listed in folded_words("organizations_also_names.txt")))


def _is_a_town_after_a_slash(text: str, match: re.Match) -> bool:
    """'sit. Yilmaz / Creil': after a family's name and a slash, a large town in small letters is where they live
    (not 'Famille : Boukhris / Fontaine': a town that is a surname is no large town, large_towns.txt)."""
    value, start = match.group("value"), match.start("value")
    return not value.isupper() and text[max(0, start - 3):start].rstrip().endswith("/") \
        and listed_form(value) in folded_words("large_towns.txt")


def _is_heading(text: str, start: int, end: int) -> bool:
    """'Santé : ...' or 'ORDONNANCE DE PLACEMENT PROVISOIRE': a title, not a name."""
    line_start = text.rfind("\n", 0, start) + 1
    return _in_capitals_heading(text, start, end) \
        or (not text[line_start:start].strip() and text[end:end + 3].lstrip().startswith(":"))


def _in_capitals_heading(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = len(text) if text.find("\n", end) < 0 else text.find("\n", end)
    line = text[line_start:line_end]
    return line.isupper() and len(line.split()) >= 3


def _starts_with_a_word(value: str, words: set[str]) -> bool:
    """'Un PPS', 'Non': a stop word or one of `words` first; not a surname in capitals ('LE MEUR')."""
    first = fold(value.split()[0])
    return first in words or (first in STOP_WORDS and not (value.isupper() and " " in value))


def _mid_sentence(text: str, start: int) -> bool:
    return not SENTENCE_END.search(text[max(0, start - 3):start])
