"""A case's participants found in its texts, tagged with their id and role (no spaCy model needed)."""

from anonymizer.known_persons import KnownPerson, KnownPersons

MOTHER = KnownPerson("P-1", "parent", "Le Bris-Hervé", "Élodie", nir="290122A00400588", phone="0612345678",
                     email="elodie.lebris@orange.fr", caf_number="1234567")
CHILD = KnownPerson("P-2", "child", "Le Bris-Hervé", "Jean-Noël")
CARER = KnownPerson("P-3", "foster_carer", "Petit", "Rose")

KNOWN = KnownPersons([MOTHER, CHILD, CARER])


def mentions(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.label, text[e.start:e.end], e.person_id) for e in KNOWN.find(text)]


def test_names_whatever_the_case_accents_order_and_hyphens():
    text = "Vu ELODIE LE BRIS HERVE puis le bris-hervé élodie. Jean Noel dort; jean-noël aussi."
    assert mentions(text) == [("PERSON", "ELODIE LE BRIS HERVE", "P-1"), ("PERSON", "le bris-hervé élodie", "P-1"),
                              ("PERSON", "Jean Noel", "P-2"), ("PERSON", "jean-noël", "P-2")]


def test_a_first_name_alone_and_an_initial_name_the_person():
    assert mentions("Élodie appelle. É. Le Bris-Hervé confirme.") == [
        ("PERSON", "Élodie", "P-1"), ("PERSON", "É. Le Bris-Hervé", "P-1")]


def test_a_surname_shared_by_the_family_is_found_but_tagged_with_no_one():
    [(label, value, person)] = mentions("La famille LE BRIS-HERVÉ est reçue.")
    assert (label, value, person) == ("PERSON", "LE BRIS-HERVÉ", None)


def test_everyday_words_in_lower_case_are_not_the_person():
    assert mentions("le petit garçon a offert une rose") == []
    assert mentions("Mme PETIT et Rose") == [("PERSON", "PETIT", "P-3"), ("PERSON", "Rose", "P-3")]


def test_identifiers_however_they_are_written():
    text = "NIR 2 90 12 2A 004 005 88, tél. 06.12.34.56.78, ELODIE.LEBRIS@orange.fr, CAF 123 45 67"
    assert [(label, person) for label, _, person in mentions(text) if label != "PERSON"] == [
        ("FR_NIR", "P-1"), ("PHONE_NUMBER", "P-1"), ("EMAIL_ADDRESS", "P-1"), ("FR_CAF_NUMBER", "P-1")]


def test_offsets_point_into_the_original_text_after_ligatures():
    text = "Cœur de l'affaire : Élodie."
    [entity] = KNOWN.find(text)
    assert text[entity.start:entity.end] == "Élodie" and entity.role == "parent"
