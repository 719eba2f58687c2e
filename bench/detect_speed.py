"""Detection speed end to end, every run a fresh process: `oubli detect --jsonl` over ~1,200 notes in one
process and in two, against stock presidio text by text (anonymizer/stock.py) reading the same file and
writing the same lines; and the start of `oubli detect` on one short text against a bare `python -c pass`
and a bare `import spacy; spacy.load(...)`.

The notes are tests/data/notes_corpus.jsonl repeated. The home is a temporary one: its first `oubli
detect` compiles the regular expressions of the detector's start and keeps them
(anonymizer/compiled_patterns.py), timed apart; every other run reads them. Runs are interleaved round by
round, so that a busy moment of the machine falls on every way alike; medians are kept, ratios are
against stock presidio's median. The CPU seconds (user and system, every process of the run) hold when
other work shares the machine; the wall time of two processes does not. Every way runs as installed, with
Python's bytecode kept: a machine that sets PYTHONDONTWRITEBYTECODE has Oubli's modules, installed from
the source tree, compiled anew at every start (0.1 s), where pip gives an installed package its bytecode.

    .venv/bin/python bench/detect_speed.py
    .venv/bin/python bench/detect_speed.py --notes 1200 --repeats 5 --starts 9
"""

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.measure import run_measured  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "notes_corpus.jsonl"
OUBLI = str(Path(sys.executable).parent / "oubli")
MODEL = "fr_core_news_sm"
SHORT = "Mme Diallo a appelé le 06 12 34 56 78"
# Stock presidio as a team first sets it up: the default engine, the whole French pipeline, text by text.
STOCK = """
import json, sys
from anonymizer.stock import stock_analyze, stock_analyzer
analyzer = stock_analyzer()
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    found = [{"label": e.label, "start": e.start, "end": e.end, "score": round(e.score, 2)}
             for e in stock_analyze(analyzer, record["text"])]
    sys.stdout.write(json.dumps({"id": record["id"], "entities": found}) + "\\n")
"""
NER_ONLY = ', exclude=["tok2vec", "morphologizer", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]'


def write_notes(path: Path, count: int) -> int:
    """`count` notes, the corpus repeated, each with an id of its own; returns their words."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number, record in enumerate(itertools.islice(itertools.cycle(records), count)):
            out.write(json.dumps({"id": f"{record['id']}-{number}", "text": record["text"]}, ensure_ascii=False) + "\n")
            words += len(record["text"].split())
    return words


def children_cpu() -> float:
    """CPU seconds of every finished child process of this one, their own children included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict, stdin: str | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed with exit {result.returncode}: {result.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=1200)
    parser.add_argument("--repeats", type=int, default=3, help="end-to-end runs of each way over the notes")
    parser.add_argument("--starts", type=int, default=7, help="fresh processes for each start time")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        notes = Path(temp) / "notes.jsonl"
        words = write_notes(notes, args.notes)
        env = {**{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
               "OUBLI_HOME": str(Path(temp) / "home"),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        detect_short = [OUBLI, "detect", "-"]
        first_start = timed(detect_short, env, SHORT)  # compiles and keeps the start's patterns

        starts = {
            "python -c pass": ([sys.executable, "-c", "pass"], None),
            "import spacy; spacy.load(sm)": ([sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"], None),
            "  the same, NER only": ([sys.executable, "-c", f"import spacy; spacy.load({MODEL!r}{NER_ONLY})"], None),
            "oubli detect - (short text)": (detect_short, SHORT),
        }
        start_times: dict[str, list[float]] = {name: [] for name in starts}
        for _ in range(args.starts):
            for name, (command, stdin) in starts.items():
                start_times[name].append(timed(command, env, stdin))

        ways = {
            "stock presidio, text by text": [sys.executable, "-c", STOCK, str(notes)],
            "oubli detect --jsonl": [OUBLI, "detect", "--jsonl", str(notes)],
            "oubli detect --jsonl --processes 2": [OUBLI, "detect", "--jsonl", str(notes), "--processes", "2"],
        }
        seconds: dict[str, list[float]] = {name: [] for name in ways}
        cpu: dict[str, list[float]] = {name: [] for name in ways}
        peaks: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.repeats):
            for name, command in ways.items():
                before = children_cpu()
                elapsed, peak, output = run_measured(command, env)
                cpu[name].append(children_cpu() - before)
                if output.count("\n") != args.notes:
                    raise SystemExit(f"{name} wrote {output.count(chr(10))} lines for {args.notes} notes")
                seconds[name].append(elapsed)
                peaks[name].append(peak)

    print(f"{args.notes} notes, {words:,} words (tests/data/notes_corpus.jsonl repeated), each run a fresh process, "
          f"median of {args.repeats} interleaved rounds ({os.cpu_count()} cores)\n")
    print(f"{'end to end':38}{'seconds':>9}{'min':>7}{'texts/s':>9}{'x stock':>9}{'CPU s':>8}{'x stock':>9}"
          f"{'peak MiB':>10}")
    baseline = statistics.median(seconds["stock presidio, text by text"])
    cpu_baseline = statistics.median(cpu["stock presidio, text by text"])
    for name, times in seconds.items():
        median, cpu_median = statistics.median(times), statistics.median(cpu[name])
        print(f"{name:38}{median:>9.2f}{min(times):>7.2f}{args.notes / median:>9.1f}{baseline / median:>9.2f}"
              f"{cpu_median:>8.1f}{cpu_baseline / cpu_median:>9.2f}{max(peaks[name]):>10.0f}")
    print("(peak: the largest single process)")

    print(f"\n{'start, median of ' + str(args.starts) + ' fresh processes':38}{'seconds':>9}{'min':>7}{'max':>7}")
    for name, times in start_times.items():
        print(f"{name:38}{statistics.median(times):>9.2f}{min(times):>7.2f}{max(times):>7.2f}")
    print(f"{'oubli detect - (first, builds cache)':38}{first_start:>9.2f}")


if __name__ == "__main__":
    main()
