"""A passphrase a person can read on a letter and type on any keyboard: five groups of five lower-case
letters, drawn by `secrets` from 23 letters (no i, l nor o, which are read as 1 and 0), joined by hyphens,
as "kaxvt-pemzr-hudwc-fyqsn-begta". No digit (they need Shift on a French keyboard), no accent, no capital.
25 letters from 23: 25 x log2(23) = 113 bits of entropy, out of reach of a guessing attack on the file."""

import math
import secrets

LETTERS = "abcdefghjkmnpqrstuvwxyz"
GROUPS, GROUP_LENGTH = 5, 5
ENTROPY_BITS = math.floor(GROUPS * GROUP_LENGTH * math.log2(len(LETTERS)))


def new_passphrase() -> str:
    return "-".join("".join(secrets.choice(LETTERS) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
