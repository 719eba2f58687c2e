"""An access export for a subject who appears in 20 cases with 2,000 documents: time and peak memory
of `oubli requests export`, the age file for machines and the PDF for the person, against the detector
alone on the same documents, each in a fresh process in the same run (all pay the same start-up:
importing spaCy's French and loading the model).

Seeds a département, makes one parent also the foster carer of 19 more children, and gives each of
the 20 cases 100 documents that name them (seeded notes, signed with the subject's name).

    .venv/bin/python bench/access_export.py
"""

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import pikepdf
import pyrage
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sqlalchemy.orm import Session  # noqa: E402

from bench.measure import run_measured  # noqa: E402
from casefiles.persistence.db import create_db_engine  # noqa: E402
from casefiles.persistence.models import Case, Document, Participation, Person  # noqa: E402

OUBLI = str(Path(sys.executable).parent / "oubli")
CASES, DOCUMENTS_PER_CASE = 20, 100
DETECTOR_ALONE = """
import sys, time
sys.path.insert(0, {root!r})
from sqlalchemy import select
from sqlalchemy.orm import Session
from anonymizer.engine import Detector
from casefiles.persistence.db import create_db_engine
from casefiles.persistence.models import Document
with Session(create_db_engine(sys.argv[1])) as session:
    texts = list(session.scalars(select(Document.text).where(Document.case_id.in_(sys.argv[2].split(",")))))
found = sum(len(entities) for entities in Detector().analyze_many(texts))
print(len(texts), found)
"""


def make_subject(url: str) -> tuple[str, list[str]]:
    """The subject's person id and their 20 case ids, each with 100 documents naming them."""
    engine = create_db_engine(url)
    with Session(engine) as session:
        subject_id, first_case = session.execute(select(Participation.person_id, Participation.case_id)
                                                 .where(Participation.role == "parent")
                                                 .order_by(Participation.case_id).limit(1)).one()
        subject = session.get(Person, subject_id)
        signature = f"\nVu ce jour avec {subject.first_names} {subject.last_name}, assistante familiale."
        others = list(session.scalars(select(Case.id).where(Case.id != first_case).order_by(Case.id)
                                      .limit(CASES - 1)))
        session.add_all(Participation(case_id=case_id, person_id=subject_id, role="foster_carer")
                        for case_id in others)
        notes = list(session.scalars(select(Document.text).limit(500)))
        for number, case_id in enumerate([first_case, *others]):
            have = session.scalar(select(func.count()).select_from(Document).where(Document.case_id == case_id))
            session.add_all(Document(id=f"BENCH-{number:02d}-{n:03d}", case_id=case_id, kind="note",
                                     written_on=date(2026, 1, 1),
                                     text=notes[(number * DOCUMENTS_PER_CASE + n) % len(notes)] + signature)
                            for n in range(DOCUMENTS_PER_CASE - have))
        session.commit()
    engine.dispose()
    return subject_id, [first_case, *others]


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        url = f"sqlite:///{folder / 'export.db'}"
        env = {**os.environ, "OUBLI_KEYS": str(folder / "keys"), "OUBLI_ACTOR": "bench"}
        oubli = lambda *words: [OUBLI, "--db", url, *words]  # noqa: E731
        run_measured(oubli("init"), env)
        run_measured(oubli("seed", "--cases", "60", "--seed", "8", "--as-of", "2026-11-22"), env)
        subject_id, case_ids = make_subject(url)
        request_ids = []
        for _ in range(2):  # an export answers its request: one request for the age file, one for the PDF
            _, _, opened = run_measured(oubli("requests", "open", "--kind", "access", "--subject", subject_id,
                                              "--requester-name", "bench", "--capacity", "self", "--received",
                                              "2026-11-20", "--json"), env)
            request_ids.append(str(json.loads(opened)["id"]))
            run_measured(oubli("requests", "verify-identity", request_ids[-1], "--method", "bench"), env)
        recipient = str(pyrage.x25519.Identity.generate().to_public())
        out, pdf = folder / "export.age", folder / "reponse.pdf"
        seconds, peak, written = run_measured(oubli("requests", "export", request_ids[0], "--recipient", recipient,
                                                    "--out", str(out), "--json"), env)
        pdf_seconds, pdf_peak, pdf_written = run_measured(oubli("requests", "export", request_ids[1], "--pdf",
                                                                "--out", str(pdf), "--json"), env)
        script = DETECTOR_ALONE.format(root=str(ROOT))
        alone_seconds, alone_peak, alone = run_measured([sys.executable, "-c", script, url, ",".join(case_ids)], env)
        report, pdf_report = json.loads(written), json.loads(pdf_written)
        size, pdf_size = out.stat().st_size, pdf.stat().st_size
        pages = pdf_pages(pdf, pdf_report["passphrase"])
    texts, found = alone.split()
    print(f"subject in {report['cases']} cases, {texts} documents; export holds {report['documents']} documents, "
          f"masked: {report['masked']}")
    print(f"age file: {size / 2**20:.1f} MiB; PDF: {pdf_size / 2**20:.1f} MiB, {pages} pages")
    print(f"oubli requests export (age) : {seconds:6.1f} s, peak {peak:4.0f} MiB")
    print(f"oubli requests export --pdf : {pdf_seconds:6.1f} s, peak {pdf_peak:4.0f} MiB")
    print(f"detector alone              : {alone_seconds:6.1f} s, peak {alone_peak:4.0f} MiB ({found} findings)")
    print(f"age / detector              : x{seconds / alone_seconds:.2f} time, x{peak / alone_peak:.2f} memory")
    print(f"PDF / detector              : x{pdf_seconds / alone_seconds:.2f} time, x{pdf_peak / alone_peak:.2f} memory")


def pdf_pages(pdf: Path, passphrase: str) -> int:
    """The PDF's page count, read by pikepdf (qpdf) with the passphrase as any reader would."""
    with pikepdf.open(pdf, password=passphrase) as document:
        return len(document.pages)


if __name__ == "__main__":
    main()
