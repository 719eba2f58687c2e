"""How the detector starts, faster than spaCy's and presidio's defaults and to the same findings: the regular
expressions its start compiles kept in the data folder (anonymizer.compiled_patterns), each program the one
Python compiles; the entity recognizer's matrix products on NumPy's BLAS rather than blis."""

import re
from functools import partial
from pathlib import Path

import regex
import spacy
from thinc.api import use_ops

from anonymizer import compiled_patterns
from anonymizer.compiled_patterns import PatternFiles
from anonymizer.engine import LANGUAGE, Detector, load_pipeline
from anonymizer.evaluation import read_corpus
from anonymizer.known_persons import KnownPerson, KnownPersons
from anonymizer.start import started_detector
from casefiles.crypto.private_files import write_private

MODEL = "fr_core_news_sm"
CORPUS = Path(__file__).parent.parent / "data" / "notes_corpus.jsonl"


def tokenizer_programs(detector: Detector) -> list[re.Pattern]:
    tokenizer = detector.nlp_engine.nlp[LANGUAGE].tokenizer
    return [tokenizer.prefix_search.__self__, tokenizer.suffix_search.__self__, tokenizer.infix_finditer.__self__,
            tokenizer.token_match.__self__, tokenizer.url_match.__self__]


def compiles(monkeypatch) -> set[tuple[str, str]]:
    """The patterns `re` and `regex` compile from now on (what they do when their cache has nothing)."""
    compiled: set[tuple[str, str]] = set()
    compile_re, parse_regex = re._compiler.compile, regex._main._parse_pattern
    monkeypatch.setattr(re._compiler, "compile", lambda pattern, flags=0: compiled.add(("re", pattern))
                        or compile_re(pattern, flags))
    monkeypatch.setattr(regex._main, "_parse_pattern", lambda source, info: compiled.add(("regex", source.string))
                        or parse_regex(source, info))
    return compiled


def test_a_detector_started_from_kept_patterns_compiles_none_of_them_and_finds_the_same(tmp_path, monkeypatch):
    re.purge()  # the reference compiles everything anew, as every start did before
    reference = Detector()
    files = PatternFiles(tmp_path / "cache", partial(write_private, replace=True))
    first = started_detector(files)
    [kept] = (tmp_path / "cache").iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.name.startswith("compiled-patterns-cpython-3.")
    kept_patterns = {(engine, pattern) for engine, pattern, _, _ in compiled_patterns._read(kept)}
    assert {("re", program.pattern) for program in tokenizer_programs(reference)} <= kept_patterns

    compiled = compiles(monkeypatch)
    re.purge()
    regex.purge()
    detector = started_detector(files)
    # Patterns compare equal when their compiled programs do: compiled anew, and read back.
    assert tokenizer_programs(detector) == tokenizer_programs(reference) == tokenizer_programs(first)
    assert compiled and not kept_patterns & compiled

    texts = [t.text for t in read_corpus(CORPUS)]
    assert list(detector.analyze_many(texts)) == list(reference.analyze_many(texts))


def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path):
    files = PatternFiles(tmp_path / "cache", partial(write_private, replace=True))
    started_detector(files)
    [kept] = (tmp_path / "cache").iterdir()
    good = kept.read_bytes()
    kept.write_bytes(good[:40] + bytes([good[40] ^ 1]) + good[41:])  # one bit: the digest no longer matches
    detector = started_detector(files)
    assert kept.read_bytes() == good
    assert [e.label for e in detector.analyze("Tél. 06 12 34 56 78")] == ["PHONE_NUMBER"]


def test_a_case_participants_names_never_reach_the_file(tmp_path):
    """Their patterns are compiled for a text, after the start: never recorded, even by a later start."""
    files = PatternFiles(tmp_path / "cache", partial(write_private, replace=True))
    detector = started_detector(files)
    known = KnownPersons([KnownPerson("p1", "mère", "Quatrevingtdouze", "Zéphyrine")])
    assert "PERSON" in {e.label for e in detector.analyze("Vu Mme Zéphyrine Quatrevingtdouze ce jour.", known)}
    started_detector(files)
    [kept] = (tmp_path / "cache").iterdir()
    assert b"Quatrevingtdouze" not in kept.read_bytes() and "Zéphyrine".encode() not in kept.read_bytes()


def test_a_folder_that_cannot_be_written_only_costs_the_compiling(tmp_path):
    def refuse(path, content):
        raise PermissionError("read-only")

    detector = started_detector(PatternFiles(tmp_path / "cache", refuse))
    assert [e.label for e in detector.analyze("Tél. 06 12 34 56 78")] == ["PHONE_NUMBER"]


def test_without_the_engines_caches_nothing_is_kept_and_the_detector_starts(tmp_path, monkeypatch):
    """A Python or a regex whose private caches moved: compiled as before, no file."""
    monkeypatch.setattr(compiled_patterns, "CACHES_THERE", False)
    detector = started_detector(PatternFiles(tmp_path / "cache", partial(write_private, replace=True)))
    assert [e.label for e in detector.analyze("Tél. 06 12 34 56 78")] == ["PHONE_NUMBER"]
    assert not (tmp_path / "cache").exists()


def test_the_entity_recognizer_on_numpys_blas_finds_what_it_finds_on_blis():
    texts = [t.text for t in read_corpus(CORPUS)]
    with use_ops("numpy"):  # thinc's default: blis
        on_blis = spacy.load(MODEL, exclude=["tok2vec", "morphologizer", "tagger", "parser", "senter",
                                             "attribute_ruler", "lemmatizer"])
    on_numpy = load_pipeline(MODEL)
    assert on_numpy.get_pipe("ner").model.ops.use_blis is False and on_blis.get_pipe("ner").model.ops.use_blis

    def entities(nlp):
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    assert entities(on_numpy) == entities(on_blis)
