"""The erasure ledger's key check value, on both databases: the first entry of a new ledger, added
once to a ledger made before it, and a key that does not match it refused before anything is written."""

import base64
import os
from datetime import date

import pytest
from sqlalchemy import delete, select

from casefiles.crypto.keys import create_missing_keys
from casefiles.erasure.ledger import PERSON, Ledger, WrongLedgerKey
from casefiles.persistence.models import LedgerEntry

ON = date(2026, 11, 22)


def add(app, ledger: Ledger, ids: list[str]) -> None:
    with app.uow() as uow:
        ledger.add(uow.session, PERSON, ids, "erased", ON)
        uow.commit()
        ledger.copy_to_file(uow)


def kinds(app) -> list[str]:
    with app.uow() as uow:
        return list(uow.session.scalars(select(LedgerEntry.kind).order_by(LedgerEntry.id)))


def test_a_new_ledger_begins_with_its_key_check_value_in_the_database_and_the_file(app):
    ledger = app.eraser().ledger
    add(app, ledger, ["P-1", "P-2"])
    add(app, app.eraser().ledger, ["P-3"])
    assert kinds(app) == ["key", "person", "person", "person"]
    first = ledger.path.read_text().splitlines()[0].split()
    assert (first[0], first[1], first[2]) == ("000000000001", ledger.check_value(), "key")


def test_a_ledger_made_before_the_check_value_gets_it_once_with_its_next_entry(app):
    add(app, app.eraser().ledger, ["P-1"])
    with app.uow() as uow:
        uow.session.execute(delete(LedgerEntry).where(LedgerEntry.kind == "key"))
        uow.session.commit()
    app.eraser().ledger.path.unlink()
    add(app, app.eraser().ledger, ["P-2"])
    add(app, app.eraser().ledger, ["P-3"])
    assert kinds(app) == ["person", "key", "person", "person"]


def test_a_key_that_does_not_match_the_check_value_writes_nothing(app, tmp_path):
    add(app, app.eraser().ledger, ["P-1"])
    other = tmp_path / "other-keys"
    create_missing_keys(other)
    stranger = Ledger(base64.b64decode((other / "ledger.key").read_bytes()), app.eraser().ledger.path)
    with app.uow() as uow, pytest.raises(WrongLedgerKey, match="Restore ledger.key from its backup"):
        stranger.add(uow.session, PERSON, ["P-2"], "erased", ON)
    assert kinds(app) == ["key", "person"]
    assert os.path.getsize(stranger.path) == 2 * len(stranger.path.read_text().splitlines()[0] + "\n")


def test_a_database_restored_from_before_the_check_value_is_checked_against_the_file(app):
    add(app, app.eraser().ledger, ["P-1"])
    with app.uow() as uow:
        uow.session.execute(delete(LedgerEntry).where(LedgerEntry.kind == "key"))
        uow.session.commit()
    path = app.eraser().ledger.path
    path.write_text(path.read_text().splitlines(keepends=True)[1])  # a ledger begun before the check value
    add(app, app.eraser().ledger, ["P-2"])  # which it gets in the middle of its file
    with app.uow() as uow:  # and a database restored from a backup taken before that
        uow.session.execute(delete(LedgerEntry).where(LedgerEntry.kind == "key"))
        uow.session.commit()
    with app.uow() as uow, pytest.raises(WrongLedgerKey, match="its check value does not match"):
        Ledger(os.urandom(32), path).check_key(uow.session)
    with app.uow() as uow:
        app.eraser().ledger.check_key(uow.session)
