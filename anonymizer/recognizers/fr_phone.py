"""PHONE_NUMBER: French and international numbers as people write them, never the short ones (119,
115, 17, 3919), amounts, dates or court numbers.

National: ten digits starting 0[1-9], in pairs separated by spaces, dots or dashes, or not at all
(overseas numbers are national numbers too: 0262, 0692, 0590...). International: a country code after
'+' (+33, +34, +221, +380, +509...), or after '00' for the codes of the countries families here come
from, then the number in groups of one to four digits, '(0)' allowed after the code: seven to twelve
digits after the code, as the numbering plans of those countries give.
"""

import re

from anonymizer.recognizers.base import RegexRecognizer

PAIR = r"[ .\-\u00a0]?\d{2}"
GROUP = r"[ .\-\u00a0]?\d{1,4}"
# After '00' (which also starts many other numbers): Europe, the Maghreb, West and Central Africa, the
# Indian Ocean, Turkey, Vietnam, Haiti, the Americas.
CODES_AFTER_00 = ("1", "7", "3[0-469]", "35[0-9]", "37[0-9]", "38[0-9]", "4[013-9]", "42[01]", "44", "49", "90",
                  "84", "2[0-9]{2}", "509", "55", "86", "91", "92", "93", "98")
PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .])(?P<value>"
    rf"0[1-9](?:{PAIR}){{4}}"
    rf"|(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9](?:{PAIR}){{4}}"
    rf"|(?:\+\s?[1-9]\d{{0,2}}|\(\+\s?[1-9]\d{{0,2}}\)|00\s?(?:{'|'.join(CODES_AFTER_00)}))"
    rf"[ .\-\u00a0]?(?:\(0\)\s?)?\d{{1,4}}(?:{GROUP}){{1,5}}"
    r")(?![\w])"
)


class FrenchPhoneRecognizer(RegexRecognizer):
    LABEL = "PHONE_NUMBER"
    PATTERNS = (PHONE,)
    SCORE = 0.8

    def accept(self, match: re.Match, text: str) -> bool:
        value = match.group("value")
        digits = re.sub(r"\D", "", value.replace("(0)", ""))
        if value[0] == "0" and value[1] != "0":
            return len(digits) == 10
        return 9 <= len(digits) <= 15
