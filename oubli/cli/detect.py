"""`oubli detect` and `oubli detect-eval`: find personal data in free text, and measure how well.

The detector is imported only when one of these commands runs, and no other command needs it. The
regular expressions its start compiles are kept in the data folder's cache/ (anonymizer.compiled_patterns):
the first run compiles them, in seconds; the next ones read them back."""

import json
import sys
from functools import partial
from pathlib import Path

import typer
from rich import box
from rich.table import Table

from casefiles.kernel.errors import InvalidInput
from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json, emit_text, json_text
from oubli.settings import default_home

STDIN = "-"
# rich lays a table out whole in memory: the findings of a long text (a hundred thousand in 5 MB) are
# printed as several tables of this many rows.
ROWS_PER_TABLE = 1000


def read_text(source: str) -> str:
    """The whole of FILE or standard input as UTF-8 text, or a clear error (never the content)."""
    name = "standard input" if source == STDIN else source
    try:
        data = sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {name}: {error.strerror}") from None
    if b"\x00" in data:
        raise InvalidInput(f"{name} looks binary (it contains NUL bytes): give a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{name} is not UTF-8 text (byte {error.start} cannot be read): convert it, for "
                           f"example with `iconv -f latin1 -t utf-8`") from None


def build_detector():
    """The detector, the regular expressions its start compiles kept in $OUBLI_HOME/cache/ (owner only)."""
    from anonymizer.compiled_patterns import PatternFiles
    from anonymizer.start import started_detector
    from casefiles.crypto.private_files import write_private

    return started_detector(PatternFiles(default_home() / "cache", partial(write_private, replace=True)))


def known_persons(ctx: typer.Context, case_id: str | None, reason: str | None):
    if not case_id:
        return None
    from anonymizer.known_persons import KnownPerson, KnownPersons
    from casefiles.people.archive_reads import read_identities

    app = open_app(ctx)
    identities = read_identities(app.uow(), case_id, reason, app.clock(), app.vault())
    return KnownPersons([KnownPerson(i.person_id, i.roles, i.last_name, i.first_names, None, i.nir, i.phone,
                                     i.email, i.caf_number) for i in identities])


def detect(
    ctx: typer.Context,
    source: str = typer.Argument(STDIN, metavar="[FILE|-]", help="The text to read; - or nothing: standard input."),
    case_id: str = typer.Option(None, "--case", metavar="CASE_ID",
                                help="Also find this case's participants (names, NIR, phones...), tagged with "
                                     "their person id and role."),
    reason: str = typer.Option(None, "--reason", help="Why, when --case names an archived case (journaled)."),
    as_json: bool = typer.Option(False, "--json", help="Print the entities as JSON, without their values."),
    redacted: bool = typer.Option(False, "--redact", help="Print the text with each entity replaced by [LABEL]."),
    jsonl: Path = typer.Option(None, "--jsonl", metavar="FILE", exists=True, dir_okay=False,
                               help='Read JSON Lines {"id": ..., "text": ...}; write one JSON line per input.'),
    processes: int = typer.Option(1, "--processes", min=1, max=64, help="Processes to share --jsonl texts among."),
) -> None:
    """Find personal data in French free text: names, NIR, phones, dates, addresses, CAF numbers,
    e-mails, IBANs, ages, schools and employers. Offsets count characters (Unicode code points).

    Examples:

      oubli detect note.txt

      oubli detect --case D-42-0000001 --redact note.txt

      oubli detect --jsonl notes.jsonl --processes 2 > entities.jsonl
    """
    from anonymizer.redact import redact

    known = known_persons(ctx, case_id, reason)
    if jsonl:
        detect_jsonl(build_detector(), jsonl, known, processes)
        return
    text = read_text(source)
    entities = build_detector().analyze(text, known) if text.strip() else []
    if redacted:
        emit_text(redact(text, entities))
    elif as_json:
        emit_json([entity.as_dict() for entity in entities])
    else:
        for first in range(0, max(len(entities), 1), ROWS_PER_TABLE):
            table = Table("label", "start", "end", "score", "recognizer", "value", "person (role)")
            for e in entities[first:first + ROWS_PER_TABLE]:
                table.add_row(e.label, str(e.start), str(e.end), f"{e.score:.2f}", e.recognizer,
                              text[e.start:e.end].replace("\n", " "),
                              f"{e.person_id} ({e.role})" if e.person_id else "")
            console.print(table)
        console.print(f"{len(entities)} entities found.", highlight=False)


