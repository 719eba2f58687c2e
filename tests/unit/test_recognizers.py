"""Each French recognizer on rows it must find and rows it must leave alone (no spaCy model needed)."""

import pytest

from anonymizer.recognizers.age import AgeRecognizer
from anonymizer.recognizers.email import OfflineEmailRecognizer
from anonymizer.recognizers.fr_address import AddressRecognizer
from anonymizer.recognizers.fr_caf import CafNumberRecognizer
from anonymizer.recognizers.fr_date import FrenchDateRecognizer
from anonymizer.recognizers.fr_nir import NirRecognizer
from anonymizer.recognizers.fr_person import FrenchPersonRecognizer
from anonymizer.recognizers.fr_phone import FrenchPhoneRecognizer
from anonymizer.recognizers.fr_place import PlaceRecognizer
from anonymizer.recognizers.iban import FrenchIbanRecognizer
from anonymizer.recognizers.organization import OrganizationRecognizer


def found(recognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)]


@pytest.mark.parametrize("text, value", [
    ("NIR : 185037505612356.", "185037505612356"),
    ("n° SS 1 85 03 75 056 123 56 (mère)", "1 85 03 75 056 123 56"),
    ("sécu 1850375056123 56", "1850375056123 56"),
    ("né en Corse du Sud : 2 90 12 2A 004 005 88", "2 90 12 2A 004 005 88"),
    ("Haute-Corse 101072B03307712", "101072B03307712"),
    ("La Réunion : 2 79 04 974 11 012 47", "2 79 04 974 11 012 47"),
    ("né à l'étranger 1 68 05 99 350 008 07", "1 68 05 99 350 008 07"),
    ("mois inconnu 170303155500176", "170303155500176"),
    ("mois inconnu 212991320125085", "212991320125085"),
])
def test_nir_found_in_every_writing(text, value):
    assert found(NirRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "dossier 185037505612357",        # wrong key, and nothing says it is a NIR
    "réf. 2 90 12 2B 004 005 88",     # key of 2A, written 2B
    "NIR : 585037505612356",          # no sex digit 5
    "NIR : 185137505612356",          # month 13
    "dossier 18503750561235",         # 14 digits
])
def test_nir_refused_when_invalid(text):
    assert found(NirRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("NIR : 185037505612357", "185037505612357"),
    ("Carte vitale : 1 11 03 99 310 047 52.", "1 11 03 99 310 047 52"),
    ("numéro de sécurité sociale provisoire de la mère 2 04 09 99 143 027 61.", "2 04 09 99 143 027 61"),
])
def test_a_miscopied_nir_is_found_where_the_words_say_it_is_one(text, value):
    assert found(NirRecognizer(), text) == [value]


@pytest.mark.parametrize("value", [
    "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678", "05 61 22 33 44",
    "+33 6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78",
    "02 62 21 43 65", "06 92 12 34 56", "+262 692 12 34 56", "+590 690 12 34 56", "+687 28 12 34",
    "+34 612 34 56 78", "+351 912 345 678", "+221 77 123 45 67", "+223 76 12 34 56", "+224 622 12 34 56",
    "+225 07 07 12 34 56", "+269 333 12 34", "+380 67 123 4567", "+90 532 123 45 67", "+84 90 123 45 67",
    "+509 34 12 3456", "+355 69 123 4567", "+383 44 123 456", "00 90 532 123 45 67", "00221 77 123 45 67",
    "(+221) 70 213 98 46", "+32 478 61 20 95",
])
def test_phone_found_in_every_writing(value):
    assert found(FrenchPhoneRecognizer(), f"Tél : {value}.") == [value]


@pytest.mark.parametrize("text", [
    "Appeler le 119 ou le 115.", "Police : 17.", "SAMU 15, pompiers 18", "Violences : 3919",
    "le 03/01/2015", "RG n° 22/01874", "montant 1 250 €", "06 12 34 56",
    "+ 2 000 €", "00 12 34", "NIR 2 00 11 31 555 248 07", "né en 2010, 3 enfants", "N° Parquet 24.051.3318",
])
def test_short_numbers_dates_and_case_numbers_are_not_phones(text):
    assert found(FrenchPhoneRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("N° allocataire CAF : 1234567", "1234567"),
    ("allocataire 7654321 à la CAF", "7654321"),
    ("dossier MSA n° 2345678", "2345678"),
    ("n° de dossier CAF 123 45 67", "123 45 67"),
])
def test_caf_number_found_with_its_context(text, value):
    assert found(CafNumberRecognizer(), text) == [value]


@pytest.mark.parametrize("text", ["Courrier réf. 1234567 envoyé.", "Montant 1234567 €", "CAF. Puis 1234567"])
def test_seven_digits_without_context_are_no_caf_number(text):
    assert found(CafNumberRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("VAD le 03/01/2015.", "03/01/2015"),
    ("VAD le 3.1.15 matin", "3.1.15"),
    ("né le 3 janvier 2015 à Albi", "3 janvier 2015"),
    ("née le 1er mars 2010", "1er mars 2010"),
    ("RDV lundi 3 janvier à 14h", "lundi 3 janvier"),
    ("audience du 12 févr. 2019", "12 févr. 2019"),
    ("separes depuis fevrier 2021", "fevrier 2021"),
    ("placement le premier mars", "premier mars"),
    ("visite le 12/03", "12/03"),
    ("import 2015-01-03", "2015-01-03"),
    ("arrivé en 2015 avec sa mère", "2015"),
    ("placé depuis 2019", "2019"),
    ("l'été 2022 au bled", "été 2022"),
    ("bilan du 1er trimestre 2024", "1er trimestre 2024"),
    ("la rentrée 2023", "rentrée 2023"),
    ("pendant l'année scolaire 2023-2024", "année scolaire 2023-2024"),
    ("parti l'été dernier", "l'été dernier"),
    ("vu aux urgences la nuit dernière", "la nuit dernière"),
    ("enfants Kenzo (2019) et Lya", "2019"),
    ("suivi.\n03/06 Bonne nuit.", "03/06"),
    ("VAD mer 3/04 avec la TISF", "mer 3/04"),
    ("audience JE 13/02.", "13/02"),
    ("RAS.\nMardi 14 : orthophonie", "Mardi 14"),
    ("Date: Wed, 3 Jul 2024 22:41:09 +0200", "Wed, 3 Jul 2024"),
    ("Sent: martes, 5 de marzo de 2024 21:03", "5 de marzo de 2024"),
    ("ahmed : garde à vue 15/11 (stup)", "15/11"),
    ("père licencié fin août, cherche", "fin août"),
    ("une demande déposée le 3 du mois dernier", "le 3 du mois dernier"),
    ("a fugué deux fois en septembre, retrouvée", "septembre"),
    ("pas de suivi pmi depuis déc. – rdv", "déc."),
    ("au collège à partir de janvier.", "janvier"),
    ("reste jusqu'en janvier.", "janvier"),
    ("depuis le mois de janvier.", "janvier"),
    ("depuis l'opération de nov. !", "nov."),
    ("partir pendant les vacances de Pâques chez", "Pâques"),
    ("pas d'école depuis vacances de février.", "février"),
    ("Le dix-huit janvier deux mille vingt-six, à 02h40", "dix-huit janvier deux mille vingt-six"),
    ("le vingt-trois janvier, à quinze heures", "vingt-trois janvier"),
    ("jusqu'au trente et un décembre", "trente et un décembre"),
    ("le dix sept janvier deux mille vingt six", "dix sept janvier deux mille vingt six"),
    ("mercredi 7 Entraînement au club", "mercredi 7"),
    ("RDV pris à la PMI le jeudi 15.", "jeudi 15"), ("la synthèse de jeudi 26. Le collège", "jeudi 26"),
    ("mer 18 : CFA à Montélimar", "mer 18"), ("décédé vers 2020 ;", "2020"), ("dans les années 1920, il", "1920"),
    ("expulsion annoncée pr janvier.", "janvier"),
    ("exercée par l'association de 2020 à 2023 n'a pas", "2020 à 2023"), ("entre 2019 et 2021, il", "2019 et 2021"),
    ("la prochaine visite avec Mme Benali est le 22, au service.", "22"), ("pour la synthèse du 27.", "27"),
    ("Les 18 et 19, elle était au tribunal", "18 et 19"), ("revenue le 12 au soir", "12"),
    ("lun 16/2 : Seydou parti à 5h15", "16/2"), ("9/3 – noah (10a) exclu", "9/3"),
    ("depuis la sécheresse de 2022 ».", "2022"), ("Antécédent : IP de 2022 émise par", "2022"),
    ("mère enceinte (5e enfant), terme février. suivi", "février"), ("au-delà d'avril me paraît", "avril"),
    ("parti à anjouan depuis déc ?? la tante", "déc"),
])
def test_dates_in_numbers_and_words(text, value):
    assert found(FrenchDateRecognizer(), text) == [value]


