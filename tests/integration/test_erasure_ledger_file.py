"""The erasure ledger's file after a crash, on both databases: a last line torn while it was appended is
left out by readers and written again from the database's table by the next run, journaled; a damaged
line anywhere else stops everything, named by its number."""

from datetime import date

import pytest
from sqlalchemy import select

from casefiles.erasure.disposal_check import verify_disposal
from casefiles.erasure.ledger import LINE, LINE_BYTES, PERSON, DamagedLedgerFile
from casefiles.persistence import journal
from casefiles.persistence.models import LedgerEntry
from oubli.settings import DEFAULT_POLICY
from retention.policy import load_policy
from retention.run import nightly_run

ON = date(2026, 11, 22)
POLICY = load_policy(DEFAULT_POLICY)


def ledger_with_entries(app, persons: int = 5):
    """The ledger of `app` with its check value and `persons` erased persons, in the table and the file."""
    ledger = app.eraser().ledger
    with app.uow() as uow:
        ledger.add(uow.session, PERSON, [f"P-{n}" for n in range(persons)], "erased", ON)
        uow.commit()
        ledger.copy_to_file(uow)
    return ledger


def run(app):
    return nightly_run(app.uow, POLICY, ON, app.clock, app.disposal_means())


def the_table_as_lines(app) -> str:
    with app.uow() as uow:
        rows = uow.session.execute(select(LedgerEntry.id, LedgerEntry.digest, LedgerEntry.kind, LedgerEntry.action,
                                          LedgerEntry.recorded_on).order_by(LedgerEntry.id)).all()
    return "".join(LINE.format(i, d, k, a, on.isoformat()) for i, d, k, a, on in rows)


def repairs(app) -> list[journal.Entry]:
    with app.engine.connect() as connection:
        return list(journal.entries(connection, action="ledger.file_repaired"))


TORN = {
    "cut in the middle of its digest": lambda line: line[:40],
    "its newline missing": lambda line: line[:-1],
    "part of its digest, then a newline": lambda line: line[:30] + b"\n",
    "only its id's first digits": lambda line: line[:5],
    "a block of zeros (a power cut after the size grew)": lambda line: b"\0" * 4096,
}


@pytest.mark.parametrize("tear", list(TORN), ids=list(TORN))
def test_a_last_line_torn_by_a_crash_is_written_again_from_the_table_by_the_next_run(app, tear):
    ledger = ledger_with_entries(app)
    whole = ledger.path.read_bytes()
    ledger.path.write_bytes(whole[:-LINE_BYTES] + TORN[tear](whole[-LINE_BYTES:]))
    with app.uow() as uow:  # readers take the file up to its last whole line: nothing breaks
        ledger.check_key(uow.session)
        assert not ledger.database_behind(uow.session)
        assert len(ledger.file_entries()) == 5
    run(app)
    assert ledger.path.read_text(encoding="ascii") == the_table_as_lines(app)
    [repair] = repairs(app)
    assert repair.details == {"line": 6, "bytes_cut": len(TORN[tear](whole[-LINE_BYTES:])), "after_entry": 5}
    run(app)
    assert len(repairs(app)) == 1  # once repaired, nothing more to do


def test_a_torn_line_is_repaired_before_the_next_erasure_appends_after_it(app):
    ledger = ledger_with_entries(app)
    ledger.path.write_bytes(ledger.path.read_bytes()[:-50])
    ledger_with_entries(app, persons=8)  # P-5, P-6, P-7 are new: an erasure request's way, not the run's
    assert ledger.path.read_text(encoding="ascii") == the_table_as_lines(app)
    assert len(ledger.file_entries()) == 9 and len(repairs(app)) == 1


def test_a_damaged_line_before_the_last_is_an_error_naming_its_line_wherever_the_file_is_read(app):
    ledger = ledger_with_entries(app)
    lines = ledger.path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][:20] + b"zz" + lines[2][22:]  # same length, no longer a digest
    ledger.path.write_bytes(b"".join(lines))
    damaged = rf"line 3 of the erasure ledger's file {ledger.path} is damaged: nothing was done. Restore the file"
    with app.uow() as uow, pytest.raises(DamagedLedgerFile, match=damaged):
        verify_disposal(uow.session, app.eraser().ledger)
    with app.uow() as uow, pytest.raises(DamagedLedgerFile, match=damaged):
        app.eraser().replay(uow, ON)
    lines[2] = lines[2][:60]  # a line cut short in the middle of the file is no torn end: the run stops too
    ledger.path.write_bytes(b"".join(lines))
    with pytest.raises(DamagedLedgerFile, match="line 3 "):
        run(app)
    assert repairs(app) == []


def test_a_torn_line_the_database_does_not_hold_is_not_cut_off_without_the_operator(app):
    ledger = ledger_with_entries(app)
    with app.uow() as uow:  # a database restored from before its last entry
        uow.session.execute(LedgerEntry.__table__.delete().where(LedgerEntry.id == 6))
        uow.session.commit()
    torn = ledger.path.read_bytes()[:-40]
    ledger.path.write_bytes(torn)
    with pytest.raises(DamagedLedgerFile, match=rf"line 6 .* was cut off while it was written, and the database "
                                                rf".*`truncate -s {5 * LINE_BYTES} {ledger.path}`"):
        run(app)
    assert ledger.path.read_bytes() == torn and repairs(app) == []
