"""Building and validating the SEDA transfer packages (SIPs) of 1,000 cases with their documents, against
writing the same files into a ZIP without the manifest, in the same run, on the same store.

A synthetic département is seeded and a run far in the future archives (and seals) every ended case, as
cases are when they are transferred. Then each variant runs in a process of its own, in alternation, a few
rounds over the same 1,000 cases, each case's package built in memory as the transfer builds it (before it
is encrypted to the archives and written, which both would pay alike):
- sip: `retention.transfer.write_sip`: documents opened and written into the ZIP one by one with their
  SHA-512, then the ArchiveTransfer manifest built and validated against the official XSD;
- plain: the same documents, opened the same way, written into a ZIP under the same names, nothing else.
Medians of the rounds' times; peak memory is the largest of the rounds' (each process's own peak).

    .venv/bin/python bench/sip.py
    .venv/bin/python bench/sip.py --cases 1000 --rounds 5 --version 2.1
"""

import argparse
import dataclasses
import io
import json
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.measure import run_measured  # noqa: E402
from casefiles.crypto.keys import create_missing_keys  # noqa: E402
from casefiles.persistence import schema  # noqa: E402
from casefiles.persistence.db import create_sqlite_database  # noqa: E402
from casefiles.persistence.models import Case, Document  # noqa: E402
from oubli.bootstrap import bootstrap  # noqa: E402
from oubli.settings import Settings  # noqa: E402
from retention.policy import DEFAULT_ARCHIVES, parse_policy  # noqa: E402
from retention.run import nightly_run  # noqa: E402
from retention.transfer import write_sip  # noqa: E402
from synthetic.seed import seed_cases  # noqa: E402

AS_OF = date(2026, 11, 22)
FUTURE = date(2070, 1, 1)


def _app(folder: Path):
    return bootstrap(Settings(db_url=f"sqlite:///{folder / 'sip.db'}", keys_dir=folder / "keys", actor="bench"),
                     clock=lambda: datetime.now(UTC))


def worker(folder: Path, variant: str, cases: int, version: str) -> None:
    """Build the packages of the first `cases` ended cases; print the seconds it took and the bytes built."""
    app = _app(folder)
    vault = app.vault()
    archives = dataclasses.replace(DEFAULT_ARCHIVES, seda_version=version)
    with app.uow() as uow:
        ids = list(uow.session.scalars(select(Case.id).where(Case.service_ended_on.is_not(None))
                                       .order_by(Case.id).limit(cases)))
    built = 0
    started = time.perf_counter()
    for case_id in ids:
        sink = io.BytesIO()
        with app.uow() as uow:
            if variant == "sip":
                write_sip(uow.session, vault, case_id, archives, datetime(2026, 12, 4), f"BENCH-{case_id}", sink)
            else:
                documents = uow.session.execute(
                    select(Document.id, Document.case_id, Document.sealed_text, Document.text)
                    .where(Document.case_id == case_id).order_by(Document.written_on, Document.id)).all()
                texts = vault.document_texts(uow.session, [(d.id, d.case_id, d.sealed_text) for d in documents])
                with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for document in documents:
                        archive.writestr(f"content/{document.id}.txt",
                                         texts.pop(document.id, document.text).encode("utf-8"))
        built += len(sink.getvalue())
    seconds = time.perf_counter() - started
    print(json.dumps({"cases": len(ids), "seconds": seconds, "bytes": built}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000, help="packages built per round")
    parser.add_argument("--seeded", type=int, default=1500, help="cases seeded (about 70%% have ended)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--version", choices=("2.2", "2.1"), default="2.2")
    parser.add_argument("--worker", choices=("sip", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.folder, args.worker, args.cases, args.version)
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        create_missing_keys(folder / "keys")
        create_sqlite_database(f"sqlite:///{folder / 'sip.db'}")
        app = _app(folder)
        schema.upgrade(app.engine)
        seed_cases(app.uow(), args.seeded, seed=3, as_of=AS_OF)
        nightly_run(app.uow, parse_policy("defaults: {keep_archived_years: 100}\n"), FUTURE, app.clock,
                    app.disposal_means())  # archives and seals every ended case; none is due for disposal yet
        with app.uow() as uow:
            ended = uow.session.scalar(select(func.count()).select_from(Case).where(Case.service_ended_on.is_not(None)))
            documents = uow.session.scalar(select(func.count()).select_from(Document).join(Case).where(
                Case.id.in_(select(Case.id).where(Case.service_ended_on.is_not(None)).order_by(Case.id)
                            .limit(args.cases))))
        app.engine.dispose()
        results: dict[str, list[tuple[float, float, dict]]] = {"plain": [], "sip": []}
        for _ in range(args.rounds):
            for variant in ("plain", "sip"):
                _, peak, out = run_measured([sys.executable, __file__, "--worker", variant, "--folder", str(folder),
                                             "--cases", str(args.cases), "--version", args.version])
                report = json.loads(out)
                results[variant].append((report["seconds"], peak, report))
    cases = results["sip"][0][2]["cases"]
    print(f"SIPs of {cases} archived (sealed) cases with their {documents} documents (of {args.seeded} seeded, "
          f"{ended} ended), SEDA {args.version}, {args.rounds} rounds alternated, medians")
    figures = {}
    for variant, label in (("plain", "ZIP of the same files, no manifest"), ("sip", "SIP: digests, manifest, XSD")):
        seconds = statistics.median(r[0] for r in results[variant])
        peak = max(r[1] for r in results[variant])
        size = results[variant][0][2]["bytes"] / cases / 1024
        figures[variant] = (seconds, peak)
        print(f"  {label:38} {seconds:6.2f} s  {cases / seconds:7.0f} cases/s  peak {peak:5.0f} MiB  "
              f"{size:5.1f} KiB per package")
    (plain_s, plain_peak), (sip_s, sip_peak) = figures["plain"], figures["sip"]
    print(f"  the manifest and its validation cost x{sip_s / plain_s:.2f} the time, "
          f"{sip_peak - plain_peak:+.0f} MiB of peak memory")


if __name__ == "__main__":
    main()
