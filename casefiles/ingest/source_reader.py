"""Reading a case system in place, read-only, through its mapping: a database (any SQLAlchemy URL) or a
folder of CSV exports.

Each table the mapping names is read once, ordered by dossier, and the streams are merged by dossier key
(no query per dossier): memory follows one dossier, not the source. A SQLite file is opened read-only
(`file:...?mode=ro`), PostgreSQL in a read-only transaction at one snapshot (REPEATABLE READ); other
databases (Oracle, SQL Server, where their drivers are installed) go through the same code, under an
account that can only read. A folder of CSV exports is copied once into a scratch SQLite file (deleted
after), then read the same way. With change columns, `cases(changed_after=mark)` reads only the dossiers
with a row changed after the mark. The assembling of one dossier is casefiles/ingest/dossier.py.
"""

import csv
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from casefiles.ingest.dossier import DossierRows, assemble, text
from casefiles.ingest.mapping import Csv, Mapping, Section
from casefiles.ingest.source_case import SourceCase
from casefiles.ingest.store import record_lengths
from casefiles.kernel.errors import OubliError

BATCH = 2000


class SourceError(OubliError):
    """The source cannot be read as the mapping says."""


def open_source(location: str, mapping: Mapping) -> "DatabaseSource":
    """The case system at `location` (an SQLAlchemy URL, or a folder of CSV exports), read through `mapping`.
    `close()` it when done (a folder's scratch copy is deleted then, or at exit)."""
    if "://" in location:
        return DatabaseSource(location, mapping)
    folder = Path(location)
    if folder.is_dir():
        url, scratch = _scratch_copy(folder, mapping.csv)
        return DatabaseSource(url, mapping, scratch)
    raise SourceError(f"the source {folder.name or location} is neither a database URL (e.g. postgresql://host/base, "
                      "sqlite:///path/file.db) nor a folder of CSV exports: check --source")


def _read_only_url(location: str) -> tuple[sa.URL, dict[str, Any]]:
    """The URL to open, and the connection's execution options, so that the source can only be read."""
    try:
        url = sa.make_url(location)
    except sa.exc.ArgumentError:
        raise SourceError("the source is not a database URL SQLAlchemy reads (e.g. postgresql://host/base)") from None
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        if not url.database or url.database == ":memory:" or not path.is_file():
            raise SourceError(f"the SQLite source {path.name or '(none)'} is not a file: check --source")
        return url.set(database=f"file:{path.resolve()}", query={"mode": "ro", "uri": "true"}), {}
    if url.get_backend_name() == "postgresql":
        return url, {"postgresql_readonly": True, "isolation_level": "REPEATABLE READ"}
    return url, {}


