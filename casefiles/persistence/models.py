"""Typed SQLAlchemy models of the case-record store.

The schema only changes through the Alembic migrations in `casefiles/migrations`; a test checks that
the migrations and these models agree on SQLite and PostgreSQL.
"""

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Unicode,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(64)  # ids come from the department's case-management software


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Person(Base):
    """Anyone named in a case: child, parent, sibling, foster carer, third party, professional."""

    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    last_name: Mapped[str] = mapped_column(String(200))
    first_names: Mapped[str | None] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_place: Mapped[str | None] = mapped_column(String(200))
    sex: Mapped[str | None] = mapped_column(String(1))
    nir: Mapped[str | None] = mapped_column(String(15))
    address: Mapped[str | None] = mapped_column(String(400))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    caf_number: Mapped[str | None] = mapped_column(String(20))
    parental_authority_withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    # Lower-case, accent-free "first names last name", for accent- and case-insensitive search.
    search_name: Mapped[str] = mapped_column(String(400), index=True)
    # Out of daily use: the identifying fields, encrypted under the person's own key (casefiles/vault.py);
    # the plain columns are then blank.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class Case(Base):
    """A dossier: one per child, with the lifecycle fields the retention engine maintains."""

    __tablename__ = "cases"
    # The nightly run reads only cases marked for review, or whose next action is due: both are
    # searches of this one index (action, then date range), so its cost follows the cases that
    # change, not the store's size.
    __table_args__ = (Index("ix_cases_next_action_due_on", "next_action", "next_action_due_on"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    opened_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), index=True)
    service_ended_on: Mapped[date | None] = mapped_column(Date)
    archived_on: Mapped[date | None] = mapped_column(Date)
    next_action: Mapped[str | None] = mapped_column(String(30))
    next_action_due_on: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(30))  # as the last run decided, for reports
    # SHA-256 of the record as last written (import or sync): the same record again is left untouched.
    record_sha256: Mapped[str | None] = mapped_column(String(64))


class Participation(Base):
    """A person's role in a case; one person may hold several roles and be in several cases."""

    __tablename__ = "participations"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(30), primary_key=True)
    source_label: Mapped[str | None] = mapped_column(String(200))  # the case system's own word for the role


class Measure(Base):
    """A protection measure, administrative or judicial, with its start and (once ended) end."""

    __tablename__ = "measures"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    nature: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    source_label: Mapped[str | None] = mapped_column(String(200))  # the case system's own label (MJIE, OPP, ...)


class Concern(Base):
    """An information préoccupante received by the CRIP, with its outcome."""

    __tablename__ = "concerns"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(30))
    closed_on: Mapped[date | None] = mapped_column(Date)
    reported_by: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    source_label: Mapped[str | None] = mapped_column(String(200))  # the case system's own word for the outcome


class Document(Base):
    """Free text written by a professional: full of personal data about many people."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    written_on: Mapped[date] = mapped_column(Date)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    text: Mapped[str] = mapped_column(Text)  # blank while the text is sealed
    sealed_text: Mapped[bytes | None] = mapped_column(LargeBinary)  # under the case's key, once archived
    source_label: Mapped[str | None] = mapped_column(String(200))  # the case system's own word for the kind


class LegalHold(Base):
    """A legal hold stops the final action on a case whatever the date, until it is lifted."""

    __tablename__ = "legal_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_on: Mapped[date] = mapped_column(Date)
    placed_by: Mapped[str] = mapped_column(String(100))
    lifted_on: Mapped[date | None] = mapped_column(Date)
    lifted_by: Mapped[str | None] = mapped_column(String(100))
    # A hold a sync made from a pending proceeding in the case system: that proceeding's id there.
    source_ref: Mapped[str | None] = mapped_column(String(200))


class SourceLink(Base):
    """Which case of the département's case system a case here comes from, kept after its disposal: the
    purge list names it by the source's own id."""

    __tablename__ = "source_links"
    __table_args__ = (Index("ix_source_links_source_source_id", "source", "source_id", unique=True),)

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(100))  # the mapping's name for the case system
    source_id: Mapped[str] = mapped_column(String(200))
    first_synced_on: Mapped[date] = mapped_column(Date)
    last_seen_on: Mapped[date] = mapped_column(Date)  # the last sync that found it in the source
    gone_since: Mapped[date | None] = mapped_column(Date)  # the first sync that did not find it


