"""Which cases the purge list names and why, since when, and its file both ways: pure, no database."""

import json
from datetime import date

import pytest

from casefiles.kernel.errors import InvalidInput
from retention.labels import PurgeReason
from retention.policy import PolicyError, parse_policy
from retention.purge_file import CSV_HEADERS, Format, PurgeLine, read_returned, render
from retention.purge_list import ListedCase, latest_end_past_delay, purge_due

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(("state", "ended", "disposed", "expected"), [
    ("destroyed", date(2019, 3, 1), date(2026, 11, 2), (PurgeReason.DESTROYED, date(2026, 11, 2))),
    ("anonymised", date(2019, 3, 1), date(2026, 10, 1), (PurgeReason.ANONYMISED, date(2026, 10, 1))),
    ("transferred", date(2019, 3, 1), date(2026, 9, 30), (PurgeReason.TRANSFERRED, date(2026, 9, 30))),
    ("destroyed", date(2019, 3, 1), None, (PurgeReason.DESTROYED, TODAY)),  # its tombstone not given back yet
    # Out of daily use here: due two years after the end of service, not after the archiving.
    ("archived", date(2024, 12, 6), None, (PurgeReason.PAST_LIVE_DELAY, date(2026, 12, 6))),
    ("pending_disposal", date(2020, 5, 31), None, (PurgeReason.PAST_LIVE_DELAY, date(2022, 5, 31))),
    ("awaiting_transfer", date(2021, 1, 15), None, (PurgeReason.PAST_LIVE_DELAY, date(2023, 1, 15))),
    ("archived", date(2024, 12, 7), None, None),  # one day short of two years
    ("active", date(2019, 3, 1), None, None),  # still in daily use here
    ("archived", None, None, None),
])
def test_each_case_is_due_for_its_reason_from_its_disposal_or_its_end_of_service_plus_the_delay(state, ended,
                                                                                                 disposed, expected):
    assert purge_due(state, ended, disposed, 2, TODAY) == expected


def test_the_delay_is_the_policys_in_calendar_years():
    assert purge_due("archived", date(2023, 12, 6), None, 3, TODAY) == (PurgeReason.PAST_LIVE_DELAY, date(2026, 12, 6))
    assert purge_due("archived", date(2024, 2, 29), None, 2, date(2026, 2, 28)) == (PurgeReason.PAST_LIVE_DELAY,
                                                                                     date(2026, 2, 28))


@pytest.mark.parametrize(("as_of", "years", "latest"), [
    (date(2026, 12, 6), 2, date(2024, 12, 6)),
    (date(2026, 2, 28), 2, date(2024, 2, 29)),  # 29 February 2024 + 2 years is 28 February 2026
    (date(2025, 2, 28), 1, date(2024, 2, 29)),
    (date(2026, 3, 1), 2, date(2024, 3, 1)),
])
def test_the_last_end_of_service_past_the_delay_agrees_with_the_rule(as_of, years, latest):
    assert latest_end_past_delay(as_of, years) == latest
    assert purge_due("archived", latest, None, years, as_of) is not None
    assert purge_due("archived", date.fromordinal(latest.toordinal() + 1), None, years, as_of) is None


def line(reason=PurgeReason.DESTROYED, due=date(2026, 11, 2)) -> PurgeLine:
    return PurgeLine("iodas", "DOS-42", "D-1-0000042", reason, due)


@pytest.mark.parametrize(("confirmed_on", "pending"), [
    (None, True),
    (date(2026, 11, 2), False),
    (date(2026, 11, 20), False),
    (date(2026, 11, 1), True),  # confirmed for an earlier time it was due (archived again after a reopening)
])
def test_a_case_confirmed_on_or_after_its_due_date_is_no_longer_listed(confirmed_on, pending):
    assert ListedCase(line(), confirmed_on).pending is pending


def test_the_policy_has_a_live_system_delay_of_two_years_unless_set():
    assert parse_policy("").live_system_years == 2
    assert parse_policy("case_system: {live_system_years: 1}").live_system_years == 1


@pytest.mark.parametrize("section", ["case_system: {live_system_years: 0}", "case_system: {live_system_years: 11}",
                                     "case_system: {live_system_years: deux}", "case_system: {live_years: 2}"])
