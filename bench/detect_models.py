"""The French models side by side on a labelled corpus: recall per label, precision, hard negatives
flagged, and speed (start and texts/s), for each model config/detection.yaml may name that is installed.

The corpus is JSON Lines {"id", "text", "entities": [{"label", "start", "end"}]}, each line possibly with
"negatives": [{"start", "end"}] (words that look like personal data and are not). Scores follow `oubli
detect-eval` (anonymizer/evaluation.py): overlap matching, no known persons; a hard negative is flagged
when any finding overlaps it. Each model runs --runs times, in fresh processes (the regular expressions its
start compiles kept once before, as `oubli detect` keeps them): start is the wall time of a process that
builds the detector and analyses one short text; texts/s is the corpus through `analyze_many` in another,
its start left out. Medians are printed.

    .venv/bin/python bench/detect_models.py tests/data/notes_corpus.jsonl
    .venv/bin/python bench/detect_models.py CORPUS --runs 5 --models fr_core_news_md
"""

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import get_args

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from anonymizer.config import DetectionConfig  # noqa: E402
from anonymizer.evaluation import Span, evaluate, read_corpus  # noqa: E402

MODELS = get_args(DetectionConfig.model_fields["model"].annotation)
# Runs in a fresh interpreter: argv = model, cache folder, corpus or "-" (start only).
ONE_MODEL = """
import json, sys, time
from functools import partial
from pathlib import Path
sys.path.insert(0, {root!r})
from anonymizer.compiled_patterns import PatternFiles
from anonymizer.config import load_detection_config
from anonymizer.start import started_detector
from casefiles.crypto.private_files import write_private
model, cache, corpus = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
detector = started_detector(PatternFiles(cache, partial(write_private, replace=True)),
                            load_detection_config().model_copy(update={{"model": model}}))
detector.analyze("Mme Diallo a appelé le 06 12 34 56 78")
if corpus == "-":
    sys.exit()
texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8") if line.strip()]
began = time.perf_counter()
found = [[[e.label, e.start, e.end] for e in entities] for entities in detector.analyze_many(texts)]
print(json.dumps({{"analyse": time.perf_counter() - began, "found": found}}))
"""


def run_model(model: str, cache: Path, corpus: Path | None) -> dict:
    """{"start": wall seconds} without a corpus; {"analyse": seconds, "found": [[label, start, end]...]} with."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", ONE_MODEL.format(root=str(ROOT)), model, str(cache),
                             str(corpus) if corpus else "-"], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{model} failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout) if corpus else {"start": time.perf_counter() - started}


def negatives_flagged(corpus: Path, found: list[list]) -> tuple[int, int]:
    lines = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = total = 0
    for line, entities in zip(lines, found, strict=True):
        for negative in line.get("negatives", []):
            total += 1
            flagged += any(start < negative["end"] and negative["start"] < end for _, start, end in entities)
    return flagged, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per model")
    parser.add_argument("--models", nargs="+", default=[m for m in MODELS if importlib.util.find_spec(m)])
    args = parser.parse_args()
    texts = list(read_corpus(args.corpus))

    runs: dict[str, list[dict]] = {model: [] for model in args.models}
    with tempfile.TemporaryDirectory() as cache:
        for model in args.models:  # the first start compiles and keeps the patterns; not measured
            run_model(model, Path(cache), None)
        for _ in range(args.runs):  # interleaved: a busy moment of the machine falls on each model alike
            for model in args.models:
                runs[model].append(run_model(model, Path(cache), None) | run_model(model, Path(cache), args.corpus))

    columns = {}
    for model, reports in runs.items():
        found = reports[0]["found"]
        scores = evaluate(texts, lambda _, found=found: ([Span(*e) for e in entities] for entities in found))
        flagged, negatives = negatives_flagged(args.corpus, found)
        columns[model] = {
            "start s": f"{statistics.median(r['start'] for r in reports):.2f}",
            "texts/s": f"{statistics.median(len(texts) / r['analyse'] for r in reports):.1f}",
            "precision": f"{scores['ALL'].precision:.3f}",
            "hard negatives flagged": f"{flagged}/{negatives}" + (f" ({flagged / negatives:.3f})" if negatives else ""),
        } | {f"recall {label} ({score.gold})": f"{score.recall:.3f}" for label, score in scores.items()}

    print(f"{args.corpus.name}: {len(texts)} texts, overlap matching, no known persons; "
          f"medians of {args.runs} fresh processes per model\n")
    rows = list(dict.fromkeys(row for column in columns.values() for row in column))
    print(f"{'':32}" + "".join(f"{model:>22}" for model in columns))
    for row in rows:
        print(f"{row:32}" + "".join(f"{column.get(row, '-'):>22}" for column in columns.values()))


if __name__ == "__main__":
    main()
