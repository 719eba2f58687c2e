"""Context words: a finding is more likely when one of its recognizer's context words is among the
five words before it ('tél. 06 12 ...', 'NIR : 1 85 ...'). Whole words only, accents and case ignored.

Presidio's lemma-based enhancer needs the lemmatizer (and the tagger it relies on) and copies every
result; reading the few words before each finding in the text itself costs next to nothing."""

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

from anonymizer.text import fold

WORD = re.compile(r"\w+")
WORDS_BEFORE = 5


class PrecedingWordsContext(ContextAwareEnhancer):
    def __init__(self, boost: float = 0.35, floor: float = 0.4) -> None:
        super().__init__(context_similarity_factor=boost, min_score_with_context_similarity=floor,
                         context_prefix_count=WORDS_BEFORE, context_suffix_count=0)

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        words_of = {recognizer.id: {fold(word) for word in recognizer.context}
                    for recognizer in recognizers if recognizer.context}
        for result in raw_results:
            words = words_of.get(result.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if not words:
                continue
            before = WORD.findall(fold(text[max(0, result.start - 80):result.start]))[-WORDS_BEFORE:]
            if words.intersection(before):
                result.score = min(1.0, max(result.score + self.context_similarity_factor,
                                            self.min_score_with_context_similarity))
        return raw_results
