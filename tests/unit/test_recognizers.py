"""Each French recognizer on rows it must find and rows it must leave alone (no spaCy model needed)."""

import pytest

from anonymizer.recognizers.age import AgeRecognizer
from anonymizer.recognizers.email import OfflineEmailRecognizer
from anonymizer.recognizers.fr_address import AddressRecognizer
from anonymizer.recognizers.fr_caf import CafNumberRecognizer
from anonymizer.recognizers.fr_date import FrenchDateRecognizer
from anonymizer.recognizers.fr_nir import NirRecognizer
from anonymizer.recognizers.fr_phone import FrenchPhoneRecognizer
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
    "NIR : 185037505612357",          # wrong key
    "NIR : 2 90 12 2B 004 005 88",    # key of 2A, written 2B
    "NIR : 585037505612356",          # no sex digit 5
    "NIR : 185137505612356",          # month 13
    "dossier 18503750561235",         # 14 digits
])
def test_nir_refused_when_invalid(text):
    assert found(NirRecognizer(), text) == []


@pytest.mark.parametrize("value", [
    "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678", "05 61 22 33 44",
    "+33 6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78",
    "02 62 21 43 65", "06 92 12 34 56", "+262 692 12 34 56", "+590 690 12 34 56", "+687 28 12 34",
])
def test_phone_found_in_every_writing(value):
    assert found(FrenchPhoneRecognizer(), f"Tél : {value}.") == [value]


@pytest.mark.parametrize("text", [
    "Appeler le 119 ou le 115.", "Police : 17.", "SAMU 15, pompiers 18", "Violences : 3919",
    "le 03/01/2015", "RG n° 22/01874", "montant 1 250 €", "06 12 34 56",
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
])
def test_dates_in_numbers_and_words(text, value):
    assert found(FrenchDateRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "RDV à 14h30.", "appel à 9 h 15", "placé depuis 3 mois", "suivi de 2 ans", "en 2015",
    "le 3 maisons", "article 375 du Code civil",
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
])
def test_addresses_are_one_span(text, value):
    assert value in found(AddressRecognizer(), text)


@pytest.mark.parametrize("text", ["traîne dans la rue avec ses copains", "la rue principale", "31 enfants"])
def test_streets_without_a_name_are_no_address(text):
    assert found(AddressRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("Lucas (7 ans) dort", "7 ans"), ("Léa, âgée de 12 ans, est", "12 ans"), ("Lucas, 7 ans, est", "7 ans"),
    ("bébé de 8 mois", "8 mois"), ("enfant de 5 ans et demi", "5 ans et demi"), ("il a 16 ans", "16 ans"),
])
def test_ages_about_someone(text, value):
    assert found(AgeRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "placé depuis 3 ans", "il y a 2 ans", "pendant 5 ans", "mesure de 2 ans", "Suivi, 5 ans de placement",
])
def test_durations_are_not_ages(text):
    assert found(AgeRecognizer(), text) == []


@pytest.mark.parametrize("text, value", [
    ("scolarisé à l'école élémentaire Jean Jaurès.", "école élémentaire Jean Jaurès"),
    ("au collège Pierre de Fermat depuis", "collège Pierre de Fermat"),
    ("orienté vers l'IME Les Chênes", "IME Les Chênes"),
    ("le père travaille chez Airbus depuis", "Airbus"),
])
def test_schools_and_employers(text, value):
    assert found(OrganizationRecognizer(), text) == [value]


def test_email_checked_against_the_bundled_suffix_list():
    assert found(OfflineEmailRecognizer(), "mail : marie.dupont@orange.fr.") == ["marie.dupont@orange.fr"]
    assert found(OfflineEmailRecognizer(), "voir fichier note@version.invalidtld") == []


def test_iban_checked_by_its_key():
    assert found(FrenchIbanRecognizer(), "RIB FR76 3000 6000 0112 3456 7890 189 joint") == [
        "FR76 3000 6000 0112 3456 7890 189"]
    assert found(FrenchIbanRecognizer(), "RIB FR76 3000 6000 0112 3456 7890 188 joint") == []
