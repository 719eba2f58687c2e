"""One long document: detection and masking of a single note of 0.5, 1, 2 and 5 MB (a follow-up log
kept for years, written by synthetic/prose.py for the people of a seeded case), with the case's
participants as known persons, as an access export masks it. Time and peak memory of each size, each
in a fresh process, against the bare spaCy entity recognizer over the same text in the same pieces,
the bound below which detection cannot go, in this same run.

Linear detection takes about ten times as long for 5 MB as for 0.5 MB, as spaCy does, with a peak
memory that barely grows. `--code DIR` measures another checkout's detector (the code before a
change, say) on the same notes.

    .venv/bin/python bench/long_note.py
    .venv/bin/python bench/long_note.py --sizes 0.5,1 --code /work/main
"""

import argparse
import json
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.measure import run_measured  # noqa: E402
from synthetic.prose import running_note  # noqa: E402
from synthetic.seed import Departement, cast_of  # noqa: E402

SEED = 13
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


def write_note(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """The note of a seeded case and its participants (as KnownPerson's fields), in two files."""
    case = next(iter(Departement(SEED, date(2026, 11, 22)).cases(1)))
    note = folder / f"note-{megabytes}.txt"
    note.write_text(running_note(random.Random(SEED), cast_of(case), date.fromisoformat(case["opened_on"]),
                                 int(megabytes * 1_000_000)), encoding="utf-8")
    roles: dict[str, list[str]] = {}
    for link in case["participants"]:
        roles.setdefault(link["person_id"], []).append(link["role"])
    persons = folder / "persons.json"
    persons.write_text(json.dumps([{"person_id": p["id"], "role": ",".join(roles[p["id"]]),
                                    "last_name": p["last_name"], "first_names": p["first_names"],
                                    "nir": p.get("nir"), "phone": p.get("phone"), "email": p.get("email"),
                                    "caf_number": p.get("caf_number")} for p in case["persons"]]))
    return note, persons


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


if __name__ == "__main__":
    main()
