"""The whole detector on the real French model: how professionals write, what is never personal
data, long texts, batches and processes, offline, configuration."""

import socket
from pathlib import Path

import pytest

from anonymizer.config import DetectionConfigError, load_detection_config
from anonymizer.engine import Detector
from anonymizer.evaluation import evaluate, read_corpus
from anonymizer.known_persons import KnownPerson, KnownPersons

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes_corpus.jsonl"


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


def labelled(detector: Detector, text: str, known=None) -> list[tuple[str, str]]:
    return [(e.label, text[e.start:e.end]) for e in detector.analyze(text, known)]


def test_names_as_professionals_write_them_without_the_honorific(detector):
    text = ("Entretien avec Mme DUPONT Marie et M. Karim BENALI. Présents : Jean-Pierre de La Fontaine, "
            "Dr Lefèvre et mme georges.")
    people = [value for label, value in labelled(detector, text) if label == "PERSON"]
    assert people == ["DUPONT Marie", "Karim BENALI", "Jean-Pierre de La Fontaine", "Lefèvre", "georges"]


def test_the_sector_honorifics_and_street_names_are_not_people(detector):
    text = ("Mme a appelé l'ASE. M. est absent. La mère et le père sont vus par l'AEMO et la PMI. "
            "La famille vit 12 rue Paul Bert 31000 Toulouse. Mme la Juge des enfants a statué.")
    found = labelled(detector, text)
    assert [label for label, _ in found if label == "PERSON"] == []
    assert ("LOCATION", "12 rue Paul Bert 31000 Toulouse") in found


def test_legal_references_case_numbers_amounts_and_emergency_numbers_are_left_alone(detector):
    text = ("Vu l'article 375 du Code civil et la loi du 14 mars 2016, RG n° 22/01874, aide de 1 250 € ; "
            "en cas d'urgence appeler le 119, le 115 ou le 17. RDV à 14h30, suivi depuis 3 ans.")
    assert labelled(detector, text) == []


def test_a_service_acronym_a_heading_or_a_letter_courtesy_is_nobody(detector):
    text = ("Chère Consœur,\nJ'ai vu l'enfant. Madame est ASH à l'EHPAD, dossier PAJE à jour, un T3 de la SIP.\n"
            "4. Santé\nSuivi au CMP. La greffière, Mme Pauline Cuenot, note.")
    people = [value for label, value in labelled(detector, text) if label == "PERSON"]
    assert people == ["Pauline Cuenot"]


def test_the_model_s_name_ends_at_a_dash(detector):
    text = "Compte rendu de visite – famille Guyot – La Ferme des Granges, 21500 Montigny-sur-Vingeanne"
    assert ("PERSON", "Guyot") in labelled(detector, text)


def test_the_model_s_name_stops_before_an_age(detector):
    text = "VAD. mère Corinne (41a) seule av 5 enf : Kenzo 15a, Anaïs 12a, jumeaux Noé et Nolan 9a."
    found = labelled(detector, text)
    assert ("AGE", "15a") in found and ("AGE", "12a") in found and ("PERSON", "Kenzo") in found


def test_a_first_name_after_a_is_the_person_not_a_place(detector):
    found = labelled(detector, "Attendu que le père a porté des coups à Kévin ; que la mère vit à Florence.")
    assert ("PERSON", "Kévin") in found and ("LOCATION", "Florence") in found
    assert ("LOCATION", "Kévin") not in found


def test_a_school_named_after_someone_is_the_school(detector):
    text = "Lucas est scolarisé à l'école élémentaire Jean Jaurès depuis septembre 2024."
    assert labelled(detector, text) == [("PERSON", "Lucas"), ("ORGANIZATION", "école élémentaire Jean Jaurès"),
                                        ("DATE_TIME", "septembre 2024")]


def test_known_persons_are_tagged_with_their_id_and_role(detector):
    known = KnownPersons([KnownPerson("P-7", "child", "Benali", "Yanis"), KnownPerson("P-8", "parent", "Benali",
                                                                                        "Samia")])
    text = "yanis benali vu ce jour avec sa mère Samia."
    tags = [(text[e.start:e.end], e.person_id, e.role) for e in detector.analyze(text, known)]
    assert tags == [("yanis benali", "P-7", "child"), ("Samia", "P-8", "parent")]


