"""The French the letters are made of, computed from the decisions and the register's codes."""

import pytest

from casefiles.kernel.vocabulary import Capacity, RequestKind
from subject_requests.decision import OFFER, Decision
from subject_requests.wording import (
    address_lines,
    articles,
    decision_line,
    elided,
    grounds,
    offer,
    proof_asked,
    request_words,
    verdict,
)

REFUSED = Decision("case:C-1", "refused", f"17(3)(b) and (e): archived; {OFFER}", "le dossier est archivé")
ERASED = Decision("person:P-1", "erased", "no ground left to keep it: no case refers to this person",
                  "plus aucun dossier ne s'y rapporte")
GONE = Decision("case:C-2", "refused", "the case is already destroyed: nothing of it is left to erase",
                "le dossier a déjà été éliminé : il n'en reste rien à effacer")


@pytest.mark.parametrize(("decisions", "granted_beside", "template"), [
    ([ERASED], False, "answer"),
    ([], True, "answer"),  # an access answered in full
    ([REFUSED, ERASED], False, "partial_refusal"),
    ([REFUSED], True, "partial_refusal"),  # an access export with a document withheld
    ([REFUSED, GONE], False, "refusal"),
])
def test_an_answer_is_worded_as_granted_partly_or_wholly_refused_as_its_decisions_are(decisions, granted_beside,
                                                                                       template):
    assert verdict(decisions, granted_beside) == template


@pytest.mark.parametrize(("kind", "line"), [
    (RequestKind.ERASURE, "- Dossier n° C-1 : effacement refusé ; motif : le dossier est archivé "
                          "(articles 17(3)(b) et 17(3)(e) du RGPD)."),
    (RequestKind.OBJECTION, "- Dossier n° C-1 : opposition refusée ; motif : le dossier est archivé "
                            "(articles 17(3)(b) et 17(3)(e) du RGPD)."),
])
def test_a_refusal_agrees_with_the_noun_of_the_right_refused(kind, line):
    assert decision_line(REFUSED, kind) == line


def test_a_decision_without_an_article_cites_none_and_a_grant_says_what_was_done():
    assert articles(GONE) == [] and articles(ERASED) == []
    assert decision_line(ERASED, RequestKind.ERASURE) == ("- Données d'identification : effacement effectué ; plus "
                                                          "aucun dossier ne s'y rapporte.")


def test_grounds_are_named_once_each_and_restriction_is_offered_only_where_the_refusal_allows_it():
    text = grounds([REFUSED, REFUSED, GONE])
    assert text.count("- article 17(3)(b) :") == 1 and text.count("- article 17(3)(e) :") == 1
    assert text.endswith("droits en justice.") and grounds([GONE]) == "" and grounds([ERASED]) == ""
    assert "limitation du traitement" in offer([REFUSED]) and offer([GONE]) == ""


@pytest.mark.parametrize(("kind", "capacity", "words"), [
    (RequestKind.ACCESS, Capacity.SELF, "votre demande d'accès à vos données"),
    (RequestKind.ACCESS, Capacity.PARENTAL_AUTHORITY, "votre demande d'accès aux données de votre enfant Léa Martin"),
    (RequestKind.ERASURE, Capacity.PARENTAL_AUTHORITY,
     "votre demande d'effacement des données de votre enfant Léa Martin"),
    (RequestKind.OBJECTION, Capacity.GUARDIAN,
     "votre demande d'opposition au traitement des données de Léa Martin, que vous représentez"),
    (RequestKind.RESTRICTION, Capacity.SELF, "votre demande de limitation du traitement de vos données"),
])
def test_the_request_is_named_with_its_right_and_whose_data_it_concerns(kind, capacity, words):
    assert request_words(kind, capacity, "Léa Martin") == words


@pytest.mark.parametrize(("capacity", "proof"), [
    (Capacity.SELF, "copie d'une pièce d'identité."),
    (Capacity.PARENTAL_AUTHORITY, "ainsi qu'un justificatif de votre autorité parentale, par exemple le livret de "
                                  "famille"),
    (Capacity.GUARDIAN, "ainsi que le jugement qui vous confie la tutelle."),
    (Capacity.LEGAL_REPRESENTATIVE, "ainsi que le jugement, la décision ou le mandat qui vous donne qualité"),
])
def test_a_representative_is_asked_for_proof_of_capacity_and_the_person_for_an_id_only(capacity, proof):
    asked = proof_asked(capacity, "Léa Martin")
    assert proof in asked and ("Léa Martin" in asked) == (capacity != Capacity.SELF)


def test_a_child_whose_name_starts_with_a_vowel_is_named_with_d_apostrophe():
    assert "votre qualité pour agir au nom d'Emma Martin (article" in proof_asked(Capacity.GUARDIAN, "Emma Martin")
    assert request_words(RequestKind.ACCESS, Capacity.GUARDIAN, "Emma Martin") == (
        "votre demande d'accès aux données d'Emma Martin, que vous représentez")


@pytest.mark.parametrize(("word", "before", "together"), [
    ("que", "un justificatif", "qu'un justificatif"), ("que", "le jugement", "que le jugement"),
    ("que", "Hugo", "qu'Hugo"), ("de", "Léa", "de Léa"), ("de", "Emma", "d'Emma"),
])
def test_que_and_de_are_elided_before_a_vowel(word, before, together):
    assert elided(word, before) == together


@pytest.mark.parametrize(("address", "lines"), [
    ("12 rue des Lilas, 31000 Toulouse", ["12 rue des Lilas", "31000 Toulouse"]),
    ("173, quai du 8 Mai 1945, 31790 Fronton", ["173, quai du 8 Mai 1945", "31790 Fronton"]),
    ("Le Bourg", ["Le Bourg"]),
    (None, []),
])
def test_an_address_is_set_out_as_an_envelope_has_it(address, lines):
    assert address_lines(address) == lines
