"""FR_CAF_NUMBER: a family-allowance (CAF or MSA) file number, seven digits, only where the words
around say so: 'allocataire', 'CAF', 'MSA', 'n° de dossier CAF'. Seven digits alone are not one."""

import re

from anonymizer.recognizers.base import RegexRecognizer

CAF = re.compile(
    r"\b(?:allocataires?\b|alloc\.|caf\b|msa\b)[^\d\n.;]{0,40}?"
    r"(?<![\d/])(?P<value>\d{7}|\d{3}[ .]\d{2}[ .]\d{2})(?![\d/])",
    re.IGNORECASE,
)


class CafNumberRecognizer(RegexRecognizer):
    LABEL = "FR_CAF_NUMBER"
    PATTERNS = (CAF,)
    SCORE = 0.85
