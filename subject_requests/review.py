"""The DPO's review of an access export before release (art. 15(4)): each document with the stretches
that will be masked and why (offsets, label, whose data when known, why),
and the DPO's decisions to unmask a stretch or mask one more, by document and offsets or by person.

The decisions are kept for the request (review_decisions), applied by every later review and by the
export, and journaled by ids and offsets, never the text. The review shows the text: it is only printed
on the terminal or written encrypted, never in clear on disk."""

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from anonymizer.entities import Entity
from casefiles.kernel.errors import InvalidInput
from casefiles.persistence.models import ReviewDecision
from casefiles.persistence.uow import UnitOfWork
from subject_requests.third_parties import Cast, MaskedStretch

KEEP, MASK = "keep", "mask"
DPO_RULE = "dpo_review"  # why a stretch is masked: the DPO asked at the review (third_parties.WHY)
DPO_LABEL = "[donnée masquée]"


@dataclass(frozen=True)
class Change:
    """One decision of the DPO: `action` on a stretch of a document, or on everything of a person."""

    action: str
    document_id: str | None = None
    start: int | None = None
    end: int | None = None
    person_id: str | None = None

    def as_dict(self) -> dict:
        if self.person_id:
            return {"action": self.action, "person_id": self.person_id}
        return {"action": self.action, "document": self.document_id, "start": self.start, "end": self.end}


def stretch_change(action: str, value: str, option: str) -> Change:
    """'D-1-0000042:120-135' -> a change on that document's characters 120 to 135 (end excluded)."""
    document, _, span = value.rpartition(":")
    start, _, end = span.partition("-")
    if not document.strip() or not start.isdigit() or not end.isdigit() or int(start) >= int(end):
        raise InvalidInput(f"{option} '{value}' is not DOC_ID:START-END with START < END (character offsets, "
                           "as the review shows them)")
    return Change(action, document_id=document.strip(), start=int(start), end=int(end))


def record_changes(uow: UnitOfWork, request_id: int, changes: list[Change], documents: dict[str, str],
                   persons: set[str], today: date) -> None:
    """Keep the DPO's changes for the request, inside the caller's transaction, after checking them
    against the subject's documents (id -> text) and the persons of their cases."""
    for change in changes:
        if change.person_id and change.person_id not in persons:
            raise InvalidInput(f"person {change.person_id} is not a participant of the subject's cases: "
                               "give a person id that the review shows")
        if change.document_id is not None and change.end is not None:
            if change.document_id not in documents:
                raise InvalidInput(f"document {change.document_id} is not among the subject's documents: "
                                   "give a document id that the review shows")
            length = len(documents[change.document_id])
            if change.end > length:
                raise InvalidInput(f"document {change.document_id} has {length} characters: the stretch "
                                   f"{change.start}-{change.end} goes past its end")
        uow.session.add(ReviewDecision(request_id=request_id, action=change.action, document_id=change.document_id,
                                       start=change.start, end=change.end, person_id=change.person_id,
                                       decided_on=today, decided_by=uow.actor))
    if changes:
        uow.record("request.review_changed", "request", [str(request_id)],
                   changes=[change.as_dict() for change in changes])


def recorded_changes(uow: UnitOfWork, request_id: int) -> list[Change]:
    """The request's changes in the order the DPO made them (inside the caller's transaction)."""
    rows = uow.session.scalars(select(ReviewDecision).where(ReviewDecision.request_id == request_id)
                               .order_by(ReviewDecision.id))
    return [Change(r.action, r.document_id, r.start, r.end, r.person_id) for r in rows]


def _overlaps(a: MaskedStretch, b: MaskedStretch) -> bool:
    return a.start < b.end and b.start < a.end


def _with(stretches: list[MaskedStretch], added: MaskedStretch) -> list[MaskedStretch]:
    """`stretches` masking `added` too: a stretch it overlaps is merged into it."""
    overlapping = [s for s in stretches if _overlaps(s, added)]
    if any(s.start <= added.start and added.end <= s.end for s in overlapping):
        return stretches
    if overlapping:
        added = replace(added, start=min(added.start, *(s.start for s in overlapping)),
                        end=max(added.end, *(s.end for s in overlapping)))
    return [s for s in stretches if not _overlaps(s, added)] + [added]


def reviewed(stretches: list[MaskedStretch], entities: list[Entity], document_id: str, changes: list[Change],
             cast: Cast) -> list[MaskedStretch]:
    """The stretches to mask in a document once the DPO's changes are applied in order: `stretches` are
    the masking's, `entities` all that the detector found there (a person the DPO masks is masked by
    their label in the export, or as a masked datum when the masking keeps them in clear)."""
    result = list(stretches)
    for change in changes:
        if change.person_id:
            if change.action == KEEP:
                result = [s for s in result if s.person_id != change.person_id]
                continue
            masked = cast.masked.get(change.person_id)
            for entity in entities:
                if entity.person_id == change.person_id:
                    result = _with(result, MaskedStretch(
                        entity.start, entity.end, masked.label if masked else DPO_LABEL,
                        masked.role if masked else None, masked.number if masked else None, change.person_id,
                        DPO_RULE))
        elif change.document_id == document_id and change.start is not None and change.end is not None:
            stretch = MaskedStretch(change.start, change.end, DPO_LABEL, None, None, None, DPO_RULE)
            result = ([s for s in result if not _overlaps(s, stretch)] if change.action == KEEP
                      else _with(result, stretch))
    return sorted(result, key=lambda s: s.start)


def stretch_row(text: str, stretch: MaskedStretch) -> dict:
    """What the review says of one masked stretch: where, as what, whose, why, and the text."""
    return {"start": stretch.start, "end": stretch.end, "label": stretch.label, "person_id": stretch.person_id,
            "role": stretch.role, "why": stretch.why, "text": text[stretch.start:stretch.end]}


def review_text(request_id: int, documents: list[dict], withheld: dict[str, str]) -> str:
    """The review for the DPO's eyes: each document as the person will read it, then its masked stretches."""
    count = sum(len(d["masked"]) for d in documents)
    lines = [f"Review of request {request_id}'s access export: {len(documents)} documents, {count} stretches masked.",
             "Unmask: --keep DOC:START-END or --keep-person PERSON_ID; mask more: --mask DOC:START-END or "
             "--mask-person PERSON_ID (offsets in characters of the original text, end excluded).", ""]
    for document in documents:
        lines += [f"== Document {document['id']} (case {document['case_id']}, {document['kind']}, "
                  f"{document['written_on']}): {len(document['masked'])} masked ==", "", document["as_sent"], "",
                  "Masked (start-end, label, whose, why, original text):"]
        lines += [f"  {s['start']}-{s['end']}  {s['label']}  "
                  + (f"{s['person_id']} ({s['role']})" if s["person_id"] else "not a known participant")
                  + f"  {s['why']}  «{s['text']}»" for s in document["masked"]] or ["  nothing"]
        lines.append("")
    lines += [f"Withheld: {doc} ({reason})" for doc, reason in sorted(withheld.items())]
    return "\n".join(lines).rstrip("\n") + "\n"
