"""FR_NIR: the social security number, validated by its key (97 - number mod 97, 2A -> 19, 2B -> 18).

Sex digit, year, month (01-12, or 20-42 and 50-99 when unknown), birthplace (département and commune,
2A/2B for Corsica, 97x/98x overseas with a 2-digit commune, 99 and a country when born abroad), order
number and key; compact, grouped with spaces or dots, or with the key apart. A number whose key is
wrong is still one where the words before say so ('NIR', 'sécurité sociale', 'carte vitale'): a
miscopied NIR identifies its holder all the same.
"""

import re

from anonymizer.recognizers.base import RegexRecognizer
from casefiles.kernel.identifiers import nir_is_valid

SEP = r"[ .\u00a0]?"
NIR = re.compile(
    rf"(?<![\w])(?P<value>[1-478]{SEP}\d{{2}}{SEP}(?:0[1-9]|1[0-2]|[2-9]\d){SEP}"
    rf"(?:(?:\d{{2}}|2[AaBb]){SEP}\d{{3}}|9[78]\d{SEP}\d{{2}}){SEP}\d{{3}}"
    rf"(?:{SEP}|\s?[-/]\s?|\s+cl[ée]\s*:?\s*)\d{{2}})(?![\w])"
)


def nir_digits(value: str) -> str:
    """'1 85 03 2A 123 456 - 78' -> '1850320A' ... without separators or words."""
    return re.sub(r"cl[ée]|[^0-9AaBb]", "", value).upper()


SAID_TO_BE_A_NIR = re.compile(r"(?i:\bnir\b|s[ée]curit[ée]\s+sociale|\bs[ée]cu\b|carte\s+vitale|\binsee\b|"
                              r"immatriculation|\bn°\s*ss\b|\bss\b)")


class NirRecognizer(RegexRecognizer):
    LABEL = "FR_NIR"
    PATTERNS = (NIR,)
    SCORE = 0.95

    def accept(self, match: re.Match, text: str) -> bool:
        return nir_is_valid(nir_digits(match.group("value"))) or bool(
            SAID_TO_BE_A_NIR.search(text[max(0, match.start() - 120):match.start()]))
