"""Destruction that holds up, on both databases: sealed archives, no residue, keys destroyed and
rotated, the erasure ledger after a restored backup, and the proof of each disposal."""

import base64
import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from casefiles.crypto.key_rotation import rotate_master_key
from casefiles.crypto.sealing import KeyProblem, key_id, load_master_key
from casefiles.crypto.vault import referred_persons
from casefiles.erasure.disposal_check import verify_disposal
from casefiles.erasure.ledger import Resurrected
from casefiles.kernel.vocabulary import CaseState
from casefiles.people.archive_reads import read_case
from casefiles.persistence import journal
from casefiles.persistence.models import Case, DataKey, Document, JournalEntry, Measure, Participation, Person
from oubli.bootstrap import bootstrap
from oubli.settings import DEFAULT_POLICY
from retention import disposals
from retention.policy import load_policy
from retention.run import nightly_run
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW

AS_OF = date(2026, 11, 22)
POLICY = load_policy(DEFAULT_POLICY)


def run(app, policy=POLICY):
    return nightly_run(app.uow, policy, AS_OF, app.clock, app.disposal_means(), batch_size=40)


def approve_everything(app) -> None:
    [disposal_list] = [d for d in disposals.list_disposal_lists(app.uow()) if d.status == "open"]
    disposals.approve(app.uow(), disposal_list.id, "AD31-2026-117", AS_OF)


def doomed_cases(app) -> list[str]:
    with app.uow() as uow:
        return list(uow.session.scalars(select(Case.id).where(Case.state == CaseState.PENDING_DISPOSAL)))


@pytest.fixture
def archived(app):
    """120 synthetic cases after a first run: some archived, some proposed for disposal."""
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    run(app)
    return app


def destroyed_values(app, doomed: list[str]) -> dict[str, list[str]]:
    """Values that belong only to the doomed cases (opened through the vault), to look for in raw bytes:
    names, NIRs and phones of the persons that go with them, and sentences of their documents; none
    that also appears in what stays (a surname can be a street name of another family)."""
    vault = app.vault()
    with app.uow() as uow:
        session = uow.session
        going = set(session.scalars(referred_persons(doomed))) - set(session.scalars(
            select(Participation.person_id).where(Participation.case_id.not_in(doomed))))
        people = vault.person_fields(session, going)
        staying = vault.person_fields(session, set(session.scalars(select(Person.id))) - going)
        rows = session.execute(select(Document.id, Document.case_id, Document.sealed_text)).all()
        texts = vault.document_texts(session, rows)
        plain = dict(session.execute(select(Document.id, Document.text)).all())
        doomed_documents = set(session.scalars(select(Document.id).where(Document.case_id.in_(doomed))))
    stays = "\n".join([str(v) for p in staying.values() for v in p.values() if v]
                      + [texts.get(i, t) for i, t in plain.items() if i not in doomed_documents])

    def only_doomed(values) -> list[str]:
        return sorted({v for v in values if v and v not in stays})[:20]

    sentences = [t.split(". ")[1] for i, t in texts.items() if i in doomed_documents and t.count(". ") > 2]
    return {"names": only_doomed(p["last_name"] for p in people.values()),
            "nir": only_doomed(p["nir"] for p in people.values()),
            "phone": only_doomed(p["phone"] for p in people.values()),
            "sentence": only_doomed(s for s in sentences if len(s) > 30)}


def raw_bytes(app) -> bytes:
    path = Path(app.engine.url.database)
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists())


def test_a_person_is_sealed_only_once_no_active_case_refers_to_them(app):
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    plan = nightly_run(app.uow, POLICY, AS_OF, app.clock, app.disposal_means(), dry_run=True).plan
    ending = next(d.case_id for d in plan if d.state == CaseState.ARCHIVED)
    staying = next(d.case_id for d in plan if d.state == CaseState.ACTIVE)
    with app.uow() as uow:  # a child of a case about to be archived is also in a case that stays active
        shared = uow.session.scalar(select(Participation.person_id).where(Participation.case_id == ending,
                                                                          Participation.role == "child"))
        uow.session.add(Participation(case_id=staying, person_id=shared, role="child"))
        uow.commit()
    run(app)
    with app.uow() as uow:
        states = dict(uow.session.execute(select(Case.id, Case.state)).all())
        cases_of: dict[str, set[str]] = {}
        for case_id in states:
            for person_id in uow.session.scalars(referred_persons([case_id])):
                cases_of.setdefault(person_id, set()).add(states[case_id])
        sealed = dict(uow.session.execute(select(Person.id, Person.sealed.is_not(None))).all())
    assert states[ending] == CaseState.ARCHIVED and sealed[shared] is False
    in_use = {p for p, case_states in cases_of.items() if CaseState.ACTIVE in case_states}
    assert in_use and cases_of.keys() - in_use
    assert {p for p in cases_of if sealed[p]} == cases_of.keys() - in_use


