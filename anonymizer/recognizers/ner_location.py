"""LOCATION from the French model: towns, regions, countries (where a family lives, where a child
was born), when a preposition of place comes before ('à Muret', 'née en Algérie'): the small model
also calls first names and sentence-initial words places. An address or a name wins over it. The
model's span is cut to the place: not the service before it ('MDS de Colomiers', 'UEMO Toulouse-Sud'
give the town), nor what follows a line break or a dash ('Montauban – Urgences')."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.first_names import is_first_name
from anonymizer.lexicons import is_listed_place
from anonymizer.recognizers.base import FrenchRecognizer, finding
from anonymizer.recognizers.fr_person import AT_SOMEONE, TO_SOMEONE
from anonymizer.recognizers.fr_place import OF, SERVICES, may_be_a_place

SCORE = 0.6
PLACE_PREPOSITION = re.compile(r"(?i:\b(?:à|a|en|au|aux|de|d'|d’|vers|sur|près de|depuis|originaire de|habite))\s?$")
# An acronym or a service's name before the town: 'MDS de ', 'ASE du ', 'UEMO ', 'Service social de '
SERVICE_BEFORE_THE_TOWN = re.compile(rf"^(?:[A-ZÀ-Þ]{{2,}}\w*|(?i:{SERVICES})|(?i:service|maison|centre|pôle|antenne)"
                                     rf"[\w' ]*?)(?:\s+{OF}\s?|\s+)(?=[A-ZÀ-Þ])")
BREAK = re.compile(r"\n|\s[–-]\s")


class NerLocationRecognizer(FrenchRecognizer):
    LABEL = "LOCATION"

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for span in nlp_artifacts.entities if nlp_artifacts else ():
            start, end = span.start_char, span.end_char
            if span.label_ != "LOCATION" or not span.text[:1].isupper() or span.text.isupper() \
                    or not PLACE_PREPOSITION.search(text[max(0, start - 16):start]):
                continue
            if " " not in span.text and is_first_name(span.text, True) and (
                    re.search(r"(?i:\bd['’])$", text[max(0, start - 2):start])
                    or TO_SOMEONE.search(text[max(0, start - 50):start])
                    or (AT_SOMEONE.search(text, max(0, start - 4), start) and not is_listed_place(span.text))):
                continue  # 'l'otite d'Emre', 'je transmets à Clémence', 'des coups à Kévin' (not 'à Florence')
            cut = BREAK.search(text, start, end)
            end = cut.start() if cut else end
            service = SERVICE_BEFORE_THE_TOWN.match(text[start:end])
            start += service.end() if service else 0
            if end > start and may_be_a_place(text[start:end]):  # not 'en France', 'sur Instagram'
                found.append(finding(self, "LOCATION", start, end, SCORE))
        return found
