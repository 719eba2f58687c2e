"""Reading an archived case (its documents and participants opened on the fly) against reading an
active one, in the same run, on the same store.

A synthetic département is seeded and half its cases are sealed as archiving seals them. Then, in
alternation, the same number of archived and active cases are read in full, twice over:
- the case in full through the vault (`case_detail`), which opens what is sealed: the cost of
  decryption;
- `read_case` as `oubli cases show` does it, which for an archived case also records the reason and
  journals the read.
Medians of the per-case times.

    .venv/bin/python bench/archived_read.py
    .venv/bin/python bench/archived_read.py --postgres --cases 2000
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import throwaway_database  # noqa: E402
from casefiles.crypto.keys import create_missing_keys  # noqa: E402
from casefiles.kernel.vocabulary import CaseState  # noqa: E402
from casefiles.people.archive_reads import read_case  # noqa: E402
from casefiles.people.queries import case_detail  # noqa: E402
from casefiles.persistence import schema  # noqa: E402
from casefiles.persistence.models import Case  # noqa: E402
from oubli.bootstrap import bootstrap  # noqa: E402
from oubli.settings import Settings  # noqa: E402
from synthetic.seed import seed_cases  # noqa: E402

AS_OF = date(2026, 11, 22)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--reads", type=int, default=300, help="cases read of each kind")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, throwaway_database(Path(temp), "reads", args.postgres) as url:
        create_missing_keys(Path(temp) / "keys")
        app = bootstrap(Settings(db_url=url, keys_dir=Path(temp) / "keys", actor="bench"),
                         clock=lambda: datetime.now(UTC))
        schema.upgrade(app.engine)
        seed_cases(app.uow(), args.cases, seed=3, as_of=AS_OF)
        vault = app.vault()
        with app.uow() as uow:
            ids = list(uow.session.scalars(select(Case.id).order_by(Case.id)))
            archived, active = ids[0::2][:args.reads], ids[1::2][:args.reads]
            uow.session.execute(update(Case).where(Case.id.in_(ids[0::2])).values(state=CaseState.ARCHIVED))
            vault.seal_cases(uow.session, ids[0::2], AS_OF)
            uow.commit()
        detail = {"archived": [], "active": []}
        shown = {"archived": [], "active": []}
        characters = {"archived": 0, "active": 0}
        for archived_id, active_id in zip(archived, active, strict=False):
            for kind, case_id in (("archived", archived_id), ("active", active_id)):
                with app.uow() as uow:
                    started = time.perf_counter()
                    case = case_detail(uow.session, case_id, vault)
                    detail[kind].append(time.perf_counter() - started)
                characters[kind] += sum(d.characters for d in case.documents)
                started = time.perf_counter()
                read_case(app.uow(), case_id, "mesure de performance", app.clock(), vault)
                shown[kind].append(time.perf_counter() - started)
        app.engine.dispose()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"reading a case on {backend}: {len(archived)} archived (sealed) and {len(active)} active cases of "
          f"{args.cases}, alternated; medians per case")
    print(f"documents read: {characters['archived'] / len(archived):,.0f} characters per archived case, "
          f"{characters['active'] / len(active):,.0f} per active case")
    for name, times in (("case in full (decrypting)", detail), ("cases show (reason, journal)", shown)):
        sealed, clear = statistics.median(times["archived"]), statistics.median(times["active"])
        print(f"{name:<30}: archived {sealed * 1000:6.2f} ms, active {clear * 1000:6.2f} ms, "
              f"ratio x{sealed / clear:.2f}")


if __name__ == "__main__":
    main()
