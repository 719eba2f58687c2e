"""A keyed blind index: finding a person out of daily use without opening anyone.

A sealed person's names, birth date and NIR are blank in the clear columns. For each of their folded
name tokens (casefiles/kernel/names.py), their birth date and their NIR the index keeps HMAC-SHA256
under a key of its own (index.key, outside the database, like the master key): a search computes the
same digests for what it is given and compares. Without the key nobody can test a guess; with it, a
digest still only answers "does this person have this exact token", never what their name is. The
entries are written when a person is sealed, replaced when a sealed person is rectified, and deleted
when the person comes back into daily use or is destroyed.

The key is read the first time the index is used; the entries already stored must have been made with
it, or nothing happens (as for the master key).
"""

import hashlib
import hmac
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from casefiles.crypto import sealing
from casefiles.kernel.names import fold
from casefiles.persistence.db import chunks
from casefiles.persistence.models import BlindIndexEntry


class WrongIndexKey(sealing.KeyProblem):
    """index.key is not the key the stored entries were made with."""


def name_tokens(text: str | None) -> set[str]:
    return set(fold(text or "").split())


class BlindIndex:
    """Digests under the key that `load_key` reads (index.key)."""

    def __init__(self, load_key: Callable[[], bytes]):
        self._load_key = load_key
        self._key: bytes | None = None

    def key(self, session: Session) -> bytes:
        if self._key is None:
            key = self._load_key()
            stored = session.scalar(select(BlindIndexEntry.key_id).limit(1))  # every entry has the same one
            current = sealing.key_id(key)
            if stored is not None and stored != current:
                raise WrongIndexKey(
                    f"the blind index of persons out of daily use was made with index key {stored}, not with the "
                    f"index.key given ({current}): persons out of daily use cannot be searched. Restore index.key "
                    "from its backup; if it is lost, delete index.key and run `oubli init`, which makes a new key "
                    "and builds the index again from the sealed values (with the master key)")
            self._key = key
        return self._key

    def _digest(self, key: bytes, kind: str, value: str) -> bytes:
        return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).digest()

    def digests(self, session: Session, words: Iterable[str] = (), born: date | None = None,
                nir: str | None = None) -> list[bytes]:
        """The digests a person must all hold to match: each folded word of their names, their birth
        date, their NIR (those given)."""
        key = self.key(session)
        found = [self._digest(key, "name", word) for word in sorted(set(words))]
        if born is not None:
            found.append(self._digest(key, "born", born.isoformat()))
        if nir:
            found.append(self._digest(key, "nir", nir))
        return found

    def write(self, session: Session, people: Mapping[str, Mapping]) -> int:
        """Index each person ({person id: identifying fields}), replacing their former entries; returns
        how many persons were indexed."""
        if not people:
            return 0
        key_id = sealing.key_id(self.key(session))
        self.drop(session, list(people))
        rows = [{"person_id": person_id, "digest": digest, "key_id": key_id}
                for person_id, fields in people.items()
                for digest in self.digests(session, name_tokens(f"{fields.get('first_names') or ''} "
                                                                f"{fields.get('last_name') or ''}"),
                                           fields.get("birth_date"), fields.get("nir"))]
        if rows:
            session.execute(insert(BlindIndexEntry), rows)
        return len(people)

    @staticmethod
    def drop(session: Session, person_ids: Collection[str]) -> None:
        """Delete the persons' entries (no key needed)."""
        for chunk in chunks(list(person_ids)):
            session.execute(delete(BlindIndexEntry).where(BlindIndexEntry.person_id.in_(chunk)))

    @staticmethod
    def drop_all(session: Session) -> int:
        """Delete every entry (made with an index key that is gone); returns how many persons had some."""
        persons = session.scalar(select(func.count(func.distinct(BlindIndexEntry.person_id)))) or 0
        session.execute(delete(BlindIndexEntry))
        return persons

    def find(self, session: Session, words: Iterable[str] = (), born: date | None = None, nir: str | None = None,
             limit: int = 50) -> list[str]:
        """The ids of the indexed persons holding every digest asked for, by id."""
        wanted = self.digests(session, words, born, nir)
        if not wanted:
            return []
        query = (select(BlindIndexEntry.person_id).where(BlindIndexEntry.digest.in_(wanted))
                 .group_by(BlindIndexEntry.person_id)
                 .having(func.count(BlindIndexEntry.digest) == len(wanted))
                 .order_by(BlindIndexEntry.person_id).limit(limit))
        return list(session.scalars(query))