@pytest.mark.parametrize("text, values", [
    ("L'an deux mille vingt-six, le vingt-huit janvier, à", ["deux mille vingt-six", "vingt-huit janvier"]),
    ("Journal\nmer 14\nVisite\nsam 15\nRien", ["mer 14", "sam 15"]),
    ("vu les 4/01 et 17/03 au domicile", ["4/01", "17/03"]),
    ("les 12/03, 15/03 et 20/03", ["12/03", "15/03", "20/03"]),
    ("absente les 18, 19 et 22 novembre", ["18", "19", "22 novembre"]),
    ("hospitalisé du 19 au 26 février 2024", ["19", "26 février 2024"]),
    ("à l'hôpital de février à avril 2025.", ["février", "avril 2025"]),
])
def test_each_date_of_a_list_is_a_date(text, values):
    assert found(FrenchDateRecognizer(), text) == values


@pytest.mark.parametrize("text", [
    "RDV à 14h30.", "appel à 9 h 15", "placé depuis 3 mois", "suivi de 2 ans", "2015 cas signalés",
    "le 3 maisons", "article 375 du Code civil", "soit 3/4 des élèves", "une 1/2 journée", "en 2000 € de dettes",
    "Lundi : réunion", "en 20 minutes", "RG 24/00417", "la semaine dernière", "RG 12/03", "n° 12/03",
    "absente depuis la rentrée", "placé depuis sept ans", "en Mars, la planète", "en marche", "la mi-temps",
    "vacances de rêve", "un mois de vacances", "il a dix sept ans", "Mardi 2 enfants absents",
    "vu lundi 3 enfants", "samedi 2 h du matin", "le vendredi 2 fois", "mer 3 fois par semaine", "samedi 20 h",
    "vendredi 12 fois", "le lundi 15 enfants", "un loyer de 1900 à 2000 euros", "Un revenu de 1900 à 2000 net par mois.",
    "il habite au 22, rue des Lilas", "au 3e étage", "le 3 enfants", "elle devait appeler le 15.",
    "la mère a fait le 115, pas de place", "une 1/2 journée", "une somme de 2000 € par mois", "de 2000 habitants",
    "depuis sept ans", "la salle de mai",
    "Tous les 3, ils sont partis", "Il habite au 3, à côté", "la police (le 17) est venue", "1/2 journée de formation",
    "3/4 des enfants", "un salaire de 2000", "plus de 1500 messages",
])
def test_times_durations_and_years_alone_are_not_dates(text):
    assert found(FrenchDateRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("demeure 12 bis rue Paul Bert 31000 Toulouse. Vu.", "12 bis rue Paul Bert 31000 Toulouse"),
    ("au 5, allée des lilas à Blagnac", "5, allée des lilas"),
    ("3 av. Jean Jaurès, appt 12, 31200 Toulouse", "3 av. Jean Jaurès, appt 12, 31200 Toulouse"),
    ("habite résidence Les Tilleuls, bât. B, 31500 Toulouse", "résidence Les Tilleuls, bât. B, 31500 Toulouse"),
    ("ferme au lieu-dit La Croix à Muret", "lieu-dit La Croix"),
    ("vit rue de la Paix depuis mai", "rue de la Paix"),
    ("vit à la cite Bellevue", "cite Bellevue"),
    ("vit 12 avenue du 11 Novembre, 31000 Toulouse", "12 avenue du 11 Novembre, 31000 Toulouse"),
    ("cris résidence Les Brichères le 11/01 au soir", "résidence Les Brichères"),
    ("installée à Marseille en 2013, quartier Frais-Vallon, puis", "quartier Frais-Vallon"),
    ("Domaine de la Forêt, 33600 Pessac", "Domaine de la Forêt, 33600 Pessac"),
    ("12 place aux Herbes, 34000 Montpellier", "12 place aux Herbes, 34000 Montpellier"),
    ("habite place aux Herbes à Uzès", "place aux Herbes"),
    ("Elle vit au Domaine des Chênes à Pessac.", "Domaine des Chênes"),
    ("Elle habite 2045, chemin des Collines à Grasse.", "2045, chemin des Collines"),
])
def test_addresses_are_one_span(text, value):
    assert value in found(AddressRecognizer(), text)


@pytest.mark.parametrize("text", ["traîne dans la rue avec ses copains", "la rue principale", "31 enfants",
                                  "il cite Yasser et Nourdine", "Fixons la résidence de Priya MOUTOUSSAMY chez",
                                  "ouvrier viticole au Domaine Moissenet-Larue", "Premier cours au Judo Club Toucycois",
                                  "une place au Foyer Les Tilleuls", "résidence Adoma de Mâcon jusqu'en juin",
                                  "un studio de la résidence Habitat Jeunes Les Haubans"])
