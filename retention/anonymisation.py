"""The policy's `anonymise` action: keep a k-anonymous statistical record of each case, then destroy
the case's personal data as destruction does. The rules are anonymizer/kanonymity.py's (pure); this
module reads the facts (the persons opened by casefiles/people/persons.py) and stores the outcome."""

import re
from collections import defaultdict
from dataclasses import asdict, dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from anonymizer.kanonymity import Record, anonymise, smallest_class
from casefiles.crypto.vault import Vault
from casefiles.people import persons
from casefiles.persistence.models import AnonymisationBatch, Case, Concern, Measure, StatisticalRecord
from retention.policy import Policy

POSTCODE = re.compile(r"\b(\d{5})\b")


def departement(address: str | None) -> str | None:
    """The département of a French address, from its postcode (20xxx: Corse-du-Sud 2A or Haute-Corse 2B)."""
    match = POSTCODE.search(address or "")
    if not match:
        return None
    code = match.group(1)
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    return code[:3] if code.startswith("97") else code[:2]


def statistical_records(session: Session, vault: Vault, case_ids: list[str]) -> list[Record]:
    """The level-0 record of each case: the finest the rules start from."""
    children = persons.children(session, vault, case_ids)
    measures, days = defaultdict(set), defaultdict(int)
    for case_id, kind, started, ended in session.execute(select(Measure.case_id, Measure.type, Measure.started_on,
                                                                Measure.ended_on).where(Measure.case_id.in_(case_ids))):
        measures[case_id].add(kind)
        days[case_id] += ((ended or started) - started).days
    outcomes = defaultdict(set)
    for case_id, outcome in session.execute(select(Concern.case_id, Concern.outcome).where(
            Concern.case_id.in_(case_ids))):
        outcomes[case_id].add(outcome)
    records = []
    for case_id, ended, category in session.execute(select(Case.id, Case.service_ended_on, Case.category)
                                                    .where(Case.id.in_(case_ids)).order_by(Case.id)):
        child = children.get(case_id)
        born = child.birth_date if child else None
        records.append(Record(
            level=0, birth_from=born.year if born else None, service_end_from=ended.year,
            sex=child.sex if child else None, departement=departement(child.address if child else None),
            measures=tuple(sorted(measures[case_id])),
            duration_from=int(days[case_id] / 365.25) if measures[case_id] else None,
            category=category or "", concern_outcomes=tuple(sorted(outcomes[case_id]))))
    return records


def _to_row(record: Record) -> dict:
    row = asdict(record)
    return row | {"measures": ",".join(record.measures), "concern_outcomes": ",".join(record.concern_outcomes)}


def _from_row(row: StatisticalRecord) -> Record:
    return Record(row.level, row.birth_from, row.service_end_from, row.sex, row.departement,
                  tuple(filter(None, row.measures.split(","))), row.duration_from, row.category,
                  tuple(filter(None, row.concern_outcomes.split(","))))


def anonymise_cases(session: Session, vault: Vault, case_ids: list[str], policy: Policy, on) -> tuple[int, int]:
    """Add the cases' statistical records, generalising the whole set as needed; returns (kept, suppressed)."""
    stored = [_from_row(row) for row in session.scalars(select(StatisticalRecord))]
    outcome = anonymise(stored, statistical_records(session, vault, case_ids), policy.k, policy.max_suppressed_share)
    if stored and outcome.level != stored[0].level:  # the whole set goes to the coarser level
        session.execute(delete(StatisticalRecord))
        session.execute(StatisticalRecord.__table__.insert(), [_to_row(r) for r in outcome.stored])
    if outcome.kept:
        session.execute(StatisticalRecord.__table__.insert(), [_to_row(r) for r in outcome.kept])
    session.add(AnonymisationBatch(carried_out_on=on, k=policy.k, level=outcome.level, kept=len(outcome.kept),
                                   suppressed=outcome.suppressed))
    return len(outcome.kept), outcome.suppressed


@dataclass(frozen=True)
class AnonymisationReport:
    k: int
    records: int
    level: int | None
    k_reached: int | None  # the smallest class: every combination is shared by at least this many records
    cases_anonymised: int
    suppressed: int
    share_suppressed: float
    max_risk: float  # 1 / smallest class: the highest chance of picking out one case


def anonymisation_report(session: Session, policy: Policy) -> AnonymisationReport:
    records = [_from_row(row) for row in session.scalars(select(StatisticalRecord))]
    kept, suppressed = session.execute(select(func.coalesce(func.sum(AnonymisationBatch.kept), 0),
                                              func.coalesce(func.sum(AnonymisationBatch.suppressed), 0))).one()
    smallest = smallest_class(records)
    cases = kept + suppressed
    return AnonymisationReport(policy.k, len(records), records[0].level if records else None, smallest, cases,
                               suppressed, round(suppressed / cases, 4) if cases else 0.0,
                               round(1 / smallest, 4) if smallest else 0.0)