class SyncRun(Base):
    """One sync from a case system: when, what it found, and the change mark it read up to."""

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(100), index=True)
    synced_at: Mapped[str] = mapped_column(String(32))  # UTC, ISO 8601
    watermark: Mapped[str | None] = mapped_column(String(100))  # the source's highest change mark then
    new: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    gone: Mapped[int] = mapped_column(Integer)
    skipped_destroyed: Mapped[int] = mapped_column(Integer)
    problems: Mapped[int] = mapped_column(Integer)


class PurgeConfirmation(Base):
    """The case system's word that it purged (or moved out of daily use) a case the purge list named."""

    __tablename__ = "purge_confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(30))  # the purge list's reason it confirms
    confirmed_on: Mapped[date] = mapped_column(Date)  # the day the source says it was done
    recorded_by: Mapped[str] = mapped_column(String(100))
    list_sha256: Mapped[str] = mapped_column(String(64))  # the confirmed file's digest


class JournalEntry(Base):
    """One entry of the append-only audit journal, chained to the previous one by SHA-256.

    Everything hashed is stored as text exactly as hashed, so the chain survives any database.
    """

    __tablename__ = "journal_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32), index=True)  # UTC, ISO 8601, sortable
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(30))
    target_ids: Mapped[str] = mapped_column(Text)  # canonical JSON list
    details: Mapped[str] = mapped_column(Text)  # canonical JSON object, never a personal value
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class JournalHead(Base):
    """The single row that names the last entry; appending locks it, so the chain never forks."""

    __tablename__ = "journal_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class DisposalList(Base):
    """A bordereau d'élimination: proposed cases awaiting the visa of the Archives départementales.

    Kept forever. While open it receives the run's proposals; once decided it is closed.
    """

    __tablename__ = "disposal_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # open | closed
    created_on: Mapped[date] = mapped_column(Date)
    policy: Mapped[str] = mapped_column(String(64))
    visa_ref: Mapped[str | None] = mapped_column(String(100))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    # The SEDA exchange with the archives (retention/elimination.py): the request sent, and the date of their
    # decision as they dated it (decided_on is the day it was recorded here).
    request_id: Mapped[str | None] = mapped_column(String(100))
    requested_on: Mapped[date | None] = mapped_column(Date)
    visa_on: Mapped[date | None] = mapped_column(Date)


class DisposalItem(Base):
    """One case on a disposal list, with only what the archives need to decide."""

    __tablename__ = "disposal_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("disposal_lists.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    category: Mapped[str] = mapped_column(String(30))
    final_action: Mapped[str] = mapped_column(String(30))
    opened_on: Mapped[date] = mapped_column(Date)
    service_ended_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    child_initials: Mapped[str] = mapped_column(String(10))
    child_birth_year: Mapped[int | None] = mapped_column(Integer)
    sampled_by: Mapped[str | None] = mapped_column(String(20))  # kept for history by this sampling rule
    status: Mapped[str] = mapped_column(String(20), index=True)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    carried_out_on: Mapped[date | None] = mapped_column(Date)
    # The size of the file's documents when proposed, for the bordereau's volume (None: proposed before it was kept).
    document_bytes: Mapped[int | None] = mapped_column(BigInteger)
    # The archives' words when they refused it: shown when the case is proposed again; never journaled.
    rejection_reason: Mapped[str | None] = mapped_column(Text)