def test_streets_without_a_name_are_no_address(text):
    assert found(AddressRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("Lucas (7 ans) dort", "7 ans"), ("Léa, âgée de 12 ans, est", "12 ans"), ("Lucas, 7 ans, est", "7 ans"),
    ("bébé de 8 mois", "8 mois"), ("enfant de 5 ans et demi", "5 ans et demi"), ("il a 16 ans", "16 ans"),
    ("il a fêté ses 10 ans", "10 ans"), ("à l'âge de 3 semaines", "3 semaines"),
    ("arrivé en France à 8 ans", "8 ans"), ("un homme de 24 ans", "24 ans"), ("âgée de 16 ans et demi", "16 ans et demi"),
    ("un homme de vingt-quatre ans", "vingt-quatre ans"), ("dit avoir 16 ans", "16 ans"), ("déclare 15 ans.", "15 ans"),
    ("il aurait donc 16 ans et 7 mois.", "16 ans et 7 mois"), ("Kenzo (environ 4 ans)", "4 ans"),
    ("va avoir 6 ans le 28 avril", "6 ans"), ("nassim (11a) montre ses notes", "11a"), ("(mère, 29a)", "29a"),
    ("mère de Christelle (15 a). Dit que", "15 a"), ("un certain « Rojo » (~19 ans) qui", "19 ans"),
    ("(il avait alors 13 ans selon lui)", "13 ans"), ("jusqu'à tes 20 ans. Tu peux", "20 ans"),
    ("un garçon de 16 ans de nationalité afghane", "16 ans"),
    ("âge dit : 16 ans ;", "16 ans"), ("se déclarant 16 ans.", "16 ans"),
    ("âge allégué 16 ans. Langue", "16 ans"), ("l'âge déclaré de 15 ans plausible", "15 ans"),
    ("il aurait donc 12 ou 13 ans.", "12 ou 13 ans"), ("deux enfants d'environ 8 et 10 ans qui", "8 et 10 ans"),
    ("et quatre enfants de 2 à 11 ans.", "2 à 11 ans"), ("il a dix sept ans", "dix sept ans"),
    ("frère moussa 16 ans garde les petits", "16 ans"), ("Aminata 7 ans pleure", "7 ans"),
    ("départ à 11-12 ans avec", "11-12 ans"), ("un garçon env 5 ans, mère", "5 ans"),
    ("trois enfants dont un a 4 ans.", "4 ans"), ("L'un a 7 ans, l'autre", "7 ans"),
    ("inquiet pour tessa garcia 4 ans, vue ce matin", "4 ans"),  # a first name and a surname before
    ("et quatre enfants de 11, 9, 6 et 2 ans (Denisa", "11, 9, 6 et 2 ans"),
])
def test_ages_about_someone(text, value):
    assert found(AgeRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "placé depuis 3 ans", "il y a 2 ans", "pendant 5 ans", "mesure de 2 ans", "Suivi, 5 ans de placement",
    "à 2 ans de sa majorité", "soit 2 ans de retard", "il a passé 2 ans au foyer", "appt 12a", "un contrat de 2 ans",
    "depuis 2 ou 3 ans", "il y a 2 ou 3 ans", "Depuis 3 ans rien", "Placement 2 ans", "5 à 6 ans de placement",
    "AEMO : mesure 2 ans renouvelée", "Cela fait bien 3 ans qu'il est placé", "même lieu 2 ans",
    "il avait déjà 3 ans de retard", "pendant mes 2 ans de placement", "(~3 ans de suivi)", "bus 12 a",
    "les 10, 12 et 15 ans de suivi",
    "emma dps 2 ans chez sa tante", "karim mdph 2 ans renouvelée",
])
def test_durations_are_not_ages(text):
    assert found(AgeRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("scolarisé à l'école élémentaire Jean Jaurès.", "école élémentaire Jean Jaurès"),
    ("au collège Pierre de Fermat depuis", "collège Pierre de Fermat"),
    ("orienté vers l'IME Les Chênes", "IME Les Chênes"),
    ("le père travaille chez Airbus depuis", "Airbus"),
    ("hospitalisé au CHU Purpan", "CHU Purpan"),
    ("suivie à la clinique Pasteur", "clinique Pasteur"),
    ("placé à la MECS Les Saules", "MECS Les Saules"),
    ("à la pouponnière Les Lucioles", "pouponnière Les Lucioles"),
    ("accueilli au lieu de vie La Bergerie", "lieu de vie La Bergerie"),
    ("salarié de Transports Dupuy depuis", "Transports Dupuy"),
    ("licencié de chez Lidl", "Lidl"),
    ("employé chez Carrefour", "Carrefour"),
    ("travaille au restaurant Le Capitole", "restaurant Le Capitole"),
    ("aide son père à l'EARL Bordeneuve", "EARL Bordeneuve"),
    ("agente d'entretien chez Onet, de 5h", "Onet"),
    ("caissière au Carrefour Market de Fenouillet", "Carrefour Market"),
    ("au collège Jean-Jaurès d'Albi", "collège Jean-Jaurès"),
    ("Le bailleur, Tarn Habitat, propose", "Tarn Habitat"),
    ("service d'AEMO de Sauvegarde 31 ;", "Sauvegarde 31"),
    ("Monsieur est ouvrier chez Fibre Excellence à", "Fibre Excellence"),
    ("commis de cuisine, cuisinier pour Elior", "Elior"),
    ("un emploi à la coopérative Vivadour et", "coopérative Vivadour"),
    ("ouvrier agricole au domaine de la Cabane Rouge", "domaine de la Cabane Rouge"),
    ("resté à la ferme, au GAEC du Haget ;", "GAEC du Haget"),
    ("suivi en addictologie au CSAPA Arpade de Auch", "CSAPA Arpade"),
    ("consultation au CMPP Saint-Exupéry ;", "CMPP Saint-Exupéry"),
    ("réunion école élém. Jules-Vallès (muret)", "école élém. Jules-Vallès"),
    ("dans une conserverie, Les Délices du Quercy, à Moissac", "Les Délices du Quercy"),
    ("une entreprise de conditionnement, Agri-Sud Emballages à", "Agri-Sud Emballages"),
    ("au service d'accueil d'urgence L'Escale de Toulouse", "L'Escale"),
    ("hospitalisée au CHIVA à la suite", "CHIVA"),
    ("examen aux urgences du Centre Hospitalier Ducuing", "Centre Hospitalier Ducuing"),
    ("toujours au chrs, travaille maintenant O2 (ménage)", "O2"),
    ("père licencié Démol'Sud fin août", "Démol'Sud"),
    ("(père, chantier SOGEBAT à portet)", "chantier SOGEBAT"),
    ("pas allée à l'école (Anatole-France, saint-alban).", "Anatole-France"),
    ("rentré du séjour de rupture (Les Cabanes, aveyron).", "Les Cabanes"),
    ("voir un match du Stade Toulousain, sortie", "Stade Toulousain"),
    ("Retard de loyer de deux mois auprès de Promologis.", "Promologis"),
    ("la banque, le Crédit Agricole de Mirande lui ayant refusé", "Crédit Agricole"),
    ("en déplacement professionnel pour Vinci Construction à Bordeaux", "Vinci Construction"),
    ("apprenti (Martin Menuiserie Agencement) depuis", "Martin Menuiserie Agencement"),
    ("le père, gérant de Rocha & Fils Bâtiment, a", "Rocha & Fils Bâtiment"),
    ("replacé chez Électricité Hamelin SARL à Valognes", "Électricité Hamelin SARL"),
    ("une orientation (SAE Les Nids de Rouen) à ses 17 ans", "SAE Les Nids"),
    ("visites en lieu médiatisé, au SAPMF Le Relais ; Disons", "SAPMF Le Relais"),
    ("commerçant (Tissus Patel & Fils, rue de la Gare)", "Tissus Patel & Fils"),
    ("apprenti chez Boulangerie Morel SAS depuis", "Boulangerie Morel SAS"),
    ("elle fait des extras à Yasmine Beauté le samedi", "Yasmine Beauté"),
    ("veilleur pour Atlantique Sécurité Privée la nuit", "Atlantique Sécurité Privée"),
    ("chauffeur aux transports Ledoux depuis mai", "transports Ledoux"),
    ("il traîne au bar Le Narval le soir", "bar Le Narval"),
    ("les visites à l'espace rencontre Les Passerelles", "espace rencontre Les Passerelles"),
    ("inscrit à la MJC Berlioz pour le théâtre", "MJC Berlioz"),
    ("étudiante à l'université Rennes 2 depuis", "université Rennes"),
    ("suivi par la Mission locale Ouest Armor", "Mission locale Ouest Armor"),
    ("logement OPAC Savoie refusé", "OPAC Savoie"),
    ("locataire d’Incité depuis 2019", "Incité"),
    ("mesure exercée par l'ARSEAA depuis mars", "ARSEAA"),
    ("accompagné par l'ALPIL pour le logement", "ALPIL"),
    ("orientée vers la FNARS 33 en urgence", "FNARS 33"),
    ("il joue au foot à l'ASC Bellevue le samedi", "ASC Bellevue"),
    ("inscrite au Cercle Nautique Lorientais", "Cercle Nautique Lorientais"),
    ("conseil de Maître Morvan (SCP Morvan-Tanguy) pour", "Morvan-Tanguy"),
    ("ouvrière à la laiterie Malo depuis 2020", "laiterie Malo"),
    ("plonge au restaurant « Le Goéland » le soir", "Le Goéland"),
    ("aide-soignante à l'EPSM Gourmelen ; M. Erwan", "EPSM Gourmelen"),
    ("chez le dentiste, cabinet dentaire des Ormeaux à Saint-Lô", "cabinet dentaire des Ormeaux"),
    ("Louna de la musique à l'harmonie Sainte-Cécile.", "harmonie Sainte-Cécile"),
    ("absent au clg albert camus ce matin", "clg albert camus"),
    ("sortie collège pierre-et-marie-curie 16h45", "collège pierre-et-marie-curie"),
    ("inscrit au lycée victor hugo depuis lundi", "lycée victor hugo"),
    ("vu ce matin à la mecs saint-joseph. a signé", "mecs saint-joseph"),
    ("en bac pro au lycee sevigne, apprenti", "lycee sevigne"),
    ("fatoumata ecole lakanal, aide aux devoirs", "ecole lakanal"),
    ("aide aux devoirs au centre social marcel pointet. colis", "centre social marcel pointet"),
    ("viré du club de foot us colomiers pr bagarre", "us colomiers"),
    ("à l'école jules-ferry de muret", "école jules-ferry"),
    ("Il est inscrit au foot à l'AS Caucriauville et va", "AS Caucriauville"),
    ("Elif est en CE1 à l'école du Neuland depuis", "école du Neuland"),
    ("suivi par le psychiatre du centre hospitalier du Vinatier", "centre hospitalier du Vinatier"),
    ("censé dormir au foyer de l'Ermitage ce soir", "foyer de l'Ermitage"),
    ("stage à la pharmacie de la Gare, rue Thiers", "pharmacie de la Gare"),
    ("Bien reçu. L'ADIL 38 est en copie.", "ADIL 38"),
    ("formatrice à l'IFA Marcel-Sauvage ;", "IFA Marcel-Sauvage"),
    ("depuis l'arrêt de l'aide Entraide Mâconnaise en septembre", "Entraide Mâconnaise"),
    ("sans emploi depuis la liquidation de Cartonnages Dijonnais, il", "Cartonnages Dijonnais"),
    ("il joue à l'AS Beaune Football depuis", "AS Beaune Football"),
    ("ouvrier viticole au Domaine Moissenet-Larue depuis 2011", "Domaine Moissenet-Larue"),
    ("visite médiatisée au point rencontre La Passerelle à Évry", "point rencontre La Passerelle"),
    ("interne à l'EPMS Louis-Pasteur depuis", "EPMS Louis-Pasteur"),
    ("un studio d'Actis rue Thiers", "Actis"),
    ("fait des ménages pr elior le soir", "elior"),
    ("logt altéal depuis mai", "altéal"),
    ("il joue au FC Lens Sallaumines le samedi", "FC Lens Sallaumines"),
    ("il joue au XIII Catalan depuis", "XIII Catalan"),
    ("pour le cabinet SCP Martin-Roux, aux intérêts", "Martin-Roux"),
    ("agent chez Seris Security la nuit", "Seris Security"),
    ("Vidal Aéro ; il voit les enfants", "Vidal Aéro"),
    ("saisonnier aux Vergers de la Valdaine, puis", "Vergers de la Valdaine"),
    ("hospitalisé au CH Lucien-Hussel en novembre", "CH Lucien-Hussel"),
    ("visites au lieu de rencontre La Passerelle", "lieu de rencontre La Passerelle"),
    ("travaille à l'ESAT Les Ateliers du Val", "ESAT Les Ateliers du Val"),
    ("le transport est fait par les Taxis du Sénonais. Madame", "Taxis du Sénonais"),
    ("dort au local de l'Auberge des Migrants. Plusieurs", "Auberge des Migrants"),
    ("Établissement : lycée des métiers Saint-Germain, Auxerre", "lycée des métiers Saint-Germain"),
    ("hospitalisée à la clinique du Parc à Castres", "clinique du Parc"),  # a commune, a word
    ("un contrat avec la Boulangerie Les Épis d'Or à Sisteron", "Boulangerie Les Épis d'Or"),
    ("ou au foyer départemental de l'enfance Saint-Loup ; Disons", "foyer départemental de l'enfance Saint-Loup"),
])
def test_schools_and_employers(text, value):
    assert found(OrganizationRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "hospitalisé au CHU de Toulouse", "inscrit au collège de Muret", "stage chez Karim", "il travaille au Portugal",
    "un contrat de Travail", "le poste de Muret", "au CSAPA de Foix", "la coopérative du Gers",
    "au collège, Madame Diallo a dit", "à l'école, Lucas pleure", "à la crèche, Il", "le service ASE de Muret",
    "le service Enfance", "hospitalisé au Maroc", "hospitalisée au Centre hospitalier d'Albi",
    "il travaille Lundi et", "travaille Madame Dupont", "licenciée Mme Diallo", "travaille Marie", "travaille En ce",
    "l'école (Lucas, Muret)", "loyer payé auprès de Madame Diallo", "loyer versé auprès de Karim",
    "au collège, le Principal a dit", "à l'école, la Directrice", "à la crèche, les Martin", "la banque alimentaire",
    "le bar de Lorient", "la mission locale de Vannes", "née à Hô Chi Minh-Ville",
    "signalement à la CRIP ce jour", "orientation MDPH puis la MECS", "situation de DUPONT Léa", "le JUGE a dit",
    "TRIBUNAL JUDICIAIRE DE BREST", "un CAP de coiffure", "voir avec les AESH",
    "hospitalisé au CHU du Mans", "placé au foyer de l'enfance du Calvados", "orienté vers l'IME de la Moselle",
    "atelier à la MJC de la Hague", "le salon de la MECS est repeint", "la cantine de l'École est fermée",
    "repas au restaurant de la Mairie", "il a grandi près du centre du Mali",
    "TRIBUNAL JUDICIAIRE D'AUCH", "PROCÈS-VERBAL D'AUDITION", "vu Mme DUPONT Jean-Sauvage", "KANTE Marie-Louise",
    "la TISF Marie-Claire est passée", "rapport concernant DORGAN Leonie-Codie, née le",
    "vu au ch Dupont hier", "suivi au CH de Haguenau", "vu par le Pr Leclerc hier", "l'AS Nancy Dupont a appelé",
    "il sera au conservatoire Mercredi", "au lieu de rencontre Léa et sa mère",
    "placé au foyer départemental de l'enfance de Lyon", "le centre départemental de l'enfance et de la famille de Dijon",
    "ok au collège segpa", "école ulis le matin", "foyer educ présent", "sortie école yanis pleure",
    "collège colomiers", "lycée pro hôtelier", "école privée", "lycée tjrs pareil", "collège bcp mieux",
    "au centre social lina joue bien", "au foyer karim mange", "tu as lyon en tête", "us et coutumes",
    "au foyer karim bcp mieux", "crèche lina benali absente", "école ortho", "collège convoc", "Bilan Observations : RAS",
    "CD Haute Garonne",
])
def test_a_type_and_a_town_or_a_first_name_are_no_establishment(text):
    assert found(OrganizationRecognizer(), text) == []


