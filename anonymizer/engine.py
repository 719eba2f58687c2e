"""The detector: presidio's AnalyzerEngine with the French recognizers, on the French spaCy model
reduced to its entity recognizer, fed in batches through `nlp.pipe`, in one process or several.

Long texts are cut into pieces (exact offsets kept); memory stays bounded by the batch size. A command
starts it with anonymizer.start, which keeps the regular expressions its start compiles."""

import multiprocessing
from collections.abc import Iterable, Iterator

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from anonymizer.allow_list import AllowList
from anonymizer.config import DetectionConfig, load_detection_config
from anonymizer.context import PrecedingWordsContext
from anonymizer.entities import Entity
from anonymizer.known_persons import KnownPersons
from anonymizer.recognizers import build_recognizers
from anonymizer.resolve import resolve
from anonymizer.text import pieces

LANGUAGE = "fr"
# The model's labels as presidio's; MISC (events, works, nationalities) is not a person's data here.
NER_LABELS = NerModelConfiguration(model_to_presidio_entity_mapping={"PER": "PERSON", "LOC": "LOCATION",
                                                                     "ORG": "ORGANIZATION"},
                                   labels_to_ignore=["MISC"])
# Texts handed to a process at once: small enough that the processes finish together (with 64, one worked
# alone for the last task's half-second), large enough that handing them over costs nothing.
TEXTS_PER_TASK = 16
# Characters handed to spaCy at once: its memory grows with the text in flight, not with the count.
CHARACTERS_IN_FLIGHT = 50_000


def load_pipeline(model: str) -> Language:
    """Only the entity recognizer, which carries its own token-to-vector layer: no tagger, parser or
    lemmatizer (context words are read from the text, see anonymizer.context).

    Its layers' matrix products go to NumPy's BLAS (OpenBLAS) instead of thinc's default, blis: the same
    products (the same findings on the corpus), a quarter less CPU for the whole detection here
    (bench/detect_speed.py). On one thread: the cores are shared by processes (--processes), and BLAS
    threads on top of them spin for nothing."""
    threadpool_limits(1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(model, exclude=["tok2vec", "morphologizer", "tagger", "parser", "senter",
                                          "attribute_ruler", "lemmatizer"])


class Detector:
    def __init__(self, config: DetectionConfig | None = None) -> None:
        self.config = config or load_detection_config()
        self.nlp_engine = SpacyNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": self.config.model}],
                                         ner_model_configuration=NER_LABELS)
        self.nlp_engine.nlp = {LANGUAGE: load_pipeline(self.config.model)}
        registry = RecognizerRegistry(recognizers=build_recognizers(self.config), supported_languages=[LANGUAGE])
        self.analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=self.nlp_engine, supported_languages=[LANGUAGE],
            default_score_threshold=self.config.score_threshold,
            context_aware_enhancer=PrecedingWordsContext(),
        )
        self.allow_list = AllowList(self.config.allow_list, self.config.never_in_a_name)

    def analyze(self, text: str, known: KnownPersons | None = None) -> list[Entity]:
        return next(self.analyze_many([text], known))

    def analyze_many(self, texts: Iterable[str], known: KnownPersons | None = None,
                     processes: int = 1) -> Iterator[list[Entity]]:
        """The entities of each text, in order; `processes` > 1 shares the texts among processes."""
        if processes <= 1:
            yield from self._analyze_stream(texts, known)
            return
        global _WORKER
        _WORKER = (self, known)
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            for results in pool.imap(_analyze_task, _groups(texts, TEXTS_PER_TASK)):
                yield from results

    def _analyze_stream(self, texts: Iterable[str], known: KnownPersons | None) -> Iterator[list[Entity]]:
        size = self.config.chunk_characters
        numbered = ((piece, (number, offset, text)) for number, text in enumerate(texts)
                    for offset, piece in pieces(text, size))
        current, text, found = 0, None, []
        for group in _pieces_in_flight(numbered, self.config.batch_size * 4):
            for piece, artifacts, (number, offset, whole) in self.nlp_engine.process_batch(
                    group, LANGUAGE, batch_size=self.config.batch_size, as_tuples=True):
                if number != current:
                    yield self._finish(text, found, known)
                    current, found = number, []
                text = whole
                results = self.analyzer.analyze(piece, LANGUAGE, nlp_artifacts=artifacts)
                found += [Entity(r.entity_type, r.start + offset, r.end + offset, r.score,
                                 r.recognition_metadata["recognizer_name"]) for r in results]
        if text is not None:
            yield self._finish(text, found, known)

    def _finish(self, text: str, found: list[Entity], known: KnownPersons | None) -> list[Entity]:
        if known:
            found = found + known.find(text)
        return resolve(self.allow_list.keep(found, text))


_WORKER: tuple[Detector, KnownPersons | None] | None = None


def _pieces_in_flight(numbered: Iterable[tuple[str, tuple]], most: int) -> Iterator[list]:
    """Groups of at most `most` pieces and about CHARACTERS_IN_FLIGHT characters."""
    group, characters = [], 0
    for item in numbered:
        group.append(item)
        characters += len(item[0])
        if len(group) == most or characters >= CHARACTERS_IN_FLIGHT:
            yield group
            group, characters = [], 0
    if group:
        yield group


def _groups(items: Iterable, size: int) -> Iterator[list]:
    group = []
    for item in items:
        group.append(item)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def _analyze_task(texts: list[str]) -> list[list[Entity]]:
    detector, known = _WORKER
    return list(detector._analyze_stream(texts, known))