class DatabaseSource:
    """A case system's database read in place (see the module's docstring)."""

    def __init__(self, location: str, mapping: Mapping, scratch: tempfile.TemporaryDirectory | None = None):
        self.name, self.mapping = mapping.name, mapping
        self._url, self._options = _read_only_url(location)
        self._engine: sa.Engine | None = None
        self._scratch = scratch  # a folder of CSV exports' copy, deleted with the source

    # What the reader reads: each section's table (or query) with the mapping's names for its columns.
    def _table(self, section: Section, alias: str) -> sa.FromClause:
        columns = [*section.columns.values(), *([section.changed] if section.changed else [])]
        if section.table:
            return sa.table(section.table, *(sa.column(name) for name in dict.fromkeys(columns))).alias(alias)
        return sa.text(section.query or "").columns(*(sa.column(name) for name in dict.fromkeys(columns))).subquery(alias)

    def _order(self, column: sa.ColumnElement) -> sa.ColumnElement:
        """The dossier key as text in code-point order (PostgreSQL's "C" collation), the order merged in Python."""
        key: sa.ColumnElement = sa.cast(column, sa.String(200))
        return key.collate("C") if self._url.get_backend_name() == "postgresql" else key

    @contextmanager
    def _connection(self) -> Iterator[sa.Connection]:
        if self._engine is None:
            self._engine = sa.create_engine(self._url)
        try:
            with self._engine.connect() as connection:
                connection = connection.execution_options(**self._options)
                with connection.begin():
                    yield connection
        except sa.exc.DBAPIError as error:
            first = str(error.orig).strip().splitlines()[0] if error.orig is not None else type(error).__name__
            raise SourceError(f"the source {self.name} cannot be read ({first}): check the URL, the account's "
                              "rights and the mapping's table and column names") from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self._scratch is not None:
            self._scratch.cleanup()

    def watermark(self) -> str | None:
        marks = []
        with self._connection() as connection:
            for section in self._sections().values():
                if section.changed:
                    table = self._table(section, "t")
                    marks.append(_mark(connection.execute(sa.select(sa.func.max(table.c[section.changed]))).scalar()))
        return max((mark for mark in marks if mark), default=None)

    def ids(self) -> Iterator[str]:
        mapping = self.mapping
        links = self._table(mapping.participants, "l")
        dossiers = self._table(mapping.dossiers, "d")
        link = mapping.participants.columns
        query = (sa.select(links.c[link["dossier"]], links.c[link["person"]]).distinct()
                 .join_from(links, dossiers, links.c[link["dossier"]] == dossiers.c[mapping.dossiers.columns["id"]])
                 .where(links.c[link["role"]].in_(mapping.child_codes())))
        with self._connection() as connection:
            for dossier, child in connection.execution_options(yield_per=BATCH).execute(query):
                yield f"{text(dossier)}/{text(child)}"

    def cases(self, changed_after: str | None = None) -> Iterator[SourceCase]:
        lengths, seen = record_lengths(), dict[str, bytes]()
        with self._connection() as connection:
            labels = self._labels(connection)
            for rows in self._dossiers(connection, changed_after):
                yield from assemble(rows, self.mapping, labels, lengths, seen)

    def _sections(self) -> dict[str, Section]:
        mapping = self.mapping
        return {"dossiers": mapping.dossiers, "persons": mapping.persons, "participants": mapping.participants,
                **mapping.items()}

    def _labels(self, connection: sa.Connection) -> dict[str, dict[str, str]]:
        labels: dict[str, dict[str, str]] = {}
        for name, section in self._sections().items():
            codes = getattr(section, "labels", None)
            if codes is not None:
                table = sa.table(codes.table, sa.column(codes.code), sa.column(codes.label))
                labels[name] = {text(code) or "": text(label) or "" for code, label in
                                connection.execute(sa.select(table.c[codes.code], table.c[codes.label]))}
        return labels

    def _select(self, name: str, section: Section, suffix: str = "") -> tuple[sa.Select, sa.ColumnElement, sa.FromClause]:
        """A section's rows, by the mapping's names, with `dossier` its dossier's key; the key and the table."""
        mapping = self.mapping
        table = self._table(section, name + suffix)
        names = dict(section.columns)
        if name == "dossiers":
            names["dossier"] = names["id"]
        columns = [table.c[column].label(field) for field, column in names.items() if field != "dossier"]
        if section.changed:
            columns.append(table.c[section.changed].label("_changed"))
        if name != "persons":
            key = table.c[names["dossier"]]
            return sa.select(*columns, key.label("dossier")), key, table
        # A person is in the dossiers their links name.
        links = self._table(mapping.participants, "links" + suffix)
        key = links.c[mapping.participants.columns["dossier"]]
        select = sa.select(*columns, key.label("dossier")).join_from(
            links, table, links.c[mapping.participants.columns["person"]] == table.c[section.columns["id"]])
        return select, key, table

    def _selects(self, changed_after: str | None, dialect: sa.Dialect) -> dict[str, sa.Select]:
        """Each section's rows ordered by dossier; those of the dossiers changed after the mark, when given."""
        selects, changed = {}, []
        for name, section in self._sections().items():
            select, key, _ = self._select(name, section)
            selects[name] = select.order_by(self._order(key))
            if changed_after is not None and section.changed:
                since, since_key, table = self._select(name, section, "_since")
                changed.append(since.with_only_columns(since_key.label("dossier"))
                               .where(table.c[section.changed] > _untyped(changed_after, dialect)))
        if changed:
            dossiers = sa.union(*changed).subquery("changed")
            selects = {name: select.where(select.selected_columns.dossier.in_(sa.select(dossiers.c.dossier)))
                       for name, select in selects.items()}
        return selects

    def _dossiers(self, connection: sa.Connection, changed_after: str | None) -> Iterator[DossierRows]:
        """The rows of each dossier in turn, merged from one ordered stream per section."""
        streams = {name: _Stream(name, connection.execution_options(yield_per=BATCH).execute(select).mappings())
                   for name, select in self._selects(changed_after, connection.dialect).items()}
        while True:
            keys = [stream.key for stream in streams.values() if stream.key is not None]
            if not keys:
                return
            key = min(keys)
            taken = {name: stream.take(key) for name, stream in streams.items()}
            dossier = taken["dossiers"][0] if taken["dossiers"] else None
            yield DossierRows(key, dossier, taken["persons"], taken["participants"],
                              {name: taken[name] for name in self.mapping.items()})