@pytest.mark.parametrize("text, values", [
    ("Lieu d'accueil : MECS Les Marronniers (IDEFHI), Darnétal", ["MECS Les Marronniers", "IDEFHI"]),
    ("IME Les Sources (APEI des Deux Vallées) 03 44", ["IME Les Sources", "APEI des Deux Vallées"]),
    ("placé à la MECS Les Saules (ASE) depuis", ["MECS Les Saules"]),
    ("au foyer Les Tilleuls (PJJ)", ["foyer Les Tilleuls"]),
])
def test_the_body_that_runs_an_establishment_in_parentheses_after_it(text, values):
    assert found(OrganizationRecognizer(), text) == values


@pytest.mark.parametrize("text, values", [
    ("placée à la MECS Les Marronniers en mars. Maintien aux Marronniers.", ["MECS Les Marronniers", "Marronniers"]),
    ("Maison d'enfants Les Embruns ; Guillaume (éducateur aux Embruns)", ["Maison d'enfants Les Embruns", "Embruns"]),
    ("école Les Lilas puis elle vit aux Lilas", ["école Les Lilas"]),  # Les Lilas, the town
    ("crèche Les Lucas, puis Lucas est rentré", ["crèche Les Lucas"]),  # a first name
    ("Elle travaille à La Poste. Poste à pourvoir selon elle.", ["La Poste"]),  # a noun, not after 'à', 'aux'...
])
def test_an_establishment_named_with_its_article_is_named_again_by_its_name(text, values):
    assert found(OrganizationRecognizer(), text) == values


