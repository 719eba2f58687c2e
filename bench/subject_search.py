"""`subjects search` on a store of persons half of whom are sealed (out of daily use), in the same run:
the same searches, by name and by name and birth date, for persons in clear (found by their folded
names, as always) and for sealed persons (found through the blind index), and as a baseline the
search of the persons in clear without the blind index (as it was before it); medians per search.

Persons are made with Faker fr_FR (names, birth dates, NIRs) and inserted in bulk, not through cases;
every other one is then sealed by the vault, which writes their blind index entries. Each searched
person is searched under the names they bear, upper-cased, so a search usually finds a few namesakes.

    .venv/bin/python bench/subject_search.py
    .venv/bin/python bench/subject_search.py --postgres --persons 100000
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from faker import Faker
from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import throwaway_database  # noqa: E402
from casefiles.crypto.keys import create_missing_keys  # noqa: E402
from casefiles.kernel.identifiers import make_nir  # noqa: E402
from casefiles.kernel.names import search_name  # noqa: E402
from casefiles.people.queries import search_subjects  # noqa: E402
from casefiles.persistence import schema  # noqa: E402
from casefiles.persistence.db import chunks  # noqa: E402
from casefiles.persistence.models import BlindIndexEntry, Person  # noqa: E402
from oubli.bootstrap import bootstrap  # noqa: E402
from oubli.settings import Settings  # noqa: E402

AS_OF = date(2026, 11, 22)


def people(count: int, seed: int):
    fake, rng = Faker("fr_FR"), random.Random(seed)
    fake.seed_instance(seed)
    for number in range(count):
        sex = rng.choice("MF")
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        last = fake.last_name()
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(60 * 365))
        yield {"id": f"P-B-{number:07d}", "first_names": first, "last_name": last, "birth_date": born, "sex": sex,
               "nir": make_nir(2 if sex == "F" else 1, born.year, born.month, "31555", rng.randrange(1, 1000)),
               "search_name": search_name(first, last), "parental_authority_withdrawn": False}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=200, help="searches of each kind")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, throwaway_database(Path(temp), "search", args.postgres) as url:
        create_missing_keys(Path(temp) / "keys")
        app = bootstrap(Settings(db_url=url, keys_dir=Path(temp) / "keys", actor="bench"),
                         clock=lambda: datetime.now(UTC))
        schema.upgrade(app.engine)
        everyone = list(people(args.persons, seed=5))
        started = time.perf_counter()
        with app.uow() as uow:
            for chunk in chunks(everyone, 5000):
                uow.session.execute(insert(Person), chunk)
            uow.commit()
        vault = app.vault()
        sealed_ids = [p["id"] for p in everyone[0::2]]
        with app.uow() as uow:
            for chunk in chunks(sealed_ids, 2000):
                vault.seal_persons(uow.session, chunk, AS_OF)
            uow.commit()
        stored = time.perf_counter() - started
        with app.uow() as uow:
            entries = uow.session.scalar(select(func.count()).select_from(BlindIndexEntry))
        if args.postgres:
            with app.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
        rng = random.Random(7)
        picked = {"sealed": rng.sample(everyone[0::2], args.searches), "clear": rng.sample(everyone[1::2],
                                                                                          args.searches)}
        index = app.blind_index()
        times: dict[tuple[str, str], list[float]] = {}
        found: dict[tuple[str, str], int] = {}
        for sealed, clear in zip(picked["sealed"], picked["clear"], strict=True):  # alternated: same conditions
            for kind, person in (("sealed", sealed), ("clear", clear)):
                for how, born in (("name", None), ("name and birth date", person["birth_date"])):
                    text = f"{person['first_names']} {person['last_name']}".upper()
                    for searched, through in ((kind, index), ("clear, without the index", None)):
                        if searched != kind and kind == "sealed":
                            continue  # without the index a sealed person is not found: the search before it
                        with app.uow().reading() as uow:
                            begun = time.perf_counter()
                            hits = search_subjects(uow.session, text, 50, born, through)
                            times.setdefault((searched, how), []).append(time.perf_counter() - begun)
                        assert person["id"] in [h.person_id for h in hits], (searched, how)
                        found[searched, how] = found.get((searched, how), 0) + len(hits)
        app.engine.dispose()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"subjects search on {backend}: {args.persons:,} persons, {len(sealed_ids):,} of them sealed "
          f"({entries:,} blind index entries); stored and sealed in {stored:.1f} s")
    print(f"{args.searches} searches of each kind, alternated; every searched person was found")
    for how in ("name", "name and birth date"):
        before = statistics.median(times["clear, without the index", how])
        print(f"by {how} (median per search; persons found per search):")
        for kind in ("clear, without the index", "clear", "sealed"):
            median = statistics.median(times[kind, how])
            print(f"  {kind:<26} {median * 1000:8.2f} ms  x{median / before:.2f}  "
                  f"{found[kind, how] / args.searches:.1f}")


if __name__ == "__main__":
    main()
