"""Who is masked in an access answer, and as whom: the pure rules of subject_requests/third_parties.py,
on known persons alone (the detector's findings are given as values)."""

from datetime import date

import pytest

from anonymizer.entities import Entity
from casefiles.people.persons import Identity
from subject_requests.masking_settings import MaskingSettings, MaskingSettingsError, load_masking_settings
from subject_requests.third_parties import Cast, apply_masking, known_persons, plan_masking

SUBJECT = Identity("P-1", "child", "Morel", "Inès", "206083112345678", "06 11 22 33 44", None, "1234567",
                   date(2006, 8, 3), "Muret", "4 rue des Lilas, 31600 Muret")
SIBLING = Identity("P-2", "sibling", "Morel", "Léo", None, None, None, None, date(2012, 8, 2), "Albi",
                   "9 avenue Pasteur, 81000 Albi")
MOTHER = Identity("P-3", "parent,parental_authority_holder", "Caron", "Sandrine", None, "07 55 66 77 88", None,
                  "7654321", date(1985, 1, 15), "Rodez", "12 rue Noël Inès, 12000 Rodez")
FATHER = Identity("P-4", "parent", "Morel", "Karim", None, None, None, None, date(1980, 5, 1), "Alger", None)
REPORTER = Identity("P-5", "third_party", "Blondel", "Thierry", None, "05 61 00 00 01", None, None, None, None, None)
CARER = Identity("P-6", "foster_carer", "Lamy", "Marthe", None, None, None, None, None, None, None)
WORKER = Identity("P-7", "professional", "Gilles", "Monique", None, None, None, None, None, None, None)
REPORTING_WORKER = Identity("P-8", "professional,third_party", "Payet", "Charles", None, None, None, None, None,
                            None, None)
EVERYONE = [SUBJECT, SIBLING, MOTHER, FATHER, REPORTER, CARER, WORKER, REPORTING_WORKER]
KEEP_PROFESSIONALS = MaskingSettings(professionals_masked=False)


def masked(text: str, settings: MaskingSettings = KEEP_PROFESSIONALS, entities: list[Entity] = (),
           people: list[Identity] = EVERYONE) -> str:
    known = known_persons(people)
    return apply_masking(text, plan_masking(text, list(entities), known, Cast(SUBJECT.person_id, people, settings)))


@pytest.mark.parametrize(("text", "expected"), [
    # the subject's own data stay, in every form
    ("Inès MOREL, née le 3 août 2006 à Muret.", "Inès MOREL, née le 3 août 2006 à Muret."),
    ("Inès vit au 4 rue des Lilas, 31600 Muret ; tél. 06.11.22.33.44.", None),
    ("NIR 2 06 08 31 123 456 78, allocataire n° 1234567, née le 03/08/2006.", None),
    ("Tél. : +33 6 11 22 33 44.", None),
    # a sibling's birth date and place, in words and in figures
    ("Son frère Léo, né le 2 août 2012 à Albi.", "Son frère [frère ou sœur], né le [frère ou sœur] à [frère ou sœur]."),
    ("Léo (02/08/2012) vit au 9 avenue Pasteur.", "[frère ou sœur] ([frère ou sœur]) vit au [frère ou sœur]."),
    # numbered per person: the mother and the father are two parents
    ("Sandrine et Karim.", "[parent 1] et [parent 2]."),
    ("Mme CARON, n° CAF 7654321, tél. 07 55 66 77 88.", "Mme [parent 1], n° CAF [parent 1], tél. [parent 1]."),
    # a value of another that holds the subject's first name is the other's whole
    ("La mère demeure 12 rue Noël Inès, 12000 Rodez.", "La mère demeure [parent 1]."),
    # a surname the family shares names no one alone: masked
    ("M. MOREL est venu.", "M. [autre personne] est venu."),
    # the reporter is always masked, even a professional who reported
    ("Signalé par Thierry Blondel (05 61 00 00 01).", "Signalé par [tiers 1] ([tiers 1])."),
    ("Signalé par Charles PAYET.", "Signalé par [tiers 2]."),
    ("Accueillie chez Marthe LAMY.", "Accueillie chez [assistant familial]."),
    # professionals acting in their function stay in clear by default
    ("Rapport de Mme Monique GILLES.", None),
    # the story's dates stay
    ("Audience du 12 mars 2024.", None),
])
def test_each_value_is_masked_as_its_owner_or_left_when_it_is_the_subjects(text, expected):
    assert masked(text) == (text if expected is None else expected)


