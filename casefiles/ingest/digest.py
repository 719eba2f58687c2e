"""A case record's digest: SHA-256 of its canonical JSON, kept in `cases.record_sha256`. Pure.

The same record given again (by a re-import or a sync) has the same digest and is left untouched: its
persons stay sealed and the nightly run is not asked to look at it again. Canonical: keys sorted, each
list in a fixed order (a source may give a case's rows in any order), and a field without a value
left out, so that a field added to the format later, absent from a record, leaves its digest as it was.
"""

import hashlib
import json
from dataclasses import asdict
from datetime import date

from casefiles.ingest.records import CaseRecord


def record_sha256(record: CaseRecord) -> str:
    canonical = json.dumps(_canonical(asdict(record)), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                           default=_date)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=_date))
    return value


def _date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"a case record holds a {type(value).__name__}, which has no canonical form")
