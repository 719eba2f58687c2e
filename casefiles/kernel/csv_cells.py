"""CSV for spreadsheets: a cell that a spreadsheet would read as a formula is written as text.

A value starting with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip
before one) is run as a formula when the file is opened (CSV injection, OWASP): such a cell is written
with a leading `'`, which spreadsheets show as text. Numbers are written as they are. Every CSV Oubli
writes goes through `CsvWriter`."""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: Any) -> Any:
    """`value`, with a `'` before it if it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter:
    """csv.writer whose every cell is neutralised."""

    def __init__(self, stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutral_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
