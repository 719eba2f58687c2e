"""Rights requests for the auditors' report: received, answered on time or late, the median time to
answer, refusals by ground. Counts only: no name, no free text."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median

from sqlalchemy import Connection, select

from casefiles.kernel.vocabulary import RequestStatus
from casefiles.persistence.models import SubjectRequest
from subject_requests.register import recorded_answer


@dataclass(frozen=True)
class RequestsReport:
    received: int
    received_by_kind: dict[str, int]
    answered: int
    answered_on_time: int
    answered_late: int
    open: int
    open_overdue: int
    withdrawn: int
    median_days_to_answer: float | None
    refusals_by_ground: dict[str, int]  # by article, '17(3)(b)'
    outcomes: dict[str, int]


def build_requests_report(connection: Connection, as_of: date, period_from: date | None = None,
                          period_to: date | None = None) -> RequestsReport:
    """The requests received in the period (all of them without one), as they stand on `as_of`."""
    query = select(SubjectRequest.kind, SubjectRequest.status, SubjectRequest.received_on, SubjectRequest.due_on,
                   SubjectRequest.closed_on, SubjectRequest.answer)
    if period_from:
        query = query.where(SubjectRequest.received_on >= period_from)
    if period_to:
        query = query.where(SubjectRequest.received_on <= period_to)
    kinds, statuses, refusals, outcomes = Counter(), Counter(), Counter(), Counter()
    on_time = late = overdue = 0
    days = []
    for kind, status, received_on, due_on, closed_on, answer in connection.execute(query):
        kinds[kind] += 1
        statuses[status] += 1
        if status == RequestStatus.ANSWERED:
            days.append((closed_on - received_on).days)
            on_time, late = (on_time + 1, late) if closed_on <= due_on else (on_time, late + 1)
            for decision in recorded_answer(answer)[0]:
                outcomes[decision.outcome] += 1
                if decision.outcome == "refused":
                    refusals[decision.article] += 1
        elif status == RequestStatus.OPEN and due_on < as_of:
            overdue += 1
    return RequestsReport(sum(kinds.values()), dict(sorted(kinds.items())), statuses[RequestStatus.ANSWERED], on_time,
                          late, statuses[RequestStatus.OPEN], overdue, statuses[RequestStatus.WITHDRAWN],
                          median(days) if days else None, dict(sorted(refusals.items())), dict(sorted(outcomes.items())))