@pytest.mark.parametrize("text, values", [
    ("missions d'intérim chez Framatome et Industeel par l'agence", ["Framatome", "Industeel"]),
    ("au collège Jean-Moulin et Lucas au CP", ["collège Jean-Moulin"]),
    ("chez Onet et Mme Diallo", ["Onet"]), ("courses chez Lidl et Toulouse", ["Lidl"]),
    ("IME Les Sources et CMP demain", ["IME Les Sources"]),
    ("suivie par la MECS Les Tilleuls et Lefebvre, son éducateur.", ["MECS Les Tilleuls"]),
])
def test_a_firm_after_a_firm_and_et(text, values):
    assert found(OrganizationRecognizer(), text) == values


@pytest.mark.parametrize("text, value", [
    ("livreur pour Deliveroo le soir", "Deliveroo"),
    ("une mission avec Randstad en entrepôt", "Randstad"),
    ("un colis des Restos du Cœur", "Restos du Cœur"),
    ("envoie 100 € par mois par Western Union à sa mère", "Western Union"),
    ("inscrit au Stade Toulousain depuis septembre", "Stade Toulousain"),
    ("Inès est scolarisée en 5e à Jean-Jaurès, elle y mange", "Jean-Jaurès"),
    ("il joue au foot à l'US Colomiers depuis deux ans", "US Colomiers"),
    ("Fatou a demandé à s'inscrire au Libourne Handball Club.", "Libourne Handball Club"),
    ("Maksym commence le judo au Judo Club de Wissembourg.", "Judo Club de Wissembourg"),
    ("entraînement au SR Sélestat handball, il était content", "SR Sélestat handball"),
    ("il est licencié à l'US Ivry football depuis 2022", "US Ivry football"),
    ("faire point avec me sow (cabinet Sow & Bellamy).", "Sow & Bellamy"),
    ("il travaille au kebab Antalya Grill du boulevard", "kebab Antalya Grill"),
    ("la famille est hébergée par Habitat et Humanisme.", "Habitat et Humanisme"),
    ("orientée vers la Croix-Rouge française", "Croix-Rouge française"),
    ("accompagnée par France Victimes 13 depuis", "France Victimes 13"),
    ("logement social géré par Vilogia à Roubaix", "Vilogia"),
    ("il mange au McDonald’s avec ses copains", "McDonald’s"),
    ("caissière chez Leclerc depuis mars", "Leclerc"),
    ("des heures de ménage pour Shiva à Lyon", "Shiva"),
    ("hospitalisée à Necker pour une bronchiolite", "Necker"),
    ("transférée à la Timone dans la nuit", "Timone"),
    ("SMUR → Pellegrin. parents prévenus", "Pellegrin"),
    ("pere taf chez decathlon le we", "decathlon"),
    ("le grand frère bosse au kfc d'essey", "kfc"),
    ("pas de solution logement. voir adoma + fjt", "adoma"),
    ("colis restos du coeur le vendredi", "restos du coeur"),
    ("l'IME, géré par les Papillons Blancs de Maubeuge", "Papillons Blancs"),
    ("un centre pour mineurs de la Cruz Roja à Grenade", "Cruz Roja"),
    ("un T2 de la résidence Adoma de Mâcon", "Adoma"),
    ("des missions chez Getlink via l'intérim", "Getlink"),
    ("logt Grand Dijon Habitat 14 av. Champollion", "Grand Dijon Habitat"),
    ("elle est suivie par Sauvegarde 71 depuis mars", "Sauvegarde 71"),
    ("il est soudeur chez Kuhn à Saverne", "Kuhn"),
    ("vol de scooter devant le lidl de la zone", "lidl"),
    ("maman travaille au leclerc de guilherand", "leclerc"), ("le contact du garage speedy de mondeville", "speedy"),
    ("locataire de Promocil depuis", "Promocil"), ("dans un logement mmH. Elle", "mmH"),
])
def test_firms_charities_and_hospitals_of_the_lists(text, value):
    assert found(OrganizationRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "Mme Leclerc est venue seule", "la famille Picard", "rendez-vous avec M. Renault", "facture EDF impayée",
    "la famille habite à Rangueil", "écrire à jean.dupont@orange.fr", "Necker Martin, 12 ans",
    "dort chez lui ce soir", "rdv chez action éducative", "chez leclerc mme", "le SIP a appelé",
    "Il est allé au SIP pour ses impôts.",
    "Mon logis est petit, dit-il",
    "une mesure de sauvegarde de justice", "feu vert du juge", "ses petits fils le week-end", "mme lidl",
    "ups, erreur", "adil est venu", "la grande halle", "Mme Kuhn est venue", "Stef est passé ce matin",
    "partie au printemps", "il va au casino", "chez leclerc le soir",
    "Marc Cojean est venu", "M. Kevin McCain est venu",
])
def test_names_of_the_lists_that_are_also_surnames_or_quarters_want_their_context(text):
    assert found(OrganizationRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("hospitalisé à Pontchaillou la nuit", "Pontchaillou"),
    ("vu aux urgences de Lenval samedi", "Lenval"),
    ("faire les courses au Spar du village", "Spar"),
    ("cuisinier à la cantine centrale de Sodexo", "Sodexo"),
    ("hébergée Les Lilas (CHRS) depuis mars", "Les Lilas"),
    ("accueillie à Villa Marie de Lourdes (CHRS) avec", "Villa Marie de Lourdes"),
])
def test_a_hospital_a_shop_or_an_establishment_by_what_the_sentence_says(text, value):
    assert found(OrganizationRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "hospitalisé à Lyon", "transférée à Marseille", "vu aux urgences de Brest", "hospitalisée au Sénégal",
    "hospitalisée à Alger", "transféré à Kaboul", "scolarisé à Toulouse depuis", "élève à Muret", "en CM2 à Lucas",
    "l'AS Mme Dupont est passée", "l'AS Claire a appelé", "RDV avec l'AS Benali demain", "le FC de Paul",
    "Mercredi Judo puis devoirs.", "RDV au cabinet Lefèvre pour l'épaule.", "RAS. EN à Jean Moulin depuis lundi",
    "Cabinet de Mme Carrère, juge des enfants", "le Club de Madame",
    "au club de foot", "le cabinet du juge",
    "salarié de Toulouse", "Karim (foyer) a dit", "Mme Diallo (CHRS) a appelé", "vit à Muret (CMPP le mardi)",
    "hospitalisé à Madame",
    "rembourse la Sécurité sociale", "Lundi Coiffure puis devoirs", "M. Diallo Transports l'a dit",
    "Pour Transports scolaires, voir", "vu Mme Samia Coiffure",
    "le train SNCF La Rochelle", "suivi CMP Les Minimes", "la TISF Le Goff", "le JDE Le Gall", "MME Le Goff",
    "vu Mme PETIT Le Goff", "Lina MOREAU Le Gall", "M. DIALLO La Fontaine", "M. Hamelin SARL a appelé",
    "les SARL et les SAS", "vu M. Patel & Fils", "Lina & Cie sont venus", "Lina, Karim & Cie", "vu Karim SAS",
    "au cabinet médical du Dr Martin", "exclu du collège karim est venu", "au lycée marie dit que",
    "le collège de laxou", "à l'école primaire lundi", "au foyer jean-pierre est venu", "à la crèche lina pleure",
    "sortie école lina contente", "Mme Céline Langlois est venue", "Catherine Lorrain a appelé",
    "née à Bangui (République Centrafricaine)", "la République Française", "Mathilde Bourgeois, sa tante",
    "au point rencontre de la MDS de Carbonne", "au point rencontre Léa et sa mère",
    "La famille Dupuis Morin est arrivée.", "chez Lefebvre Dubois hier", "dans le Pays Nantais", "le Nouvel An Chinois",
])
def test_a_town_a_country_or_a_person_there_is_no_establishment(text):
    assert found(OrganizationRecognizer(), text) == []