def test_an_archived_case_is_kept_encrypted_and_read_in_clear_only_with_a_reason(app):
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    with app.uow() as uow:  # in clear while in daily use
        names = {case_id: f"{first} {last}" for case_id, first, last in uow.session.execute(
            select(Participation.case_id, Person.first_names, Person.last_name).join(Person)
            .where(Participation.role == "child"))}
        lengths = dict(uow.session.execute(select(Document.id, func.length(Document.text))).all())
    run(app)
    with app.uow() as uow:
        case_id = uow.session.scalar(select(Case.id).where(Case.state == CaseState.ARCHIVED).limit(1))
        documents = uow.session.execute(select(Document.text, Document.sealed_text)
                                        .where(Document.case_id == case_id)).all()
        child = uow.session.scalar(select(Person).join(Participation).where(
            Participation.case_id == case_id, Participation.role == "child"))
        assert uow.session.scalar(select(func.count()).select_from(DataKey).where(DataKey.owner_id == case_id)) == 1
        assert child.sealed is not None and child.last_name == "" and child.nir is None and child.search_name == ""
    assert documents and all(plain == "" and sealed for plain, sealed in documents)
    entries = journal_length(app)
    detail = read_case(app.uow(), case_id, "Demande du juge des enfants", FIXED_NOW, app.vault())
    assert [p.name for p in detail.participants if p.role == "child"] == [names[case_id]]
    assert {d.id: d.characters for d in detail.documents} == {d.id: lengths[d.id] for d in detail.documents}
    with app.uow() as uow:
        read = uow.session.scalar(select(JournalEntry.action).where(JournalEntry.seq == entries + 1))
    assert read == "case.archive_read"


def journal_length(app) -> int:
    with app.engine.connect() as connection:
        return journal.verify(connection).entries


def test_destroyed_people_and_texts_leave_no_bytes_in_the_sqlite_files(app):
    if app.engine.dialect.name != "sqlite":
        pytest.skip("raw files are SQLite's; PostgreSQL is vacuumed instead (next test)")
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    app.engine.dispose()
    before = raw_bytes(app)
    run(app)
    doomed = doomed_cases(app)
    values = destroyed_values(app, doomed)
    assert all(values.values()), values
    for kind, found in values.items():  # the test can fail: every value was in the files once
        assert all(v.encode() in before for v in found), kind
    approve_everything(app)
    result = run(app)
    assert result.counts["destroyed"] == len(doomed) and result.residue_cleared
    after = raw_bytes(app)
    for kind, found in values.items():
        left = [v for v in found if v.encode() in after]
        assert left == [], f"{kind} still readable in the database files"


def test_postgresql_tables_are_vacuumed_after_a_destruction(archived):
    app = archived
    if app.engine.dialect.name != "postgresql":
        pytest.skip("vacuum is PostgreSQL's; SQLite's files are checked byte by byte (previous test)")
    approve_everything(app)
    run(app)
    with app.engine.connect() as connection:
        vacuumed = dict(connection.execute(text(
            "SELECT relname, last_vacuum IS NOT NULL FROM pg_stat_user_tables "
            "WHERE relname IN ('documents', 'persons', 'participations', 'data_keys')")).all())
    assert vacuumed == {"documents": True, "persons": True, "participations": True, "data_keys": True}