def test_a_wrong_live_system_delay_is_refused_naming_its_key(section):
    with pytest.raises(PolicyError, match=r"case_system\.live"):
        parse_policy(section)


def written(lines: list[PurgeLine], file_format: Format) -> bytes:
    return b"".join(render(lines, file_format))


def test_the_csv_has_french_headers_and_reasons_in_words_and_the_json_the_codes():
    lines = [line(), line(PurgeReason.PAST_LIVE_DELAY, date(2024, 5, 1))]
    text = written(lines, Format.CSV).decode("utf-8").splitlines()
    assert text[0] == ",".join(CSV_HEADERS.values())
    assert text[1] == "DOS-42,D-1-0000042,dossier détruit dans Oubli : à supprimer,2026-11-02,iodas"
    assert "délai en base active dépassé : à sortir de l'usage courant,2024-05-01" in text[2]
    entries = json.loads(written(lines, Format.JSON))
    assert entries[0] == {"source_id": "DOS-42", "case_id": "D-1-0000042", "reason": "destroyed", "due_on": "2026-11-02",
                          "source": "iodas"}
    assert json.loads(written([], Format.JSON)) == []


@pytest.mark.parametrize("file_format", list(Format))
def test_a_written_list_reads_back_as_its_lines(file_format):
    lines = [line(), PurgeLine("iodas", "-17", "D-1-0000017", PurgeReason.TRANSFERRED, date(2026, 1, 5))]
    returned = read_returned(written(lines, file_format), "purge")
    assert [(r.source_id, r.case_id, r.reason, r.source, r.problem) for r in returned] == [
        ("DOS-42", "D-1-0000042", PurgeReason.DESTROYED, "iodas", None),
        ("-17", "D-1-0000017", PurgeReason.TRANSFERRED, "iodas", None)]  # '-17 kept from a spreadsheet, read back


def test_a_csv_a_spreadsheet_saved_with_semicolons_and_codes_reads_back():
    content = ("\ufeffidentifiant dans le logiciel métier;dossier Oubli;motif\r\n"
               "DOS-42;D-1-0000042;destroyed\r\n;;\r\nDOS-7;D-1-0000007;Délai en base active dépassé : "
               "à sortir de l'usage courant\r\n").encode("utf-8")
    assert [(r.where, r.case_id, r.reason) for r in read_returned(content, "purge.csv")] == [
        ("line 2", "D-1-0000042", PurgeReason.DESTROYED), ("line 4", "D-1-0000007", PurgeReason.PAST_LIVE_DELAY)]


@pytest.mark.parametrize(("content", "problem"), [
    (b"identifiant dans le logiciel m\xc3\xa9tier,dossier Oubli,motif\nDOS-1,,destroyed\n", "line 2: has no case_id"),
    (b"identifiant dans le logiciel m\xc3\xa9tier,dossier Oubli,motif\nDOS-1,D-1,effac\xc3\xa9\n", "line 2: has a reason"),
    (b'[{"source_id": "DOS-1", "case_id": "D-1", "reason": "destroyed"}, 3]', "entry 2: is not an object"),
    (b'[{"source_id": "DOS-1", "case_id": "D-1\\u001b", "reason": "destroyed"}]', "entry 1: has a case_id that is not"),
    (b'[{"source_id": "DOS-1", "case_id": "D-1", "reason": "dossier d\\u00e9truit dans Oubli : \\u00e0 supprimer"}]',
     "entry 1: has a reason"),  # the JSON has the codes
])
def test_a_line_that_cannot_be_read_is_named_with_its_problem(content, problem):
    [returned] = [r for r in read_returned(content, "purge") if r.problem]
    assert f"{returned.where}: {returned.problem}".startswith(problem)


@pytest.mark.parametrize(("content", "message"), [
    (b"source_id,case_id\nDOS-1,D-1\n", "has no column 'motif'"),
    (b"\xff\xfe", "is not UTF-8 text"),
    (b"[{", "is not valid JSON"),
])
def test_a_file_that_is_not_a_purge_list_is_refused_whole(content, message):
    with pytest.raises(InvalidInput, match=message):
        read_returned(content, "purge")
