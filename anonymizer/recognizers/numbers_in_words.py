"""French numbers in words as notes write them, with a hyphen or a space ('dix-sept' and 'dix sept', 'vingt et
un', 'trente-deux'): the ages' and the dates' rules read them alike."""

UNITS = r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf)"
TEENS = r"(?:dix[ -]sept|dix[ -]huit|dix[ -]neuf|dix|onze|douze|treize|quatorze|quinze|seize)"
TENS = r"(?:vingt|trente|quarante|cinquante|soixante)"
# From one to sixty-nine: 'un', 'seize', 'vingt et un', 'trente-deux', 'soixante-dix-neuf' aside
NUMBER_IN_WORDS = rf"(?:{TENS}(?:[ -]et[ -]un|[ -](?:{TEENS}|{UNITS}))?|{TEENS}|{UNITS}|une?)"
# A month's day: 'premier', 'deux' ... 'trente et un'
DAY_IN_WORDS = rf"(?:premier|vingt(?:[ -]et[ -]un|[ -]{UNITS})?|trente(?:[ -]et[ -]un)?|{TEENS}|{UNITS})"
# 'deux mille', 'deux mille vingt-six'
YEAR_IN_WORDS = rf"deux[ -]mille(?:[ -]{NUMBER_IN_WORDS})?"