@pytest.mark.parametrize("text, values", [
    ("suivi par la MDS de Muret", ["Muret"]),
    ("le Tribunal pour enfants de Foix a statué", ["Foix"]),
    ("TRIBUNAL JUDICIAIRE D'AUCH – TRIBUNAL POUR ENFANTS", ["AUCH"]),
    ("Service d'AEMO de Saint-Gaudens", ["Saint-Gaudens"]),
    ("hospitalisé au CHU de Toulouse", ["Toulouse"]),
    ("Conseil départemental de la Haute-Garonne", ["Haute-Garonne"]),
    ("née à Diyarbakır (Turquie) le 3 mai", ["Diyarbakır", "Turquie"]),
    ("domiciliée à L'Isle-Jourdain depuis", ["L'Isle-Jourdain"]),
    ("originaire du Mali", ["Mali"]),
    ("retrouvé gare Matabiau", ["Matabiau"]),
    ("à la gare routière de Foix", ["Foix"]),
    ("M. Diallo (Colomiers) a appelé", ["Colomiers"]),
    ("reparti à Batman depuis", ["Batman"]),
    ("Trajet : Bamako, Niamey, Agadez", ["Bamako", "Niamey", "Agadez"]),
    ("Castres, le 2 octobre 2024", ["Castres"]),
    ("au collège Jean-Jaurès d'Albi", ["Albi"]),
    ("Assistante familiale : Corinne – Seilh\n", ["Seilh"]),
    ("traversé l'Iran, la Turquie et la Bulgarie", ["Iran", "Turquie", "Bulgarie"]),
    ("père au portugal, aucun lien", ["portugal"]),
    ("Parcours : vol Hanoï-Moscou en juin", ["Hanoï", "Moscou"]),
    ("au CFA du BTP de Muret et", ["Muret"]),
    ("services sociaux de Viseu,", ["Viseu"]),
    ("au service d'accueil d'urgence L'Escale de Toulouse", ["Toulouse"]),
    ("au collège Jean-Vilar de La Courneuve ;", ["La Courneuve"]),
    ("inscrit à l'école maternelle de la Trivalle mais", ["Trivalle"]),
    ("dormi sous le pont des Catalans, avant", ["Catalans"]),
    ("un camp près de Shahba ;", ["Shahba"]),
    ("Mme Pons vit à Grenade (31330), chemin", ["Grenade", "31330"]),
    ("plus parler de l'Angleterre et", ["Angleterre"]),
    ("> De : Greffe TPE Foix\n", ["Foix"]),
    ("Éducateur PJJ – UEMO Toulouse-Sud\n", ["Toulouse-Sud"]),
    ("rdv fixé jeudi 10h mds tournefeuille avec m. ferreira", ["tournefeuille"]),
    ("déclaration fugue gendarmerie fronton\n", ["fronton"]),
    ("signalement parquet toulouse (violences)", ["toulouse"]),
    ("père licencié, cherche. pôle emploi colomiers.", ["colomiers"]),
    ("reçu le 8 février 2024\n\nCollège Les Cèdres\nCastres\n\nÀ l'attention", ["Castres"]),
    ("lycée professionnel Hélène-Boucher, Toulouse (05 62 73 40 12)\n", ["Toulouse"]),
    ("Entretien du 13 mars 2024, Auch, avec l'interprète.", ["Auch"]),
    ("le départ de son père, M. Thierry Vidal, pour Lorient, et", ["Lorient"]),
    ("rentrée en 6e collège Voltaire (colomiers), ravie", ["colomiers"]),
    ("disparu du foyer Les Chênes (caussade) depuis", ["caussade"]),
    ("04/12 – synthèse MADI (cugnaux)\n", ["cugnaux"]),
    ("vad prévue lundi avec gendarmerie (castelsarrasin).", ["castelsarrasin"]),
    ("vu à colomiers mardi", ["colomiers"]),
    ("née à saint-gaudens en 2012", ["saint-gaudens"]),
    ("il vit sur castelnau-d'estrétefonds avec sa tante", ["castelnau-d'estrétefonds"]),
    ("habite l'isle-jourdain depuis mars", ["l'isle-jourdain"]),
    # communes in lower case wherever they stand; the world's towns where a place is written, or capitalised
    ("chez la tante (vénissieux) le 3/11", ["vénissieux"]),
    ("cousin (la courneuve) joint hier", ["la courneuve"]),
    ("père toujours à moroni, passeport refait", ["moroni"]),
    ("famille élargie en roumanie, craiova, grand-mère", ["craiova", "roumanie"]),
    ("famille kurde de Pazarcık (turquie), habitent", ["Pazarcık", "turquie"]),
    ("vit à Montceau avec sa mère", ["Montceau"]),  # Montceau-les-Mines, as it is written
    ("hébergée chez sa tante à garges depuis", ["garges"]),
    ("Ensuite courses à l'Intermarché de Montceau. vendredi", ["Montceau"]),  # the firm is an organization
    ("missions via Adecco Lens, actuellement", ["Lens"]),
    ("Brigade territoriale autonome de Carpentras PV n° 1187", ["Carpentras"]),
    # nested spans of one label are one once resolved (anonymizer.resolve): a larger rule's span can be wrong where a
    # smaller one is right ('À l'Ami Fritz d'Ottrott'), so the recognizer keeps both
    ("hébergé chez son oncle (Paris 10e) depuis mars", ["Paris 10e", "Paris"]),
    ("famille NDIAYE – MDM Lyon 8e", ["Lyon 8e", "Lyon"]),
    ("rédaction : AS SSD Aubervilliers", ["Aubervilliers"]),
    ("enfermement à Bani Walid jusqu'au paiement", ["Bani Walid"]),
    ("puis Istanbul, Grèce par Edirne", ["Edirne", "Grèce", "Istanbul"]),
    ("il est parti de Kaboul en 2021", ["Kaboul"]),
    ("Appel du père. Retour Bamako prévu.", ["Bamako"]),
    ("caissière au Carrefour de Quetigny, elle", ["Quetigny"]),
    ("un certificat de l'UMJ de Caen", ["Caen"]),
    ("courses au Super U de Pibrac", ["Pibrac"]),
    ("élève du collège Émile-Zola de Lens", ["Lens"]),  # 'Zola' is a first name of the civil status only
    ("Visite à domicile — Awala-Yalimapo, village", ["Awala-Yalimapo"]),
    ("11/06/25 – Tsingoni. enf HALIDI", ["Tsingoni"]),
    ("Collège Jean-Marie Le Bris — Douarnenez\nNote", ["Douarnenez"]),
    ("voir Erwann au CDAS Morlaix avant 14h", ["Morlaix"]),
    ("en 4e B, collège Ferdinand-Bac, Compiègne. Depuis", ["Compiègne"]),
    ("école élémentaire Anatole-France, Grenoble (quartier Mistral)", ["Grenoble"]),
    ("accueillie au foyer Marie-Louise de Pessac.", ["Pessac"]),
    ("le lycée professionnel Louis-Armand d'Yerres à la rentrée", ["Yerres"]),
    ("famille d'accueil, Trois-Bassins, St-Leu (Réunion)", ["St-Leu", "Réunion"]),  # a saint abridged
    ("rendez-vous au dispensaire de Dzoumogné pour lundi", ["Dzoumogné"]),
    ("habite à Toulouse / Colomiers selon", ["Toulouse", "Colomiers"]),
    ("il fréquente la mosquée de Jeumont et", ["Jeumont"]),
    ("elle danse au conservatoire de Lille le soir", ["Lille"]),
    ("la brigade de Crest est intervenue", ["Crest"]),
    ("devant le tribunal administratif de Toulouse", ["Toulouse"]),
    ("Commissariat de police de Béziers", ["Béziers"]),
    ("avis au substitut du procureur de Béziers, permanence", ["Béziers"]),
    ("arrivés en 2018 par le liban, puis", ["liban"]), ("passé par tunis en bateau", ["tunis"]),
    ("sa sœur, qui habite Wattrelos, garde", ["Wattrelos"]),
    ("Adam : CM2 à l'école Jules-Ferry de Borny, bon élève", ["Borny"]),  # a quarter after a school
    # a large town that is also a word, in lower case after a preposition of place or in parentheses
    ("vit à sarcelles avec sa mère", ["sarcelles"]), ("retour à tours demain", ["tours"]),
    ("la tante (castres) a appelé", ["castres"]),
    ("grand-mère à braga (portugal) +351", ["braga", "portugal"]),  # a country after a town in lower case
    ("et ma tante de kinshasa elle demande", ["kinshasa"]), ("arrivés de kayseri en 2014", ["kayseri"]),
    # a large town, capitalised, wherever it stands
    ("prend un train pour Nice puis pour Lyon, où", ["Nice", "Lyon"]), ("Courses à Auchan Arras, il a", ["Arras"]),
    ("Territoire Metz – UTASS", ["Metz"]),
    ("orientation Médecins du Monde Lille + PMI.", ["Lille"]),  # a firm, then its town
])
def test_places_that_locate_a_family(text, values):
    assert set(found(PlaceRecognizer(), text)) == set(values)