def _untyped(mark: str, dialect: sa.Dialect) -> sa.ColumnElement:
    """The mark as an SQL literal of no type, which the database reads as the change column's type (a text, or a
    timestamp: a parameter would be sent as text, which PostgreSQL will not compare with a timestamp)."""
    quote = sa.String().literal_processor(dialect)
    assert quote is not None  # every dialect quotes strings
    return sa.literal_column(quote(mark))


def _mark(value: object) -> str | None:
    """A change column's value as a mark: a timestamp to the second and beyond, as text that sorts as time."""
    return value.isoformat(sep=" ") if isinstance(value, datetime) else text(value)


class _Stream:
    """One section's rows, ordered by dossier key, taken a dossier at a time."""

    def __init__(self, name: str, rows: Any):
        self.name, self._rows = name, iter(rows)
        self.key: str | None = None
        self._head: dict | None = None
        self._advance()

    def _advance(self) -> None:
        row = next(self._rows, None)
        if row is None:
            self.key, self._head = None, None
            return
        key = text(row["dossier"]) or ""
        if self.key is not None and key < self.key:
            raise SourceError(f"the source orders the {self.name}' dossier keys otherwise than by code point (a "
                              "case-insensitive collation?): read it from CSV exports, or tell Oubli's maintainers "
                              "which database it is")
        self.key, self._head = key, dict(row)

    def take(self, key: str) -> list[dict]:
        rows = []
        while self.key == key and self._head is not None:
            rows.append(self._head)
            self._advance()
        return rows


def _scratch_copy(folder: Path, options: Csv) -> tuple[str, tempfile.TemporaryDirectory]:
    """A folder of CSV exports (one file per table, named after it) copied into a scratch SQLite file, to be read
    like a database; the scratch folder goes with the source (or at exit)."""
    files = sorted(folder.glob(f"*{options.extension}"))
    if not files:
        raise SourceError(f"the folder {folder.name} holds no {options.extension} file: check --source")
    scratch = tempfile.TemporaryDirectory(prefix="oubli-csv-")
    url = f"sqlite:///{Path(scratch.name) / 'source.db'}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            for file in files:
                _copy(connection, file, options.encoding, options.delimiter)
    except BaseException:
        scratch.cleanup()
        raise
    finally:
        engine.dispose()
    return url, scratch


def _copy(connection: sa.Connection, file: Path, encoding: str, delimiter: str) -> None:
    name = file.name.split(".")[0]
    try:
        with file.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            header = next(reader, None)
            if not header:
                return
            table = sa.Table(name, sa.MetaData(), *(sa.Column(column.strip(), sa.Text) for column in header))
            table.create(connection)
            batch: list[dict] = []
            for number, values in enumerate(reader, start=2):
                if len(values) != len(header):
                    raise SourceError(f"{file.name}: line {number} has {len(values)} fields, the header "
                                      f"{len(header)}: check the delimiter ({delimiter!r}) and quoting")
                batch.append(dict(zip(table.c.keys(), values, strict=True)))
                if len(batch) == BATCH:
                    connection.execute(table.insert(), batch)
                    batch = []
            if batch:
                connection.execute(table.insert(), batch)
    except UnicodeDecodeError:
        raise SourceError(f"{file.name} is not {encoding} text: set csv.encoding in the mapping "
                          "(e.g. cp1252)") from None
