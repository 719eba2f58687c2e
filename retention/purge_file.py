"""The purge list's file, both ways. Pure.

Written for the case system's IT, who are French: the CSV has French headers and each reason in French words
(labels.py); the JSON keeps the codes for their scripts (`source_id`, `case_id`, `reason`, `due_on`, `source`),
one entry per line. Either comes back to `oubli purge-list confirm` as written, or with only the lines they did:
the CSV also after a spreadsheet saved it with semicolons, and its reasons in words or codes.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from casefiles.kernel.csv_cells import FORMULA_STARTS, CsvWriter
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.stored_text import id_is_wrong
from retention.labels import WORDS, PurgeReason


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class PurgeLine:
    """One case the case system must delete, or move out of its daily use, since `due_on`."""

    source: str
    source_id: str
    case_id: str
    reason: PurgeReason
    due_on: date


# field -> the CSV's French header
CSV_HEADERS = {
    "source_id": "identifiant dans le logiciel métier",
    "case_id": "dossier Oubli",
    "reason": "motif",
    "due_on": "à traiter depuis le (AAAA-MM-JJ)",
    "source": "logiciel métier",
}
_FIELDS = tuple(CSV_HEADERS)
_REQUIRED = ("source_id", "case_id", "reason")
_HEADER_FIELDS = {header.casefold(): field for field, header in CSV_HEADERS.items()} | {f: f for f in _FIELDS}
_CODES = {reason.value: reason for reason in PurgeReason}
_REASONS = {WORDS[PurgeReason][reason][0].casefold(): reason for reason in PurgeReason} | _CODES


def render(lines: Iterable[PurgeLine], file_format: Format) -> Iterator[bytes]:
    """The file, a line at a time (UTF-8): what the case system reads."""
    if file_format == Format.CSV:
        yield _csv_row(CSV_HEADERS.values())
        for line in lines:
            yield _csv_row((line.source_id, line.case_id, WORDS[PurgeReason][line.reason][0], line.due_on.isoformat(),
                            line.source))
        return
    yield b"["
    separator = "\n"
    for line in lines:
        entry = {"source_id": line.source_id, "case_id": line.case_id, "reason": line.reason.value,
                 "due_on": line.due_on.isoformat(), "source": line.source}
        yield (separator + json.dumps(entry, ensure_ascii=False)).encode("utf-8")
        separator = ",\n"
    yield b"\n]\n"


def _csv_row(cells: Iterable[str]) -> bytes:
    row = io.StringIO(newline="")
    CsvWriter(row).writerow(cells)
    return row.getvalue().encode("utf-8")


@dataclass(frozen=True)
class ReturnedLine:
    """A line the case system's IT sent back as done; `problem` says why it cannot be read."""

    where: str  # "line 4" of the CSV, "entry 3" of the JSON
    case_id: str | None = None
    reason: PurgeReason | None = None
    source_id: str | None = None
    source: str | None = None
    problem: str | None = None


def read_returned(content: bytes, name: str) -> list[ReturnedLine]:
    """The lines of a returned purge list, CSV or JSON; a file neither can read is refused whole."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not UTF-8 text: send back the file `oubli purge-list` wrote (or save it as "
                           "CSV UTF-8); nothing was recorded") from None
    if text.lstrip().startswith("["):
        return _read_json(text, name)
    return _read_csv(text, name)


def _read_json(text: str, name: str) -> list[ReturnedLine]:
    try:
        entries = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise InvalidInput(f"{name} is not valid JSON: send back the file `oubli purge-list --format json` wrote, or "
                           "the entries done; nothing was recorded") from None
    if not isinstance(entries, list):
        raise InvalidInput(f"{name} is not a list of entries; nothing was recorded")
    return [_returned(f"entry {number}", entry if isinstance(entry, dict) else None, codes_only=True)
            for number, entry in enumerate(entries, 1)]


def _read_csv(text: str, name: str) -> list[ReturnedLine]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        columns = {index: _HEADER_FIELDS.get(cell.strip().casefold()) for index, cell in enumerate(header)}
        missing = [CSV_HEADERS[field] for field in _REQUIRED if field not in columns.values()]
        if missing:
            raise InvalidInput(f"{name} has no column {', '.join(repr(m) for m in missing)} in its first line: send "
                               "back the purge list's lines under its header line; nothing was recorded")
        returned = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            values = {field: _cell(row[index]) for index, field in columns.items() if field and index < len(row)}
            returned.append(_returned(f"line {reader.line_num}", values, codes_only=False))
    except csv.Error:
        raise InvalidInput(f"{name} is not a CSV file Oubli can read (line {reader.line_num}): send back the file "
                           "`oubli purge-list` wrote; nothing was recorded") from None
    return returned


def _cell(value: str) -> str:
    """The value as written: without the `'` that kept a spreadsheet from running it as a formula."""
    value = value.strip()
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def _returned(where: str, values: dict | None, codes_only: bool) -> ReturnedLine:
    if values is None:
        return ReturnedLine(where, problem="is not an object with source_id, case_id and reason")
    given = {}
    for field in ("source_id", "case_id", "source"):
        value = values.get(field)
        if value in (None, "") and field in _REQUIRED:
            return ReturnedLine(where, problem=f"has no {field}")
        if value is not None and (not isinstance(value, str) or id_is_wrong(value, 200)):
            return ReturnedLine(where, problem=f"has a {field} that is not an id")
        given[field] = value or None
    reason = values.get("reason")
    found = None
    if isinstance(reason, str):
        found = _CODES.get(reason) if codes_only else _REASONS.get(reason.strip().casefold())
    if found is None:
        return ReturnedLine(where, case_id=given["case_id"],
                            problem=f"has a reason the purge list does not give (one of {', '.join(PurgeReason)})")
    return ReturnedLine(where, case_id=given["case_id"], reason=found, source_id=given["source_id"],
                        source=given["source"])
