"""The blind index, on both databases: persons out of daily use are found by name, birth date and NIR
without being opened, through digests under index.key; their entries go with them; the SQLite files
hold no readable name of theirs; reading their rectification history needs a reason and is journaled."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from casefiles.crypto import sealing
from casefiles.crypto.blind_index import BlindIndex, WrongIndexKey
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.names import fold
from casefiles.kernel.vocabulary import OUT_OF_DAILY_USE, Capacity, CaseState, Channel, RequestKind
from casefiles.people.queries import search_subjects
from casefiles.persistence.models import (
    BlindIndexEntry,
    Case,
    Document,
    HistoryRead,
    JournalEntry,
    Participation,
    Person,
)
from oubli.settings import DEFAULT_POLICY
from retention import disposals
from retention.policy import load_policy
from retention.run import nightly_run
from subject_requests.rectification import former_values, rectify
from subject_requests.register import open_request, verify_identity
from synthetic.seed import seed_cases

AS_OF = date(2026, 11, 22)
POLICY = load_policy(DEFAULT_POLICY)


def run(app):
    return nightly_run(app.uow, POLICY, AS_OF, app.clock, app.disposal_means(), batch_size=40)


@pytest.fixture
def archived(app):
    """120 synthetic cases after a first run: some archived, their persons sealed."""
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    run(app)
    return app


def sealed_people(app) -> dict[str, dict]:
    """{person id: identifying fields} of every sealed person, opened here by the test (the search never is)."""
    with app.uow() as uow:
        ids = list(uow.session.scalars(select(Person.id).where(Person.sealed.is_not(None))))
        return app.vault().person_fields(uow.session, ids)


def a_sealed_child(app) -> tuple[str, dict]:
    """A sealed child with first names, a birth date and a NIR."""
    people = sealed_people(app)
    with app.uow() as uow:
        children = set(uow.session.scalars(select(Participation.person_id).where(Participation.role == "child")))
    person_id = next(p for p in sorted(people) if p in children and people[p]["first_names"]
                     and people[p]["birth_date"] and people[p]["nir"])
    return person_id, people[person_id]


def search(app, text: str, born: date | None = None, index: BlindIndex | None = None):
    with app.uow() as uow:
        return search_subjects(uow.session, text, 50, born, index or app.blind_index())


def test_a_sealed_person_is_found_by_their_names_in_any_case_marked_sealed_and_left_sealed(archived):
    person_id, fields = a_sealed_child(archived)
    for text in (f"{fields['first_names']} {fields['last_name']}".upper(), fold(fields["last_name"]),
                 f"{fields['last_name']} {fields['first_names']}".lower()):
        [hit] = [h for h in search(archived, text) if h.person_id == person_id]
        assert hit.sealed and (hit.first_names, hit.last_name, hit.birth_date) == (None, None, None)
        assert hit.cases and all(state in OUT_OF_DAILY_USE for _, _, state in hit.cases)
    assert person_id not in [h.person_id for h in search(archived, f"{fields['last_name']} Zzyzxqw")]
    with archived.uow() as uow:  # the search opened nobody
        assert uow.session.get(Person, person_id).last_name == ""


def test_a_sealed_person_is_found_by_birth_date_given_as_an_option_or_in_the_text_and_by_nir(archived):
    person_id, fields = a_sealed_child(archived)
    born = fields["birth_date"]
    assert person_id in [h.person_id for h in search(archived, fields["last_name"], born=born)]
    assert person_id in [h.person_id for h in search(archived, f"{fields['last_name']} {born:%d/%m/%Y}")]
    assert person_id in [h.person_id for h in search(archived, born.isoformat())]
    other_day = born.replace(year=born.year - 1) if born.month != 2 or born.day != 29 else date(2000, 1, 1)
    assert person_id not in [h.person_id for h in search(archived, fields["last_name"], born=other_day)]
    nir = fields["nir"]
    spaced = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    [hit] = search(archived, spaced)
    assert (hit.person_id, hit.sealed) == (person_id, True)


def test_persons_in_clear_are_found_as_before_and_marked_not_sealed(archived):
    with archived.uow() as uow:
        person_id, name, born = uow.session.execute(
            select(Person.id, Person.last_name, Person.birth_date).where(
                Person.sealed.is_(None), Person.birth_date.is_not(None)).order_by(Person.id).limit(1)).one()
    [hit] = [h for h in search(archived, name, born=born) if h.person_id == person_id]
    assert not hit.sealed and hit.last_name == name and hit.birth_date == born


def test_a_search_with_another_index_key_finds_nothing_and_says_which_key_made_the_index(archived):
    person_id, fields = a_sealed_child(archived)
    other = BlindIndex(sealing.new_data_key)
    with pytest.raises(WrongIndexKey, match="was made with index key .* not with the index.key given") as raised:
        search(archived, fields["last_name"], index=other)
    assert fields["last_name"] not in str(raised.value) and "Restore index.key from its backup" in str(raised.value)


def test_a_rectified_sealed_person_is_found_by_the_new_name_whatever_its_accents_and_not_by_the_former(archived):
    person_id, fields = a_sealed_child(archived)
    request_id, _ = open_request(archived.uow(), RequestKind.RECTIFICATION, person_id, "Mme Requérante",
                                 Capacity.SELF, AS_OF, Channel.MAIL, AS_OF, vault=archived.vault())
    verify_identity(archived.uow(), request_id, "CNI vue au guichet", AS_OF)
    rectify(archived.uow(), request_id, "last_name", "Lefèvre-Dürr", archived.vault(), AS_OF)
    for text in ("LEFEVRE durr", "lefèvre DÜRR", f"{fields['first_names']} Lefevre"):
        assert [(h.person_id, h.sealed) for h in search(archived, text)] == [(person_id, True)]
    assert person_id not in [h.person_id for h in search(archived, f"{fields['first_names']} {fields['last_name']}")]


def test_a_person_back_in_daily_use_leaves_the_index_and_is_found_by_name_in_clear(archived):
    person_id, fields = a_sealed_child(archived)
    with archived.uow() as uow:
        cases = list(uow.session.scalars(select(Participation.case_id).where(Participation.person_id == person_id)))
        archived.vault().open_cases(uow.session, cases)
        uow.commit()
        assert uow.session.scalar(select(func.count()).select_from(BlindIndexEntry)
                                  .where(BlindIndexEntry.person_id == person_id)) == 0
    [hit] = [h for h in search(archived, fields["last_name"]) if h.person_id == person_id]
    assert not hit.sealed and hit.last_name == fields["last_name"]


def test_the_run_indexes_persons_sealed_before_the_index_existed_and_journals_how_many(archived):
    person_id, fields = a_sealed_child(archived)
    sealed = len(sealed_people(archived))
    with archived.uow() as uow:
        uow.session.execute(delete(BlindIndexEntry))
        uow.commit()
    assert person_id not in [h.person_id for h in search(archived, fields["last_name"])]
    run(archived)
    assert person_id in [h.person_id for h in search(archived, fields["last_name"])]
    with archived.uow() as uow:
        filled = uow.session.scalars(select(JournalEntry.details).where(JournalEntry.action == "blind_index.filled"))
        assert [f'"persons":{sealed}' in details.replace(" ", "") for details in filled] == [True]


def test_a_destroyed_person_leaves_no_entry_in_the_index_and_is_found_no_more(archived):
    [disposal_list] = [d for d in disposals.list_disposal_lists(archived.uow()) if d.status == "open"]
    with archived.uow() as uow:
        doomed = set(uow.session.scalars(select(Case.id).where(Case.state == CaseState.PENDING_DISPOSAL)))
        indexed = set(uow.session.scalars(select(BlindIndexEntry.person_id)))
        elsewhere = set(uow.session.scalars(select(Participation.person_id).where(Participation.case_id.not_in(doomed))))
        going = {p for p in uow.session.scalars(select(Participation.person_id).where(Participation.case_id.in_(doomed)))
                 if p in indexed and p not in elsewhere}
    assert going, "the test needs sealed persons that go with the destroyed cases"
    people = sealed_people(archived)
    person_id = sorted(going)[0]
    assert person_id in [h.person_id for h in search(archived, people[person_id]["last_name"])]
    disposals.approve(archived.uow(), disposal_list.id, "AD31-2026-117", AS_OF)
    run(archived)
    with archived.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(BlindIndexEntry)
                                  .where(BlindIndexEntry.person_id.in_(going))) == 0
        assert uow.session.scalar(select(func.count()).select_from(Person).where(Person.id.in_(going))) == 0
    assert person_id not in [h.person_id for h in search(archived, people[person_id]["last_name"])]


def test_the_sqlite_files_hold_no_readable_name_of_a_sealed_person(archived):
    if archived.engine.dialect.name != "sqlite":
        pytest.skip("raw files are SQLite's")
    people = sealed_people(archived)
    with archived.uow() as uow:  # a sealed person's name can also be another's birthplace or street, in clear
        clear = archived.vault().person_fields(uow.session, uow.session.scalars(select(Person.id).where(
            Person.sealed.is_(None))).all())
        in_clear = " ".join(str(v) for p in clear.values() for v in p.values() if v)
        in_clear += " ".join(uow.session.scalars(select(Document.text)))
    path = Path(archived.engine.url.database)
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists())
    for written in (lambda name: name, fold):  # as written, and as the search of persons in clear folds them
        clear_text = written(in_clear)
        names = sorted({written(v) for p in people.values() for v in (p["last_name"], p["first_names"])
                        if v and len(v) > 5 and written(v) not in clear_text})  # shorter: in table names
        assert len(names) > 10, "the test needs names only sealed persons bear"
        assert [n for n in names if n.encode() in raw] == []


def test_reading_a_persons_history_needs_a_reason_kept_apart_from_the_journal_which_names_the_fields(archived):
    person_id, fields = a_sealed_child(archived)
    request_id, _ = open_request(archived.uow(), RequestKind.RECTIFICATION, person_id, "Mme Requérante",
                                 Capacity.SELF, AS_OF, Channel.MAIL, AS_OF, vault=archived.vault())
    verify_identity(archived.uow(), request_id, "CNI vue au guichet", AS_OF)
    rectify(archived.uow(), request_id, "birth_place", "Saint-Gaudens", archived.vault(), AS_OF)
    with pytest.raises(InvalidInput, match="--reason TEXT"):
        former_values(archived.uow(), person_id, archived.master_key(), " ", archived.clock())
    reason = "Demande de Mme Requérante du 3 mars"
    values = former_values(archived.uow(), person_id, archived.master_key(), reason, archived.clock())
    assert [(v.field, v.value) for v in values] == [("birth_place", fields["birth_place"])]
    with archived.uow() as uow:
        [(read_id, read_reason, actor)] = uow.session.execute(select(HistoryRead.id, HistoryRead.reason, HistoryRead.actor)
                                                              .where(HistoryRead.person_id == person_id)).all()
        [(targets, details)] = uow.session.execute(select(JournalEntry.target_ids, JournalEntry.details)
                                                   .where(JournalEntry.action == "person.history_read")).all()
    assert (read_reason, actor) == (reason, "test-dpo")
    assert person_id in targets and '"birth_place"' in details and f'"read_id":{read_id}' in details.replace(" ", "")
    assert "Requérante" not in details and (fields["birth_place"] or "Saint-Gaudens") not in details
