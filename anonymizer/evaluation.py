"""Precision, recall and F1 per label on a labelled corpus.

Matching rule: a found entity is correct when it overlaps a gold span of the same label; a gold span
is recalled when a found entity of the same label overlaps it. Found entities with a label the
corpus never uses (stock presidio's NRP or US_DRIVER_LICENSE, say) count against overall precision.
A corpus may also list hard negatives, words that look like personal data and are not ('ASE', 'RG
24/00123', '450 €'): a negative is flagged when any found entity overlaps it, whatever its label.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from casefiles.kernel.errors import InvalidInput


@dataclass(frozen=True)
class Span:
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledText:
    id: str
    text: str
    gold: list[Span]
    persons: list[dict] = field(default_factory=list)
    negatives: list[Span] = field(default_factory=list)


@dataclass
class Score:
    found: int = 0
    correct: int = 0
    gold: int = 0
    recalled: int = 0
    # Hard negatives, counted under 'ALL' only: how many, and how many a finding overlaps.
    negatives: int = 0
    flagged: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.negatives if self.negatives else 0.0


def read_corpus(path: Path) -> Iterator[LabelledText]:
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    yield LabelledText(str(record["id"]), record["text"],
                                       [Span(e["label"], e["start"], e["end"]) for e in record["entities"]],
                                       record.get("persons", []),
                                       [Span("NEGATIVE", n["start"], n["end"]) for n in record.get("negatives", [])])
                except (ValueError, KeyError, TypeError):
                    raise InvalidInput(f"{path}, line {number}: expected a JSON object with id, text and "
                                       "entities [{label, start, end}] (negatives [{start, end}] optional)") from None
    except OSError as error:
        raise InvalidInput(f"cannot read the corpus {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"the corpus {path} is not UTF-8 text") from None


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate(corpus: Iterable[LabelledText], found_in: Callable[[list[LabelledText]], Iterable[list]]
             ) -> dict[str, Score]:
    """Scores per label and under 'ALL'; `found_in` gives the entities of each text, in order."""
    texts = list(corpus)
    scores: dict[str, Score] = {}
    gold_labels = {span.label for text in texts for span in text.gold}
    total = Score()
    for text, found in zip(texts, found_in(texts), strict=True):
        total.negatives += len(text.negatives)
        total.flagged += sum(any(_overlaps(e, n) for e in found) for n in text.negatives)
        for label in gold_labels | {e.label for e in found}:
            gold = [s for s in text.gold if s.label == label]
            mine = [e for e in found if e.label == label]
            score = scores.setdefault(label, Score())
            score.found += len(mine)
            score.correct += sum(any(_overlaps(e, s) for s in gold) for e in mine)
            score.gold += len(gold)
            score.recalled += sum(any(_overlaps(e, s) for e in mine) for s in gold)
    for score in scores.values():
        total.found += score.found
        total.correct += score.correct
        total.gold += score.gold
        total.recalled += score.recalled
    return {label: scores[label] for label in sorted(gold_labels)} | {"ALL": total}