def test_a_backup_taken_before_destruction_is_unreadable_once_the_master_key_is_rotated(archived, backup_of):
    app = archived
    doomed = doomed_cases(app)
    backup_url = backup_of(app)
    approve_everything(app)
    run(app)
    with app.uow() as uow:  # the keys went with the cases
        assert uow.session.scalar(select(func.count()).select_from(DataKey).where(DataKey.owner_id.in_(doomed))) == 0
    rotate_master_key(app.uow(), app.settings.keys_dir)
    restored = bootstrap(dataclasses.replace(app.settings, db_url=backup_url), clock=app.clock)
    with restored.uow() as uow:
        rows = uow.session.execute(select(Document.id, Document.case_id, Document.sealed_text)
                                   .where(Document.case_id.in_(doomed), Document.sealed_text.is_not(None))).all()
        assert rows  # the backup still holds the sealed texts...
        with pytest.raises(KeyProblem, match="wrapped by master key"):
            restored.vault().document_texts(uow.session, rows)  # ...which no key on disk opens
    restored.engine.dispose()


def test_rotation_rewraps_every_key_without_touching_the_data(archived):
    app = archived
    with app.uow() as uow:
        sealed_before = dict(uow.session.execute(select(Document.id, Document.sealed_text)
                                                 .where(Document.sealed_text.is_not(None))).all())
        keys = uow.session.scalar(select(func.count()).select_from(DataKey))
    old = load_master_key(app.settings.keys_dir)
    rotation = rotate_master_key(app.uow(), app.settings.keys_dir)
    new = load_master_key(app.settings.keys_dir)
    assert (rotation.old_key_id, rotation.new_key_id, rotation.keys_rewrapped) == (key_id(old), key_id(new), keys)
    assert os.stat(app.settings.keys_dir / "master.key").st_mode & 0o777 == 0o600
    with app.uow() as uow:
        assert dict(uow.session.execute(select(Document.id, Document.sealed_text)
                                        .where(Document.sealed_text.is_not(None))).all()) == sealed_before
        assert set(uow.session.scalars(select(DataKey.master_key_id))) == {key_id(new)}
        case_id = uow.session.scalar(select(Case.id).where(Case.state == CaseState.ARCHIVED).limit(1))
    detail = read_case(app.uow(), case_id, "Contrôle après rotation", FIXED_NOW, app.vault())
    assert all(d.characters > 100 for d in detail.documents)


def test_a_wrong_or_missing_master_key_stops_before_anything_changes(archived):
    app = archived
    approve_everything(app)
    master = app.settings.keys_dir / "master.key"
    good = master.read_bytes()
    entries, states = journal_length(app), dict_of_states(app)
    master.write_bytes(base64.b64encode(os.urandom(32)) + b"\n")
    with pytest.raises(KeyProblem, match="not by the master key given.*nothing was changed"):
        run(app)
    with pytest.raises(KeyProblem, match="not by the master key given"):
        rotate_master_key(app.uow(), app.settings.keys_dir)
    master.unlink()
    with pytest.raises(KeyProblem, match="does not exist: run `oubli init`"):
        run(app)
    assert (journal_length(app), dict_of_states(app)) == (entries, states)
    master.write_bytes(good)
    master.chmod(0o600)  # restored as its backup was kept: readable by its owner only
    assert run(app).counts["destroyed"] > 0


def dict_of_states(app) -> dict[str, str]:
    with app.uow() as uow:
        return dict(uow.session.execute(select(Case.id, Case.state)).all())


def rotation_cut_before_the_key_is_installed(app, monkeypatch) -> None:
    """A rotation whose power is cut after its commit, before master.key is replaced."""
    from casefiles.crypto import key_rotation

    def power_cut(pending, path):
        raise OSError("power cut")

    monkeypatch.setattr(key_rotation, "_install", power_cut)
    with pytest.raises(OSError):
        rotate_master_key(app.uow(), app.settings.keys_dir)
    monkeypatch.undo()


def test_a_rotation_cut_off_after_its_commit_is_finished_by_running_it_again(archived, monkeypatch):
    app = archived
    rotation_cut_before_the_key_is_installed(app, monkeypatch)
    with pytest.raises(KeyProblem, match="interrupted `oubli keys rotate`"):
        run(app)
    finished = rotate_master_key(app.uow(), app.settings.keys_dir)
    assert finished.finished_interrupted and not (app.settings.keys_dir / "master.key.next").exists()
    run(app)