def detect_jsonl(detector, path: Path, known, processes: int) -> None:
    records = list(_read_jsonl(path))
    texts = (text for _, text in records)
    for (record_id, _), entities in zip(records, detector.analyze_many(texts, known, processes), strict=True):
        found = [{"label": e.label, "start": e.start, "end": e.end, "score": round(e.score, 2)}
                 | ({"person_id": e.person_id, "role": e.role} if e.person_id else {}) for e in entities]
        sys.stdout.write(json_text({"id": record_id, "entities": found}, indent=None))


def _read_jsonl(path: Path):
    """Every line checked before any is analysed: a bad line stops the command with its number."""
    problems = []
    for number, line in enumerate(read_text(str(path)).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str) or "id" not in record:
                raise ValueError
        except ValueError:
            problems.append(f"line {number}: expected a JSON object with an id and a text string")
            continue
        yield record["id"], record["text"]
    if problems:
        raise InvalidInput(f"{path} has {len(problems)} invalid lines; nothing was analysed", problems)


def detect_eval(
    corpus: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="CORPUS",
                                  help='JSON Lines: {"id", "text", "entities": [{"label", "start", "end"}], '
                                       '"persons": [...], "negatives": [{"start", "end"}]} (persons and '
                                       'negatives, the hard negatives, optional).'),
    stock: bool = typer.Option(True, "--stock/--no-stock", help="Also score stock presidio (French, same model)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision, recall and F1 per label on a labelled corpus: this detector without and with the known
    persons, and stock presidio beside it. A found entity counts as correct when it overlaps a gold span
    of the same label; a gold span counts as found when an entity of its label overlaps it.

    Example: oubli detect-eval tests/data/notes_corpus.jsonl
    """
    from anonymizer.evaluation import evaluate, read_corpus
    from anonymizer.known_persons import KnownPerson, KnownPersons
    from anonymizer.stock import stock_analyze, stock_analyzer

    texts = list(read_corpus(corpus))
    detector = build_detector()
    runs = {
        "oubli": lambda items: detector.analyze_many(t.text for t in items),
        "oubli + known persons": lambda items: (
            detector.analyze(t.text, KnownPersons([KnownPerson(**p) for p in t.persons])) for t in items),
    }
    if stock:
        analyzer = stock_analyzer(detector.config.model)
        runs["stock presidio"] = lambda items: (stock_analyze(analyzer, t.text) for t in items)
    scores = {name: evaluate(texts, run) for name, run in runs.items()}
    if as_json:
        emit_json({name: {label: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "found": s.found,
                                  "gold": s.gold} | ({"negatives": s.negatives, "negatives_flagged": s.flagged_share}
                                                     if label == "ALL" else {})
                          for label, s in table.items()} for name, table in scores.items()})
        return
    table = Table("label", "gold", *[f"{name}\nP     R     F1" for name in scores], box=box.SIMPLE, pad_edge=False)
    for label in scores["oubli"]:
        table.add_row(label, str(scores["oubli"][label].gold),
                      *[f"{s[label].precision:.3f} {s[label].recall:.3f} {s[label].f1:.3f}" for s in scores.values()])
    console.print(table)
    if scores["oubli"]["ALL"].negatives:
        console.print("Hard negatives flagged (a finding overlaps them): " + ", ".join(
            f"{name} {s['ALL'].flagged} of {s['ALL'].negatives} ({s['ALL'].flagged_share:.3f})"
            for name, s in scores.items()), highlight=False)
    console.print(f"{len(texts)} texts. Matching: same label and overlapping spans. Stock presidio's other labels "
                  "(NRP, URL...) count against its overall precision.", highlight=False)
