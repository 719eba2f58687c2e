"""PHONE_NUMBER: French numbers as people write them, never the short ones (119, 115, 17, 3919).

National: ten digits starting 0[1-9], in pairs separated by spaces, dots or dashes, or not at all
(overseas numbers are national numbers too: 0262, 0692, 0590...). International: +33, 0033 or
+33 (0) before nine digits; overseas country codes (+262, +590, +594, +596, +269, +508, +681, +687,
+689) before six to nine digits.
"""

import re

from anonymizer.recognizers.base import RegexRecognizer

PAIR = r"[ .\-\u00a0]?\d{2}"
PHONE = re.compile(
    r"(?<![\w+])(?P<value>"
    rf"0[1-9](?:{PAIR}){{4}}"
    rf"|(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9](?:{PAIR}){{4}}"
    r"|(?:\+|00)\s?(?:262|269|508|590|594|596|681|687|689)\s?(?:\(0\)\s?)?\d{2,3}(?:[ .\-]?\d{2,3}){1,3}"
    r")(?![\w])"
)


class FrenchPhoneRecognizer(RegexRecognizer):
    LABEL = "PHONE_NUMBER"
    PATTERNS = (PHONE,)
    SCORE = 0.8

    def accept(self, match: re.Match, text: str) -> bool:
        digits = re.sub(r"\D", "", match.group("value"))
        return 9 <= len(digits) <= 14