def test_an_empty_next_key_left_by_a_crash_before_the_commit_is_discarded_and_the_rotation_starts_over(archived):
    app = archived
    pending = app.settings.keys_dir / "master.key.next"
    pending.write_bytes(b"")  # the crash came between creating the file and writing the key
    pending.chmod(0o600)
    old = load_master_key(app.settings.keys_dir)
    rotation = rotate_master_key(app.uow(), app.settings.keys_dir)
    new = load_master_key(app.settings.keys_dir)
    assert rotation.old_key_id == key_id(old) and rotation.new_key_id == key_id(new) != key_id(old)
    assert not pending.exists()
    with app.engine.connect() as connection:
        [rotated] = list(journal.entries(connection, action="keys.rotated"))
    assert rotated.details["unreadable_next_key_discarded"] is True
    run(app)


def test_an_unreadable_next_key_under_which_keys_were_committed_is_kept_and_the_way_out_is_said(archived,
                                                                                                 monkeypatch):
    app = archived
    rotation_cut_before_the_key_is_installed(app, monkeypatch)
    pending = app.settings.keys_dir / "master.key.next"
    saved = pending.read_bytes()
    pending.write_bytes(saved[:20])  # damaged after the commit
    with pytest.raises(KeyProblem, match="do not delete master.key.next. Put the backup of that new key"):
        rotate_master_key(app.uow(), app.settings.keys_dir)
    assert pending.read_bytes() == saved[:20]
    pending.write_bytes(saved)  # its backup
    assert rotate_master_key(app.uow(), app.settings.keys_dir).finished_interrupted
    run(app)


def test_a_key_file_other_users_can_read_is_refused_with_the_chmod_to_run(archived):
    app = archived
    for name in ("master.key", "ledger.key", "index.key"):
        key = app.settings.keys_dir / name
        key.chmod(0o644)
        with pytest.raises(KeyProblem, match=rf"the key {key} is open to other users \(mode 0644\): run "
                                             rf"`chmod 600 {key}`") as refused:
            run(app)
        assert key.read_text().strip() not in str(refused.value)
        key.chmod(0o600)
    assert not run(app).stopped_early  # accepted again


def test_a_restored_backup_is_refused_by_the_run_until_the_ledger_is_replayed(archived, backup_of):
    app = archived
    doomed = doomed_cases(app)
    backup_url = backup_of(app)
    approve_everything(app)
    run(app)
    assert all(not check.problems for check in verify_now(app))
    ledger_text = app.eraser().ledger.path.read_text()
    assert not any(case_id in ledger_text for case_id in doomed)  # digests only, no id
    restored = bootstrap(dataclasses.replace(app.settings, db_url=backup_url), clock=app.clock)
    with pytest.raises(Resurrected, match=f"{len(doomed)} cases and .* persons destroyed since are back"):
        run(restored)
    eraser = restored.eraser()
    with restored.uow() as uow, pytest.raises(Resurrected, match="Nothing was erased: run `oubli erasures replay`"):
        eraser.erase_cases(uow.session, doomed[:1], "destroyed", AS_OF)  # as an erasure request would
    with restored.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Document).where(Document.case_id == doomed[0]))
    with restored.uow() as uow:
        replay = eraser.replay(uow, AS_OF)
        uow.commit()
    assert sorted(replay.cases) == sorted(doomed) and replay.persons > 0 and replay.kept == []
    with restored.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Document).where(Document.case_id.in_(doomed))) == 0
        assert set(uow.session.scalars(select(Case.state).where(Case.id.in_(doomed)))) == {CaseState.DESTROYED}
        again = eraser.replay(uow, AS_OF)
    assert (again.cases, again.persons) == ([], 0)
    run(restored)  # the database has its ledger back: the run goes on
    restored.engine.dispose()


def verify_now(app, case_id=None):
    with app.uow() as uow:
        return verify_disposal(uow.session, app.eraser().ledger, case_id)


def test_verify_disposal_names_what_does_not_hold(archived):
    app = archived
    approve_everything(app)
    run(app)
    checks = verify_now(app)
    assert checks and all(not check.problems for check in checks)
    gone = checks[0].case_id
    with app.uow() as uow:
        uow.session.add(Measure(id="M-left-behind", case_id=gone, type="AED", nature="administrative",
                                started_on=date(2020, 1, 1)))
        uow.commit()
    [check] = verify_now(app, gone)
    assert check.problems == ["rows left in measures"]