class Tombstone(Base):
    """What remains of a disposed case: no personal data, only what proves the disposal was lawful."""

    __tablename__ = "tombstones"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    case_ref_sha256: Mapped[str] = mapped_column(String(64))
    final_action: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(30))
    policy: Mapped[str] = mapped_column(String(64))
    opened_on: Mapped[date] = mapped_column(Date)
    service_ended_on: Mapped[date] = mapped_column(Date)
    archived_on: Mapped[date | None] = mapped_column(Date)
    disposed_on: Mapped[date] = mapped_column(Date)
    list_id: Mapped[int] = mapped_column(ForeignKey("disposal_lists.id"))
    visa_ref: Mapped[str] = mapped_column(String(100))
    approved_by: Mapped[str] = mapped_column(String(100))
    journal_seq: Mapped[int] = mapped_column(Integer)
    # A transfer to the archives: the SHA-256 of the encrypted package they were sent (before SEDA packages).
    package_sha256: Mapped[str | None] = mapped_column(String(64))
    # A SEDA transfer: the SHA-512 of the package sent, and the identifier of the archives' reply confirming it.
    package_sha512: Mapped[str | None] = mapped_column(String(128))
    transfer_reply: Mapped[str | None] = mapped_column(String(100))


class TransferPackage(Base):
    """A SEDA package sent to the Archives départementales for one case, and their reply. Kept forever."""

    __tablename__ = "transfer_packages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("disposal_items.id"))
    message_identifier: Mapped[str] = mapped_column(String(100), unique=True)
    seda_version: Mapped[str] = mapped_column(String(5))
    path: Mapped[str] = mapped_column(Text)
    sha512: Mapped[str] = mapped_column(String(128))
    sent_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)  # awaiting_reply | confirmed | rejected
    reply_identifier: Mapped[str | None] = mapped_column(String(100))  # their reply's, or the typed reference
    replied_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    # The archives' reason for refusing it: their words may name people, so it stays here, never journaled.
    reason: Mapped[str | None] = mapped_column(Text)


class ArchiveRead(Base):
    """Each reading of an archived case, with the reason given (kept here, not in the journal)."""

    __tablename__ = "archive_reads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)


class SubjectRequest(Base):
    """A rights request in the DPO's register. The requester's name, the identity check and the
    reason for an extension may name people: they stay here, never in the journal. The person ids are
    references, not foreign keys: the register outlives a destroyed case (accountability, art. 5(2))."""

    __tablename__ = "subject_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[str] = mapped_column(ID, index=True)
    requester_name: Mapped[str] = mapped_column(String(200))
    requester_id: Mapped[str | None] = mapped_column(ID)
    capacity: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    extended_on: Mapped[date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    identity_method: Mapped[str | None] = mapped_column(Text)
    identity_verified_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    closed_on: Mapped[date | None] = mapped_column(Date)
    opened_by: Mapped[str] = mapped_column(String(100))
    answer: Mapped[str | None] = mapped_column(Text)  # JSON: the decisions, for the letters and the report


class RecordHistory(Base):
    """A value replaced by a rectification (art. 16), kept encrypted under its own data key, that key
    wrapped by the master key outside the database. Goes with the person."""

    __tablename__ = "record_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    field: Mapped[str] = mapped_column(String(30))
    former_value: Mapped[bytes | None] = mapped_column(LargeBinary)  # None: the field was empty
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    master_key_id: Mapped[str | None] = mapped_column(String(16))
    changed_on: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(100))
    request_id: Mapped[int] = mapped_column(Integer)


