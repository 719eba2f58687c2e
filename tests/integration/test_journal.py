"""The audit journal is tamper-evident: every kind of change to it is found and named."""

import json
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError as DriverError

from casefiles.persistence import journal


def write_entries(app, count: int) -> None:
    for number in range(count):
        with app.uow() as uow:
            uow.record("test.step", "case", [f"D-{number}"], step=number)
            uow.commit()


def verify(app) -> journal.Verification:
    with app.engine.connect() as connection:
        return journal.verify(connection)


def tamper(app, *statements: str) -> None:
    """What someone with direct database access could do: drop the guards, then change rows."""
    with app.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER journal_entries_no_update")
            connection.exec_driver_sql("DROP TRIGGER journal_entries_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER journal_entries_append_only ON journal_entries")
        for statement in statements:
            connection.exec_driver_sql(statement)


def test_an_untouched_journal_verifies(app):
    write_entries(app, 5)
    result = verify(app)
    assert (result.ok, result.entries, result.first_bad) == (True, 5, None)


def test_each_entry_records_time_actor_action_targets_and_details(app):
    write_entries(app, 2)
    with app.engine.connect() as connection:
        entries = list(journal.entries(connection))
    assert [(e.seq, e.actor, e.action, e.target_ids, e.details) for e in entries] == [
        (1, "test-dpo", "test.step", ["D-0"], {"step": 0}),
        (2, "test-dpo", "test.step", ["D-1"], {"step": 1}),
    ]
    assert entries[0].at == "2026-11-22T09:30:00.000000Z"


def test_a_unit_of_work_left_without_commit_journals_nothing(app):
    with app.uow() as uow:
        uow.record("test.step", "case", ["D-0"])
    assert verify(app).entries == 0


@pytest.mark.parametrize("statement", [
    "UPDATE journal_entries SET seq = seq WHERE seq = 2",
    "DELETE FROM journal_entries WHERE seq = 2",
])
def test_the_database_refuses_to_change_or_delete_an_entry(app, statement):
    write_entries(app, 3)
    with pytest.raises(DriverError, match="append-only"):
        with app.engine.begin() as connection:
            connection.exec_driver_sql(statement)
    assert verify(app).ok


@pytest.mark.parametrize(
    ("statements", "first_bad", "problem"),
    [
        (["UPDATE journal_entries SET details = '{\"step\":99}' WHERE seq = 3"], 3, "entry 3 was changed"),
        (["UPDATE journal_entries SET actor = 'someone-else' WHERE seq = 1"], 1, "entry 1 was changed"),
        (["DELETE FROM journal_entries WHERE seq = 2"], 2, "entry 2 is missing"),
        (["DELETE FROM journal_entries WHERE seq = 2", "UPDATE journal_entries SET seq = seq - 1 WHERE seq > 2"],
         2, "the chain breaks between entries 1 and 2"),
        (["DELETE FROM journal_entries WHERE seq >= 4"], 4, "entries 4 to 5 are missing"),
        (["UPDATE journal_entries SET seq = 100 WHERE seq = 2", "UPDATE journal_entries SET seq = 2 WHERE seq = 3",
          "UPDATE journal_entries SET seq = 3 WHERE seq = 100"], 2, "the chain breaks between entries 1 and 2"),
    ],
    ids=["edited details", "edited actor", "deleted", "deleted and renumbered", "end cut off", "reordered"],
)
def test_every_kind_of_tampering_is_found_at_the_first_bad_entry(app, statements, first_bad, problem):
    write_entries(app, 5)
    tamper(app, *statements)
    result = verify(app)
    assert not result.ok
    assert result.first_bad == first_bad
    assert problem in result.problem


def test_an_entry_inserted_with_a_forged_hash_is_found(app):
    write_entries(app, 3)
    with app.engine.connect() as connection:
        third = list(journal.entries(connection))[2]
    forged = journal.entry_hash(4, third.at, "intruder", "test.step", "case", '["D-9"]', "{}", third.hash)
    tamper(app, "INSERT INTO journal_entries (seq, at, actor, action, target_type, target_ids, details, prev_hash, hash)"
                f" VALUES (4, '{third.at}', 'intruder', 'test.step', 'case', '[\"D-9\"]', '{{}}', "
                f"'{third.hash}', '{forged}')")
    result = verify(app)
    assert (result.ok, result.first_bad) == (False, 4)
    assert "not written by Oubli" in result.problem


def test_concurrent_writers_never_fork_the_chain(app):
    def writer():
        write_entries(app, 15)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = verify(app)
    assert (result.ok, result.entries) == (True, 60)


def test_details_are_stored_as_the_exact_text_that_was_hashed(app):
    with app.uow() as uow:
        uow.record("test.step", "case", ["D-1"], z=1, a="é", nested={"b": [1, 2]})
        uow.commit()
    with app.engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT details FROM journal_entries")).scalar_one()
    assert stored == journal.canonical({"a": "é", "nested": {"b": [1, 2]}, "z": 1})
    assert json.loads(stored)["a"] == "é"