def test_professionals_are_numbered_and_masked_when_the_settings_say_so():
    assert masked("Rapport de Mme Monique GILLES.", MaskingSettings(professionals_masked=True)) \
        == "Rapport de Mme [professionnel]."


def test_the_same_person_has_the_same_number_in_every_document_of_an_export():
    first = masked("Karim a appelé.")
    second = masked("Visite de Sandrine, puis de Karim.")
    assert first == "[parent 2] a appelé." and second == "Visite de [parent 1], puis de [parent 2]."


@pytest.mark.parametrize(("text", "found", "expected"), [
    ("Rémy LOMBARD est passé.", ("PERSON", 0, 12), "[autre personne] est passé."),
    ("Rendez-vous à Colomiers.", ("LOCATION", 14, 23), "Rendez-vous à [lieu]."),
    ("Appeler le 05 34 00 00 00.", ("PHONE_NUMBER", 11, 25), "Appeler le [téléphone]."),
    ("Audience du 12 mars 2024.", ("DATE_TIME", 12, 24), "Audience du 12 mars 2024."),  # not a person's
])
def test_what_the_detector_finds_outside_the_case_is_masked_by_its_kind(text, found, expected):
    label, start, end = found
    assert masked(text, entities=[Entity(label, start, end, 0.9, "SomeRecognizer")]) == expected


def test_a_name_merged_with_a_kept_one_is_masked_in_its_unknown_part():
    text = "Inès LOMBARD est passée."
    entity = Entity("PERSON", 0, 12, 1.0, "KnownPersons", "P-1", "child")
    assert masked(text, entities=[entity]) == "Inès [autre personne] est passée."


def test_every_stretch_says_whose_it_is_and_why():
    text = "Léo et Thierry BLONDEL."
    stretches = plan_masking(text, [], known_persons(EVERYONE), Cast(SUBJECT.person_id, EVERYONE, KEEP_PROFESSIONALS))
    assert [(s.start, s.end, s.label, s.role, s.number, s.person_id, s.why) for s in stretches] == [
        (0, 3, "[frère ou sœur]", "sibling", None, "P-2", "participant"),
        (7, 22, "[tiers 1]", "third_party", 1, "P-5", "reporter")]


@pytest.mark.parametrize(("content", "problem"), [
    ("professionals_masked: 'no'\n", "professionals_masked: Input should be a valid boolean"),
    ("{}\n", "professionals_masked: Field required"),
    ("professionals_masked: false\nreporters_masked: false\n", "reporters_masked"),
    ("professionals_masked: [\n", "not valid YAML"),
])
def test_a_wrong_masking_settings_file_is_refused_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "masking.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MaskingSettingsError, match=problem) as refused:
        load_masking_settings(path)
    assert str(path) in str(refused.value)


def test_the_shipped_settings_keep_professionals_in_clear():
    assert load_masking_settings() == KEEP_PROFESSIONALS


def test_the_taken_stretches_answer_as_a_scan_of_every_one_would():
    """The masking places each finding by bisection among the stretches already taken (a long note has tens of
    thousands): the parts left uncovered are those a plain scan of every taken stretch finds."""
    import random

    from subject_requests.third_parties import _Taken

    def scanned(start, end, taken):
        pieces = [(start, end)]
        for t_start, t_end in taken:
            pieces = [part for a, b in pieces for part in ((a, min(b, t_start)), (max(a, t_end), b)) if part[0] < part[1]]
        return pieces

    rng = random.Random(20261206)
    for _ in range(200):
        taken, plain = _Taken(), []
        for _ in range(50):
            start = rng.randrange(0, 200)
            end = start + rng.randrange(1, 15)
            pieces = taken.uncovered(start, end)
            assert pieces == scanned(start, end, plain)
            for piece in pieces:
                if rng.random() < 0.7:
                    taken.add(*piece)
                    plain.append(piece)
