"""Erasure decisions per record (art. 17(3)), pure."""

from datetime import date

from subject_requests.erasure_rules import decide_case, decide_person


def test_every_kept_case_is_refused_with_its_ground_and_offers_restriction():
    active = decide_case("D-1", "active", held=False, retention_until=None)
    archived = decide_case("D-2", "archived", held=False, retention_until=date(2031, 6, 30))
    held = decide_case("D-3", "archived", held=True, retention_until=date(2031, 6, 30))
    pending = decide_case("D-4", "pending_disposal", held=False, retention_until=None)
    assert [d.outcome for d in (active, archived, held, pending)] == ["refused"] * 4
    assert active.ground.startswith("17(3)(b)") and "until 2031-06-30" in archived.ground
    assert held.ground.startswith("17(3)(e)") and pending.ground.startswith("17(3)(d)")
    assert all("restriction" in d.ground for d in (active, archived, held, pending))
    assert (active.record, held.record) == ("case:D-1", "case:D-3")


def test_an_identity_no_case_needs_is_erased():
    assert decide_person("P-1", cases_kept=2).outcome == "refused"
    assert decide_person("P-1", cases_kept=0).outcome == "erased"


def test_the_letter_s_words_for_a_refusal_are_french_with_dates_in_words_and_counts_agreed():
    archived = decide_case("D-2", "archived", held=False, retention_until=date(2031, 6, 1))
    sent = decide_case("D-5", "awaiting_transfer", held=False, retention_until=None)
    assert archived.motif == "le dossier est archivé pour sa durée légale de conservation jusqu'au 1er juin 2031"
    assert sent.article == "17(3)(d)" and "transmis aux Archives départementales" in sent.motif
    assert decide_person("P-1", cases_kept=1).motif == "l'identité est conservée tant que le dossier ci-dessus l'est"
    assert decide_person("P-1", cases_kept=3).motif == ("l'identité est conservée tant que les 3 dossiers ci-dessus "
                                                         "le sont")