def test_long_texts_are_cut_into_pieces_with_exact_offsets(detector):
    filler = "Le suivi se poursuit sans élément nouveau ce mois-ci. " * 2500  # 135,000 characters
    text = filler + "Tél. de la mère : 06 12 34 56 78. " + filler + "NIR 1 85 03 75 056 123 56."
    found = detector.analyze(text)
    assert len(text) > 250_000
    assert [(e.label, text[e.start:e.end]) for e in found] == [("PHONE_NUMBER", "06 12 34 56 78"),
                                                               ("FR_NIR", "1 85 03 75 056 123 56")]


def test_batches_and_processes_give_what_one_text_at_a_time_gives(detector):
    texts = [t.text for t in read_corpus(CORPUS)][:40] + ["", "   "]
    one_by_one = [detector.analyze(text) for text in texts]
    assert list(detector.analyze_many(texts)) == one_by_one
    assert list(detector.analyze_many(texts, processes=2)) == one_by_one
    assert one_by_one[-2:] == [[], []]


def test_nothing_reaches_the_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):  # tldextract swallows errors, so attempts are counted, not raised
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    text = "Écrire à marie.dupont@orange.fr ou à j.martin@laposte.net, IBAN FR76 3000 6000 0112 3456 7890 189."
    assert [label for label, _ in labelled(Detector(), text)] == ["EMAIL_ADDRESS", "EMAIL_ADDRESS", "IBAN_CODE"]
    assert attempts == []


def test_the_targets_on_the_labelled_corpus(detector):
    corpus = list(read_corpus(CORPUS))
    plain = evaluate(corpus, lambda texts: detector.analyze_many(t.text for t in texts))
    with_known = evaluate(corpus, lambda texts: (
        detector.analyze(t.text, KnownPersons([KnownPerson(**p) for p in t.persons])) for t in texts))
    assert len(corpus) >= 200
    for label in ("FR_NIR", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE"):
        assert plain[label].recall >= 0.97, label
    for label in ("PERSON", "DATE_TIME", "LOCATION"):
        assert plain[label].recall >= 0.90, label
    assert with_known["PERSON"].recall >= 0.97
    assert plain["ALL"].precision >= 0.90 and with_known["ALL"].precision >= 0.90


def test_an_invalid_configuration_is_refused_naming_the_key(tmp_path):
    path = tmp_path / "detection.yaml"
    path.write_text("labels: [PERSON, US_SSN]\nscore_threshold: 2\n", encoding="utf-8")
    with pytest.raises(DetectionConfigError) as error:
        load_detection_config(path)
    assert "labels.1" in str(error.value) and "score_threshold" in str(error.value)


def test_a_title_before_a_name_is_not_part_of_it_but_a_particle_is(detector):
    text = "Audience devant Mme la Juge Dubois. Entretien avec Mme Le Gall."
    assert [v for label, v in labelled(detector, text) if label == "PERSON"] == ["Dubois", "Le Gall"]


def test_an_honorific_before_a_known_initial_name_stays_visible(detector):
    known = KnownPersons([KnownPerson("P-9", "professional", "Daniel", "Marcel")])
    text = "Proposé par M. DANIEL, travailleur social."
    [entity] = detector.analyze(text, known)
    assert (text[entity.start:entity.end], entity.person_id) == ("DANIEL", "P-9")


def test_the_town_of_a_service_locates_the_family_not_the_service(detector):
    text = ("Évaluation confiée à la MDS de Colomiers ; audience au Tribunal pour enfants de Foix. "
            "Rojda est née à Diyarbakır (Turquie). Tél. de l'oncle : +90 532 123 45 67.")
    found = labelled(detector, text)
    assert ("LOCATION", "Colomiers") in found and ("LOCATION", "Foix") in found
    assert ("LOCATION", "Diyarbakır") in found and ("LOCATION", "Turquie") in found
    assert ("PERSON", "Rojda") in found and ("PHONE_NUMBER", "+90 532 123 45 67") in found
    assert not any("MDS" in value or "Tribunal" in value for _, value in found)


def test_a_hurried_note_of_another_hand(detector):
    text = ("lundi 4/11 permanence MDS\n- 9h mme bertrand (josiane) pour son petit-fils killian 15a\n"
            "- fam. SELIMI : arben (père) sorti détention, aïssatou (16a) ne dort plus à la maison")
    found = labelled(detector, text)
    people = {value for label, value in found if label == "PERSON"}
    assert {"bertrand", "josiane", "killian", "SELIMI", "arben", "aïssatou"} <= people
    assert ("AGE", "15a") in found and ("AGE", "16a") in found and ("DATE_TIME", "lundi 4/11") in found
