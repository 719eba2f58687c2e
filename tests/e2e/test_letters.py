"""Every letter a request calls for, as the DPO prints it with `oubli requests letter` and the person
reads it: checked against the French expected for each outcome, and for what must never be in one
(a "(s)", an ISO date, an English code, a snake_case word)."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from casefiles.kernel.calendar import add_months, french_date
from casefiles.kernel.vocabulary import CaseState, Channel, Letter, RequestKind
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date()
LE = french_date(TODAY)
DUE = french_date(add_months(TODAY, 1))

CASE = {"id": "D-2024-00007", "opened_on": "2024-01-10",
        "persons": [{"id": "P-71", "last_name": "Martin", "first_names": "Léa", "birth_date": "2015-03-02", "sex": "F",
                     "address": "12 rue des Lilas, 31000 Toulouse"},
                    {"id": "P-72", "last_name": "Martin", "first_names": "Claire", "sex": "F",
                     "address": "12 rue des Lilas, 31000 Toulouse"},
                    {"id": "P-73", "last_name": "Girard", "first_names": "Paul", "sex": "M",
                     "address": "5 chemin du Moulin, 31100 Toulouse"}],
        "participants": [{"person_id": "P-71", "role": "child"}, {"person_id": "P-72", "role": "parent"},
                         {"person_id": "P-72", "role": "parental_authority_holder"}],
        "documents": [{"id": "N-701", "kind": "situation_note", "written_on": "2024-02-01",
                       "text": "Léa Martin est accueillie chez sa mère."},
                      {"id": "N-702", "kind": "evaluation_report", "written_on": "2024-03-01",
                       "text": "Évaluation de la situation de Léa Martin."}]}

HEADER = ("Département de la Haute-Garonne\nDélégation à la protection des données\n1 boulevard de la Marquette\n"
          "31090 Toulouse Cedex 9\n\n{recipient}\n\nÀ Toulouse, le " + LE + "\n\n")
CLAIRE = "Mme Claire Martin\n12 rue des Lilas\n31000 Toulouse"
LEA = "Léa Martin\n12 rue des Lilas\n31000 Toulouse"
CLOSING = ("Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n\n"
           "Le délégué à la protection des données\n")
COURT_AND_CNIL = (
    "Si vous estimez que cette réponse n'est pas conforme à la réglementation, vous pouvez former un recours "
    "devant le tribunal administratif de Toulouse, 68 rue Raymond IV, BP 7007, 31068 Toulouse Cedex 7 (articles "
    "12(4) et 79 du RGPD). Vous pouvez introduire une réclamation auprès de la Commission nationale de "
    "l'informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr.\n\n")
OFFER = ("Vous pouvez demander à la place la limitation du traitement de ces données (article 18 du RGPD) : elles "
         "seraient alors seulement conservées, sans autre usage.\n\n")
GROUNDS = "Ces refus se fondent sur les dispositions suivantes du règlement général sur la protection des données (RGPD) :\n"
ACTIVE = "- Dossier n° D-2024-00007 : {noun} ; motif : {motif}."

# Codes of the register that are not French words, and would betray an untranslated value.
ENGLISH = ({code.value for enum in (RequestKind, CaseState, Channel, Letter) for code in enum} | {
    "self", "parental_authority", "guardian", "legal_representative", "refused", "erased", "restricted",
    "rectified", "statement_added", "granted", "case", "person"}) - {"rectification", "restriction", "objection"}


def mistakes(letter: str) -> list[str]:
    """What must never be in a letter to a person."""
    found = ["(s)"] if "(s)" in letter else []
    found += re.findall(r"\b\d{4}-\d{2}-\d{2}\b", letter)
    found += re.findall(r"\b[a-z]+_[a-z_]+\b", letter)
    found += [word for word in re.findall(r"[a-zA-Z_]+", letter) if word in ENGLISH]
    return found + (["$"] if "$" in letter else [])


@pytest.fixture
def store(cli, tmp_path):
    path = tmp_path / "case.jsonl"
    path.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", encoding="utf-8")
    imported = cli("import", str(path))
    assert imported.returncode == 0, imported.stderr
    return cli


def opened(cli, kind: str, subject: str, name: str, capacity: str = "self", requester: str | None = None,
           verified: bool = True) -> str:
    request_id = str(cli.json("requests", "open", "--kind", kind, "--subject", subject, "--requester-name", name,
                              "--capacity", capacity, "--received", TODAY.isoformat(),
                              *(["--requester-id", requester] if requester else []))["id"])
    if verified:
        assert cli("requests", "verify-identity", request_id, "--method", "CNI vue au guichet").returncode == 0
    return request_id


def letter(cli, request_id: str, which: str | None = None) -> str:
    printed = cli("requests", "letter", request_id, *(["--which", which] if which else []))
    assert printed.returncode == 0, printed.stderr
    assert mistakes(printed.stdout) == [], printed.stdout
    return printed.stdout


def decided(cli, request_id: str) -> str:
    assert cli("requests", "decide", request_id).returncode == 0
    return letter(cli, request_id)


@on_each_database
def test_the_acknowledgement_to_a_parent_names_the_child_and_asks_for_proof_of_parental_authority(store):
    request_id = opened(store, "access", "P-71", "Mme Claire Martin", "parental_authority", "P-72", verified=False)
    assert letter(store, request_id) == HEADER.format(recipient=CLAIRE) + (
        f"Objet : accusé de réception de votre demande d'accès aux données de votre enfant Léa Martin (demande n° "
        f"{request_id})\n\nMadame, Monsieur,\n\n"
        f"Nous avons bien reçu le {LE} votre demande d'accès aux données de votre enfant Léa Martin, au titre du "
        "règlement général sur la protection des données (RGPD). "
        f"Elle est enregistrée sous le n° {request_id}.\n\n"
        f"Nous vous répondrons au plus tard le {DUE}, soit un mois après sa réception (article 12(3) du RGPD). "
        "Si la complexité de la demande l'exigeait, ce délai pourrait être prolongé de deux mois : nous "
        "vous en informerions avant cette date, en vous en donnant les raisons.\n\n"
        "Avant de vous répondre, nous devons nous assurer de votre identité et de votre qualité pour agir au nom de "
        "Léa Martin (article 12(6) du RGPD) : merci de nous présenter ou de nous adresser la copie d'une pièce "
        "d'identité ainsi qu'un justificatif de votre autorité parentale, par exemple le livret de famille ou "
        "l'acte de naissance de l'enfant et, s'il y en a un, le jugement qui en fixe l'exercice.\n\n" + CLOSING)
    journal = store.json("audit", "log", "--action", "request.letter")
    assert journal and "Martin" not in json.dumps(journal)


def test_the_acknowledgement_to_the_person_asks_for_an_id_only_and_a_guardian_for_the_judgment(store):
    own = letter(store, opened(store, "erasure", "P-73", "M. Paul Girard", verified=False))
    assert "M. Paul Girard\n5 chemin du Moulin\n31100 Toulouse\n" in own
    assert "votre demande d'effacement de vos données" in own
    assert ("nous devons nous assurer de votre identité (article 12(6) du RGPD) : merci de nous présenter ou de nous "
            "adresser la copie d'une pièce d'identité.\n") in own
    guardian = letter(store, opened(store, "rectification", "P-71", "Service de tutelle", "guardian", verified=False))
    assert "votre demande de rectification des données de Léa Martin, que vous représentez" in guardian
    assert "ainsi que le jugement qui vous confie la tutelle." in guardian


def test_a_letter_to_a_requester_the_store_does_not_know_warns_that_the_address_is_missing(store):
    request_id = opened(store, "access", "P-71", "Me Avocat", "legal_representative", verified=False)
    printed = store("requests", "letter", request_id)
    assert printed.returncode == 0 and "no address for request" in printed.stderr and "Avocat" not in printed.stderr
    assert "le jugement, la décision ou le mandat qui vous donne qualité pour agir en son nom." in printed.stdout


def test_the_extension_notice_gives_the_reason_and_the_new_date_in_words(store):
    request_id = opened(store, "access", "P-72", "Mme Claire Martin")
    assert store("requests", "extend", request_id, "--reason", "Dossier de 2 000 documents à examiner").returncode == 0
    assert letter(store, request_id) == HEADER.format(recipient=CLAIRE) + (
        f"Objet : prolongation du délai de réponse à votre demande d'accès à vos données (demande n° {request_id})\n\n"
        f"Madame, Monsieur,\n\nNous avons reçu le {LE} votre demande d'accès à vos données. Son examen appelle un "
        "délai supplémentaire : conformément à l'article 12(3) du RGPD, le délai de réponse est prolongé de deux "
        "mois, pour la raison suivante :\n\n  Dossier de 2 000 documents à examiner\n\n"
        f"Nous vous répondrons au plus tard le {french_date(add_months(TODAY, 3))}.\n\n"
        "Vous pouvez introduire une réclamation auprès de la Commission nationale de l'informatique et des libertés "
        "(CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr.\n\n" + CLOSING)


@on_each_database
def test_an_erasure_wholly_refused_says_so_with_each_ground_in_words_and_every_remedy(store):
    request_id = opened(store, "erasure", "P-71", "Léa Martin")
    assert decided(store, request_id) == HEADER.format(recipient=LEA) + (
        f"Objet : réponse à votre demande d'effacement de vos données (demande n° {request_id})\n\n"
        f"Madame, Monsieur,\n\nVous nous avez adressé le {LE} votre demande d'effacement de vos données. Nous ne "
        "pouvons pas y faire droit, pour les motifs suivants :\n\n"
        + ACTIVE.format(noun="effacement refusé", motif="l'accompagnement est en cours (article 17(3)(b) du RGPD)")
        + "\n- Données d'identification : effacement refusé ; motif : l'identité est conservée tant que le dossier "
        "ci-dessus l'est (article 17(3)(b) du RGPD).\n\n" + GROUNDS +
        "- article 17(3)(b) : l'effacement ne s'applique pas lorsque la conservation est nécessaire au respect d'une "
        "obligation légale ou à l'exécution d'une mission d'intérêt public, ici la protection de l'enfance (articles "
        "L221-1 et suivants du Code de l'action sociale et des familles).\n\n" + OFFER + COURT_AND_CNIL + CLOSING)


def test_an_erasure_granted_says_it_was_done_and_offers_no_remedy(store):
    request_id = opened(store, "erasure", "P-73", "M. Paul Girard")
    text = decided(store, request_id)
    assert text.endswith(
        f"Vous nous avez adressé le {LE} votre demande d'effacement de vos données. Nous y avons fait droit.\n\n"
        "- Données d'identification : effacement effectué ; plus aucun dossier ne s'y rapporte.\n\n" + CLOSING)
    assert "recours" not in text and "refus" not in text


@on_each_database
def test_an_access_with_a_withheld_document_is_a_partial_refusal_naming_the_document_and_its_ground(store, tmp_path):
    import pyrage

    request_id = opened(store, "access", "P-72", "Mme Claire Martin")
    exported = store.json("requests", "export", request_id, "--recipient", str(pyrage.x25519.Identity.generate()
                                                                                .to_public()),
                          "--out", str(tmp_path / "export.age"), "--withhold", "N-702=Tiers")
    text = letter(store, request_id)
    assert (f"Vous nous avez adressé le {LE} votre demande d'accès à vos données. Nous ne pouvons y faire droit "
            "qu'en partie. Voici, pour chaque élément, notre décision et, en cas de refus, son motif :\n\n"
            "- Document n° N-702 : accès refusé ; motif : sa communication porterait atteinte aux droits d'autres "
            "personnes ; le motif précis figure dans le rapport joint (article 15(4) du RGPD).\n\n"
            + GROUNDS + "- article 15(4) : le droit d'obtenir une copie des données ne doit pas porter atteinte aux "
            "droits et libertés d'autrui.\n\n") in text
    assert f"d'empreinte SHA-256 {exported['sha256']}" in text and text.endswith(COURT_AND_CNIL + CLOSING)


def test_an_access_answered_in_full_to_a_parent_has_no_refusal_and_gives_the_child_s_data(store, tmp_path):
    import pyrage

    request_id = opened(store, "access", "P-71", "Mme Claire Martin", "parental_authority", "P-72")
    store.json("requests", "export", request_id, "--recipient", str(pyrage.x25519.Identity.generate().to_public()),
               "--out", str(tmp_path / "export.age"))
    text = letter(store, request_id)
    assert ("votre demande d'accès aux données de votre enfant Léa Martin. Nous y avons fait droit.\n\n"
            "Les données de votre enfant Léa Martin vous sont communiquées dans le fichier chiffré joint") in text
    assert "refus" not in text and "recours" not in text


def test_an_access_answered_with_a_pdf_tells_how_to_open_it_and_that_the_password_comes_apart(store, tmp_path):
    request_id = opened(store, "access", "P-71", "Léa Martin")
    exported = store.json("requests", "export", request_id, "--pdf", "--out", str(tmp_path / "reponse.pdf"))
    text = letter(store, request_id)
    assert ("Vos données vous sont communiquées dans le document PDF joint, protégé par un mot de passe. Il s'ouvre "
            "avec n'importe quel lecteur de PDF, sur un ordinateur, une tablette ou un téléphone ; le mot de passe "
            "vous est transmis séparément, par un autre moyen") in text
    assert exported["passphrase"] not in text and "age" not in text.split()


def test_a_rectification_answer_names_the_field_in_french_and_whom_we_tell(store):
    request_id = opened(store, "rectification", "P-71", "Léa Martin")
    assert store("requests", "rectify", request_id, "--field", "last_name", "--value", "Martin-Durand").returncode == 0
    text = decided(store, request_id)
    assert ("Nous y avons fait droit.\n\n- Nom : rectification effectuée ; l'ancienne valeur est conservée, chiffrée, "
            "dans l'historique (article 16 du RGPD).\n\nConformément à l'article 19 du RGPD, nous informons de cette "
            "rectification les destinataires de ces données :\n- Les professionnels") in text
    assert "Léa Martin-Durand\n12 rue des Lilas" in text or "Léa Martin\n12 rue des Lilas" in text


def test_a_restriction_answer_is_a_grant_and_says_we_will_warn_before_lifting(store):
    text = decided(store, opened(store, "restriction", "P-71", "Léa Martin"))
    assert ("Nous y avons fait droit.\n\n" + ACTIVE.format(
        noun="limitation mise en place", motif="les données sont désormais seulement conservées, et nous vous "
        "préviendrons avant de lever la limitation (article 18(1) du RGPD)").replace(" ; motif :", " ;")) in text


@pytest.mark.parametrize(("kind", "noun", "motif", "ground"), [
    ("portability", "portabilité refusée", "le droit à la portabilité ne s'applique pas à un traitement nécessaire "
     "à une mission d'intérêt public ; une demande d'accès (article 15 du RGPD) en donne une copie (article 20(3) du "
     "RGPD)", "- article 20(3) : le droit à la portabilité ne s'applique pas"),
    ("objection", "opposition refusée", "la protection de l'enfant et l'obligation légale de tenir le dossier "
     "prévalent (article 21(1) du RGPD)", "- article 21(1) : l'opposition ne peut être retenue"),
])
def test_portability_and_objection_refused_are_worded_as_full_refusals(store, kind, noun, motif, ground):
    text = decided(store, opened(store, kind, "P-71", "Léa Martin"))
    assert "Nous ne pouvons pas y faire droit, pour les motifs suivants :\n\n" + ACTIVE.format(
        noun=noun, motif=motif) + "\n\n" + GROUNDS + ground in text
    assert text.endswith(COURT_AND_CNIL + CLOSING) and "qu'en partie" not in text


def test_letters_settings_with_a_missing_key_are_refused_naming_it(store, tmp_path):
    from subject_requests.letter_settings import LetterSettingsError, load_letter_settings

    path = tmp_path / "settings.yaml"
    path.write_text("sender:\n  name: Département\n  service: DPO\n  address: []\n  signatory: Le DPO\ncourt: ' '\n",
                    encoding="utf-8")
    with pytest.raises(LetterSettingsError) as refused:
        load_letter_settings(path)
    assert "sender.address" in str(refused.value) and "sender.city" in str(refused.value)
    assert "court" in str(refused.value)


ARCHIVED = {"id": "D-2012-00003", "opened_on": "2012-01-10",
            "persons": [{"id": "P-31", "last_name": "Roux", "first_names": "Hugo", "birth_date": "2011-06-01", "sex": "M",
                         "address": "3 impasse des Pins, 31200 Toulouse"},
                        {"id": "P-32", "last_name": "Roux", "first_names": "Sophie", "sex": "F",
                         "address": "3 impasse des Pins, 31200 Toulouse"}],
            "participants": [{"person_id": "P-31", "role": "child"}, {"person_id": "P-32", "role": "parent"},
                             {"person_id": "P-32", "role": "parental_authority_holder"}],
            "measures": [{"id": "M-31", "type": "AEMO", "started_on": "2012-02-01", "ended_on": "2013-02-01"}]}


@on_each_database
def test_a_letter_about_a_sealed_child_names_them_and_the_archive_date_in_words_and_journals_the_read(cli, tmp_path):
    path = tmp_path / "archived.jsonl"
    path.write_text(json.dumps(ARCHIVED, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("import", str(path)).returncode == 0
    assert cli("run", "--as-of", TODAY.isoformat(), "--json").returncode == 0
    request_id = opened(cli, "erasure", "P-31", "Mme Sophie Roux", "parental_authority", "P-32")
    text = decided(cli, request_id)
    assert "Mme Sophie Roux\n3 impasse des Pins\n31200 Toulouse\n" in text
    assert "votre demande d'effacement des données de votre enfant Hugo Roux. Nous ne pouvons pas y faire droit" in text
    assert re.search(r"- Dossier n° D-2012-00003 : effacement refusé ; motif : le dossier est archivé pour sa durée "
                     r"légale de conservation jusqu'au (1er|\d{1,2}) [a-zéû]+ \d{4} \(articles 17\(3\)\(b\) et "
                     r"17\(3\)\(e\) du RGPD\)\.", text), text
    assert "- article 17(3)(e) : l'effacement ne s'applique pas lorsque la conservation est nécessaire" in text
    [entry] = cli.json("audit", "log", "--action", "request.letter")[-1:]
    assert sorted(entry["details"]["sealed_persons_read"]) == ["P-31", "P-32"] and "Roux" not in json.dumps(entry)