@pytest.mark.parametrize("text", [
    "Mme KAYA (mère) présente", "Lucas (7 ans)", "Je transmets à Loïc.",
    "PAR CES MOTIFS, confions", "à la MDS de Muret", "à la Maison des adolescents", "par WhatsApp", "à Noël",
    "Reçue le 02/05/2024", "l'ASE du Gers", "dit à Madame que",
    "parquet saisi.", "gendarmerie prévenue et", "mds lundi.", "pmi ok.", "rdv pmi pour", "mds Lucas.", "PMI Madame",
    "la PMI demain.", "l'École de Walid", "le collège de Lucas", "RG (12345) du",
    "Nasra (10 ans), Ansuf (7 ans) et", "parti pour Lucas", "il paie pour Noël", "le 12/03/2024, Madame Dupont, mère",
    "Collège Les Cèdres\nMadame la Principale\n",
    "M. DUPONT (père) présent", "BAYO (josiane)", "IME Les Chênes (tisf)", "CMP (lundi)", "foyer Les Saules (absente)",
    "pmi (infirmière)",
    # communes that are also French words, in lower case after a preposition
    "soins à domicile", "venu à pied", "voyage sur mer", "vit à bonne distance", "suivi à l'hôpital de jour",
    "il a eu peur", "il vit sur plan", "vers midi",
    # a surname that is a commune after a title or 'famille'; a town of the world that is a word without a
    # preposition of place; a town ending a person's name
    "(mme pons)", "fam. lacaze présente", "voir asso demain", "un point de deal", "la réunion de vendredi",
    "On en parle à la réunion de projet ?", "un emploi à Auchan Drive", "riz, chili, salade verte", "une arme (grenade)",
    "une rue à sens unique", "il fait des tours de vélo", "les tours, les barres", "un verre de bordeaux",
    "une partie de mango (jeu)", "un lien avec l'association Voix de Femmes", "avec le CFA Régional de Provence.",
    "hospitalisée à la clinique du Parc", "le pèlerinage des Saintes en mai", "Mme Laval est venue", "Nancy est venue",
    "fêter la Saint-Pierre", "vu la famille Vienne", "les enfants de M. Laval", "vu Alain Laval hier",
    "Alain Van Damme, référent", "devant la grange", "écrire à michele.perrier@haute-garonne.fr",
    "juge (lacaze) avisé", "vu avec son frère, Romain. Il", "les éducateurs, Dupuis (stagiaire) et",
    "au lycée Simone de Beauvoir", "collège Antoine de Saint-Exupéry", "collège Pierre de Fermat",
    "vit à Muret / Lucas est là", "Le substitut du procureur de la Republique, Jean", "la mosquée du Quartier",
    "maison de santé du Port", "plainte déposée à la Brigade des Mineurs", "vit à Muret / Scolarité : collège",
    "BRIGADE DE PROTECTION DE LA FAMILLE", "elle vit Seule depuis", "il habite Chez sa tante",
    "une cicatrice au menton", "avant que ça en vienne aux mains", "habillé en bordeaux", "Lourdes conséquences pour lui.",
    "Grasse matinée ce dimanche",
])
def test_no_place_in_a_title_a_role_a_first_name_or_an_acronym(text):
    assert [value for value in found(PlaceRecognizer(), text) if value not in {"Muret", "Gers"}] == []


def persons(text: str) -> list[str]:
    return sorted(set(found(FrenchPersonRecognizer(), text)))