class Statement(Base):
    """The person's own statement on a disputed assessment (art. 16): added next to the document,
    which is never rewritten."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    request_id: Mapped[int] = mapped_column(Integer)
    added_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class Restriction(Base):
    """A case's data restricted at a person's request (art. 18): only stored until lifted; lifting
    records when and how the person was told (art. 18(3)), which may name people: never journaled."""

    __tablename__ = "restrictions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    request_id: Mapped[int] = mapped_column(Integer, index=True)
    placed_on: Mapped[date] = mapped_column(Date)
    placed_by: Mapped[str] = mapped_column(String(100))
    lifted_on: Mapped[date | None] = mapped_column(Date)
    lifted_by: Mapped[str | None] = mapped_column(String(100))
    person_told_on: Mapped[date | None] = mapped_column(Date)
    person_told_how: Mapped[str | None] = mapped_column(Text)


class BlindIndexEntry(Base):
    """A keyed digest (HMAC-SHA256 under index.key, outside the database) of one folded name token, the
    birth date or the NIR of a person out of daily use: what finds them without opening them
    (casefiles/crypto/blind_index.py). Goes with the person, or when they come back into daily use."""

    __tablename__ = "blind_index"

    # digest first: a search reads the persons holding a digest from the key alone (a covering index)
    digest: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), primary_key=True, index=True)
    key_id: Mapped[str] = mapped_column(String(16))  # which index key made it (a public name, not a secret)


class HistoryRead(Base):
    """Each reading of a person's rectification history, with the reason given (kept here, not in the
    journal, since a reason may name people). Goes with the person."""

    __tablename__ = "history_reads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)


class DataKey(Base):
    """The key of one archived case or of one person out of daily use, wrapped by the master key kept
    outside the database. Deleting it makes every copy of what it sealed unreadable."""

    __tablename__ = "data_keys"

    owner_type: Mapped[str] = mapped_column(String(10), primary_key=True)  # case | person
    owner_id: Mapped[str] = mapped_column(ID, primary_key=True)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    master_key_id: Mapped[str] = mapped_column(String(16), index=True)
    created_on: Mapped[date] = mapped_column(Date)


class LedgerEntry(Base):
    """The erasure ledger: a keyed digest (HMAC, key outside the database) of each record destroyed,
    so that a restored backup can be cleaned again. No id can be read back from it."""

    __tablename__ = "erasure_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # order of the file's lines
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # case | person
    action: Mapped[str] = mapped_column(String(30))  # destroyed, anonymised, transferred, erased
    recorded_on: Mapped[date] = mapped_column(Date)


class StatisticalRecord(Base):
    """What anonymisation keeps of a case: generalised quasi-identifiers and outcomes, no identifier, no
    free text, no link back to the case. Every combination of quasi-identifiers is shared by at least
    k records (retention/anonymisation.py)."""

    __tablename__ = "statistical_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    level: Mapped[int] = mapped_column(Integer)  # the generalisation level its values are at
    birth_from: Mapped[int | None] = mapped_column(Integer)  # first year of the birth-year band
    service_end_from: Mapped[int] = mapped_column(Integer)  # first year of the band service ended in
    sex: Mapped[str | None] = mapped_column(String(1))
    departement: Mapped[str | None] = mapped_column(String(3))
    measures: Mapped[str] = mapped_column(String(200))  # measure types, or their natures, comma-separated
    duration_from: Mapped[int | None] = mapped_column(Integer)  # first year of the band of years under measure
    category: Mapped[str] = mapped_column(String(30))
    concern_outcomes: Mapped[str] = mapped_column(String(200))


class AnonymisationBatch(Base):
    """One anonymisation: how many cases were kept as statistics and how many suppressed."""

    __tablename__ = "anonymisation_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    carried_out_on: Mapped[date] = mapped_column(Date)
    k: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    kept: Mapped[int] = mapped_column(Integer)
    suppressed: Mapped[int] = mapped_column(Integer)


class RunLock(Base):
    """At most one nightly run at a time; a lock whose holder crashed expires."""

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32))


# APScheduler 3's SQLAlchemy job store, created here so that migrations stay the only way the schema
# changes (the job store finds the table and leaves it as it is).
apscheduler_jobs = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)


class ReviewDecision(Base):
    """The DPO's review of an access export: a stretch unmasked (`keep`) or masked (`mask`), by document
    and offsets or by person; the later decision on the same stretch or person wins. Ids and offsets
    only, never the text."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(10))
    document_id: Mapped[str | None] = mapped_column(ID)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[str | None] = mapped_column(ID)
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100))
