"""Detection speed on the labelled corpus: stock presidio text by text against Oubli's batch API in
one process and in two, in the same run, with the time to build each engine and its peak memory;
and the French model's entity recognizer alone, the bound for one process.

Each way runs --repeats times over the corpus repeated --copies times, in turn, and the median is
kept; ratios are against stock presidio's median in this same run. Cold start and peak memory are
read from a fresh process per engine: build only, build and analyse the corpus once, and (one
process) build and analyse the corpus joined into one text of about 1.3 million characters.

    .venv/bin/python bench/detect_speed.py
    .venv/bin/python bench/detect_speed.py --copies 4 --repeats 5
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.measure import run_measured  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "notes_corpus.jsonl"
# Runs in a fresh interpreter: builds one engine, prints its build seconds, optionally analyses the corpus.
ONE_ENGINE = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
if sys.argv[1] == "stock":
    from anonymizer.stock import stock_analyze, stock_analyzer
    engine = stock_analyzer()
    analyse = lambda texts: [stock_analyze(engine, t) for t in texts]
else:
    from anonymizer.engine import Detector
    engine = Detector()
    analyse = lambda texts: list(engine.analyze_many(texts, processes=int(sys.argv[1])))
print(time.perf_counter() - started)
if sys.argv[2] != "build":
    from anonymizer.evaluation import read_corpus
    texts = [t.text for t in read_corpus(__import__("pathlib").Path({corpus!r}))]
    # "long": the whole corpus four times over as one text of about 1.3 million characters
    analyse(["\\n\\n".join(texts * 4)] if sys.argv[2] == "long" else texts)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="how many times the corpus is analysed per run")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from anonymizer.engine import Detector
    from anonymizer.evaluation import read_corpus
    from anonymizer.stock import stock_analyze, stock_analyzer

    texts = [t.text for t in read_corpus(CORPUS)] * args.copies
    words = sum(len(text.split()) for text in texts)
    detector, stock = Detector(), stock_analyzer()
    ways = {
        "stock presidio, text by text": lambda: [stock_analyze(stock, text) for text in texts],
        "oubli batch, 1 process": lambda: list(detector.analyze_many(texts)),
        "oubli batch, 2 processes": lambda: list(detector.analyze_many(texts, processes=2)),
        # The bound for one process: the entity recognizer alone, nothing before or after it.
        "spaCy ner alone, 1 process": lambda: list(detector.nlp_engine.nlp["fr"].pipe(texts, batch_size=32)),
    }
    seconds = {name: [] for name in ways}
    for _ in range(args.repeats):
        for name, way in ways.items():
            started = time.perf_counter()
            way()
            seconds[name].append(time.perf_counter() - started)

    print(f"{len(texts)} texts, {words:,} words (corpus x{args.copies}), median of {args.repeats} runs\n")
    print(f"{'':32}{'texts/s':>10}{'words/s':>10}{'x stock':>9}")
    baseline = statistics.median(seconds["stock presidio, text by text"])
    for name, times in seconds.items():
        median = statistics.median(times)
        print(f"{name:32}{len(texts) / median:>10.1f}{words / median:>10,.0f}{baseline / median:>9.2f}")

    print(f"\n{'fresh process':32}{'build s':>10}{'built MiB':>10}{'corpus MiB':>11}{'long MiB':>9}")
    script = ONE_ENGINE.format(root=str(ROOT), corpus=str(CORPUS))
    for engine in ("stock", "1", "2"):
        _, built_peak, built = run_measured([sys.executable, "-c", script, engine, "build"])
        _, corpus_peak, _ = run_measured([sys.executable, "-c", script, engine, "analyse"])
        long_peak = run_measured([sys.executable, "-c", script, engine, "long"])[1] if engine == "1" else None
        label = "stock presidio" if engine == "stock" else f"oubli, {engine} process{'es' if engine == '2' else ''}"
        print(f"{label:32}{float(built.split()[0]):>10.2f}{built_peak:>10.0f}{corpus_peak:>11.0f}"
              + (f"{long_peak:>9.0f}" if long_peak else f"{'-':>9}"))
    print("(peak: the largest single process; long: one text of ~1.3 million characters, cut into pieces)")


if __name__ == "__main__":
    main()