@pytest.mark.parametrize("text, values", [
    ("Rojda est arrivée hier.", ["Rojda"]),           # Kurdish, from the lexicon
    ("Aminata pleure.", ["Aminata"]),                 # West African
    ("Oleksandr parle peu.", ["Oleksandr"]),          # Ukrainian
    ("Ngọc mange bien.", ["Ngọc"]),                   # Vietnamese
    ("Arben ne vient plus.", ["Arben"]),              # Albanian
    ("Wislande est au foyer.", ["Wislande"]),         # Haitian
    ("Zaïnaba dort.", ["Zaïnaba"]),                   # Comorian
    ("Soilihi est au collège.", ["Soilihi"]),         # Mahoran, from the civil status's names
    ("Nolwenn arrive lundi.", ["Nolwenn"]),           # Breton, from the civil status's names
    ("vu anfane ce matin", ["anfane"]),               # the civil status's names in lower case too
    ("le bilan d'Inès au CMPP", ["Inès"]),
    ("il a confié qu'Axel ne mange pas", ["Axel"]),
    ("Bonjour Kidane,\nvoici le compte rendu", ["Kidane"]),  # whom a mail is written to
    ("Objet : TR\n\nPierre,\nJe te transfère", ["Pierre"]),
    ("rappeler mme Asaïssi avant midi", ["Asaïssi"]),
    ("Situation : enfants HUON / LE MEUR\n", ["HUON", "LE MEUR"]),
    ("fratrie NAIDOO : trois enfants", ["NAIDOO"]),
    ("un certain « Kiki » le bouscule", ["Kiki"]),
    ("sous le pseudo « Gwen_du_29 ».", ["Gwen_du_29"]),
    ("Bilan du mois.\nSuivi de Lina à la PMI", ["Lina"]),  # the word after a sentence's first, capitalised
    ("maintien de l'AEMO, vigilance sur Manon", ["Manon"]),
    ("Aya : déscolarisée depuis octobre", ["Aya"]),
    ("Outre Ibrahim, il y a Mariam et Issa.", ["Ibrahim", "Issa", "Mariam"]),
    ("Thembekile est en CM2.", ["Thembekile"]),       # in no lexicon: what a person does
    ("la mère accueille Gavin pendant les vacances", ["Gavin"]),
    ("Présents : Mme ABDI, Sadaka, 9 ans, et Hekima.", ["ABDI", "Hekima", "Sadaka"]),
    ("sa sœur Dilovan est là", ["Dilovan"]),
    ("ses enfants Zilan, Baran et Hêvî vont bien", ["Baran", "Hêvî", "Zilan"]),
    ("Kevin, dit « Titi », est venu", ["Kevin", "Titi"]),
    ("surnommée 'Bébé' par sa mère", ["Bébé"]),
    ("Lina les appelle « Nono » et « Gogo ».", ["Gogo", "Lina", "Nono"]),
    ("chez la famille KAYA / DEMIR", ["DEMIR", "KAYA"]),
    ("Famille : Boukhris / Lefèvre\n", ["Boukhris", "Lefèvre"]),
    ("lundi vu karim (l'éduc) ce matin", ["karim"]),
    ("C. Lafuste, enseignante", ["C. Lafuste"]),
    ("visite avec l'éducatrice Sarah.", ["Sarah"]),
    ("juge (lacaze) avisé par mail", ["lacaze"]),
    ("04/12 – synthèse MADI (cugnaux)\n", ["MADI"]),
    ("Capucine est plus triste", ["Capucine"]),
    ("la PMI Lina est venue", ["Lina"]),              # a first name after a service's acronym
    ("Rapport au JDE Kerbrat envoyé", ["Kerbrat"]),    # a surname after a role's
    ("RAS. Clément dort bien.", ["Clément"]),         # a first name, not a noun ending in -ment
    ("IDENTITÉ DÉCLARÉE\nNom : CAMARA\nPrénom(s) : Mamadou", ["CAMARA", "Mamadou"]),
    ("appels de la semaine – sit. LEFORT – MDS", ["LEFORT"]),
    ("Motif : Elira est venue à l'infirmerie", ["Elira"]),
    ("vu avec interprète fatima ce matin.", ["fatima"]),  # an interpreter's name, not a language
    ("Froment dort chez sa mère.", ["Froment"]),
    ("JOURNAL – situation DEMIR / KAYA – service", ["DEMIR", "KAYA"]),
    ("6 caravanes, 2 familles connues : RADU et CIOBANU.", ["CIOBANU", "RADU"]),
    ("22/01/26 - sit. Yilmaz / Creil - appel IME", ["Yilmaz"]),  # the town they live in
    ("De : x@cd31.fr\nObjet : RE: TR: audience Mendes – pièces manquantes\n", ["Mendes"]),
    ("Objet : Urgent – Eduardo / Pereira – sortie d'hospitalisation", ["Eduardo", "Pereira"]),
    ("Objet : Amadou – changement de famille d'accueil", ["Amadou"]),
    # a commune after a surname is where the person lives; after a first name alone, a particle of nobility
    ("l'assistante familiale Mme Josette Rivière de Saverdun qui", ["Josette Rivière"]),
    ("liée à la famille Vernet de Flaviac, chez qui", ["Vernet"]),
    ("Mme Simone de Beauvoir est venue", ["Beauvoir", "Simone de Beauvoir"]),  # one span once resolved
    ("il a porté des coups à Kévin ; Attendu que", ["Kévin"]),  # after 'à', a first name that names no place
    ("l'AEMO, étendue à Milica, en vue d'une mainlevée", ["Milica"]),
    ("Famille : Boukhris / Fontaine", ["Boukhris", "Fontaine"]),  # a town that is a surname, after a slash
])
def test_names_of_every_origin_and_in_every_writing(text, values):
    assert persons(text) == values


@pytest.mark.parametrize("text", [
    "Elle dort.", "Logement est propre. Frigo est vide.", "la Directrice explique", "Chambre semble propre",
    "elle dit « je veux rentrer »", "elle dit « Non »", "J'ai dit non.", "la rose est belle", "Rien ne va.",
    "Toulouse est loin", "Mesure de protection.", "Rencontre avec Mr",
    "Bonjour Madame,\nJe", "Cordialement,\nMerci,\n", "TRIBUNAL POUR ENFANTS DE BESANÇON\n", "d'Alger à Oran",
    "un dossier à la Banque de France", "le site du Stade de France",
    "présents : (père), (mère) et (frère)",
    "10h40 — Appel du commissariat", "famille installée à Aix-en-Provence", "le père (papa) appelle",
    "PV de la SNCF La semaine dernière", "suivi au CMP Les Tilleuls",
    "voir au CDAS Morlaix avant 14h", "MDD Saint-Brieuc — note tél", "permanence CRIP Gironde 09h05",
    "avec l'interprète dari ce matin", "Langue : dari ; bonne compréhension", "avec interprète arabe (darija) ce",
    "Décision : Évaluation confiée à l'UTAMS.", "Orientation confiée au SAO.",
    "Nom : NC\nPrénom : NC", "La police est venue hier.", "Nom du service : ASE",
    "rentrés de chez la tante (vénissieux) le 3/11",  # where she lives
    "Objet : Demande de mainlevée – Tribunal de Nantes", "Objet : 2nde MELEC – stage en entreprise",
    "Objet : sa nièce a passé la nuit chez lui au village Saramaka, près du Vieux Bourg, et elle ne veut pas rentrer",
    "Objet : Rappel Pronote", "Objet : Facture Sfr", "Objet : Fwd: audience",
])
def test_no_name_in_words_roles_or_quotes_of_speech(text):
    assert persons(text) == []


def test_email_checked_against_the_bundled_suffix_list():
    assert found(OfflineEmailRecognizer(), "mail : marie.dupont@orange.fr.") == ["marie.dupont@orange.fr"]
    assert found(OfflineEmailRecognizer(), "voir fichier note@version.invalidtld") == []


def test_iban_checked_by_its_key():
    assert found(FrenchIbanRecognizer(), "RIB FR76 3000 6000 0112 3456 7890 189 joint") == [
        "FR76 3000 6000 0112 3456 7890 189"]
    assert found(FrenchIbanRecognizer(), "réf. FR76 3000 6000 0112 3456 7890 188 jointe") == []


def test_a_miscopied_iban_is_found_where_the_words_say_it_is_one():
    assert found(FrenchIbanRecognizer(), "RIB FR76 3000 6000 0112 3456 7890 188 joint") == [
        "FR76 3000 6000 0112 3456 7890 188"]
