import pytest

from casefiles.kernel.errors import NotFound
from casefiles.people.queries import case_detail, list_cases, search_subjects
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW


@pytest.fixture
def seeded(app):
    seed_cases(app.uow(), 30, seed=2, as_of=FIXED_NOW.date())
    return app


def test_subjects_are_found_whatever_the_accents_and_case(seeded):
    with seeded.uow() as uow:
        total, cases = list_cases(uow.session, limit=1)
        child = next(p for p in case_detail(uow.session, cases[0].id, seeded.vault()).participants if p.role == "child")
        shouted = child.name.upper().replace("É", "E").replace("È", "E")
        hits = search_subjects(uow.session, shouted)
    assert child.person_id in [hit.person_id for hit in hits]
    hit = next(h for h in hits if h.person_id == child.person_id)
    assert (cases[0].id, "child", "active") in hit.cases and not hit.sealed


def test_a_search_with_a_percent_sign_matches_nothing_rather_than_everything(seeded):
    with seeded.uow() as uow:
        assert search_subjects(uow.session, "%") == []


def test_case_lists_page_and_filter_by_state(seeded):
    with seeded.uow() as uow:
        total, page = list_cases(uow.session, limit=10, offset=5)
        assert total == 30 and len(page) == 10
        assert list_cases(uow.session, state="archived")[0] == 0


def test_an_unknown_case_is_a_clear_error(seeded):
    with seeded.uow() as uow, pytest.raises(NotFound, match="no case has the id D-none"):
        case_detail(uow.session, "D-none", seeded.vault())
