"""EMAIL_ADDRESS: presidio's recognizer, with the domain checked against the public suffix list
bundled with tldextract, so nothing is downloaded at run time."""

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer as PresidioEmailRecognizer

# No URL to fetch: tldextract falls back to the snapshot shipped inside the package.
OFFLINE_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(PresidioEmailRecognizer):
    def __init__(self, context: list[str] | None = None) -> None:
        super().__init__(context=context, supported_language="fr")

    def validate_result(self, pattern_text: str) -> bool:
        return OFFLINE_SUFFIXES(pattern_text).fqdn != ""
