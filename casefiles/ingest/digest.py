"""A case record's digest: SHA-256 of its canonical JSON, kept in `cases.record_sha256`. Pure.

The same record given again (by a re-import or a sync) has the same digest and is left untouched: its
persons stay sealed and the nightly run is not asked to look at it again. Canonical: keys sorted, each
list in a fixed order (a source may give a case's rows in any order), and a field without a value
left out, so that a field added to the format later, absent from a record, leaves its digest as it was.
"""

import hashlib
import json
from dataclasses import is_dataclass
from datetime import date

from casefiles.ingest.records import CaseRecord


def record_sha256(record: CaseRecord) -> str:
    canonical = json.dumps(_plain(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    """The record as JSON values: a dataclass's fields (those with a value), a list in the order of its items'
    values, a date in ISO form."""
    if isinstance(value, str) or value is None:  # most of a record, tested first
        return value
    if isinstance(value, tuple | list):
        return sorted((_plain(item) for item in value), key=_order)
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        return {name: _plain(item) for name, item in vars(value).items() if item is not None}
    return value


def _order(item: object) -> str:
    return repr(sorted(item.items())) if isinstance(item, dict) else repr(item)
