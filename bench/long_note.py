"""One long document: detection and masking of a single note of 0.5, 1, 2 and 5 MB (a follow-up log
kept for years, written by synthetic/prose.py for the people of a seeded case), with the case's
participants as known persons, as an access export masks it. Time and peak memory of each size, each
in a fresh process, against the bare spaCy entity recognizer over the same text in the same pieces,
the bound below which detection cannot go, in this same run.

Linear detection takes about ten times as long for 5 MB as for 0.5 MB, as spaCy does, with a peak
memory that barely grows. Then, as the DPO runs it, `oubli requests export` for the child of a case
whose file holds the largest note (imported into a fresh SQLite database). `--code DIR` measures
another checkout (the code before a change, say) on the same notes.

    .venv/bin/python bench/long_note.py
    .venv/bin/python bench/long_note.py --sizes 0.5,1 --code /work/main
"""

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

import pyrage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.measure import run_measured  # noqa: E402
from synthetic.prose import running_note  # noqa: E402
from synthetic.seed import Departement, cast_of  # noqa: E402

SEED = 13
OUBLI = str(Path(sys.executable).parent / "oubli")
# Runs in a fresh interpreter: loads the model (not timed), then times one way over the note.
ONE_WAY = """
import json, sys, time
sys.path.insert(0, {root!r})
from anonymizer.engine import Detector
from anonymizer.known_persons import KnownPerson, KnownPersons
from anonymizer.redact import redact
from anonymizer.text import pieces
text = open(sys.argv[2], encoding="utf-8").read()
known = KnownPersons([KnownPerson(**person) for person in json.load(open(sys.argv[3]))])
detector = Detector()
started = time.perf_counter()
if sys.argv[1] == "oubli":
    entities = detector.analyze(text, known)
    masked = redact(text, entities)
    found = len(entities)
else:
    nlp, size = detector.nlp_engine.nlp["fr"], detector.config.chunk_characters
    found = sum(len(doc.ents) for doc in nlp.pipe((piece for _, piece in pieces(text, size)),
                                                  batch_size=detector.config.batch_size))
print(json.dumps({{"seconds": time.perf_counter() - started, "found": found}}))
"""


def case_with_note(megabytes: float) -> tuple[dict, str]:
    """A seeded case and a note of `megabytes` about its people."""
    case = next(iter(Departement(SEED, date(2026, 11, 22)).cases(1)))
    return case, running_note(random.Random(SEED), cast_of(case), date.fromisoformat(case["opened_on"]),
                              int(megabytes * 1_000_000))


def write_note(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """The note of a seeded case and its participants (as KnownPerson's fields), in two files."""
    case, text = case_with_note(megabytes)
    note = folder / f"note-{megabytes}.txt"
    note.write_text(text, encoding="utf-8")
    roles: dict[str, list[str]] = {}
    for link in case["participants"]:
        roles.setdefault(link["person_id"], []).append(link["role"])
    persons = folder / "persons.json"
    persons.write_text(json.dumps([{"person_id": p["id"], "role": ",".join(roles[p["id"]]),
                                    "last_name": p["last_name"], "first_names": p["first_names"],
                                    "nir": p.get("nir"), "phone": p.get("phone"), "email": p.get("email"),
                                    "caf_number": p.get("caf_number")} for p in case["persons"]]))
    return note, persons


def measure_export(folder: Path, megabytes: float, code: Path) -> tuple[float, float, dict]:
    """(seconds, peak MiB, masked counts) of `oubli requests export` for the child of a case holding the note."""
    case, note = case_with_note(megabytes)
    case["documents"].append({"id": "DOC-LONG", "kind": "situation_note", "written_on": "2026-11-01", "text": note})
    child = next(link["person_id"] for link in case["participants"] if link["role"] == "child")
    records = folder / "case.jsonl"
    records.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'export.db'}"
    env = {**os.environ, "OUBLI_KEYS": str(folder / "keys"), "OUBLI_LEDGER": str(folder / "ledger.txt"),
           "OUBLI_ACTOR": "bench", "PYTHONPATH": str(code)}
    oubli = lambda *words: [OUBLI, "--db", url, *words]  # noqa: E731
    run_measured(oubli("init"), env)
    run_measured(oubli("import", str(records)), env)
    _, _, opened = run_measured(oubli("requests", "open", "--kind", "access", "--subject", child, "--requester-name",
                                      "bench", "--capacity", "self", "--received", "2026-11-20", "--json"), env)
    request_id = str(json.loads(opened)["id"])
    run_measured(oubli("requests", "verify-identity", request_id, "--method", "bench"), env)
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    seconds, peak, written = run_measured(oubli("requests", "export", request_id, "--recipient", recipient,
                                                "--out", str(folder / "export.age"), "--json"), env)
    return seconds, peak, json.loads(written)["masked"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.5,1,2,5", help="sizes of the note in MB (10^6 characters)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose detector is measured")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    script = ONE_WAY.format(root=str(args.code.resolve()))
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        for megabytes in sizes:
            note, persons = write_note(Path(temp), megabytes)
            row: dict = {"MB": megabytes, "characters": len(note.read_text(encoding="utf-8"))}
            for way in ("oubli", "spacy"):
                _, peak, out = run_measured([sys.executable, "-c", script, way, str(note), str(persons)])
                row[way] = json.loads(out.splitlines()[-1]) | {"peak": peak}
            rows.append(row)
            print(f"{megabytes:4} MB done", file=sys.stderr, flush=True)
        export_seconds, export_peak, masked = measure_export(Path(temp), sizes[-1], args.code.resolve())

    print(f"detector of {args.code.resolve()}; one note, known persons of its case; model load not timed\n")
    print(f"{'MB':>5}{'characters':>12}{'findings':>10}{'oubli s':>9}{'spaCy s':>9}{'x spaCy':>9}"
          f"{'oubli MiB':>11}{'spaCy MiB':>11}")
    for row in rows:
        oubli, spacy = row["oubli"], row["spacy"]
        print(f"{row['MB']:>5}{row['characters']:>12,}{oubli['found']:>10,}{oubli['seconds']:>9.1f}"
              f"{spacy['seconds']:>9.1f}{oubli['seconds'] / spacy['seconds']:>9.2f}{oubli['peak']:>11.0f}"
              f"{spacy['peak']:>11.0f}")
    first, last = rows[0], rows[-1]
    print(f"\ntime({last['MB']} MB) / time({first['MB']} MB), size x{last['characters'] / first['characters']:.1f}:"
          f" oubli x{last['oubli']['seconds'] / first['oubli']['seconds']:.1f},"
          f" spaCy x{last['spacy']['seconds'] / first['spacy']['seconds']:.1f}")
    print(f"peak memory growth from {first['MB']} to {last['MB']} MB: oubli "
          f"+{last['oubli']['peak'] - first['oubli']['peak']:.0f} MiB, "
          f"spaCy +{last['spacy']['peak'] - first['spacy']['peak']:.0f} MiB")

    print(f"\noubli requests export, a case holding the {sizes[-1]} MB note: {export_seconds:.1f} s, "
          f"peak {export_peak:.0f} MiB (model load included); masked {masked}")


if __name__ == "__main__":
    main()
